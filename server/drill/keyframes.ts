// Keyframes: every world of a drill plus the drill's own derived records at one tick, so recovery replays at most
// KEYFRAME_EVERY ticks of log. A keyframe is a cache, never the truth (the log is): it carries a header with the
// engine version and the scenario content hash, and one written by another engine or for another scenario is
// discarded (the drill then replays from tick 0). Layout: "GKF" + format byte, u32 header length, header JSON,
// then the body: each world and the drill's records deflated on their own (format 2; a format-1 keyframe, one
// deflate over everything, is not read: the drill replays from its log). See docs/architecture.md#versions.
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { assertKeyframeInterval, ENGINE_VERSION, restore, snapshot, type Scenario, type World, type WorldSnapshot } from '../sim/index.ts';

/** A keyframe is written this often (ticks). A multiple of the engine's KEYFRAME_TICK_MULTIPLE, so route caches need
 *  not be saved (checked at load below and in test/unit/sim/determinism.test.ts). */
export const KEYFRAME_EVERY = 30;
/** Drills write their keyframes at one of these offsets (from their join code), so drills started together do
 *  not all write at the same second (each write blocks the event loop for tens of milliseconds). Multiples of
 *  ROUTE_REFRESH_TICKS too. */
export const KEYFRAME_PHASES = [0, 10, 20];
assertKeyframeInterval(KEYFRAME_EVERY, ...KEYFRAME_PHASES);

const MAGIC = [0x47, 0x4b, 0x46]; // "GKF"
/** 2: parts deflated one by one, so writing a keyframe never holds the whole drill serialised at once (a 5-world
 *  drill of pariaman-rob is ≈ 7 MB serialised; a buffer per world is ≈ 1.4 MB), see docs/load.md#memory. */
const FORMAT = 2;

export interface KeyframeHeader {
  engineVersion: number;
  scenarioHash: string;
  tick: number;
}

// ---- the engine's part: one world to bytes and back, through the engine's versioned snapshot/restore ----

function snapshotWorld(w: World, scenarioHash: string): Buffer {
  return serialize(snapshot(w, { scenarioHash }));
}

function restoreWorld(bytes: Buffer, scenario: Scenario, scenarioHash: string): World {
  return restore(deserialize(bytes) as WorldSnapshot, scenario, { scenarioHash });
}

// ---- the keyframe ----

/**
 * A keyframe taken in stages, so the drill host can answer requests between them: `captureKeyframe` copies the state
 * at once (v8 serialisation, ~2 ms for five Pariaman worlds), `packNext` deflates one part per call (~5 ms a world:
 * most of a keyframe's cost), `finish` joins them. The state cannot move between stages: what is packed was copied.
 */
export class KeyframeJob {
  private readonly packed: Buffer[] = [];
  private constructor(readonly header: KeyframeHeader, private readonly ids: string[], private readonly raw: Buffer[]) {}

  static capture<M>(header: KeyframeHeader, worlds: Map<string, World>, memory: M): KeyframeJob {
    // The world parts first, the drill's records last.
    return new KeyframeJob(header, [...worlds.keys()], [...[...worlds.values()].map((w) => snapshotWorld(w, header.scenarioHash)), serialize(memory)]);
  }

  get done(): boolean { return this.packed.length === this.raw.length; }

  /** Deflates the next part; true when every part is packed. */
  packNext(): boolean {
    if (!this.done) this.packed.push(deflateRawSync(this.raw[this.packed.length], { level: 1 }));
    return this.done;
  }

  finish(): Buffer {
    while (!this.packNext());
    // Deflated: typed arrays full of zeros and repeats shrink about 8× (1.4 MB → 0.2 MB for a Pariaman world).
    const body = serialize({ worlds: this.ids.map((id, k) => [id, this.packed[k]]), memory: this.packed[this.ids.length] });
    const head = Buffer.from(JSON.stringify(this.header));
    const pre = Buffer.alloc(8);
    pre.set(MAGIC, 0);
    pre[3] = FORMAT;
    pre.writeUInt32LE(head.length, 4);
    return Buffer.concat([pre, head, body]);
  }
}

export function encodeKeyframe<M>(header: KeyframeHeader, worlds: Map<string, World>, memory: M): Buffer {
  return KeyframeJob.capture(header, worlds, memory).finish();
}

/** The header, or null when the blob is not a keyframe this server can read (older format, torn write). */
export function readKeyframeHeader(blob: Buffer): KeyframeHeader | null {
  if (blob.length < 8 || blob[0] !== MAGIC[0] || blob[1] !== MAGIC[1] || blob[2] !== MAGIC[2] || blob[3] !== FORMAT) return null;
  const len = blob.readUInt32LE(4);
  if (8 + len > blob.length) return null;
  try {
    const h = JSON.parse(blob.subarray(8, 8 + len).toString('utf8')) as KeyframeHeader;
    return typeof h.engineVersion === 'number' && typeof h.scenarioHash === 'string' && typeof h.tick === 'number' ? h : null;
  } catch {
    return null;
  }
}

/** Whether a keyframe may be loaded by this engine for this scenario; otherwise the drill replays from its log. */
export function keyframeUsable(blob: Buffer, scenarioHash: string): boolean {
  const h = readKeyframeHeader(blob);
  return h !== null && h.engineVersion === ENGINE_VERSION && h.scenarioHash === scenarioHash;
}

export function decodeKeyframe<M>(blob: Buffer, scenario: Scenario): { header: KeyframeHeader; worlds: Map<string, World>; memory: M } {
  const header = readKeyframeHeader(blob);
  if (!header) throw new Error('not a keyframe of this format');
  const len = blob.readUInt32LE(4);
  const body = deserialize(blob.subarray(8 + len)) as { worlds: [string, Uint8Array][]; memory: Uint8Array };
  const unpack = (b: Uint8Array) => inflateRawSync(b);
  return {
    header,
    worlds: new Map(body.worlds.map(([id, bytes]) => [id, restoreWorld(unpack(bytes), scenario, header.scenarioHash)])),
    memory: deserialize(unpack(body.memory)) as M,
  };
}
