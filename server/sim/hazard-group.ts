// One flood computation for the parallel worlds of a drill that see the same hazard. Every team's world starts
// from the same scenario and seed, and team commands do not touch the water, so until a world gets a hazard of its
// own (a surge inject, a landslide, a facility flooded by hand) its flood grid is bit for bit the same as its
// neighbours'. The flood advance is a pure function of the grid and (Δt, sea level), so when a world asks for an
// advance whose input equals, bit for bit, one already computed this tick, it takes that result instead of
// computing it again. A world whose hazard diverged simply misses and computes its own; from then on it forms its
// own group (copy on divergence, with no bookkeeping of hazard keys that could go stale). Identical results by
// construction: unit test test/unit/hazard-group.test.ts compares state hashes with worlds stepped alone.
import { advanceFlood, type FloodGrid } from './flood.ts';

type State = { [key: string]: unknown };
/** A deep copy of a flood grid's state (its kernel buffer once, without the views into it). */
export type FloodState = State;

interface Entry {
  dt: number;
  seaLevel: number;
  pre: State;
  post: State;
}

/** Shares flood advances between the worlds of one drill. Pass it to step() (tick.ts) for each of them. */
export interface FloodShare {
  advance(g: FloodGrid, dt: number, seaLevel: number): void;
  /** Forgets every kept advance (all worlds have moved past them), so a drill holds none between ticks. */
  clear(): void;
  /** Advances kept now (each holds two copies of the grid: before and after). */
  readonly held: number;
  /** computed here; taken from a groupmate. */
  readonly stats: { computed: number; shared: number };
}

/** Distinct flood states kept per tick: one per hazard group still sharing (two diverged teams and the rest). */
const DEFAULT_ENTRIES = 3;

export function createFloodShare(maxEntries = DEFAULT_ENTRIES): FloodShare {
  const entries: Entry[] = [];
  // States of dropped entries, written over by the next copies instead of allocating ~1 MB of typed arrays twice a
  // tick per drill (that churn made the server's resident memory climb through a run).
  const spare: State[] = [];
  const recycle = (e: Entry) => { if (spare.length < 2 * maxEntries) spare.push(e.pre, e.post); };
  const trim = () => { while (entries.length > maxEntries) recycle(entries.pop()!); };
  const stats = { computed: 0, shared: 0 };
  return {
    stats,
    get held() { return entries.length; },
    clear() {
      for (const e of entries) recycle(e);
      entries.length = 0;
    },
    advance(g, dt, seaLevel) {
      for (const e of entries) {
        if (Object.is(e.dt, dt) && Object.is(e.seaLevel, seaLevel) && sameState(g, e.pre, g.all.buffer)) {
          applyState(g, e.post, g.all.buffer);
          stats.shared++;
          return;
        }
      }
      const pre = cloneState(g, g.all.buffer, spare.pop());
      advanceFlood(g, dt, seaLevel);
      stats.computed++;
      entries.unshift({ dt, seaLevel, pre, post: cloneState(g, g.all.buffer, spare.pop()) });
      trim();
    },
  };
}

const isTyped = (v: unknown): v is Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array =>
  ArrayBuffer.isView(v) && !(v instanceof DataView);

/** A deep copy of the grid's state. Typed arrays that are views into the kernel buffer (`kernel`) are not copied
 *  apart: they travel inside the copy of the buffer's own array. With `into` (a state no longer used), its typed
 *  arrays of the right type and length are written over instead of allocated. */
function cloneState(o: object, kernel: ArrayBufferLike, into?: State): State {
  const out: State = into ?? {};
  if (into) for (const k of Object.keys(into)) if (!Object.hasOwn(o, k)) delete into[k];
  for (const [k, v] of Object.entries(o)) {
    const prev = into?.[k];
    if (isTyped(v)) {
      if (v.buffer === kernel && !(v.byteOffset === 0 && v.byteLength === kernel.byteLength)) { delete out[k]; continue; }
      if (isTyped(prev) && prev.length === v.length && prev.constructor === v.constructor) (prev as Float64Array).set(v as Float64Array);
      else out[k] = v.slice();
    } else if (Array.isArray(v)) out[k] = v.map((x) => (x && typeof x === 'object' ? cloneState(x, kernel) : x));
    else if (v && typeof v === 'object') {
      const reuse = prev && typeof prev === 'object' && !isTyped(prev) && !Array.isArray(prev) ? (prev as State) : undefined;
      out[k] = cloneState(v, kernel, reuse);
    } else out[k] = v;
  }
  return out;
}

/** Bit-for-bit equality of two typed arrays (so -0 and 0, or two NaNs with different payloads, count as different). */
function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength || a.constructor !== b.constructor) return false;
  const n = a.byteLength;
  if (n % 4 === 0 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const x = new Int32Array(a.buffer, a.byteOffset, n / 4), y = new Int32Array(b.buffer, b.byteOffset, n / 4);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  const x = new Uint8Array(a.buffer, a.byteOffset, n), y = new Uint8Array(b.buffer, b.byteOffset, n);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}

function sameState(o: object, s: State, kernel: ArrayBufferLike): boolean {
  const keys = Object.keys(o);
  let n = 0;
  for (const k of keys) {
    const v = (o as State)[k];
    if (isTyped(v) && v.buffer === kernel && !(v.byteOffset === 0 && v.byteLength === kernel.byteLength)) continue;
    n++;
    const w = s[k];
    if (isTyped(v)) { if (!isTyped(w) || !sameBits(v, w)) return false; }
    else if (Array.isArray(v)) {
      if (!Array.isArray(w) || w.length !== v.length) return false;
      for (let i = 0; i < v.length; i++) {
        const a = v[i], b = w[i];
        if (a && typeof a === 'object') { if (!b || typeof b !== 'object' || !sameState(a, b as State, kernel)) return false; }
        else if (!Object.is(a, b)) return false;
      }
    } else if (v && typeof v === 'object') { if (!w || typeof w !== 'object' || !sameState(v, w as State, kernel)) return false; }
    else if (!Object.is(v, w)) return false;
  }
  return n === Object.keys(s).length;
}

/** Writes a state into the grid in place (typed arrays keep their identity when their length is unchanged, so the
 *  kernel views into `all` stay valid). */
function applyState(o: object, s: State, kernel: ArrayBufferLike): void {
  const t = o as State;
  for (const [k, w] of Object.entries(s)) {
    const v = t[k];
    if (isTyped(w)) {
      if (isTyped(v) && v.length === w.length && v.constructor === w.constructor) (v as Float64Array).set(w as Float64Array);
      else t[k] = w.slice();
    } else if (Array.isArray(w)) t[k] = w.map((x) => (x && typeof x === 'object' ? cloneState(x, kernel) : x));
    else if (w && typeof w === 'object') {
      if (v && typeof v === 'object' && !isTyped(v) && !Array.isArray(v)) applyState(v, w as State, kernel);
      else t[k] = cloneState(w, kernel);
    } else t[k] = w;
  }
}
