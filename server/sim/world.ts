// The world a team acts on, and the one function that moves it forward: step(). Pure and deterministic:
// same scenario + seed + commands ⇒ the same state, bit for bit (see hash.ts).
import type { Command, Refusal, WarningLevel } from './command.ts';
import { advanceFlood, cellSpeed, createFloodGrid, refreshWetBox, totalVolume, type FloodGrid } from './flood.ts';
import { createHouseholds, HouseholdState as S, walkSpeed, type Households } from './household.ts';
import { createRng, forkRng, nextFloat, nextInt, rayleigh, type Rng } from './prng.ts';
import { buildDistanceField, nextCell } from './routing.ts';
import type { Scenario } from './scenario.ts';
import { CHANNEL_PROFILES, complianceProbability, meanDepartureDelay } from './warning.ts';

/** Hazard to a person outside shelter (DOMAIN.md): depth ≥ 0.5 m or depth × velocity > 0.5 m²/s. */
export const HAZARD_DEPTH = 0.5;
export const HAZARD_DEPTH_VELOCITY = 0.5;
/** Depth at which an area counts as flooded and a household notices water at the door. */
export const FLOODED_DEPTH = 0.1;
/** Depth at home at which a household leaves without any order (design choice: people in rob-prone kampung are used
 *  to ankle-deep water and wait, cf. Zulfa et al. 2024 in DOMAIN.md). */
export const SELF_EVACUATION_DEPTH = 0.3;
/** Flow fields are rebuilt this often (ticks), so routes bend around rising water. */
export const FIELD_REFRESH_TICKS = 5;
/** Covered living space per person (Sphere minimum, DOMAIN.md). */
export const SPHERE_M2_PER_PERSON = 3.5;
/** Boat speed over water, m/s (design choice: a loaded rescue boat in flooded streets). */
export const BOAT_SPEED = 2.5;

export interface HoodState {
  /** Tick of the first warning that reached this area (−1 = never warned). */
  warnedTick: number;
  level: WarningLevel | null;
  channels: string[];
  /** Shelter index ordered for this area (−1 = no order). */
  orderShelter: number;
  orderTick: number;
  /** Habitable cells of the area, for placing households and locating rescue. */
  cells: number[];
  centre: number;
  /** Tick water first stood ≥ 0.1 m in the area (−1 = not yet). */
  floodedTick: number;
}

export interface ShelterState {
  cell: number;
  capacity: number;
  occupants: number;
}

export interface UnitState {
  id: string;
  ngo: string;
  kind: string;
  capacity: number;
  /** Position in cell coordinates (fractional while moving). */
  x: number;
  y: number;
  /** Area index it is tasked to (−1 = idle at base). */
  task: number;
  rescued: number;
  /** Taken out of play by an inject (effect.ts): cannot be tasked. */
  unavailable: boolean;
}

export interface WorldEvent {
  tick: number;
  kind: 'warning' | 'order' | 'flooded' | 'stranded' | 'sheltered_all' | 'shelter_full' | 'rescue' | 'refused' | 'unit_tasked';
  area?: string;
  shelter?: string;
  unit?: string;
  count?: number;
  channel?: string;
  level?: string;
  refusal?: Refusal;
}

export interface World {
  scenario: Scenario;
  seed: number;
  tick: number;
  rng: Rng;
  flood: FloodGrid;
  /** Walking cost multiplier per cell (Infinity = not walkable). */
  cellCost: Float64Array;
  hoodOfCell: Int16Array;
  households: Households;
  hoods: HoodState[];
  shelters: ShelterState[];
  units: UnitState[];
  /** Distance field per shelter (see routing.ts) and the tick it was built. */
  fields: Float64Array[];
  fieldsTick: number;
  firstWarningTick: number;
  population: number;
  /** Metres added to the coastal water level by injects (effect.ts: surge). */
  seaLevelOffset: number;
  events: WorldEvent[];
}

export function interpolate(points: { t: number; value: number }[], t: number): number {
  if (points.length === 0) return 0;
  if (t <= points[0].t) return points[0].value;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1], b = points[k];
    if (t <= b.t) return a.value + ((b.value - a.value) * (t - a.t)) / (b.t - a.t);
  }
  return points[points.length - 1].value;
}

