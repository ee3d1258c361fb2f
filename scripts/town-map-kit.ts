// A small toolkit to draw a town's terrain as two ESRI ASCII grids (elevation in metres, land-use codes), used by
// scripts/make-town-maps.ts. Shapes are given in cell coordinates (x east, y south, 0,0 = north-west corner):
// polygons for districts and sea, polylines for rivers, roads and ridges. Deterministic: no randomness.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Land-use codes shared by every built-in town (each scenario.yaml lists the ones it uses, with Manning's n). */
export const LU = {
  SEA: 0, BEACH: 1, RIVER: 2, HOUSES: 3, ROAD: 4, PADDY: 5, KEBUN: 6, PUBLIC: 7, BRIDGE: 8,
  SWAMP: 9, INDUSTRY: 10, HILL_FOREST: 11, CLIFF: 12,
} as const;

export type Pt = [number, number];

export class TownMap {
  readonly elev: Float64Array;
  readonly use: Uint8Array;
  constructor(readonly W: number, readonly H: number, readonly cell: number) {
    this.elev = new Float64Array(W * H);
    this.use = new Uint8Array(W * H);
  }
  idx(x: number, y: number): number { return y * this.W + x; }
  inside(x: number, y: number): boolean { return x >= 0 && y >= 0 && x < this.W && y < this.H; }

  /** Sets every cell from a function of its coordinates. */
  fill(f: (x: number, y: number) => [number, number]): void {
    for (let y = 0; y < this.H; y++) for (let x = 0; x < this.W; x++) {
      const [e, u] = f(x, y);
      this.elev[this.idx(x, y)] = e;
      this.use[this.idx(x, y)] = u;
    }
  }

  /** Calls f for every cell whose centre lies inside the polygon (even–odd rule). */
  polygon(poly: Pt[], f: (i: number, x: number, y: number) => void): void {
    for (let y = 0; y < this.H; y++) for (let x = 0; x < this.W; x++) {
      if (pointInPolygon(x + 0.5, y + 0.5, poly)) f(this.idx(x, y), x, y);
    }
  }

  /**
   * Calls f for every cell within `half` cells of the polyline, with the distance along the line (cells) of the
   * nearest point and the distance across it. Cells are visited once, nearest segment first.
   */
  polyline(line: Pt[], half: number, f: (i: number, along: number, across: number, x: number, y: number) => void): void {
    const seen = new Set<number>();
    let start = 0;
    const hits: [number, number, number, number, number][] = [];
    for (let k = 1; k < line.length; k++) {
      const [ax, ay] = line[k - 1], [bx, by] = line[k];
      const len = Math.hypot(bx - ax, by - ay);
      const x0 = Math.floor(Math.min(ax, bx) - half - 1), x1 = Math.ceil(Math.max(ax, bx) + half + 1);
      const y0 = Math.floor(Math.min(ay, by) - half - 1), y1 = Math.ceil(Math.max(ay, by) + half + 1);
      for (let y = Math.max(0, y0); y <= Math.min(this.H - 1, y1); y++) for (let x = Math.max(0, x0); x <= Math.min(this.W - 1, x1); x++) {
        const px = x + 0.5 - ax, py = y + 0.5 - ay;
        const t = len > 0 ? Math.max(0, Math.min(1, (px * (bx - ax) + py * (by - ay)) / (len * len))) : 0;
        const dx = px - t * (bx - ax), dy = py - t * (by - ay);
        const d = Math.hypot(dx, dy);
        if (d <= half + 1e-9) hits.push([this.idx(x, y), start + t * len, d, x, y]);
      }
      start += len;
    }
    hits.sort((a, b) => a[2] - b[2] || a[0] - b[0]);
    for (const [i, along, across, x, y] of hits) {
      if (seen.has(i)) continue;
      seen.add(i);
      f(i, along, across, x, y);
    }
  }

  /**
   * Carves a river from its upstream end to its mouth: cells within `half` become river (or `use`), with the bed given
   * by `bed(f)` where f runs from 0 upstream to 1 at the mouth. Roads drawn later over it become bridges.
   */
  river(line: Pt[], half: number, bed: (f: number) => number, use: number = LU.RIVER): void {
    let total = 0;
    for (let k = 1; k < line.length; k++) total += Math.hypot(line[k][0] - line[k - 1][0], line[k][1] - line[k - 1][1]);
    this.polyline(line, half, (i, along) => {
      this.elev[i] = Math.min(this.elev[i], bed(Math.min(1, along / total)));
      if (this.use[i] !== LU.SEA) this.use[i] = use;
    });
  }

  /** Lowers the ground within `half` cells of a line to at most `level(f)` (river banks, valley floors). */
  lowerAlong(line: Pt[], half: number, level: (f: number, across: number, x: number, y: number) => number): void {
    let total = 0;
    for (let k = 1; k < line.length; k++) total += Math.hypot(line[k][0] - line[k - 1][0], line[k][1] - line[k - 1][1]);
    this.polyline(line, half, (i, along, across, x, y) => { this.elev[i] = Math.min(this.elev[i], level(Math.min(1, along / total), across, x, y)); });
  }

  /** A road: walkable cells along the line; where it meets a river it becomes a bridge deck. */
  road(line: Pt[], half = 0.5): void {
    this.polyline(line, half, (i) => {
      const u = this.use[i];
      if (u === LU.RIVER || u === LU.BRIDGE) this.use[i] = LU.BRIDGE;
      else if (u !== LU.SEA) this.use[i] = LU.ROAD;
    });
  }

