// The flood of the next tick computed ahead of time, on a copy of the hazard part of a world (for a worker thread:
// server/workers/flood-worker.ts). The result is only a candidate: the world's own step takes it through its
// FloodShare (hazard-group.ts) when, and only when, the grid it reaches before the water moves is bit for bit the
// grid the candidate started from; otherwise the step computes the flood itself. Pure, like the rest of the engine.
import { advanceFlood } from './flood.ts';
import { cloneFloodState, type FloodState } from './hazard-group.ts';
import type { Scenario } from './scenario.ts';
import { hazardPhase } from './tick.ts';
import type { World } from './world-state.ts';

/** What hazardPhase (tick.ts) reads and writes, and the flood grid. */
export type HazardPart = Pick<World, 'tick' | 'flood' | 'embankments' | 'hazards' | 'fieldsTick' | 'seaLevelOffset' | 'events'>;

/** The hazard part of a world, by reference (structured-clone it, e.g. with postMessage, before working on it). */
export function hazardPart(w: World): HazardPart {
  return { tick: w.tick, flood: w.flood, embankments: w.embankments, hazards: w.hazards, fieldsTick: w.fieldsTick, seaLevelOffset: w.seaLevelOffset, events: [] };
}

export interface FloodAhead {
  /** The tick whose flood this is (the world's tick before its step). */
  tick: number;
  dt: number;
  seaLevel: number;
  pre: FloodState;
  post: FloodState;
}

/** Runs the next tick's hazard phase and flood advance on `part` (which it changes). */
export function floodAhead(part: HazardPart, scenario: Scenario): FloodAhead {
  const w = { ...part, scenario } as World;
  const tick = w.tick;
  const { dt, seaLevel } = hazardPhase(w);
  const pre = cloneFloodState(w.flood);
  advanceFlood(w.flood, dt, seaLevel);
  return { tick, dt, seaLevel, pre, post: cloneFloodState(w.flood) };
}
