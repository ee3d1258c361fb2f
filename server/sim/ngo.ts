// NGO and agency units (PMI, Basarnas, TNI/Polri, Tagana, MDMC, LPBI NU, local LSM): bases, response delays, task
// queues, and self-deployment when nobody coordinates them. Duplicated effort and uncovered areas are booked in
// World.coordination (docs/domain.md#metrics: coordination = (tasks routed through the posko − duplicated − unmet) ÷ tasks).
import { HouseholdState as S } from './household.ts';
import type { Scenario } from './scenario.ts';
import { addComplaint } from './social.ts';
import { nearestShelter } from './shelter.ts';
import type { World } from './world-state.ts';
import { buildCostField, nextCell } from './routing.ts';

/** Speeds (m/s), design choices: a loaded rescue boat in flooded streets; a truck on kampung roads; on foot. */
export const BOAT_SPEED = 2.5;
export const TRUCK_SPEED = 5;
export const TEAM_SPEED = 1.2;
/** A truck crawls in water deeper than this (m) and cannot enter deeper than TRUCK_MAX_DEPTH. Design choice. */
export const TRUCK_WADE_DEPTH = 0.3;
export const TRUCK_MAX_DEPTH = 0.6;
/** Boats travel on water at least this deep (m), on the sea and on rivers; anywhere else they are carried on a
 *  trailer or dragged, PORTAGE_COST times slower. Design choices. */
export const BOAT_MIN_DEPTH = 0.3;
export const PORTAGE_COST = 8;
/**
 * Route fields of units are rebuilt once per window of this many ticks (on first use in the window), as the water
 * changes what is passable. Windows start at multiples of it, so a world revived from a keyframe taken at a
 * multiple of it (the drill's KEYFRAME_EVERY) rebuilds exactly the fields the live world had: the cache need not
 * be saved.
 */
export const ROUTE_REFRESH_TICKS = 10;
/** Default minutes from tasking to leaving base. */
export const DEFAULT_RESPONSE_DELAY = 10;
/** An area in need with no unit for this long counts as unmet (minutes; design choice). */
export const UNMET_AFTER_MIN = 30;

export interface UnitState {
  id: string;
  ngo: string;
  kind: string;
  capacity: number;
  /** Position in cell coordinates (fractional while moving). */
  x: number;
  y: number;
  /** Area index it is tasked to (−1 = idle). */
  task: number;
  /** Health facility index it carries patients for (−1 = none; then `task` is the facility's area). */
  facility: number;
  rescued: number;
  baseX: number;
  baseY: number;
  /** 'base' | 'mobilising' | 'moving' | 'on_scene' | 'returning' | 'away' (not yet arrived in the region). */
  phase: 'base' | 'mobilising' | 'moving' | 'on_scene' | 'returning' | 'away';
  available: boolean;
  onRequest: boolean;
  responseDelay: number;
  /** Tick the unit can leave (mobilisation) or, while away, arrives in the region (−1 = not called). */
  readyTick: number;
  queue: number[];
  selfDeployed: boolean;
  /** People lifted, treated, driven or meals delivered. */
  served: number;
  /** Taken out of play by an inject (effect.ts): cannot be tasked, does not move. */
  unavailable: boolean;
  /** Metres travelled towards the next cell of its route, carried between ticks. */
  progress: number;
}

export function createUnits(sc: Scenario): UnitState[] {
  const units: UnitState[] = [];
  for (const ngo of sc.ngos) {
    for (const u of ngo.units) {
      units.push({
        id: u.id, ngo: ngo.id, kind: u.kind, capacity: u.capacity, x: u.x, y: u.y, task: -1, facility: -1, rescued: 0,
        baseX: u.x, baseY: u.y, phase: ngo.onRequest ? 'away' : 'base', available: !ngo.onRequest, onRequest: !!ngo.onRequest,
        responseDelay: ngo.responseDelay ?? DEFAULT_RESPONSE_DELAY, readyTick: -1, queue: [], selfDeployed: false, served: 0, unavailable: false, progress: 0,
      });
    }
  }
  return units;
}

/** Need in area k for a unit of this kind: people it could help there now. */
export function areaNeed(w: World, k: number, kind: string): number {
  const hh = w.households;
  let n = 0;
  for (let i = 0; i < hh.count; i++) {
    if (hh.hood[i] !== k) continue;
    const st = hh.state[i];
    if (kind === 'boat' && (st === S.Stranded || st === S.Injured)) n += hh.size[i];
    else if (kind === 'medical' && st === S.Injured) n += hh.size[i];
    else if (kind === 'truck' && hh.vulnerable[i] && (st === S.Aware || st === S.Leaving || st === S.Moving)) n += hh.size[i];
  }
  return n;
}

