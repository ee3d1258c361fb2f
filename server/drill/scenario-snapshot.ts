// A scenario frozen as a drill started with it: the parsed scenario and MSEL as canonical JSON (typed arrays as
// base64, non-finite numbers spelled out), identified by the sha256 of that JSON (its content hash). A drill keeps
// the hash and replays from the stored snapshot, never from the folder, so editing scenarios/<id>/ or deploying a
// new map changes only drills created afterwards. See docs/architecture.md#versions.
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { LoadedScenario } from '../scenario/load-scenario.ts';

/** Bump when the encoding below changes (old snapshots keep decoding with the branch for their format). */
const SNAPSHOT_FORMAT = 1;

const TYPED = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray,
} as const;
type TypedName = keyof typeof TYPED;

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedName;
    if (!(name in TYPED)) throw new Error(`scenario snapshot: cannot encode a ${name}`);
    return { $typed: name, b64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object') {
    const v = value as { $num?: string; $typed?: TypedName; b64?: string };
    if (typeof v.$num === 'string' && Object.keys(v).length === 1) return Number(v.$num);
    if (typeof v.$typed === 'string' && typeof v.b64 === 'string' && Object.keys(v).length === 2) {
      const bytes = Buffer.from(v.b64, 'base64');
      const Ctor = TYPED[v.$typed];
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      return new Ctor(copy.buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
    }
  }
  return value;
}

export interface ScenarioSnapshot {
  /** sha256 (hex) of the canonical JSON: the scenario content hash recorded in the log and keyframes. */
  hash: string;
  /** The canonical JSON, deflated: what the store keeps. */
  body: Buffer;
}

/** The canonical JSON of what the engine and the drill read from a loaded scenario (not its folder path). */
export function canonicalScenarioJson(loaded: LoadedScenario): string {
  return JSON.stringify({ format: SNAPSHOT_FORMAT, scenario: loaded.scenario, msel: loaded.msel }, replacer);
}

export function snapshotScenario(loaded: LoadedScenario): ScenarioSnapshot {
  const json = canonicalScenarioJson(loaded);
  return { hash: createHash('sha256').update(json).digest('hex'), body: deflateRawSync(Buffer.from(json)) };
}

/** The scenario a snapshot holds; `dir` is only informative (the folder it came from, if any). */
export function restoreScenario(body: Buffer, dir = ''): LoadedScenario {
  const parsed = JSON.parse(inflateRawSync(body).toString('utf8'), reviver) as { format: number; scenario: LoadedScenario['scenario']; msel: LoadedScenario['msel'] };
  if (parsed.format !== SNAPSHOT_FORMAT) throw new Error(`scenario snapshot format ${parsed.format} is not known to this server (expected ${SNAPSHOT_FORMAT})`);
  return { scenario: parsed.scenario, msel: parsed.msel, dir };
}
