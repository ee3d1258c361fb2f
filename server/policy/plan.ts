// What a prepared team knows before the drill from its town's published data (the map, the sea-level forecast,
// rivers, slopes that may slide, shelters and their floor area): which areas are at risk, and which shelter each
// of them goes to. Works on any scenario; the heuristics are the policies' own, not the engine's (docs/scoring.md#policies).
import { isRoadCell, rasterizePolygon, type Scenario } from '../sim/index.ts';

/** How far a river may rise above its bed (m) at peak discharge Q (m³/s): depth grows as Q^0.4 (at-a-station
 *  hydraulic geometry, Leopold & Maddock 1953), scaled so 45 m³/s gives ~1.4 m; at least 1 m (a stand-in for a
 *  hazard map; design choice). */
export function riverRise(peakDischarge: number): number {
  return Math.max(1, 0.3 * Math.pow(Math.max(0, peakDischarge), 0.4));
}
/** A cell is at risk when its ground is below the nearby water's highest level plus this margin (m). */
export const RISK_MARGIN_M = 0.3;
/** An area with at least this share of its homes at risk is evacuated. */
export const RISK_AREA_SHARE = 0.1;
/** Share of residents expected to follow an evacuation order, for shelter planning (design choice). */
export const EXPECTED_TURNOUT = 0.85;

export interface AreaPlan {
  id: string;
  x: number;
  y: number;
  people: number;
  /** Share of the area's homes at risk (0–1). */
  risk: number;
}

export interface TownPlan {
  /** Areas, riskiest first. */
  areas: AreaPlan[];
  /** Areas to evacuate, riskiest first. */
  riskAreas: string[];
  /** The shelter each evacuated area is sent to. */
  shelterOf: Map<string, string>;
  /** Shelters closed at the start that the plan uses. */
  toOpen: string[];
  /** Road cells of each area at risk (closed to traffic once flooded). */
  roads: Map<string, number[]>;
  /** Health facilities at risk and where their in-patients go (a facility out of reach of the water, else a shelter). */
  facilityMoves: { facilityId: string; to: string }[];
}

/** A river floods its banks this far (m) at most (design choice for a hazard-map stand-in). */
export const RIVER_REACH_M = 400;

/**
 * Highest water level (m) that can reach each cell (-Infinity where none can), a first-cut hazard map:
 * - the sea at its highest forecast level spreads as a "connected bathtub" to every cell lower than that level
 *   reachable from the sea through such cells (embankments ignored: maps show the land behind a levee at risk);
 * - a river or lake rises riverRise() above its bed and reaches its banks up to RIVER_REACH_M away (the bed falls
 *   along a river, so its level must not spread down the valley like a lake's).
 */
export function waterReach(sc: Scenario): Float64Array {
  const { width, height } = sc;
  const classes = new Map(sc.landUseClasses.map((c) => [c.code, c]));
  const seaPeak = sc.seaLevel.reduce((m, p) => Math.max(m, p.value), -Infinity);
  const peakQ = (sc.rivers ?? []).reduce((m, r) => Math.max(m, ...r.hydrograph.map((p) => p.value)), 0);
  const rise = riverRise(peakQ);
  const level = new Float64Array(width * height).fill(-Infinity);
  const river = new Float64Array(width * height).fill(-Infinity);
  const queue: number[] = [];
  for (let i = 0; i < level.length; i++) {
    const c = classes.get(sc.landUse[i]);
    if (c?.isSea) { level[i] = seaPeak; queue.push(i); }
    else if (c?.startsWet) river[i] = sc.elevation[i] + rise;
  }
  for (const r of sc.rivers ?? []) for (const cell of r.cells) river[cell] = Math.max(river[cell], sc.elevation[cell] + rise);
  // The sea: one level, so a plain breadth-first fill.
  for (let q = 0; q < queue.length; q++) {
    const c = queue[q];
    const x = c % width, y = (c - x) / width;
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      const xx = x + dx, yy = y + dy;
      if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
      const n = yy * width + xx;
      if (level[n] > -Infinity || sc.elevation[n] >= seaPeak) continue;
      level[n] = seaPeak;
      queue.push(n);
    }
  }
  // Rivers: the highest river level within reach (a separable max filter, rows then columns).
  const R = Math.max(1, Math.round(RIVER_REACH_M / sc.cellSize));
  const rows = new Float64Array(river.length).fill(-Infinity);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    let m = -Infinity;
    for (let d = Math.max(0, x - R); d <= Math.min(width - 1, x + R); d++) if (river[y * width + d] > m) m = river[y * width + d];
    rows[y * width + x] = m;
  }
  for (let x = 0; x < width; x++) for (let y = 0; y < height; y++) {
    let m = -Infinity;
    for (let d = Math.max(0, y - R); d <= Math.min(height - 1, y + R); d++) if (rows[d * width + x] > m) m = rows[d * width + x];
    const i = y * width + x;
    if (m > level[i]) level[i] = m;
  }
  return level;
}

