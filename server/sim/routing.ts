// Flow fields: one distance field per shelter over walkable cells, so every household finds its next cell by
// looking at its eight neighbours instead of running a path search of its own each tick.

/** Depth (m) above which walking costs more, and above which a cell is impassable on foot. Design choice,
 *  bounded by DOMAIN.md's hazard line (a person outside is at serious risk at 0.5 m). */
export const WADE_DEPTH = 0.15;
export const IMPASSABLE_DEPTH = 0.5;

const DIAG = Math.SQRT2;
const NX = [1, -1, 0, 0, 1, 1, -1, -1];
const NY = [0, 0, 1, -1, 1, -1, 1, -1];
const NC = [1, 1, 1, 1, DIAG, DIAG, DIAG, DIAG];

/** Binary min-heap keyed by a Float64Array of costs. Ties broken by index so results never depend on insertion order. */
class Heap {
  private items: number[] = [];
  constructor(private readonly key: Float64Array) {}
  get size() { return this.items.length; }
  private less(a: number, b: number) {
    const ka = this.key[a], kb = this.key[b];
    return ka < kb || (ka === kb && a < b);
  }
  push(i: number) {
    const it = this.items;
    it.push(i);
    let c = it.length - 1;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!this.less(it[c], it[p])) break;
      [it[c], it[p]] = [it[p], it[c]];
      c = p;
    }
  }
  pop(): number {
    const it = this.items;
    const top = it[0];
    const last = it.pop()!;
    if (it.length > 0) {
      it[0] = last;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1, r = l + 1;
        let m = p;
        if (l < it.length && this.less(it[l], it[m])) m = l;
        if (r < it.length && this.less(it[r], it[m])) m = r;
        if (m === p) break;
        [it[m], it[p]] = [it[p], it[m]];
        p = m;
      }
    }
    return top;
  }
}

/**
 * Walking cost in metres-equivalent from every cell to the target cell (Dijkstra, 8-neighbour).
 * `cellCost[i]` is the base cost multiplier (Infinity = never walkable); water deeper than WADE_DEPTH triples
 * the cost and water deeper than IMPASSABLE_DEPTH blocks the cell.
 */
export function buildDistanceField(width: number, height: number, cellSize: number, cellCost: Float64Array, depth: Float64Array, target: number, bridge?: Uint8Array): Float64Array {
  const cost = new Float64Array(width * height);
  for (let i = 0; i < cost.length; i++) {
    const d = bridge && bridge[i] ? 0 : depth[i]; // a bridge deck stays dry over the river
    const c = cellCost[i];
    cost[i] = !(c < Infinity) || d > IMPASSABLE_DEPTH ? Infinity : d > WADE_DEPTH ? c * 3 : c;
  }
  return buildCostField(width, height, cellSize, cost, target);
}

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
 * impassable). Used for field units: boats on water, trucks on passable roads (ngo.ts).
 */
export function buildCostField(width: number, height: number, cellSize: number, cost: Float64Array, target: number): Float64Array {
  const dist = new Float64Array(width * height).fill(Infinity);
  const heap = new Heap(dist);
  const done = new Uint8Array(width * height);
  dist[target] = 0;
  heap.push(target);
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
      if (nd < dist[j]) { dist[j] = nd; heap.push(j); }
    }
  }
  return dist;
}
