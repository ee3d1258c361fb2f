// The tick order of one world, in one place. Every mechanism lives in its own module; this file only says in which
// order they run. Pure and deterministic: same world + same commands ⇒ same next world (docs/architecture.md).
import type { Command } from './command.ts';
import { applyCommand } from './commands/index.ts';
import { checkEmbankments, setSources } from './drivers.ts';
import { recordExposure } from './exposure.ts';
import { rebuildFields } from './fields.ts';
import { advanceFlood } from './flood.ts';
import type { FloodShare } from './hazard-group.ts';
import { stepBreaches, stepDebrisDeposits, stepDebrisFlow, stepHealthFacilities, stepLandslides } from './hazards.ts';
import { noteFlooding } from './flooding.ts';
import { stepHouseholds } from './movement.ts';
import { ROUTE_REFRESH_TICKS, stepUnits } from './ngo.ts';
import { interpolate } from './series.ts';
import { stepShelters } from './shelter.ts';
import { stepSocial } from './social.ts';
import { FIELD_REFRESH_TICKS, HAZARD_DEPTH, HAZARD_DEPTH_VELOCITY, type World, type WorldEvent } from './world-state.ts';

/**
 * Snapshots (keyframes) may be taken only at ticks that are multiples of this: unit route fields are a cache left
 * out of snapshots and rebuilt on windows of ROUTE_REFRESH_TICKS, so a world restored at a window start rebuilds
 * exactly the fields the live world had. `snapshot()` refuses other ticks; keyframe intervals must be multiples.
 */
export const KEYFRAME_TICK_MULTIPLE = ROUTE_REFRESH_TICKS;

/** Throws unless `every` (ticks, and any phase offset) keeps keyframes on multiples of KEYFRAME_TICK_MULTIPLE. */
export function assertKeyframeInterval(every: number, ...phases: number[]): void {
  for (const n of [every, ...phases]) {
    if (!Number.isInteger(n) || n % KEYFRAME_TICK_MULTIPLE !== 0) {
      throw new Error(`keyframe interval/phase ${n} must be a multiple of ${KEYFRAME_TICK_MULTIPLE} ticks (ROUTE_REFRESH_TICKS)`);
    }
  }
}

/**
 * The start of a tick, before the water moves: embankments, breaches, river and rain sources. Reads and writes only
 * the hazard part of the world (flood grid, embankments, hazards, fieldsTick, events). Returns the flood advance's
 * Δt and sea level.
 */
export function hazardPhase(w: World): { dt: number; seaLevel: number } {
  const sc = w.scenario;
  const minutes = ((w.tick + 0.5) * sc.tickSeconds) / 60;
  for (const ev of checkEmbankments(w, minutes)) w.events.push(ev);
  stepBreaches(w);
  setSources(w, minutes);
  stepDebrisFlow(w, minutes);
  return { dt: sc.tickSeconds, seaLevel: interpolate(sc.seaLevel, minutes) + w.seaLevelOffset };
}

/**
 * Advances the world by one tick. The given commands are applied first, in order (the server gives them in log
 * order; commands it already applied with applyCommand at this tick are not given again). Returns the events of
 * this tick, including those of commands applied at this tick before the step.
 */
export function step(w: World, commands: readonly Command[] = [], share?: FloodShare): WorldEvent[] {
  for (const cmd of commands) applyCommand(w, cmd);
  const { dt, seaLevel } = hazardPhase(w);
  // With a share (the parallel worlds of one drill, hazard-group.ts) a flood advance already computed this tick from
  // the same grid, here or ahead of time in a worker, is reused; the result is the same bit for bit.
  if (share) share.advance(w.flood, dt, seaLevel);
  else advanceFlood(w.flood, dt, seaLevel);
  if (w.tick - w.fieldsTick >= FIELD_REFRESH_TICKS) rebuildFields(w);
  stepHouseholds(w);
  stepUnits(w);
  stepLandslides(w);
  stepDebrisDeposits(w);
  stepHealthFacilities(w);
  recordExposure(w, HAZARD_DEPTH, HAZARD_DEPTH_VELOCITY);
  stepShelters(w);
  noteFlooding(w);
  stepSocial(w);
  w.tick++;
  const events = w.events;
  w.events = [];
  return events;
}