/** Needs of every area in one pass: [area·3 + (boat, medical, truck)]. Same rules as areaNeed. */
export function allNeeds(w: World): Float64Array {
  const hh = w.households;
  const out = new Float64Array(w.hoods.length * 3);
  for (let i = 0; i < hh.count; i++) {
    const st = hh.state[i];
    const b = hh.hood[i] * 3;
    if (st === S.Stranded) out[b] += hh.size[i];
    else if (st === S.Injured) { out[b] += hh.size[i]; out[b + 1] += hh.size[i]; }
    else if (hh.vulnerable[i] && (st === S.Aware || st === S.Leaving || st === S.Moving)) out[b + 2] += hh.size[i];
  }
  return out;
}

export function applyTask(w: World, u: UnitState, k: number, self: boolean): void {
  // Another unit of the same kind already working the area: duplicated effort unless the team queued it knowingly.
  const other = w.units.find((o) => o !== u && o.task === k && o.kind === u.kind);
  if (other) {
    w.coordination.duplicated++;
    w.coordination.duplicateLog.push({ tick: w.tick, unit: u.id, other: other.id, area: w.scenario.neighbourhoods[k].id, self });
  }
  u.task = k;
  u.selfDeployed = self;
  if (u.phase === 'base' || u.phase === 'returning') {
    u.phase = 'mobilising';
    u.readyTick = w.tick + Math.round((u.responseDelay * 60) / w.scenario.tickSeconds);
  } else if (u.phase !== 'mobilising') {
    u.phase = 'moving';
  }
}

/** Tasks an ambulance or truck to carry a health facility's patients (area k holds the facility): it goes to the
 *  facility and stays while patients remain (health-facility.ts). Not booked as duplicated area work. */
export function applyFacilityTask(w: World, u: UnitState, k: number, facility: number): void {
  u.task = k;
  u.facility = facility;
  u.selfDeployed = false;
  if (u.phase === 'base' || u.phase === 'returning') {
    u.phase = 'mobilising';
    u.readyTick = w.tick + Math.round((u.responseDelay * 60) / w.scenario.tickSeconds);
  } else if (u.phase !== 'mobilising') {
    u.phase = 'moving';
  }
}

type RouteMode = 'boat' | 'ground';

/** Per-cell travel cost for a mode: boats on water (portage elsewhere); trucks and teams on passable ground. */
function routeCosts(w: World, mode: RouteMode): Float64Array {
  const { h, sea } = w.flood;
  const n = h.length;
  const cost = new Float64Array(n);
  if (mode === 'boat') {
    const wet = new Set(w.scenario.landUseClasses.filter((c) => c.startsWet).map((c) => c.code));
    const lu = w.scenario.landUse;
    for (let i = 0; i < n; i++) cost[i] = sea[i] || wet.has(lu[i]) || h[i] >= BOAT_MIN_DEPTH ? 1 : PORTAGE_COST;
    return cost;
  }
  for (let i = 0; i < n; i++) {
    const d = w.bridge[i] ? 0 : h[i];
    const c = w.cellCost[i];
    cost[i] = d > TRUCK_MAX_DEPTH ? Infinity : d > TRUCK_WADE_DEPTH ? c * 5 : c;
  }
  return cost;
}

/** The route field towards a target cell, built on first use in each ROUTE_REFRESH_TICKS window. */
function routeField(w: World, mode: RouteMode, target: number): { field: Float64Array; cost: Float64Array } {
  const window = Math.floor(w.tick / ROUTE_REFRESH_TICKS);
  // A new window: drop the fields of the last one (keeps memory to the targets in use).
  for (const [k, old] of w.unitRoutes) if (Math.floor(old.tick / ROUTE_REFRESH_TICKS) !== window) w.unitRoutes.delete(k);
  const key = `${mode}:${target}`;
  let r = w.unitRoutes.get(key);
  if (!r) {
    const { width, height, cellSize } = w.scenario;
    const cost = routeCosts(w, mode);
    r = { tick: w.tick, field: buildCostField(width, height, cellSize, cost, target), cost };
    w.unitRoutes.set(key, r);
  }
  return r;
}

/** Moves a unit along its route towards (tx, ty); true on arrival. Without any route it heads straight there,
 *  slowed or stopped by deep water (a truck cut off by the flood). */