export function planTown(sc: Scenario): TownPlan {
  const { width, height } = sc;
  const classes = new Map(sc.landUseClasses.map((c) => [c.code, c]));
  const reach = waterReach(sc);
  const atRisk = (cell: number) => sc.elevation[cell] < reach[cell] + RISK_MARGIN_M;
  const slide = new Set<number>();
  for (const z of sc.landslides ?? []) for (const c of z.cells) slide.add(c);

  const areas: AreaPlan[] = sc.neighbourhoods.map((nb) => {
    const cells = rasterizePolygon(nb.polygon, width, height).filter((c) => classes.get(sc.landUse[c])?.habitable);
    let sx = 0, sy = 0, risky = 0;
    for (const c of cells) {
      sx += c % width; sy += Math.floor(c / width);
      // Homes on or just below a slope that may slide are at risk too (the debris runs downhill).
      if (atRisk(c) || slide.has(c) || nearSlide(c)) risky++;
    }
    const n = Math.max(1, cells.length);
    return { id: nb.id, x: sx / n, y: sy / n, people: nb.households * nb.householdSize, risk: cells.length ? risky / cells.length : 0 };
  });
  function nearSlide(c: number): boolean {
    if (!slide.size) return false;
    const x = c % width, y = Math.floor(c / width);
    for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) {
      const xx = x + dx, yy = y + dy;
      if (xx >= 0 && yy >= 0 && xx < width && yy < height && slide.has(yy * width + xx)) return true;
    }
    return false;
  }
  areas.sort((a, b) => b.risk - a.risk || a.id.localeCompare(b.id));
  let risky = areas.filter((a) => a.risk >= RISK_AREA_SHARE);
  if (!risky.length) risky = areas;

  // Shelters: the nearest with room for the expected turnout. Every shelter of a scenario is a safe place once
  // inside (a school on high ground, or a vertical evacuation building's upper floors), so nearness decides.
  const room = new Map(sc.shelters.map((s) => [s.id, Math.floor(s.floorArea / 3.5)]));
  const usable = sc.shelters;
  // Each area to the nearest shelter that still has room for its expected turnout, else where most room is left.
  // The order areas are served in matters (one far area must not take the shelter next door to another): with few
  // areas every order is tried and the one with the least walking (people × distance) kept; with many, closest
  // area–shelter pairs go first.
  const need = (a: AreaPlan) => a.people * EXPECTED_TURNOUT;
  const dist = (a: AreaPlan, s: { x: number; y: number }) => Math.hypot(s.x - a.x, s.y - a.y);
  const serve = (order: AreaPlan[]) => {
    const left = new Map(room);
    const out = new Map<string, string>();
    let cost = 0;
    for (const a of order) {
      const s = [...usable].sort((p, q) => dist(a, p) - dist(a, q)).find((x) => left.get(x.id)! >= need(a))
        ?? [...usable].sort((p, q) => left.get(q.id)! - left.get(p.id)!)[0];
      if (!s) continue;
      out.set(a.id, s.id);
      left.set(s.id, left.get(s.id)! - need(a));
      // Sent over capacity: counted as if twice as far (crowding; design choice).
      cost += a.people * dist(a, s) * (left.get(s.id)! < 0 ? 2 : 1);
    }
    return { out, cost };
  };
  let best = serve([...risky].sort((p, q) => Math.min(...usable.map((s) => dist(p, s))) - Math.min(...usable.map((s) => dist(q, s)))));
  if (risky.length <= 7) {
    const permute = (rest: AreaPlan[], acc: AreaPlan[]) => {
      if (!rest.length) { const r = serve(acc); if (r.cost < best.cost) best = r; return; }
      rest.forEach((a, k) => permute([...rest.slice(0, k), ...rest.slice(k + 1)], [...acc, a]));
    };
    permute(risky, []);
  }
  const shelterOf = best.out;
  const toOpen = new Set<string>();
  for (const id of shelterOf.values()) if (sc.shelters.find((x) => x.id === id)?.open === false) toOpen.add(id);
  // In-patients leave facilities in reach of the water for the nearest facility out of reach, else the nearest
  // shelter out of reach (or any shelter when none is).
  const facilityMoves: TownPlan['facilityMoves'] = [];
  const outOfReach = (x: number, y: number) => !atRisk(y * width + x) && !slide.has(y * width + x);
  const facilities = sc.facilities ?? [];
  for (const f of facilities) {
    if (outOfReach(f.x, f.y)) continue;
    const near = <T extends { x: number; y: number }>(list: T[]) => [...list].sort((p, q) => Math.hypot(p.x - f.x, p.y - f.y) - Math.hypot(q.x - f.x, q.y - f.y))[0];
    const dest = near(facilities.filter((g) => g.id !== f.id && outOfReach(g.x, g.y) && g.beds > g.patients))
      ?? near(sc.shelters.filter((s) => outOfReach(s.x, s.y))) ?? near(sc.shelters);
    if (!dest) continue;
    facilityMoves.push({ facilityId: f.id, to: dest.id });
    if (sc.shelters.some((s) => s.id === dest.id && s.open === false)) toOpen.add(dest.id);
  }
  const roads = new Map<string, number[]>();
  for (const a of risky) {
    const nb = sc.neighbourhoods.find((n) => n.id === a.id)!;
    roads.set(a.id, rasterizePolygon(nb.polygon, width, height).filter((c) => isRoadCell(sc, c)));
  }
  return { areas, riskAreas: risky.map((a) => a.id), shelterOf, toOpen: [...toOpen], facilityMoves, roads };
}
