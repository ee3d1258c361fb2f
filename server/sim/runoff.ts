// Rain where it falls and runs: rain over a catchment (a polygon, or all land) becomes runoff that is routed
// downhill to the wet area (a river, a pond, the sea, or on a map without water the pit where it collects) instead of wetting every cell
// of the flood grid. Only rain on cells already under water, and the runoff released at the outlets, enter the
// flood kernel, so a rainy scenario costs about what its wet area costs. Pure and deterministic; see docs/engine.md.
//
// Routing: each cell drains along the priority-flood tree to the rivers or the sea (Barnes et al. 2014), or, on a map
// without water, down its steepest lower neighbour (D8, O'Callaghan & Mark 1984) to a pit. Travel time along the
// path uses the shallow concentrated flow velocity of USDA NRCS TR-55 (1986), V = 4.918·√S m/s (16.1345·√S ft/s, unpaved), and each outlet releases its stored runoff as a linear reservoir
// whose storage coefficient K is the mean travel time of the cells that drain to it (Clark 1945).
import type { FloodGrid } from './flood.ts';
import type { Catchment, LandUseClass, Scenario, TimePoint } from './scenario.ts';
import { interpolate } from './series.ts';

/** TR-55 shallow concentrated flow, unpaved surface: V = 4.918·√S (m/s). */
export const TR55_UNPAVED_COEF = 4.918;
/** Slope used for the travel time on flat ground, so a flat cell still drains (design choice). */
export const MIN_TRAVEL_SLOPE = 0.005;
/** Longest travel time counted (minutes; design choice: longer paths leave the town before they matter). */
export const MAX_TRAVEL_MIN = 360;
/** Depth (m) above which rain falls straight into standing water instead of running off (design choice). */
export const RAIN_ON_WATER_DEPTH = 0.01;

export interface CatchmentRouting {
  /** The catchment's cells (land only). */
  cells: Int32Array;
  /** Per cell of `cells`: index into RunoffState.outlets, or −1 when the runoff reaches the sea. */
  outlet: Int32Array;
}

export interface RunoffState {
  catchments: CatchmentRouting[];
  /** Outlet cells (rivers, ponds, pits) shared by all catchments, and each one's reservoir. */
  outlets: Int32Array;
  /** Storage coefficient K per outlet (seconds). */
  k: Float64Array;
  /** Runoff waiting in each outlet's reservoir (m³). */
  stored: Float64Array;
  /** Books in m³: rain fallen, infiltrated, run to the sea, fallen straight on water, released at the outlets. */
  books: { rain: number; infiltrated: number; toSea: number; direct: number; released: number };
}

/** Catchments of a scenario: its own, plus the old whole-grid `rainfall` as a catchment with runoff coefficient 1. */
export function scenarioCatchments(sc: Scenario): Catchment[] {
  const out = [...(sc.catchments ?? [])];
  if (sc.rainfall && sc.rainfall.length) out.push({ id: 'rain', name: 'rain', rainfall: sc.rainfall, runoffCoefficient: 1 });
  return out;
}

/** Rain series that falls on a cell set: the named catchment, else the first catchment. */
export function catchmentRain(sc: Scenario, id?: string): TimePoint[] {
  const all = scenarioCatchments(sc);
  const c = (id ? all.find((x) => x.id === id) : undefined) ?? all[0];
  return c ? c.rainfall : [];
}

const DX8 = [-1, 0, 1, -1, 1, -1, 0, 1], DY8 = [-1, -1, -1, 0, 0, 1, 1, 1];

/** Steepest lower neighbour of every cell (D8), or −1 for a pit; and the slope (m/m) to it. */
export function steepestDescent(width: number, height: number, cellSize: number, z: Float64Array): { next: Int32Array; slope: Float64Array } {
  const next = new Int32Array(width * height).fill(-1);
  const slope = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let best = -1, bestS = 0;
      for (let d = 0; d < 8; d++) {
        const nx = x + DX8[d], ny = y + DY8[d];
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const j = ny * width + nx;
        const s = (z[i] - z[j]) / (cellSize * (DX8[d] !== 0 && DY8[d] !== 0 ? Math.SQRT2 : 1));
        if (s > bestS) { bestS = s; best = j; }
      }
      next[i] = best;
      slope[i] = bestS;
    }
  }
  return { next, slope };
}