/** Cells whose centre lies inside the polygon (even–odd rule). */
export function rasterizePolygon(polygon: [number, number][], width: number, height: number): number[] {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const [x, y] of polygon) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  const out: number[] = [];
  for (let y = Math.max(0, Math.floor(minY)); y <= Math.min(height - 1, Math.ceil(maxY)); y++) {
    for (let x = Math.max(0, Math.floor(minX)); x <= Math.min(width - 1, Math.ceil(maxX)); x++) {
      const px = x + 0.5, py = y + 0.5;
      let inside = false;
      for (let a = 0, b = polygon.length - 1; a < polygon.length; b = a++) {
        const [xa, ya] = polygon[a], [xb, yb] = polygon[b];
        if (ya > py !== yb > py && px < ((xb - xa) * (py - ya)) / (yb - ya) + xa) inside = !inside;
      }
      if (inside) out.push(y * width + x);
    }
  }
  return out;
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
  const flood = createFloodGrid(width, height, cellSize, scenario.elevation, n, sea);
  // Start with the sea at its first level and everything else dry.
  const level0 = interpolate(scenario.seaLevel, 0);
  for (let i = 0; i < sea.length; i++) {
    if (sea[i] || classes.get(scenario.landUse[i])!.startsWet) flood.h[i] = Math.max(0, level0 - scenario.elevation[i]);
  }
  refreshWetBox(flood);
  flood.mass.initial = totalVolume(flood);

  const rng = createRng(seed);
  const placeRng = forkRng(rng, 1);
  const hoodOfCell = new Int16Array(width * height).fill(-1);
  const hoods: HoodState[] = [];
  let totalHouseholds = 0;
  scenario.neighbourhoods.forEach((nb, k) => {
    const all = rasterizePolygon(nb.polygon, width, height);
    for (const c of all) hoodOfCell[c] = k;
    const cells = all.filter((c) => classes.get(scenario.landUse[c])!.habitable);
    let sx = 0, sy = 0;
    for (const c of cells) { sx += c % width; sy += Math.floor(c / width); }
    const centre = cells.length ? Math.round(sy / cells.length) * width + Math.round(sx / cells.length) : 0;
    hoods.push({ warnedTick: -1, level: null, channels: [], orderShelter: -1, orderTick: -1, cells, centre, floodedTick: -1 });
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
      population += households.size[i];
    }
  });

  const shelters: ShelterState[] = scenario.shelters.map((s) => ({
    cell: s.y * width + s.x,
    capacity: Math.floor(s.floorArea / SPHERE_M2_PER_PERSON),
    occupants: 0,
  }));
  const units: UnitState[] = [];
  for (const ngo of scenario.ngos) {
    for (const u of ngo.units) units.push({ id: u.id, ngo: ngo.id, kind: u.kind, capacity: u.capacity, x: u.x, y: u.y, task: -1, rescued: 0, unavailable: false });
  }

  const world: World = {
    scenario, seed, tick: 0, rng, flood, cellCost, hoodOfCell, households, hoods, shelters, units,
    fields: [], fieldsTick: -1, firstWarningTick: -1, population, seaLevelOffset: 0, events: [],
  };
  rebuildFields(world);
  return world;
}

function rebuildFields(w: World): void {
  const { width, height, cellSize } = w.scenario;
  w.fields = w.shelters.map((s) => buildDistanceField(width, height, cellSize, w.cellCost, w.flood.h, s.cell));
  w.fieldsTick = w.tick;
}

/** Checks a command against the world without changing it. Used by the server before it logs and acks. */
export function checkCommand(w: World, cmd: Command): Refusal | null {
  if (w.tick >= w.scenario.durationTicks) return { code: 'drill_over' };
  const areaIds = w.scenario.neighbourhoods.map((n) => n.id);
  if (cmd.type === 'warn' || cmd.type === 'evacuate') {
    const bad = cmd.areas.find((a) => !areaIds.includes(a));
    if (bad) return { code: 'unknown_area', detail: bad };
  }
  if (cmd.type === 'evacuate') {
    const s = w.scenario.shelters.findIndex((x) => x.id === cmd.shelterId);
    if (s < 0) return { code: 'unknown_shelter', detail: cmd.shelterId };
    if (w.shelters[s].occupants >= w.shelters[s].capacity) return { code: 'shelter_full', detail: cmd.shelterId };
  }
  if (cmd.type === 'task_unit') {
    const u = w.units.find((x) => x.id === cmd.unitId);
    if (!u) return { code: 'unknown_unit', detail: cmd.unitId };
    if (u.unavailable) return { code: 'unit_unavailable', detail: cmd.unitId };
    if (!areaIds.includes(cmd.area)) return { code: 'unknown_area', detail: cmd.area };
    if (u.task >= 0 && areaIds[u.task] !== cmd.area) return { code: 'unit_busy', detail: cmd.unitId };
  }
  return null;
}

