// The engine's one public entry. Code outside server/sim (drill, debrief, scripts, tests) imports the engine from
// here: create a world, check and apply commands, step it, snapshot and restore it, hash it. Pure and
// deterministic (docs/architecture.md#determinism): no Node API, no clock, no Math.random.
import { reattachKernelViews, withoutKernelViews } from './flood.ts';
import type { Scenario } from './scenario.ts';
import { KEYFRAME_TICK_MULTIPLE } from './tick.ts';
import { ENGINE_VERSION } from './version.ts';
import { shareScenarioGrids } from './world.ts';
import type { World } from './world-state.ts';

export { ENGINE_VERSION } from './version.ts';
export { createWorld, shareScenarioGrids } from './world.ts';
export { step, KEYFRAME_TICK_MULTIPLE, assertKeyframeInterval } from './tick.ts';
export { createFloodShare, type FloodShare, type FloodState } from './hazard-group.ts';
export { applyCommand, checkCommand, COMMAND_MODULES, MEETING_MIN_GAP, RESUPPLY_DELAY_MIN, SITREP_MIN_GAP, sitrepTruth } from './commands/index.ts';
export type { CommandModule, CommandOf } from './commands/index.ts';
export { hashWorld } from './hash.ts';
export { depositCells } from './debris-flow.ts';
export { applyEffect, effectSchema, parseEffect, type InjectEffect } from './effect.ts';
export { COMMAND_TYPES, commandSchema, type Command, type CommandType, type Refusal } from './command.ts';
export * from './world-state.ts';
export * from './metrics.ts';
export { interpolate } from './series.ts';
export { isRoadCell, rasterizePolygon } from './geometry.ts';
export { nearestShelter, SPHERE_M2_PER_PERSON } from './shelter.ts';
export { rebuildFields } from './fields.ts';
export { HouseholdState, HOUSEHOLD_STATE_NAMES } from './household.ts';
export { ROUTE_REFRESH_TICKS } from './ngo.ts';
export { massError, reattachKernelViews, withoutKernelViews } from './flood.ts';
export type { Scenario } from './scenario.ts';

/**
 * A saved world: the engine version that wrote it, the content hash of the scenario it runs on (when the caller
 * gives one), its tick, and the state itself (`data`, structured-clone friendly: typed arrays, plain objects and
 * Maps; it shares memory with the live world, so serialise it before the world steps again).
 */
export interface WorldSnapshot {
  engineVersion: number;
  scenarioHash?: string;
  tick: number;
  data: unknown;
}

/** A snapshot written by another engine version: its world may not continue as this engine would. Replay the log. */
export class EngineVersionMismatch extends Error {
  readonly found: number;
  readonly expected: number;
  constructor(found: number, expected: number) {
    super(`snapshot of engine version ${found}, this engine is version ${expected}`);
    this.name = 'EngineVersionMismatch';
    this.found = found;
    this.expected = expected;
  }
}

/** A snapshot taken over another scenario content than the one given to restore it. */
export class ScenarioMismatch extends Error {
  readonly found: string;
  readonly expected: string;
  constructor(found: string, expected: string) {
    super(`snapshot of scenario ${found}, restoring over scenario ${expected}`);
    this.name = 'ScenarioMismatch';
    this.found = found;
    this.expected = expected;
  }
}

/**
 * Saves a world. The scenario, the tick's pending events and the flood kernel's views are left out (restore
 * re-creates them). The unit route cache is left out on multiples of KEYFRAME_TICK_MULTIPLE, where it is rebuilt
 * identically; at any other tick it is kept, so a snapshot at any tick restores to the same future.
 */
export function snapshot(w: World, opts: { scenarioHash?: string } = {}): WorldSnapshot {
  const aligned = w.tick % KEYFRAME_TICK_MULTIPLE === 0;
  const data = { ...w, scenario: null, events: [], flood: withoutKernelViews(w.flood), unitRoutes: aligned ? new Map() : w.unitRoutes };
  return { engineVersion: ENGINE_VERSION, ...(opts.scenarioHash ? { scenarioHash: opts.scenarioHash } : {}), tick: w.tick, data };
}

/**
 * Revives a snapshot (after it went through a structured clone / v8 serialise) over its scenario. Throws
 * EngineVersionMismatch for a snapshot of another engine version, ScenarioMismatch when both hashes are known and
 * differ. The snapshot's data object becomes the world (it is not copied).
 */
export function restore(snap: WorldSnapshot, scenario: Scenario, opts: { scenarioHash?: string } = {}): World {
  if (snap.engineVersion !== ENGINE_VERSION) throw new EngineVersionMismatch(snap.engineVersion, ENGINE_VERSION);
  if (snap.scenarioHash && opts.scenarioHash && snap.scenarioHash !== opts.scenarioHash) throw new ScenarioMismatch(snap.scenarioHash, opts.scenarioHash);
  const w = snap.data as World;
  w.scenario = scenario;
  w.events = [];
  reattachKernelViews(w.flood);
  shareScenarioGrids(w);
  if (!(w.unitRoutes instanceof Map)) w.unitRoutes = new Map();
  return w;
}