function moveToward(w: World, u: UnitState, tx: number, ty: number): boolean {
  const { width, height, cellSize, tickSeconds } = w.scenario;
  const speed = u.kind === 'boat' ? BOAT_SPEED : u.kind === 'truck' || u.kind === 'kitchen' ? TRUCK_SPEED : TEAM_SPEED;
  const target = Math.round(ty) * width + Math.round(tx);
  let cell = Math.round(u.y) * width + Math.round(u.x);
  const { field, cost } = routeField(w, u.kind === 'boat' ? 'boat' : 'ground', target);
  if (field[cell] < Infinity) {
    let budget = u.progress + speed * tickSeconds;
    while (cell !== target) {
      const next = nextCell(width, height, field, cell);
      if (next === cell) break;
      const diag = next % width !== cell % width && (next - (next % width)) !== (cell - (cell % width));
      const step = (diag ? Math.SQRT2 : 1) * cellSize * cost[next];
      if (budget < step) break;
      budget -= step;
      cell = next;
    }
    u.progress = cell === target ? 0 : Math.min(budget, cellSize * PORTAGE_COST * Math.SQRT2);
    u.x = cell % width;
    u.y = (cell - (cell % width)) / width;
    return cell === target;
  }
  // No route (e.g. water too deep for a truck all around): straight line, crawling or stopped in deep water.
  let straight = speed;
  const d = w.bridge[cell] ? 0 : w.flood.h[cell] ?? 0;
  if (u.kind !== 'boat' && d > TRUCK_WADE_DEPTH) straight *= d > TRUCK_MAX_DEPTH ? 0 : 0.2;
  const dx = tx - u.x, dy = ty - u.y;
  const dist = Math.hypot(dx, dy);
  const stepCells = (straight * tickSeconds) / cellSize;
  if (dist > stepCells) { u.x += (dx / dist) * stepCells; u.y += (dy / dist) * stepCells; return false; }
  u.x = tx; u.y = ty;
  return true;
}

/** Work on scene for one tick; returns how many people were helped. */
function work(w: World, u: UnitState): number {
  const hh = w.households;
  const k = u.task;
  let room = u.capacity, done = 0;
  if (u.kind === 'kitchen') {
    const s = w.hoods[k].orderShelter >= 0 ? w.hoods[k].orderShelter : nearestShelter(w, w.hoods[k].centre);
    if (s >= 0 && w.shelters[s].occupants > 0) { w.shelters[s].food += u.capacity / 60; done = 0; }
    return done;
  }
  for (let i = 0; i < hh.count && room > 0; i++) {
    if (hh.hood[i] !== k) continue;
    const st = hh.state[i];
    if (u.kind === 'boat' && (st === S.Stranded || st === S.Injured)) {
      hh.state[i] = S.Rescued; hh.safeTick[i] = w.tick;
    } else if (u.kind === 'medical' && st === S.Injured) {
      hh.state[i] = S.Rescued; hh.safeTick[i] = w.tick;
    } else if (u.kind === 'truck' && hh.vulnerable[i] && (st === S.Aware || st === S.Leaving || st === S.Moving)) {
      // Assisted evacuation: the truck drives a household with a vulnerable member to a shelter.
      const s = w.hoods[k].orderShelter >= 0 ? w.hoods[k].orderShelter : nearestShelter(w, hh.cell[i]);
      if (s < 0) break;
      hh.state[i] = S.Sheltered; hh.safeTick[i] = w.tick; hh.cell[i] = w.shelters[s].cell;
      w.shelters[s].occupants += hh.size[i]; w.shelters[s].households++;
    } else continue;
    room -= hh.size[i];
    done += hh.size[i];
  }
  return done;
}