/** Builds the routing of every catchment over the bed `z`: outlets, travel times and reservoir constants. */
export function createRunoff(sc: Scenario, z: Float64Array, classes: Map<number, LandUseClass>, catchments = scenarioCatchments(sc)): RunoffState {
  const { width, height, cellSize } = sc;
  const n = width * height;
  const isSea = (i: number) => classes.get(sc.landUse[i])!.isSea;
  const isWater = (i: number) => { const c = classes.get(sc.landUse[i])!; return c.startsWet && !c.bridge; };
  const terminal = new Int32Array(n), travel = new Float64Array(n);
  const hasSeeds = sc.landUse.some((_, i) => isSea(i) || isWater(i));
  if (hasSeeds) drainToWater(width, height, cellSize, z, isSea, isWater, terminal, travel);
  else drainToPits(width, height, cellSize, z, terminal, travel);
  const outletIndex = new Map<number, number>();
  const outletCells: number[] = [], kSum: number[] = [], kCount: number[] = [];
  const routings: CatchmentRouting[] = catchments.map((c) => {
    const cells = Int32Array.from((c.cells ?? Array.from({ length: n }, (_, i) => i)).filter((i) => !isSea(i)));
    const outlet = new Int32Array(cells.length);
    for (let k = 0; k < cells.length; k++) {
      const t = terminal[cells[k]];
      if (t < 0) { outlet[k] = -1; continue; }
      let o = outletIndex.get(t);
      if (o === undefined) { o = outletCells.length; outletIndex.set(t, o); outletCells.push(t); kSum.push(0); kCount.push(0); }
      outlet[k] = o;
      kSum[o] += travel[cells[k]];
      kCount[o]++;
    }
    return { cells, outlet };
  });
  return {
    catchments: routings,
    outlets: Int32Array.from(outletCells),
    k: Float64Array.from(kSum, (s, o) => s / kCount[o]),
    stored: new Float64Array(outletCells.length),
    books: { rain: 0, infiltrated: 0, toSea: 0, direct: 0, released: 0 },
  };
}

/** Travel time (s) over one step of `dist` metres falling `drop` metres (TR-55 shallow concentrated flow). */
function stepTime(dist: number, drop: number): number {
  return dist / (TR55_UNPAVED_COEF * Math.sqrt(Math.max(drop / dist, MIN_TRAVEL_SLOPE)));
}

/**
 * With rivers or sea on the map: every land cell drains to them along the priority-flood tree (Barnes, Lehman &
 * Mulla 2014, Computers & Geosciences 62:117–127): cells are reached from the water outwards in order of their
 * depression-filled elevation, and each drains to the cell it was reached from, so runoff crosses small hollows
 * instead of stopping in every one. `terminal` is the river cell reached (−1 = the sea).
 */
function drainToWater(width: number, height: number, cellSize: number, z: Float64Array, isSea: (i: number) => boolean,
  isWater: (i: number) => boolean, terminal: Int32Array, travel: Float64Array): void {
  const n = width * height;
  const filled = new Float64Array(n);
  const seen = new Uint8Array(n);
  // Binary min-heap of cells keyed by (filled elevation, index).
  const heap = new Int32Array(n);
  let size = 0;
  const less = (a: number, b: number) => filled[a] < filled[b] || (filled[a] === filled[b] && a < b);
  const push = (i: number) => {
    let k = size++;
    heap[k] = i;
    while (k > 0) { const p = (k - 1) >> 1; if (!less(heap[k], heap[p])) break; const t = heap[k]; heap[k] = heap[p]; heap[p] = t; k = p; }
  };
  const pop = () => {
    const top = heap[0];
    heap[0] = heap[--size];
    let k = 0;
    for (;;) {
      const l = 2 * k + 1, r = l + 1;
      let m = k;
      if (l < size && less(heap[l], heap[m])) m = l;
      if (r < size && less(heap[r], heap[m])) m = r;
      if (m === k) break;
      const t = heap[k]; heap[k] = heap[m]; heap[m] = t; k = m;
    }
    return top;
  };
  for (let i = 0; i < n; i++) {
    if (!isSea(i) && !isWater(i)) continue;
    seen[i] = 1; filled[i] = z[i]; terminal[i] = isSea(i) ? -1 : i; travel[i] = 0;
    push(i);
  }
  while (size > 0) {
    const i = pop();
    const x = i % width, y = (i - x) / width;
    for (let d = 0; d < 8; d++) {
      const nx = x + DX8[d], ny = y + DY8[d];
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
      const j = ny * width + nx;
      if (seen[j]) continue;
      seen[j] = 1;
      filled[j] = Math.max(z[j], filled[i]);
      terminal[j] = terminal[i];
      const dist = (DX8[d] !== 0 && DY8[d] !== 0 ? Math.SQRT2 : 1) * cellSize;
      travel[j] = Math.min(MAX_TRAVEL_MIN * 60, travel[i] + stepTime(dist, z[j] - z[i]));
      push(j);
    }
  }
}