  /** Sets land use inside a polygon where the current use is one of `over` (default: any land but water and roads). */
  paint(poly: Pt[], use: number, over?: number[]): void {
    this.polygon(poly, (i) => {
      const u = this.use[i];
      if (over ? over.includes(u) : u !== LU.SEA && u !== LU.RIVER && u !== LU.ROAD && u !== LU.BRIDGE) this.use[i] = use;
    });
  }

  /** Houses along a road (ribbon settlement): farmland within `half` cells of the line becomes houses. */
  ribbon(line: Pt[], half: number): void {
    this.polyline(line, half, (i) => { if (this.use[i] === LU.PADDY || this.use[i] === LU.KEBUN) this.use[i] = LU.HOUSES; });
  }

  /** A public building site (school, mosque, TES, hospital): a square of public land raised by `raise` m. */
  site(x: number, y: number, r = 1, raise = 0.3): void {
    for (let yy = y - r; yy <= y + r; yy++) for (let xx = x - r; xx <= x + r; xx++) {
      if (!this.inside(xx, yy)) continue;
      const i = this.idx(xx, yy);
      if (this.use[i] === LU.SEA || this.use[i] === LU.RIVER) continue;
      this.use[i] = LU.PUBLIC;
      this.elev[i] += raise;
    }
  }

  /**
   * A coarser copy, `k`×`k` cells into one: mean elevation (the lowest cell for water and roads, so channels and
   * roads stay connected), land use by precedence (sea, river, bridge, road, public) or else the most common.
   */
  coarsen(k: number): TownMap {
    const out = new TownMap(Math.floor(this.W / k), Math.floor(this.H / k), this.cell * k);
    const rank = [LU.SEA, LU.RIVER, LU.BRIDGE, LU.ROAD, LU.PUBLIC] as number[];
    for (let y = 0; y < out.H; y++) for (let x = 0; x < out.W; x++) {
      let sum = 0, min = Infinity, best = -1;
      const count = new Map<number, number>();
      for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) {
        const i = this.idx(x * k + dx, y * k + dy);
        sum += this.elev[i]; min = Math.min(min, this.elev[i]);
        const u = this.use[i];
        count.set(u, (count.get(u) ?? 0) + 1);
        const r = rank.indexOf(u);
        if (r >= 0 && (best < 0 || r < rank.indexOf(best))) best = u;
      }
      let use = best;
      if (use < 0 || (use === LU.PUBLIC && (count.get(LU.PUBLIC) ?? 0) < 2)) use = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
      const o = out.idx(x, y);
      out.use[o] = use;
      out.elev[o] = use === LU.SEA || use === LU.RIVER || use === LU.BRIDGE || use === LU.ROAD ? min : sum / (k * k);
    }
    return out;
  }

  write(dir: string): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'elevation.asc'), this.asc(this.elev, 2));
    writeFileSync(join(dir, 'landuse.asc'), this.asc(this.use, 0));
  }

  private asc(values: ArrayLike<number>, digits: number): string {
    const lines = [`ncols ${this.W}`, `nrows ${this.H}`, 'xllcorner 0', 'yllcorner 0', `cellsize ${this.cell}`, 'NODATA_value -9999'];
    for (let y = 0; y < this.H; y++) {
      const row: string[] = [];
      for (let x = 0; x < this.W; x++) {
        const v = Number(values[y * this.W + x]);
        row.push((Object.is(Number(v.toFixed(digits)), -0) ? 0 : v).toFixed(digits));
      }
      lines.push(row.join(' '));
    }
    return lines.join('\n') + '\n';
  }
}

export function pointInPolygon(px: number, py: number, poly: Pt[]): boolean {
  let inside = false;
  for (let a = 0, b = poly.length - 1; a < poly.length; b = a++) {
    const [xa, ya] = poly[a], [xb, yb] = poly[b];
    if (ya > py !== yb > py && px < ((xb - xa) * (py - ya)) / (yb - ya) + xa) inside = !inside;
  }
  return inside;
}

/** Smooth deterministic ground texture (metres), amplitude about ±amp. */
export function texture(x: number, y: number, amp: number): number {
  return amp * (0.55 * Math.sin(x * 0.9 + y * 0.37) + 0.45 * Math.cos(y * 0.71 - x * 0.23));
}

/** Smooth patches for mixed land (kebun among paddy, gardens among houses): true on about `share` of the cells. */
export function patch(x: number, y: number, share: number): boolean {
  const v = 0.5 + 0.25 * (Math.sin(x * 0.19 + 1.7 * Math.sin(y * 0.13)) + Math.cos(y * 0.21 + 1.3 * Math.sin(x * 0.16)));
  return v < share;
}

/** The point a share `f` (0–1) of the way along a polyline. */
export function pointAlong(line: Pt[], f: number): Pt {
  let total = 0;
  for (let k = 1; k < line.length; k++) total += Math.hypot(line[k][0] - line[k - 1][0], line[k][1] - line[k - 1][1]);
  let left = f * total;
  for (let k = 1; k < line.length; k++) {
    const len = Math.hypot(line[k][0] - line[k - 1][0], line[k][1] - line[k - 1][1]);
    if (left <= len || k === line.length - 1) {
      const t = len > 0 ? Math.min(1, left / len) : 0;
      return [line[k - 1][0] + t * (line[k][0] - line[k - 1][0]), line[k - 1][1] + t * (line[k][1] - line[k - 1][1])];
    }
    left -= len;
  }
  return line[line.length - 1];
}

/** Distance from a point to a polyline (cells). */
export function distanceToLine(x: number, y: number, line: Pt[]): number {
  let best = Infinity;
  for (let k = 1; k < line.length; k++) {
    const [ax, ay] = line[k - 1], [bx, by] = line[k];
    const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len2)) : 0;
    best = Math.min(best, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
  }
  return best;
}
