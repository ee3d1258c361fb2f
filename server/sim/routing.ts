// Flow fields: one distance field per shelter over walkable cells, so every household finds its next cell by
// looking at its eight neighbours instead of running a path search of its own each tick.

/** Depth (m) above which walking costs more, and above which a cell is impassable on foot. Design choice,
 *  bounded by the hazard line of docs/domain.md#hazard (a person outside is at serious risk at 0.5 m). */
export const WADE_DEPTH = 0.15;
export const IMPASSABLE_DEPTH = 0.5;

const DIAG = Math.SQRT2;
const NX = [1, -1, 0, 0, 1, 1, -1, -1];
const NY = [0, 0, 1, -1, 1, -1, 1, -1];
const NC = [1, 1, 1, 1, DIAG, DIAG, DIAG, DIAG];

/**
 * Binary min-heap of (cost, cell) pairs in typed arrays, with the cost stored at push time (a cell pushed again
 * with a lower cost is a new entry; stale ones are skipped by the caller). Ties go to the lower cell index, so
 * results never depend on insertion order.
 */
class Heap {
  private keys = new Float64Array(1024);
  private cells = new Int32Array(1024);
  size = 0;
  push(key: number, cell: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2); k.set(this.keys); this.keys = k;
      const c = new Int32Array(this.size * 2); c.set(this.cells); this.cells = c;
    }
    const keys = this.keys, cells = this.cells;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p];
      if (pk < key || (pk === key && cells[p] < cell)) break;
      keys[i] = pk; cells[i] = cells[p];
      i = p;
    }
    keys[i] = key; cells[i] = cell;
  }
  /** Removes the smallest entry and returns its cell. */
  pop(): number {
    const keys = this.keys, cells = this.cells;
    const top = cells[0];
    const n = --this.size;
    if (n > 0) {
      const key = keys[n], cell = cells[n];
      let i = 0;
      for (;;) {
        let m = 2 * i + 1;
        if (m >= n) break;
        const r = m + 1;
        if (r < n && (keys[r] < keys[m] || (keys[r] === keys[m] && cells[r] < cells[m]))) m = r;
        if (key < keys[m] || (key === keys[m] && cell < cells[m])) break;
        keys[i] = keys[m]; cells[i] = cells[m];
        i = m;
      }
      keys[i] = key; cells[i] = cell;
    }
    return top;
  }
}

/**
 * Walking cost in metres-equivalent from every cell to the target cell (Dijkstra, 8-neighbour).
 * `cellCost[i]` is the base cost multiplier (Infinity = never walkable); water deeper than WADE_DEPTH triples
 * the cost and water deeper than IMPASSABLE_DEPTH blocks the cell.
 */
export function buildDistanceField(width: number, height: number, cellSize: number, cellCost: Float64Array, depth: Float64Array, target: number, bridge?: Uint8Array, into?: Float64Array): Float64Array {
  // The per-cell cost is scratch, used only within this call: one array per grid size, reused (memory, docs/load.md#memory).
  const cost = scratchCost(width * height);
  for (let i = 0; i < cost.length; i++) {
    const d = bridge && bridge[i] ? 0 : depth[i]; // a bridge deck stays dry over the river
    const c = cellCost[i];
    cost[i] = !(c < Infinity) || d > IMPASSABLE_DEPTH ? Infinity : d > WADE_DEPTH ? c * 3 : c;
  }
  return buildCostField(width, height, cellSize, cost, target, into);
}

let costScratch = new Float64Array(0);
function scratchCost(n: number): Float64Array {
  if (costScratch.length !== n) costScratch = new Float64Array(n);
  return costScratch;
}
let doneScratch = new Uint8Array(0);
const heapScratch = { heap: null as Heap | null };

/** The neighbour of cell i that is closest to the target, or i itself when none is closer (arrived or cut off). */
export function nextCell(width: number, height: number, dist: Float64Array, i: number): number {
  const x = i % width, y = (i - x) / width;
  let best = i, bestD = dist[i];
  for (let k = 0; k < 8; k++) {
    const nx = x + NX[k], ny = y + NY[k];
    if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
    const j = ny * width + nx;
    if (dist[j] < bestD) { bestD = dist[j]; best = j; }
  }
  return best;
}

/**
 * Travel cost (metres-equivalent) from every cell to the target, for a per-cell cost multiplier (Infinity =
 * impassable). Used for field units: boats on water, trucks on passable roads (ngo.ts). With `into` (a field of
 * the same size no longer needed) the result is written over it instead of a new array: the same values.
 */
export function buildCostField(width: number, height: number, cellSize: number, cost: Float64Array, target: number, into?: Float64Array): Float64Array {
  const dist = into && into.length === width * height ? into.fill(Infinity) : new Float64Array(width * height).fill(Infinity);
  // Heap and visited marks are scratch of this call, kept between calls (each call empties the heap and clears the marks).
  const heap = heapScratch.heap ?? (heapScratch.heap = new Heap());
  heap.size = 0;
  if (doneScratch.length !== width * height) doneScratch = new Uint8Array(width * height);
  const done = doneScratch.fill(0);
  dist[target] = 0;
  heap.push(0, target);
  while (heap.size > 0) {
    const i = heap.pop();
    if (done[i]) continue;
    done[i] = 1;
    const x = i % width, y = (i - x) / width;
    for (let k = 0; k < 8; k++) {
      const nx = x + NX[k], ny = y + NY[k];
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
      const j = ny * width + nx;
      if (done[j] || !(cost[j] < Infinity)) continue;
      const nd = dist[i] + NC[k] * cellSize * 0.5 * (cost[j] + (cost[i] < Infinity ? cost[i] : cost[j]));
      if (nd < dist[j]) { dist[j] = nd; heap.push(nd, j); }
    }
  }
  return dist;
}
