// World creation: the state of one team's world at tick 0, built from a scenario and a seed. The state's types
// live in world-state.ts, the tick order in tick.ts, each command in commands/. Other code reaches the engine
// through server/sim/index.ts; the re-exports below keep older import paths working.
import { createFloodGrid, refreshWetBox, totalVolume } from './flood.ts';
import { rebuildFields } from './fields.ts';
import { rasterizePolygon } from './geometry.ts';
import {
  createHouseholds, MEMBER_CHILD, MEMBER_DISABLED, MEMBER_ELDERLY, MEMBER_INFANT, MEMBER_PREGNANT, VEHICLE_CAR, VEHICLE_MOTORBIKE,
  VEHICLE_NONE,
} from './household.ts';
import { createUnits, type UnitState } from './ngo.ts';
import { createRng, forkRng, nextFloat, nextInt } from './prng.ts';
import { createHazards } from './hazards.ts';
import type { Scenario } from './scenario.ts';
import { interpolate } from './series.ts';
import { createShelterState, type ShelterState } from './shelter.ts';
import { DEFAULT_VOLUNTEERS } from './warning.ts';
import type { HoodState, World } from './world-state.ts';

export * from './world-state.ts';
export { SPHERE_M2_PER_PERSON, nearestShelter } from './shelter.ts';
export { interpolate } from './series.ts';
export { isRoadCell, rasterizePolygon } from './geometry.ts';
export { rebuildFields } from './fields.ts';
export { applyCommand, checkCommand, MEETING_MIN_GAP, RESUPPLY_DELAY_MIN, SITREP_MIN_GAP, sitrepTruth } from './commands/index.ts';
export { step } from './tick.ts';

/** What every world of a scenario shares, read-only (areas, bridges) or as per-step scratch (crowd, traffic): built
 *  once per scenario object instead of once per world (memory, docs/load.md#memory). */
interface ScenarioGrids {
  hoodOfCell: Int16Array;
  hoodCells: number[][];
  hoodCentres: number[];
  bridge: Uint8Array;
  crowd: Float32Array;
  traffic: Float32Array;
}
const gridsOf = new WeakMap<Scenario, ScenarioGrids>();

function scenarioGrids(scenario: Scenario, classes: Map<number, Scenario['landUseClasses'][number]>): ScenarioGrids {
  const known = gridsOf.get(scenario);
  if (known) return known;
  const { width, height } = scenario;
  const hoodOfCell = new Int16Array(width * height).fill(-1);
  const hoodCells: number[][] = [], hoodCentres: number[] = [];
  scenario.neighbourhoods.forEach((nb, k) => {
    const all = rasterizePolygon(nb.polygon, width, height);
    for (const c of all) hoodOfCell[c] = k;
    const cells = all.filter((c) => classes.get(scenario.landUse[c])!.habitable);
    let sx = 0, sy = 0;
    for (const c of cells) { sx += c % width; sy += Math.floor(c / width); }
    hoodCells.push(cells);
    hoodCentres.push(cells.length ? Math.round(sy / cells.length) * width + Math.round(sx / cells.length) : 0);
  });
  const grids: ScenarioGrids = {
    hoodOfCell, hoodCells, hoodCentres,
    bridge: Uint8Array.from(scenario.landUse, (code) => (classes.get(code)!.bridge ? 1 : 0)),
    crowd: new Float32Array(width * height),
    traffic: new Float32Array(width * height),
  };
  gridsOf.set(scenario, grids);
  return grids;
}

/** A restored world (its arrays came through a structured clone) takes the scenario's shared grids back where they
 *  hold the same values, and the shared scratch. Changes no result: the values are equal bit for bit. */
export function shareScenarioGrids(w: World): void {
  const sc = w.scenario;
  const fixed = scenarioGrids(sc, new Map(sc.landUseClasses.map((c) => [c.code, c])));
  if (sameBytes(w.hoodOfCell, fixed.hoodOfCell)) w.hoodOfCell = fixed.hoodOfCell;
  if (sameBytes(w.bridge, fixed.bridge)) w.bridge = fixed.bridge;
  w.hoods.forEach((h, k) => {
    const cells = fixed.hoodCells[k];
    if (cells && h.cells.length === cells.length && h.cells.every((c, i) => c === cells[i])) h.cells = cells;
  });
  if (w.crowd?.length === fixed.crowd.length) { w.crowd = fixed.crowd; w.traffic = fixed.traffic; }
}

