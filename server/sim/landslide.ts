// Landslides (longsor): slope zones that fail when the rain of the current event passes a rainfall
// intensity–duration threshold I = α·D^(−β) (Caine 1980, Geografiska Annaler A 62:23–27: α = 14.82, β = 0.39 for
// I in mm/h and D in hours, 10 min < D < 10 days; Guzzetti et al. 2008, Landslides 5:3–17: global minimum α = 2.20,
// β = 0.44), or when an inject says so. A failing zone lowers its steep cells (the scar), runs its debris downhill
// and raises the ground there (closing roads and damming streams), and hurts the people it buries. Pure.
import { HouseholdState as S, type Households } from './household.ts';
import { nextFloat, type Rng } from './prng.ts';
import type { LandslideZone, TimePoint } from './scenario.ts';
import { interpolate } from './series.ts';

/** Caine (1980) global threshold. */
export const CAINE_ALPHA = 14.82, CAINE_BETA = 0.39;
/** Guzzetti et al. (2008) global minimum threshold. */
export const GUZZETTI_ALPHA = 2.2, GUZZETTI_BETA = 0.44;
/** Shortest duration the thresholds are defined for (Caine 1980: 10 minutes), in hours. */
export const MIN_EVENT_HOURS = 10 / 60;
/** Rain below this (mm/h) does not count as rain in an event (design choice). */
export const EVENT_RAIN_MIN = 0.2;
/** A dry spell this long (hours) ends a rainfall event (design choice; the threshold papers separate events by dry spells). */
export const EVENT_GAP_HOURS = 6;
/** Metres removed from the scar cells (design choice: shallow landslides in Sumatra's weathered soils are 1–3 m deep). */
export const SCAR_DEPTH = 1;
/** Share of people buried by debris who die, and who are injured (design choices; people caught in a debris path
 *  rarely escape, and the Nov 2025 Sumatra slides killed most of those whose houses were hit). */
export const LANDSLIDE_DEATH_SHARE = 0.3, LANDSLIDE_INJURY_SHARE = 0.4;
/** Debris runs on over flat ground while the next cell rises less than this (m; design choice). */
export const RUNOUT_RISE = 0.5;
/** Most cells a zone may fail at once (keeps a mis-drawn zone from burying the map; design choice). */
export const MAX_SCAR_CELLS = 400;

export interface LandslideState {
  /** Tick the slope failed (−1 = standing). */
  failedTick: number;
  /** Current rainfall event: start (scenario minutes, −1 = none), rain so far (mm), last minute with rain. */
  eventStart: number;
  eventMm: number;
  lastRain: number;
  /** Steep cells that may fail (row-major), fixed at the start. */
  steep: number[];
  /** Scar and debris cells once it failed (for the map). */
  cells: number[];
  /** People killed or injured by it. */
  hurt: number;
}

/** Slope (degrees) of each cell: its steepest drop to one of its eight neighbours. */
export function slopeDegrees(width: number, height: number, cellSize: number, z: Float64Array): Float64Array {
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const i = y * width + x;
    let best = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      if (!dx && !dy) continue;
      const nx = x + dx, ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
      const s = Math.abs(z[i] - z[ny * width + nx]) / (cellSize * (dx && dy ? Math.SQRT2 : 1));
      if (s > best) best = s;
    }
    out[i] = (Math.atan(best) * 180) / Math.PI;
  }
  return out;
}

export function createLandslides(zones: LandslideZone[], width: number, height: number, cellSize: number, z: Float64Array): LandslideState[] {
  if (!zones.length) return [];
  const deg = slopeDegrees(width, height, cellSize, z);
  return zones.map((zone) => {
    // The steep cells fail, and with them the crown: cells of the zone next to a steep cell (a canyon rim, the
    // houses at the top of a cut slope).
    const inZone = new Set(zone.cells);
    const steep = zone.cells.filter((c) => deg[c] >= zone.minSlopeDeg);
    const crown = new Set(steep);
    for (const c of steep) {
      const x = c % width, y = (c - x) / width;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const j = ny * width + nx;
        if (inZone.has(j)) crown.add(j);
      }
    }
    return {
      failedTick: -1, eventStart: -1, eventMm: 0, lastRain: -1, cells: [], hurt: 0,
      steep: steep.length ? [...crown].sort((a, b) => a - b).slice(0, MAX_SCAR_CELLS) : [],
    };
  });
}

/** Threshold intensity (mm/h) for an event of `hours`: α·D^(−β). */
export function thresholdIntensity(zone: Pick<LandslideZone, 'alpha' | 'beta'>, hours: number): number {
  return zone.alpha * Math.pow(hours, -zone.beta);
}

