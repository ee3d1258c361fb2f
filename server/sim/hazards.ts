// The hazards of the five towns beyond the sea and the rivers, as one part of the world: rain routed over its
// catchments (runoff.ts), slopes that slide (landslide.ts), embankment breaches that widen (breach.ts) and health
// facilities that flood (health-facility.ts). This module owns their state and applies their outcomes to the world
// (bed, roads, households, shelters, events); the step calls it at the places named in docs/engine.md.
import { createBreach, growBreach, startBreach, type BreachState } from './breach.ts';
import { createDebris, riverSediment, stepDebris, type DebrisState } from './debris-flow.ts';
import type { FloodGrid } from './flood.ts';
import { createFacilities, stepFacilities, type FacilityState } from './health-facility.ts';
import { HouseholdState as HS } from './household.ts';
import { accumulateRain, createLandslides, failSlope, LANDSLIDE_DEATH_SHARE, LANDSLIDE_INJURY_SHARE, type LandslideState } from './landslide.ts';
import { nextFloat } from './prng.ts';
import type { Rng } from './prng.ts';
import { catchmentRain, createRunoff, scenarioCatchments, writeRunoffSources, type RunoffState } from './runoff.ts';
import type { Catchment, LandUseClass, Scenario } from './scenario.ts';
import type { World, WorldEvent } from './world-state.ts';

export interface HazardState {
  /** Rain routing (null when the scenario has no rain). */
  runoff: RunoffState | null;
  landslides: LandslideState[];
  facilities: FacilityState[];
  /** One per embankment (unused unless it has `widening`). */
  breaches: BreachState[];
  /** Sediment of debris-laden rivers (galodo) and its deposits (null when no river carries sediment). */
  debris: DebrisState | null;
}

export function createHazards(sc: Scenario, z: Float64Array, classes: Map<number, LandUseClass>): HazardState {
  const catchments = scenarioCatchments(sc);
  return {
    runoff: catchments.length ? createRunoff(sc, z, classes, catchments) : null,
    landslides: createLandslides(sc.landslides ?? [], sc.width, sc.height, sc.cellSize, z),
    facilities: createFacilities(sc.facilities ?? [], sc.width),
    breaches: (sc.embankments ?? []).map(() => createBreach()),
    debris: createDebris(sc.rivers ?? [], sc.width * sc.height),
  };
}

/** Rain sources of the coming tick, written after the rivers' (from index k); returns the new source count. */
export function writeRainSources(w: World, minutes: number, k: number): number {
  const st = w.hazards.runoff;
  if (!st) return k;
  const sc = w.scenario;
  const catchments: Catchment[] = scenarioCatchments(sc);
  // `minutes` is mid-tick; the runoff module integrates over the whole tick.
  return writeRunoffSources(st, catchments, w.flood as FloodGrid, minutes, sc.tickSeconds, k);
}

/** An embankment starts to breach at `cell` (−1 = unknown): widening ones open a gap that grows; true if handled here. */
export function openBreach(w: World, index: number, cell: number): boolean {
  const e = (w.scenario.embankments ?? [])[index];
  if (!e?.widening) return false;
  startBreach(w.hazards.breaches[index], e, w.tick, cell);
  return true;
}

/** Before the water moves: breaches grow to their size at the end of this tick. */
export function stepBreaches(w: World): void {
  const sc = w.scenario;
  (sc.embankments ?? []).forEach((e, k) => {
    if (!e.widening) return;
    if (growBreach(w.hazards.breaches[k], e, w.flood.z, w.tick, sc.tickSeconds, sc.cellSize)) w.fieldsTick = -1_000_000;
  });
}

function slide(w: World, k: number, events: WorldEvent[]): void {
  const sc = w.scenario;
  const zone = sc.landslides![k];
  const st = w.hazards.landslides[k];
  const r = failSlope(st, zone, {
    width: sc.width, height: sc.height, z: w.flood.z, sea: w.flood.sea, cellCost: w.cellCost,
    households: w.households, rng: w.hazardRng as Rng,
  }, w.tick);
  w.casualties.dead += r.dead;
  w.casualties.injured += r.injured;
  w.fieldsTick = -1_000_000; // routes change where the debris lies
  events.push({ tick: w.tick, kind: 'landslide', id: zone.id, text: zone.name, count: r.dead + r.injured });
}

/** Triggers a landslide zone now (an inject); returns a problem in words, or null. */
export function triggerLandslide(w: World, id: string): string | null {
  const k = (w.scenario.landslides ?? []).findIndex((z) => z.id === id);
  if (k < 0) return `no landslide zone "${id}"`;
  if (w.hazards.landslides[k].failedTick >= 0) return null;
  slide(w, k, w.events);
  return null;
}

/** After the water moved and people moved: slopes that pass their rain threshold (or their set minute) fail. */
export function stepLandslides(w: World): void {
  const sc = w.scenario;
  const zones = sc.landslides ?? [];
  if (!zones.length) return;
  const tickMin = sc.tickSeconds / 60;
  const start = w.tick * tickMin;
  zones.forEach((zone, k) => {
    const st = w.hazards.landslides[k];
    if (st.failedTick >= 0) return;
    const byRain = accumulateRain(st, zone, catchmentRain(sc, zone.catchment), start, tickMin);
    const byClock = zone.minute !== undefined && start + tickMin > zone.minute;
    if (byRain || byClock) slide(w, k, w.events);
  });
}