/** Without rivers or sea (a closed basin): each cell drains down its steepest descent (D8) to the pit it ends in. */
function drainToPits(width: number, height: number, cellSize: number, z: Float64Array, terminal: Int32Array, travel: Float64Array): void {
  const n = width * height;
  const { next, slope } = steepestDescent(width, height, cellSize, z);
  // From low to high ground, so that a cell's downhill neighbour is always done first.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => z[a] - z[b] || a - b);
  for (const i of order) {
    const j = next[i];
    if (j < 0) { terminal[i] = i; travel[i] = 0; continue; }
    const dist = (i % width !== j % width && Math.floor(i / width) !== Math.floor(j / width) ? Math.SQRT2 : 1) * cellSize;
    terminal[i] = terminal[j];
    travel[i] = Math.min(MAX_TRAVEL_MIN * 60, travel[j] + stepTime(dist, slope[i] * dist));
  }
}

/**
 * Rain of the coming tick: writes flood sources from index `k` on (rain straight onto standing water, and what each
 * outlet's reservoir releases this tick) and returns the new count. `catchments` are the scenario's, in the order
 * createRunoff saw them.
 */
export function writeRunoffSources(st: RunoffState, catchments: Catchment[], g: FloodGrid, minutes: number, tickSeconds: number, k: number): number {
  const area = g.dx * g.dx;
  const h = g.h;
  const src = g.sources;
  const need = (extra: number) => {
    if (src.cells.length >= k + extra) return;
    const cells = new Int32Array(Math.max(k + extra, src.cells.length * 2)), rate = new Float64Array(cells.length);
    cells.set(src.cells.subarray(0, k)); rate.set(src.rate.subarray(0, k));
    src.cells = cells; src.rate = rate;
  };
  catchments.forEach((c, ci) => {
    const r = st.catchments[ci];
    const mmh = Math.max(0, interpolate(c.rainfall, minutes));
    if (mmh <= 0) return;
    const rate = mmh / 1000 / 3600; // m/s
    const depth = rate * tickSeconds;
    const cr = c.runoffCoefficient;
    st.books.rain += depth * area * r.cells.length;
    need(r.cells.length);
    for (let j = 0; j < r.cells.length; j++) {
      const i = r.cells[j];
      if (h[i] > RAIN_ON_WATER_DEPTH) {
        // Rain on standing water stays where it falls.
        src.cells[k] = i; src.rate[k] = rate; k++;
        st.books.direct += depth * area;
        continue;
      }
      const run = depth * area * cr;
      st.books.infiltrated += depth * area - run;
      const o = r.outlet[j];
      if (o < 0) st.books.toSea += run;
      else st.stored[o] += run;
    }
  });
  // Each outlet releases S·(1 − e^(−Δt/K)) this tick as a steady source (Clark's linear reservoir).
  need(st.outlets.length);
  for (let o = 0; o < st.outlets.length; o++) {
    const s = st.stored[o];
    if (s <= 0) continue;
    const kk = st.k[o];
    let out = kk > 0 ? s * (1 - Math.exp(-tickSeconds / kk)) : s;
    // Release the last trickle at once so reservoirs empty in finite time (below a litre per outlet).
    if (s - out < 1e-3) out = s;
    st.stored[o] = s - out;
    st.books.released += out;
    src.cells[k] = st.outlets[o]; src.rate[k] = out / (area * tickSeconds); k++;
  }
  return k;
}

/** Runoff still in the reservoirs (m³). */
export function storedRunoff(st: RunoffState): number {
  let s = 0;
  for (let o = 0; o < st.stored.length; o++) s += st.stored[o];
  return s;
}