/**
 * Adds one tick of rain (from `startMin`, `tickMinutes` long) to the zone's event and says whether the slope fails now:
 * the event's mean intensity E/D has reached α·D^(−β), and the zone has cells steep enough to fail.
 */
export function accumulateRain(st: LandslideState, zone: LandslideZone, rain: TimePoint[], startMin: number, tickMinutes: number): boolean {
  const mmh = interpolate(rain, startMin + tickMinutes / 2);
  const end = startMin + tickMinutes;
  if (mmh >= EVENT_RAIN_MIN) {
    if (st.eventStart < 0) { st.eventStart = startMin; st.eventMm = 0; }
    st.eventMm += (mmh * tickMinutes) / 60;
    st.lastRain = end;
  } else if (st.eventStart >= 0 && end - st.lastRain >= EVENT_GAP_HOURS * 60) {
    st.eventStart = -1; st.eventMm = 0;
  }
  if (st.eventStart < 0 || st.steep.length === 0) return false;
  const hours = (end - st.eventStart) / 60;
  if (hours < MIN_EVENT_HOURS) return false;
  return st.eventMm / hours >= thresholdIntensity(zone, hours);
}

/** What a failure touches in the world: bed, walking cost, households and their harm stream. */
export interface SlideTarget {
  width: number;
  height: number;
  z: Float64Array;
  sea: Uint8Array;
  cellCost: Float64Array;
  households: Households;
  rng: Rng;
}

/**
 * The zone fails: its steep cells (or, when an inject forces a zone with none, all its cells) drop by SCAR_DEPTH, the
 * debris runs `runoutCells` downhill from each and raises the ground by `depositDepth`; every cell touched is closed to
 * walking and driving. People outside shelter on those cells are killed or hurt. Returns the dead and injured.
 */
export function failSlope(st: LandslideState, zone: LandslideZone, t: SlideTarget, tick: number): { dead: number; injured: number; hitHouseholds: number[] } {
  const { width, height, z, sea } = t;
  st.failedTick = tick;
  const scar = st.steep.length ? st.steep : zone.cells.slice(0, MAX_SCAR_CELLS);
  const touched = new Set<number>();
  for (const c of scar) { z[c] -= SCAR_DEPTH; touched.add(c); }
  const deposit = new Set<number>();
  for (const c0 of scar) {
    let c = c0, dirX = 0, dirY = 0;
    for (let s = 0; s < zone.runoutCells; s++) {
      const x = c % width, y = (c - x) / width;
      let best = -1, bestDrop = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        if (!dx && !dy) continue;
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const j = ny * width + nx;
        const drop = (z[c] - z[j]) / (dx && dy ? Math.SQRT2 : 1);
        if (drop > bestDrop) { bestDrop = drop; best = j; }
      }
      if (best < 0 && (dirX || dirY)) {
        // Flat ground at the foot: the debris keeps its direction while the ground does not rise (runout).
        const nx = x + dirX, ny = y + dirY;
        if (nx >= 0 && ny >= 0 && nx < width && ny < height && z[ny * width + nx] <= z[c] + RUNOUT_RISE) best = ny * width + nx;
      }
      if (best < 0 || sea[best]) break; // came to rest, or ran into the sea
      dirX = (best % width) - x; dirY = Math.floor(best / width) - y;
      c = best;
      if (!touched.has(c)) deposit.add(c);
    }
  }
  for (const c of deposit) { z[c] += zone.depositDepth; touched.add(c); }
  for (const c of touched) t.cellCost[c] = Infinity;
  st.cells = [...touched].sort((a, b) => a - b);
  const hh = t.households;
  let dead = 0, injured = 0;
  const hit: number[] = [];
  for (let i = 0; i < hh.count; i++) {
    // The slide reached this household's home: it was in danger, whether or not it had left (metrics, docs/scoring.md).
    if (touched.has(hh.home[i])) {
      if (hh.dangerTick[i] < 0) hh.dangerTick[i] = tick;
      if (hh.wetTick[i] < 0) hh.wetTick[i] = tick;
    }
    const s = hh.state[i];
    if (s === S.Sheltered || s === S.Rescued || s === S.Dead) continue;
    if (!touched.has(hh.cell[i])) continue;
    const u = nextFloat(t.rng);
    if (u < LANDSLIDE_DEATH_SHARE) { hh.state[i] = S.Dead; dead += hh.size[i]; hit.push(i); }
    else if (u < LANDSLIDE_DEATH_SHARE + LANDSLIDE_INJURY_SHARE && s !== S.Injured) { hh.state[i] = S.Injured; injured += hh.size[i]; hit.push(i); }
    hh.exposed[i] = 1;
  }
  st.hurt += dead + injured;
  return { dead, injured, hitHouseholds: hit };
}