/** Health facilities: flooding, harm to patients left inside, patients moved by the evacuations under way. */
export function stepHealthFacilities(w: World): void {
  const sc = w.scenario;
  const list = sc.facilities ?? [];
  if (!list.length) return;
  const fs = w.hazards.facilities;
  const width = sc.width;
  const r = stepFacilities(list, fs, (c) => w.flood.h[c], w.tick, sc.tickSeconds, (kind, i) => {
    if (kind === 'facility') { const f = fs[i]; return f.flooded ? 0 : f.beds - f.patients; }
    const sh = w.shelters[i];
    return sh.open ? Math.max(0, sh.capacity - sh.occupants) : 0;
  }, (k) => {
    // Straight-line distance to the evacuation target (the road factor is applied in health-facility.ts).
    const t = fs[k].evacTarget;
    if (!t) return 0;
    const to = t.kind === 'facility' ? fs[t.index].cell : w.shelters[t.index].cell;
    const a = fs[k].cell;
    return Math.hypot((a % width) - (to % width), Math.floor(a / width) - Math.floor(to / width)) * sc.cellSize;
  }, (k) => w.units.filter((u) => u.facility === k && u.phase === 'on_scene' && !u.unavailable).map((u) => u.kind));
  for (const k of r.flooded) w.events.push({ tick: w.tick, kind: 'facility_flooded', id: list[k].id, text: list[k].name, count: fs[k].patients });
  for (const [k, n] of r.harmed) {
    w.casualties.injured += n;
    w.events.push({ tick: w.tick, kind: 'patients_harmed', id: list[k].id, text: list[k].name, count: n });
  }
  for (const m of r.moves) {
    if (m.kind === 'facility') fs[m.to].patients += m.count;
    else w.shelters[m.to].occupants += m.count;
  }
  for (const k of r.emptied) w.events.push({ tick: w.tick, kind: 'facility_evacuated', id: list[k].id, text: list[k].name, count: fs[k].moved });
}

/** Before the water moves (hazard phase): the sediment moves and settles with the last advance's flow, the
 *  debris-laden rivers' load entering with that advance's water (debris-flow.ts). Touches only the flood grid and
 *  the debris state. */
export function stepDebrisFlow(w: World, minutes: number): void {
  const st = w.hazards.debris;
  if (!st) return;
  const sc = w.scenario;
  const inflow = w.tick > 0 ? riverSediment(sc.rivers ?? [], minutes - sc.tickSeconds / 60, sc.tickSeconds) : [];
  stepDebris(st, w.flood as FloodGrid, sc.tickSeconds, inflow);
}

/** After people moved: cells under a deep enough deposit close to walking and driving (they stay closed: no unit
 *  clears debris), and people still in houses the deposit buries are hurt as by a landslide (docs/engine.md#debris-flow). */
export function stepDebrisDeposits(w: World): void {
  const st = w.hazards.debris;
  if (!st || (!st.closeNew.length && !st.buryNew.length)) return;
  if (st.closeNew.length) {
    // Closed at once; routes bend around them at the next regular field refresh (FIELD_REFRESH_TICKS), not every
    // tick the deposit grows. An area hears of it the first time its ground is closed.
    const fresh = new Map<number, number>();
    for (const c of st.closeNew) {
      if (w.bridge[c]) continue;
      w.cellCost[c] = Infinity;
      const k = w.hoodOfCell[c];
      if (k >= 0 && !st.announced.includes(k)) fresh.set(k, (fresh.get(k) ?? 0) + 1);
    }
    for (const [k, n] of fresh) {
      st.announced.push(k);
      w.events.push({ tick: w.tick, kind: 'debris_deposit', area: w.scenario.neighbourhoods[k].id, count: n });
    }
    st.closeNew.length = 0;
  }
  if (!st.buryNew.length) return;
  const buried = new Set(st.buryNew);
  st.buryNew.length = 0;
  const hh = w.households;
  let dead = 0, injured = 0;
  for (let i = 0; i < hh.count; i++) {
    if (buried.has(hh.home[i])) {
      if (hh.dangerTick[i] < 0) hh.dangerTick[i] = w.tick;
      if (hh.wetTick[i] < 0) hh.wetTick[i] = w.tick;
    }
    const s = hh.state[i];
    if (s === HS.Sheltered || s === HS.Rescued || s === HS.Dead || !buried.has(hh.cell[i])) continue;
    const u = nextFloat(w.hazardRng);
    if (u < LANDSLIDE_DEATH_SHARE) { hh.state[i] = HS.Dead; dead += hh.size[i]; }
    else if (u < LANDSLIDE_DEATH_SHARE + LANDSLIDE_INJURY_SHARE && s !== HS.Injured) { hh.state[i] = HS.Injured; injured += hh.size[i]; }
    hh.exposed[i] = 1;
  }
  w.casualties.dead += dead;
  w.casualties.injured += injured;
  if (dead + injured > 0) w.events.push({ tick: w.tick, kind: 'debris_buried', count: dead + injured });
}