function applyCommand(w: World, cmd: Command): void {
  const refusal = checkCommand(w, cmd);
  if (refusal) { w.events.push({ tick: w.tick, kind: 'refused', refusal }); return; }
  const ids = w.scenario.neighbourhoods.map((n) => n.id);
  const hh = w.households;
  switch (cmd.type) {
    case 'warn': {
      if (w.firstWarningTick < 0) w.firstWarningTick = w.tick;
      const profile = CHANNEL_PROFILES[cmd.channel];
      for (const area of cmd.areas) {
        const k = ids.indexOf(area);
        const hood = w.hoods[k];
        if (hood.warnedTick < 0) hood.warnedTick = w.tick;
        const order = ['waspada', 'siaga', 'awas'];
        if (!hood.level || order.indexOf(cmd.level) > order.indexOf(hood.level)) hood.level = cmd.level;
        if (!hood.channels.includes(cmd.channel)) hood.channels.push(cmd.channel);
        let reached = 0;
        for (let i = 0; i < hh.count; i++) {
          if (hh.hood[i] !== k) continue;
          // Every household draws, reached or not, so the stream does not depend on earlier outcomes.
          const u = nextFloat(w.rng);
          const delay = -Math.log(1 - nextFloat(w.rng)) * profile.meanDelay;
          if (hh.state[i] !== S.Home || u >= profile.reach) continue;
          const t = w.tick + Math.round(delay);
          if (hh.awareTick[i] < 0 || t < hh.awareTick[i]) hh.awareTick[i] = t;
          reached++;
        }
        w.events.push({ tick: w.tick, kind: 'warning', area, channel: cmd.channel, level: cmd.level, count: reached });
      }
      break;
    }
    case 'evacuate': {
      const s = w.scenario.shelters.findIndex((x) => x.id === cmd.shelterId);
      for (const area of cmd.areas) {
        const k = ids.indexOf(area);
        w.hoods[k].orderShelter = s;
        w.hoods[k].orderTick = w.tick;
        // Households already on their way are redirected.
        for (let i = 0; i < hh.count; i++) if (hh.hood[i] === k && (hh.state[i] === S.Leaving || hh.state[i] === S.Moving) && hh.target[i] !== s) hh.target[i] = s;
        w.events.push({ tick: w.tick, kind: 'order', area, shelter: cmd.shelterId });
      }
      break;
    }
    case 'task_unit': {
      const u = w.units.find((x) => x.id === cmd.unitId)!;
      u.task = ids.indexOf(cmd.area);
      w.events.push({ tick: w.tick, kind: 'unit_tasked', unit: u.id, area: cmd.area });
      break;
    }
  }
}

function nearestShelter(w: World, cell: number): number {
  let best = -1, bestD = Infinity;
  for (let s = 0; s < w.fields.length; s++) {
    const d = w.fields[s][cell];
    if (d < bestD && w.shelters[s].occupants < w.shelters[s].capacity) { bestD = d; best = s; }
  }
  return best;
}

