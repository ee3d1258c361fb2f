// The one view-diff module, used by both sides: the server makes a delta from the view it last sent to the view now
// (diffViews), the client applies it to the view it holds (applyDelta). Every delta names the tick it builds on
// (baseTick); a client holding another tick has missed a frame (a gap) and asks for a snapshot (C2S view:resync)
// instead of applying it. Water travels as changed cells (water-codec.ts), the other parts whole when they changed.
// No Node API: the browser bundles this. Documented in docs/protocol.md#views.
import type { TeamView, ViewDelta } from './events.ts';
import { packWater, unpackWater } from './water-codec.ts';

/** A cell's sent depth changes only when the water has moved at least this far (decimetres) from it, so a depth
 *  hovering at a rounding boundary does not flicker, and cost bytes, every tick. */
export const WATER_HYSTERESIS_DM = 0.75;

/** The projection a team receives, plus the raw water bytes kept for diffing. */
export interface ProjectedView {
  view: TeamView;
  /** Decimetres per cell as the client has them (after hysteresis, see diffViews). */
  water: Uint8Array;
  /** Exact depth in decimetres (sea cells 0), for the hysteresis. */
  waterDm: Float32Array;
}

/** Keys of a view that are not parts (identity, clock, the water grid sent as cells). */
const NOT_PARTS = new Set(['teamId', 'tick', 'baseTick', 'water']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * What changed from `prev` (what the client has) to `next`: every part of the view that differs, whole, and water as
 * packed changed cells. A cell is sent only when its depth moved WATER_HYSTERESIS_DM or more from the value the
 * client has; otherwise `next` keeps the client's value, so `next.water` stays exactly what the client holds.
 * New parts of TeamView are diffed without a change here.
 */
export function diffViews(prev: ProjectedView, next: ProjectedView): ViewDelta {
  const d: ViewDelta = { teamId: next.view.teamId, tick: next.view.tick, baseTick: prev.view.tick };
  const water: number[] = [];
  for (let i = 0; i < next.water.length; i++) {
    if (next.water[i] === prev.water[i]) continue;
    if (Math.abs(next.waterDm[i] - prev.water[i]) < WATER_HYSTERESIS_DM && next.water[i] !== 0) next.water[i] = prev.water[i];
    else water.push(i, next.water[i]);
  }
  if (water.length) d.water = encodeBase64(packWater(water));
  const a = prev.view as unknown as Record<string, unknown>, b = next.view as unknown as Record<string, unknown>;
  const out = d as unknown as Record<string, unknown>;
  for (const k of Object.keys(b)) if (!NOT_PARTS.has(k) && !same(a[k], b[k])) out[k] = b[k];
  return d;
}

export type ApplyResult =
  | { status: 'applied'; cells: number[] }
  /** Older than what the client holds (e.g. a frame sent before a fresh snapshot): ignored. */
  | { status: 'stale' }
  /** Builds on a tick the client does not hold: a frame was missed; ask for a snapshot (view:resync). */
  | { status: 'gap'; have: number; base: number };

/**
 * Applies a delta to the view and water grid the client holds (both changed in place). A delta without baseTick
 * (made up by the client itself, e.g. the debrief's replay) is applied unless it is older than the view.
 */
export function applyDelta(view: TeamView, water: Uint8Array, d: ViewDelta): ApplyResult {
  if (d.baseTick !== undefined && d.baseTick !== view.tick) {
    return d.tick <= view.tick ? { status: 'stale' } : { status: 'gap', have: view.tick, base: d.baseTick };
  }
  if (d.tick < view.tick) return { status: 'stale' };
  view.tick = d.tick;
  const cells: number[] = [];
  if (d.water) {
    unpackWater(decodeBase64(d.water), (c, dm) => {
      if (c < water.length) { water[c] = dm; cells.push(c); }
    });
  }
  const v = view as unknown as Record<string, unknown>;
  for (const [k, x] of Object.entries(d)) if (!NOT_PARTS.has(k) && x !== undefined) v[k] = x;
  return { status: 'applied', cells };
}