function sameBytes(a: ArrayBufferView | undefined, b: ArrayBufferView): boolean {
  if (!a || a.byteLength !== b.byteLength || a.constructor !== b.constructor) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

export function createWorld(scenario: Scenario, seed: number): World {
  const { width, height, cellSize } = scenario;
  const classes = new Map(scenario.landUseClasses.map((c) => [c.code, c]));
  const n = new Float64Array(width * height);
  const sea = new Uint8Array(width * height);
  const cellCost = new Float64Array(width * height);
  for (let i = 0; i < n.length; i++) {
    const c = classes.get(scenario.landUse[i])!;
    n[i] = c.manningN;
    sea[i] = c.isSea ? 1 : 0;
    cellCost[i] = c.walkCost;
  }
  // Each world owns its bed elevation: embankments raise it and breaches lower it (drivers.ts).
  const z = Float64Array.from(scenario.elevation);
  for (const e of scenario.embankments ?? []) for (const c of e.cells) z[c] = Math.max(z[c], e.crest);
  const flood = createFloodGrid(width, height, cellSize, z, n, sea);
  // Start with the sea at its first level and everything else dry.
  const level0 = interpolate(scenario.seaLevel, 0);
  for (let i = 0; i < sea.length; i++) {
    if (sea[i] || classes.get(scenario.landUse[i])!.startsWet) flood.h[i] = Math.max(0, level0 - z[i]);
  }
  refreshWetBox(flood);
  flood.mass.initial = totalVolume(flood);

  const rng = createRng(seed);
  const placeRng = forkRng(rng, 1);
  const fixed = scenarioGrids(scenario, classes);
  const hoodOfCell = fixed.hoodOfCell;
  const hoods: HoodState[] = [];
  let totalHouseholds = 0;
  scenario.neighbourhoods.forEach((nb, k) => {
    hoods.push({
      warnedTick: -1, level: null, channels: [], orderShelter: -1, orderTick: -1, cells: fixed.hoodCells[k], centre: fixed.hoodCentres[k], floodedTick: -1,
      trust: nb.trust, volunteers: nb.volunteers ?? DEFAULT_VOLUNTEERS, doorFreeTick: 0,
    });
    totalHouseholds += nb.households;
  });

  const households = createHouseholds(totalHouseholds);
  let population = 0;
  let i = 0;
  scenario.neighbourhoods.forEach((nb, k) => {
    const cells = hoods[k].cells;
    for (let j = 0; j < nb.households; j++, i++) {
      const c = cells.length ? cells[nextInt(placeRng, cells.length)] : 0;
      households.home[i] = c;
      households.cell[i] = c;
      households.hood[i] = k;
      // Household size spread ±2 around the scenario mean, at least 1.
      households.size[i] = Math.max(1, Math.round(nb.householdSize - 2 + 4 * nextFloat(placeRng)));
      households.vulnerable[i] = nextFloat(placeRng) < nb.vulnerableShare ? 1 : 0;
      // Members: most households have children (design choice 0.6); a vulnerable household has one vulnerable member,
      // elderly most often (design choice: elderly 0.55, infant 0.2, pregnant 0.1, disabled 0.15).
      const uChild = nextFloat(placeRng), uKind = nextFloat(placeRng), uVeh = nextFloat(placeRng), uCar = nextFloat(placeRng), uPhone = nextFloat(placeRng);
      let members = households.size[i] >= 3 && uChild < 0.6 ? MEMBER_CHILD : 0;
      if (households.vulnerable[i]) members |= uKind < 0.55 ? MEMBER_ELDERLY : uKind < 0.75 ? MEMBER_INFANT : uKind < 0.85 ? MEMBER_PREGNANT : MEMBER_DISABLED;
      households.members[i] = members;
      households.vehicle[i] = uVeh < (nb.vehicleShare ?? 0.5) ? (uCar < 0.15 ? VEHICLE_CAR : VEHICLE_MOTORBIKE) : VEHICLE_NONE;
      households.phone[i] = uPhone < (nb.phoneShare ?? 0.85) ? 1 : 0;
      population += households.size[i];
    }
  });

  const shelters: ShelterState[] = scenario.shelters.map((s) => createShelterState(s, width));
  const units: UnitState[] = createUnits(scenario);
  const hazardRng = forkRng(rng, 2);

  const world: World = {
    scenario, seed, tick: 0, rng, flood, cellCost, hoodOfCell, households, hoods, shelters, units,
    fields: [], fieldsTick: -1, firstWarningTick: -1, population, seaLevelOffset: 0, events: [],
    hazardRng, status: null, statusTick: -1, firstStatusTick: -1, poskoTick: -1, meetingTicks: [], supportRequestedTick: -1,
    coordinatedNgos: scenario.ngos.filter((n) => !n.selfDeploy).map((n) => n.id),
    coordination: { tasked: 0, routed: 0, selfDeployed: 0, duplicated: 0, duplicatedUnitMinutes: 0, uncoveredAreaMinutes: 0, unmetAreas: [], duplicateLog: [] },
    closedCells: new Uint8Array(width * height),
    crowd: fixed.crowd,
    traffic: fixed.traffic,
    posts: [], complaints: [], sitreps: [], lastPublicTick: -1,
    casualties: { injured: 0, dead: 0 },
    bridge: fixed.bridge,
    unitRoutes: new Map(),
    embankments: (scenario.embankments ?? []).map(() => ({ breachedTick: -1 })),
    hazards: createHazards(scenario, z, classes),
  };
  rebuildFields(world);
  return world;
}