export function stepUnits(w: World): void {
  const sc = w.scenario;
  const { width } = sc;
  const minutes = sc.tickSeconds / 60;
  // Units of agencies that were called arrive in the region.
  for (const u of w.units) {
    if (u.available || u.readyTick < 0 || u.readyTick > w.tick) continue;
    u.available = true; u.phase = 'base'; u.readyTick = -1;
    w.events.push({ tick: w.tick, kind: 'support_arrived', unit: u.id });
  }
  // Needs per area, for self-deployment and the coordination ledger.
  const kinds = ['boat', 'medical', 'truck'];
  const need = new Map<string, number>();
  const needs = allNeeds(w);
  for (let k = 0; k < w.hoods.length; k++) kinds.forEach((kind, j) => need.set(`${k}:${kind}`, needs[k * 3 + j]));

  // Self-deployment: an uncoordinated NGO goes, after its response delay from the alert, to the area that looks worst
  // (most people in need; ties to the first flooded) — every uncoordinated NGO sees the same news, so they converge.
  for (const u of w.units) {
    if (!u.available || u.unavailable || u.task >= 0 || u.phase !== 'base' || w.coordinatedNgos.includes(u.ngo)) continue;
    if ((w.tick - sc.officialAlertTick) * minutes < u.responseDelay) continue;
    let best = -1, bestNeed = 0;
    for (let k = 0; k < w.hoods.length; k++) {
      const n = need.get(`${k}:${u.kind === 'kitchen' ? 'boat' : u.kind}`) ?? 0;
      if (n > bestNeed || (n === bestNeed && n > 0 && w.hoods[k].floodedTick >= 0 && w.hoods[k].floodedTick < w.hoods[best]?.floodedTick)) { best = k; bestNeed = n; }
    }
    if (best < 0) continue;
    w.coordination.selfDeployed++;
    applyTask(w, u, best, true);
    u.readyTick = w.tick; // already mobilised on their own
    w.events.push({ tick: w.tick, kind: 'self_deployed', unit: u.id, area: sc.neighbourhoods[best].id });
  }

  for (const u of w.units) {
    if (u.phase === 'away' || u.phase === 'base' || u.unavailable) continue;
    if (u.phase === 'mobilising') { if (w.tick < u.readyTick) continue; u.phase = 'moving'; }
    if (u.phase === 'returning') { if (moveToward(w, u, u.baseX, u.baseY)) u.phase = 'base'; continue; }
    const hood = w.hoods[u.task];
    const fac = u.facility >= 0 ? sc.facilities?.[u.facility] : undefined;
    const tx = fac ? fac.x : hood.centre % width, ty = fac ? fac.y : Math.floor(hood.centre / width);
    if (u.phase === 'moving') { if (!moveToward(w, u, tx, ty)) continue; u.phase = 'on_scene'; }
    if (fac) {
      // Carrying patients (counted by the facility's step); done once the facility is empty.
      if (w.hazards.facilities[u.facility].patients > 0) continue;
      w.events.push({ tick: w.tick, kind: 'unit_done', unit: u.id, area: sc.neighbourhoods[u.task].id, id: fac.id });
      u.facility = -1;
      const next = u.queue.shift();
      if (next !== undefined) { u.task = next; u.phase = 'moving'; } else { u.task = -1; u.phase = 'returning'; }
      continue;
    }
    const done = work(w, u);
    if (u.kind === 'boat' || u.kind === 'medical') u.rescued += done;
    u.served += done;
    if (done > 0) w.events.push({ tick: w.tick, kind: 'rescue', unit: u.id, area: sc.neighbourhoods[u.task].id, count: done });
    // Nothing left for this kind of unit: next task in the queue, or back to base. Kitchens stay until re-tasked.
    if (u.kind !== 'kitchen' && done === 0 && areaNeed(w, u.task, u.kind) === 0 && (w.hoods[u.task].floodedTick >= 0 || u.queue.length > 0)) {
      w.events.push({ tick: w.tick, kind: 'unit_done', unit: u.id, area: sc.neighbourhoods[u.task].id });
      const next = u.queue.shift();
      if (next !== undefined) { u.task = next; u.phase = 'moving'; } else { u.task = -1; u.phase = 'returning'; }
    }
  }

  // Ledger: duplicated unit-minutes (more units of a kind on an area than its need calls for) and uncovered areas.
  const c = w.coordination;
  for (let k = 0; k < w.hoods.length; k++) {
    let anyNeed = false, anyUnit = false;
    for (const kind of kinds) {
      const n = need.get(`${k}:${kind}`) ?? 0;
      if (kind !== 'truck' && n > 0) anyNeed = true;
      const here = w.units.filter((u) => u.task === k && u.kind === kind && u.facility < 0);
      if (here.length) anyUnit = true;
      if (here.length > 1) {
        const perTick = here.reduce((a, u) => a + u.capacity, 0) / here.length;
        const needed = Math.max(1, Math.ceil(n / perTick));
        if (here.length > needed) c.duplicatedUnitMinutes += (here.length - needed) * minutes;
      }
    }
    if (anyNeed && !anyUnit) {
      c.uncoveredAreaMinutes += minutes;
      const since = (w.hoods[k] as { uncoveredSince?: number }).uncoveredSince ?? w.tick;
      (w.hoods[k] as { uncoveredSince?: number }).uncoveredSince = since;
      if ((w.tick - since) * minutes >= UNMET_AFTER_MIN && !c.unmetAreas.includes(k)) {
        c.unmetAreas.push(k);
        addComplaint(w, k, 'no_rescue', -1);
      }
    } else {
      (w.hoods[k] as { uncoveredSince?: number }).uncoveredSince = undefined;
    }
  }
}