function stepHouseholds(w: World): void {
  const hh = w.households;
  const { width, height, cellSize, tickSeconds } = w.scenario;
  const h = w.flood.h;
  const strandedByHood = new Map<number, number>();
  for (let i = 0; i < hh.count; i++) {
    let st = hh.state[i];
    if (st === S.Sheltered || st === S.Rescued) continue;
    const hood = w.hoods[hh.hood[i]];
    const trust = w.scenario.neighbourhoods[hh.hood[i]].trust;

    // Water at the door is the strongest warning of all.
    if (st === S.Home && h[hh.cell[i]] >= FLOODED_DEPTH) {
      hh.awareTick[i] = w.tick;
    }
    if (st === S.Home && hh.awareTick[i] >= 0 && hh.awareTick[i] <= w.tick) { st = S.Aware; }
    if (st === S.Aware) {
      const waterAtDoor = h[hh.cell[i]] >= SELF_EVACUATION_DEPTH;
      if (hood.orderShelter >= 0 || waterAtDoor) {
        const level = hood.level ?? 'siaga';
        // Both draws always happen, keeping the random stream independent of the outcome.
        const obey = nextFloat(w.rng) < complianceProbability(trust, level);
        const delay = rayleigh(w.rng, waterAtDoor ? 10 : meanDepartureDelay(trust, level));
        if (obey || waterAtDoor) {
          st = S.Leaving;
          hh.departTick[i] = w.tick + Math.round(delay);
          hh.target[i] = hood.orderShelter >= 0 ? hood.orderShelter : nearestShelter(w, hh.cell[i]);
        } else {
          // Stays for now; reconsiders only when the water comes (departTick stays −1).
          st = S.Aware;
          hh.departTick[i] = -2;
        }
      }
    }
    if (st === S.Aware && hh.departTick[i] === -2 && h[hh.cell[i]] >= SELF_EVACUATION_DEPTH) {
      hh.departTick[i] = w.tick;
      hh.target[i] = nearestShelter(w, hh.cell[i]);
      st = S.Leaving;
    }
    if (st === S.Leaving && hh.departTick[i] <= w.tick) st = S.Moving;
    if (st === S.Moving) {
      if (hh.target[i] < 0) hh.target[i] = nearestShelter(w, hh.cell[i]);
      const s = hh.target[i];
      if (s >= 0) {
        const field = w.fields[s];
        let budget = hh.progress[i] + walkSpeed(hh, i) * tickSeconds;
        let cell = hh.cell[i];
        while (budget > 0) {
          if (cell === w.shelters[s].cell) break;
          const nxt = nextCell(width, height, field, cell);
          if (nxt === cell) break;
          const diag = nxt % width !== cell % width && Math.floor(nxt / width) !== Math.floor(cell / width);
          const cost = diag ? cellSize * Math.SQRT2 : cellSize;
          if (budget < cost) break;
          budget -= cost;
          cell = nxt;
        }
        hh.progress[i] = budget > cellSize * 1.5 ? cellSize * 1.5 : budget;
        hh.cell[i] = cell;
        if (cell === w.shelters[s].cell) {
          st = S.Sheltered;
          hh.safeTick[i] = w.tick;
          w.shelters[s].occupants += hh.size[i];
        }
      }
    }
    if (st !== S.Sheltered) {
      const c = hh.cell[i];
      const d = h[c];
      const hazardous = d >= HAZARD_DEPTH || d * cellSpeed(w.flood, c) > HAZARD_DEPTH_VELOCITY;
      if (hazardous && st !== S.Stranded) {
        st = S.Stranded;
        if (!hh.exposed[i]) { hh.exposed[i] = 1; strandedByHood.set(hh.hood[i], (strandedByHood.get(hh.hood[i]) ?? 0) + 1); }
      } else if (!hazardous && st === S.Stranded && d < 0.2) {
        // Water has gone down: the household walks on to safety.
        st = S.Moving;
        if (hh.target[i] < 0) hh.target[i] = nearestShelter(w, c);
      }
    }
    hh.state[i] = st;
  }
  for (const [k, count] of strandedByHood) w.events.push({ tick: w.tick, kind: 'stranded', area: w.scenario.neighbourhoods[k].id, count });
}

function stepUnits(w: World): void {
  const { width, cellSize, tickSeconds } = w.scenario;
  const hh = w.households;
  for (const u of w.units) {
    if (u.task < 0) continue;
    const hood = w.hoods[u.task];
    const tx = hood.centre % width, ty = Math.floor(hood.centre / width);
    const dx = tx - u.x, dy = ty - u.y;
    const dist = Math.hypot(dx, dy);
    const step = (BOAT_SPEED * tickSeconds) / cellSize;
    if (dist > step) { u.x += (dx / dist) * step; u.y += (dy / dist) * step; continue; }
    u.x = tx; u.y = ty;
    // On scene: lift stranded households of the area, up to the boat's capacity in people per tick.
    let room = u.capacity, lifted = 0;
    for (let i = 0; i < hh.count && room > 0; i++) {
      if (hh.hood[i] !== u.task || hh.state[i] !== S.Stranded) continue;
      hh.state[i] = S.Rescued;
      hh.safeTick[i] = w.tick;
      room -= hh.size[i];
      lifted += hh.size[i];
    }
    u.rescued += lifted;
    if (lifted > 0) w.events.push({ tick: w.tick, kind: 'rescue', unit: u.id, area: w.scenario.neighbourhoods[u.task].id, count: lifted });
  }
}

function noteFlooding(w: World): void {
  const h = w.flood.h;
  w.hoods.forEach((hood, k) => {
    if (hood.floodedTick >= 0) return;
    if (hood.cells.some((c) => h[c] >= FLOODED_DEPTH)) {
      hood.floodedTick = w.tick;
      w.events.push({ tick: w.tick, kind: 'flooded', area: w.scenario.neighbourhoods[k].id });
    }
  });
}

/**
 * Advance the world by one tick. Commands are applied first, in the order given (the server gives them in
 * log order). Returns the events of this tick.
 */
export function step(w: World, commands: readonly Command[]): WorldEvent[] {
  w.events = [];
  for (const cmd of commands) applyCommand(w, cmd);
  const sc = w.scenario;
  const minutes = ((w.tick + 0.5) * sc.tickSeconds) / 60;
  advanceFlood(w.flood, sc.tickSeconds, interpolate(sc.seaLevel, minutes) + w.seaLevelOffset);
  if (w.tick - w.fieldsTick >= FIELD_REFRESH_TICKS) rebuildFields(w);
  stepHouseholds(w);
  stepUnits(w);
  noteFlooding(w);
  w.tick++;
  return w.events;
}
