// Water on the grid: the local inertial shallow-water scheme of LISFLOOD-FP
// (Bates, Horritt & Fewtrell 2010, J. Hydrol. 387:33–45) with the θ blend of de Almeida et al. (2012).
// Equations in docs/engine.md#water-equations. Pure: typed arrays in, typed arrays out.

export const GRAVITY = 9.81;
const ONE_THIRD = 1 / 3;
/** Depth below which a face carries no flow (Bates et al. 2010: h_min ≈ 0.001 m). */
export const H_MIN = 0.001;
/** De Almeida's blend; θ = 1 is plain Bates 2010 (de Almeida et al. 2012: θ ≈ 0.7). */
export const THETA = 0.7;
/** CFL coefficient α in Δt = α·Δx/sqrt(g·h_max) (0.2–0.7; LISFLOOD-FP default 0.7, Bates et al. 2010). 0.6: at 0.7 the deep, nearly
 *  frictionless river mouth of pariaman-rob grows a checkerboard once the open sea no longer sets Δt (see docs/engine.md). */
export const ALPHA = 0.6;
/** Longest sub-step while sources add water, so a river's inflow is not dumped in one lump: 0.25 s per metre of cell
 *  size (5 s on a 20 m grid, the old fixed cap). Design choice; it equals the CFL step of water about 0.59 m deep,
 *  α·Δx/√(g·0.59), so it scales with Δx like the CFL step itself (docs/engine.md#constants). */
export const SOURCE_MAX_DT_PER_M = 0.25;
/** Share of a cell's water one face may carry away in one sub-step (positivity limiter; design choice, see docs/engine.md). */
export const OUTFLOW_SHARE = 0.25;
/** Froude cap for stability near the shore (docs/engine.md#constants: ~0.85). */
export const FROUDE_CAP = 0.85;

/** Start of each kernel array inside `FloodGrid.all`. */
export interface KernelOffsets { z: number; h: number; qx: number; qy: number; rx: number; ry: number; n2x: number; n2y: number; qyOld: number }

export interface FloodGrid {
  width: number;
  height: number;
  dx: number;
  /** Bed elevation (m): the grid's own copy of the array passed to createFloodGrid (a view into `all`). */
  z: Float64Array;
  /** Water depth (m). */
  h: Float64Array;
  /** Unit discharge across x faces (m²/s); face i sits between cell i-1 and i of a row; (width+1)·height. */
  qx: Float64Array;
  /** Unit discharge across y faces; width·(height+1). */
  qy: Float64Array;
  /** Manning's n² per cell. */
  n2: Float64Array;
  /** Manning's n² per face (mean of the two cells), precomputed so the kernel loads one number. */
  n2x: Float64Array;
  n2y: Float64Array;
  /** Per face: cached h_f^(−1/3), refreshed each sub-step by one Newton step (exact ∛ only when h_f jumps). */
  rx: Float64Array;
  ry: Float64Array;
  /** 1 where the coastal boundary forces the level. */
  sea: Uint8Array;
  /** Sea cells that touch land (forced every sub-step); the open sea behind them is set once per advance. */
  seaEdge: Int32Array;
  seaInner: Int32Array;
  /** Wet bounding box (inclusive), or minX > maxX when dry. Kept for callers; the kernel works on row spans. */
  box: { minX: number; maxX: number; minY: number; maxY: number };
  /** Per row: first and last wet cell (spanX0 > spanX1 when the row is dry). Open sea is never "wet" here. */
  spanX0: Int32Array;
  spanX1: Int32Array;
  /** Scratch: old qy of the face row above the one being solved, two rows used in turn (θ blend needs the values before this sub-step). */
  qyOld: Float64Array;
  /** One buffer holding z, h, qx, qy, rx, ry, n2x, n2y and qyOld (the fields above are views into it), and where each starts. */
  all: Float64Array;
  off: KernelOffsets;
  /** Mass accounting in m³. */
  mass: { initial: number; boundaryIn: number; sourceIn: number; clampAdded: number };
  /** Sources for the next advance (river inflow, rain): cells and depth rates in m/s, `count` of them in use. */
  sources: { cells: Int32Array; rate: Float64Array; count: number };
  /** Sub-steps taken in the last advance (for diagnostics and benchmarks). */
  lastSubsteps: number;
  /** Cells updated in the last advance, summed over sub-steps (for benchmarks). */
  lastCellSteps: number;
}

/** The kernel arrays inside `all`, in order, with their lengths. */
function kernelLayout(width: number, height: number): [keyof KernelOffsets, number][] {
  const cellN = width * height, xN = (width + 1) * height, yN = width * (height + 1);
  return [['z', cellN], ['h', cellN], ['qx', xN], ['qy', yN], ['rx', xN], ['ry', yN], ['n2x', xN], ['n2y', yN], ['qyOld', yN]];
}

/** The grid without its kernel views, for a keyframe: `all` holds their data once. */
export function withoutKernelViews(g: FloodGrid): Omit<FloodGrid, keyof KernelOffsets> {
  const { z: _z, h: _h, qx: _qx, qy: _qy, rx: _rx, ry: _ry, n2x: _n2x, n2y: _n2y, qyOld: _q, ...rest } = g;
  return rest;
}

/**
 * Re-creates z, h, qx, … as views into `all`, after the grid was deserialised: a structured clone gives every
 * typed array its own buffer, which would cut the views loose from `all` that the kernel reads.
 */
export function reattachKernelViews(g: FloodGrid): void {
  const views = g as unknown as Record<keyof KernelOffsets, Float64Array>;
  for (const [name, len] of kernelLayout(g.width, g.height)) views[name] = g.all.subarray(g.off[name], g.off[name] + len);
}

export function createFloodGrid(width: number, height: number, dx: number, z: Float64Array, n: ArrayLike<number>, sea: Uint8Array): FloodGrid {
  // Every Float64 array the kernel touches lives in one buffer (`all`), so the hot loops read one typed array. Once
  // any ArrayBuffer in the process has been detached (Node's loader threads do so), V8 re-checks map, length and
  // buffer of every typed array on every access; with one array those checks are shared (measured +25 %).
  // z is copied in: the grid owns its bed (drivers.ts lowers breached embankments through g.z).
  const layout = kernelLayout(width, height);
  const cellN = width * height, xN = (width + 1) * height, yN = width * (height + 1);
  let total = 0;
  const off = {} as KernelOffsets;
  for (const [name, len] of layout) { off[name] = total; total += len; }
  const all = new Float64Array(total);
  const view = (name: keyof KernelOffsets, len: number) => all.subarray(off[name], off[name] + len);
  const zz = view('z', cellN);
  zz.set(z);
  const n2 = new Float64Array(cellN);
  for (let i = 0; i < n2.length; i++) n2[i] = n[i] * n[i];
  const n2x = view('n2x', xN);
  const n2y = view('n2y', yN);
  for (let y = 0; y < height; y++) for (let x = 1; x < width; x++) n2x[y * (width + 1) + x] = 0.5 * (n2[y * width + x - 1] + n2[y * width + x]);
  for (let y = 1; y < height; y++) for (let x = 0; x < width; x++) n2y[y * width + x] = 0.5 * (n2[(y - 1) * width + x] + n2[y * width + x]);
  const edge: number[] = [], inner: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!sea[i]) continue;
      const landNext = (x > 0 && !sea[i - 1]) || (x < width - 1 && !sea[i + 1]) || (y > 0 && !sea[i - width]) || (y < height - 1 && !sea[i + width]);
      (landNext ? edge : inner).push(i);
    }
  }
  const grid: FloodGrid = {
    width, height, dx, z: zz,
    h: view('h', cellN),
    qx: view('qx', xN),
    qy: view('qy', yN),
    n2, n2x, n2y,
    rx: view('rx', xN),
    ry: view('ry', yN),
    sea,
    seaEdge: Int32Array.from(edge),
    seaInner: Int32Array.from(inner),
    box: { minX: 1, maxX: 0, minY: 1, maxY: 0 },
    spanX0: new Int32Array(height).fill(width),
    spanX1: new Int32Array(height).fill(-1),
    qyOld: view('qyOld', yN),
    all, off,
    mass: { initial: 0, boundaryIn: 0, sourceIn: 0, clampAdded: 0 },
    sources: { cells: new Int32Array(0), rate: new Float64Array(0), count: 0 },
    lastSubsteps: 0,
    lastCellSteps: 0,
  };
  return grid;
}

export function totalVolume(g: FloodGrid): number {
  let v = 0;
  for (let i = 0; i < g.h.length; i++) v += g.h[i];
  return v * g.dx * g.dx;
}

/**
 * Volume now minus what the books say it should be (m³): zero up to rounding. Water the scheme invents by
 * clamping negative depths is booked separately in `mass.clampAdded`; that is the scheme's real mass error.
 */
export function massError(g: FloodGrid): number {
  const m = g.mass;
  return totalVolume(g) - (m.initial + m.boundaryIn + m.sourceIn + m.clampAdded);
}

/** Relative mass error of the scheme: water invented by clamping over all water that entered or was there. */
export function relativeMassError(g: FloodGrid): number {
  const m = g.mass;
  const scale = m.initial + Math.abs(m.boundaryIn) + m.sourceIn;
  return scale > 0 ? (m.clampAdded + Math.abs(massError(g))) / scale : 0;
}

function isInnerSea(g: FloodGrid, x: number, y: number): boolean {
  const { width, height, sea } = g;
  const i = y * width + x;
  if (!sea[i]) return false;
  return !((x > 0 && !sea[i - 1]) || (x < width - 1 && !sea[i + 1]) || (y > 0 && !sea[i - width]) || (y < height - 1 && !sea[i + width]));
}

/** Recompute the wet spans and box from scratch (after loading a state or adding water by hand). */
export function refreshWetBox(g: FloodGrid): void {
  const { width, height, h, sea, spanX0, spanX1 } = g;
  let minX = width, maxX = -1, minY = height, maxY = -1;
  for (let y = 0; y < height; y++) {
    let r0 = width, r1 = -1;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if ((h[i] > H_MIN && !sea[i]) || (sea[i] && !isInnerSea(g, x, y))) {
        if (x < r0) r0 = x;
        r1 = x;
      }
    }
    spanX0[y] = r0; spanX1[y] = r1;
    if (r1 >= 0) {
      if (r0 < minX) minX = r0;
      if (r1 > maxX) maxX = r1;
      if (y < minY) minY = y;
      maxY = y;
    }
  }
  g.box = { minX, maxX, minY, maxY };
}

/** Force the coastal boundary on the given sea cells; the volume added is booked as boundary inflow. */
function forceSea(g: FloodGrid, cells: Int32Array, level: number): void {
  const { h, z } = g;
  let added = 0;
  for (let k = 0; k < cells.length; k++) {
    const i = cells[k];
    const target = level - z[i] > 0 ? level - z[i] : 0;
    added += target - h[i];
    h[i] = target;
  }
  g.mass.boundaryIn += added * g.dx * g.dx;
}

/** Add a volume of water (m³) spread over cells (rain, a river inflow, a breach); booked as source inflow. */
export function addWater(g: FloodGrid, cell: number, volume: number): void {
  const d = volume / (g.dx * g.dx);
  g.h[cell] += d;
  g.mass.sourceIn += volume;
  const x = cell % g.width, y = (cell - x) / g.width;
  if (g.h[cell] > H_MIN) {
    if (x < g.spanX0[y]) g.spanX0[y] = x;
    if (x > g.spanX1[y]) g.spanX1[y] = x;
  }
}

/** Adds `seconds` of every source's inflow to its cell and widens the row spans to include it. */
function addSources(g: FloodGrid, seconds: number, rows: Int32Array): void {
  const { h, sea, spanX0, spanX1, width } = g;
  const src = g.sources;
  let added = 0;
  for (let s = 0; s < src.count; s++) {
    const i = src.cells[s], d = src.rate[s] * seconds;
    h[i] += d;
    added += d;
    if (h[i] > H_MIN && !sea[i]) {
      const y = rows[s], x = i - y * width;
      if (x < spanX0[y]) spanX0[y] = x;
      if (x > spanX1[y]) spanX1[y] = x;
    }
  }
  g.mass.sourceIn += added * g.dx * g.dx;
}

// Scratch for the exact cube root in the kernels: one double, its two 32-bit words (which one is high depends on the
// platform's byte order), and fdlibm's constants for cbrt. Written for the positive, normal h_f > H_MIN the kernels
// pass; an infinite or NaN h_f takes Math.cbrt.
const CB_F = new Float64Array(1), CB_U = new Uint32Array(CB_F.buffer);
const CB_HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0, CB_LO = 1 - CB_HI;
const CB_B1 = 715094163;
const CB_P0 = 1.87595182427177009643, CB_P1 = -1.88497979543377169875, CB_P2 = 1.621429720105354466140;
const CB_P3 = -0.758397934778766047437, CB_P4 = 0.145996192886612446982;

// Active span per row: the hull of the wet spans of this row and its two neighbours, grown by one cell, so
// water can advance into dry cells this sub-step. Scratch arrays are reused between calls.
let act0 = new Int32Array(0), act1 = new Int32Array(0);
// Scratch for the continuity rows: [deepest depth, water clamped].
const contOut = new Float64Array(2);
// Per advance: the row of each source cell; the sea-edge cells whose faces to land can carry water at this sea level
// ("live": the level stands above the higher bed of the face), with their rows and columns.
let srcRows = new Int32Array(0);
let liveX = new Int32Array(0), liveY = new Int32Array(0);

/**
 * x faces of one row, faces a+1..b (face x lies between cells x−1 and x). the momentum update of docs/engine.md#water-equations:
 *   q ← [θ·q + ½(1−θ)(q_left + q_right) − g·h_f·Δt·∂η/∂x] / [1 + g·Δt·n²·|q| / h_f^(7/3)]
 * A small function of its own so V8 optimises the hot loop by itself, with stable feedback.
 */
function xFaceRow(W: Float64Array, o: KernelOffsets, sea: Uint8Array,
  row: number, frow: number, a: number, b: number, gdt: number, gdtdx: number, lim: number): void {
  const theta = THETA, blend = 0.5 * (1 - THETA), third = ONE_THIRD, hMin = H_MIN;
  const fr2g = FROUDE_CAP * FROUDE_CAP * GRAVITY;
  const z0 = o.z + row, h0 = o.h + row, qx0 = o.qx + frow, rx0 = o.rx + frow, nx0 = o.n2x + frow;
  let prevOld = W[qx0 + a];
  let qOld = W[qx0 + a + 1];
  let zL = W[z0 + a], hL = W[h0 + a], sL = sea[row + a];
  let etaL = zL + hL;
  for (let x = a + 1; x <= b; x++) {
    const qNext = W[qx0 + x + 1];
    const zR = W[z0 + x], hR = W[h0 + x], sR = sea[row + x];
    const etaR = zR + hR;
    const hf = (etaL > etaR ? etaL : etaR) - (zL > zR ? zL : zR);
    // No flow between two sea cells: both are forced to the same level, so the open sea is a reservoir.
    if (hf <= hMin || (sL & sR) !== 0) {
      W[qx0 + x] = 0;
    } else {
      const qBlend = theta * qOld + blend * (prevOld + qNext);
      const aq = qOld < 0 ? -qOld : qOld;
      // 1/h_f^(7/3) = r⁷ with r = h_f^(−1/3): one division-free Newton step from the face's last r
      // (r ← r·(4 − h·r³)/3); an exact ∛ only when h_f moved more than 1 % since the last sub-step.
      let r = W[rx0 + x];
      const t = hf * r * r * r;
      if (t > 0.99 && t < 1.01) r = r * (4 - t) * third;
      else {
        // Exact ∛ (bit for bit Math.cbrt: fdlibm's cbrt, as V8 computes it) written out here so the loop makes no call.
        CB_F[0] = hf; CB_U[CB_HI] = ((CB_U[CB_HI] / 3) >>> 0) + CB_B1; CB_U[CB_LO] = 0;
        let c = CB_F[0];
        let e = (c * c) * (c / hf);
        c = c * ((CB_P0 + e * (CB_P1 + e * CB_P2)) + ((e * e) * e) * (CB_P3 + e * CB_P4));
        CB_F[0] = c;
        const lo = CB_U[CB_LO] + 0x80000000;
        if (lo > 0xffffffff) CB_U[CB_HI] = CB_U[CB_HI] + 1;
        CB_U[CB_LO] = (lo >>> 0) & 0xc0000000;
        c = CB_F[0];
        e = hf / (c * c);
        e = (e - c) / (c + c + e);
        r = hf < 1e300 ? 1 / (c + c * e) : 1 / Math.cbrt(hf);
      }
      W[rx0 + x] = r;
      const r3 = r * r * r;
      let q = (qBlend - gdtdx * hf * (etaR - etaL)) / (1 + gdt * W[nx0 + x] * aq * r3 * r3 * r);
      // Froude cap (~0.85, docs/engine.md#constants): |q| ≤ Fr·h_f·sqrt(g·h_f), compared squared to avoid a sqrt per face.
      const cap2 = fr2g * hf * hf * hf;
      if (q * q > cap2) q = q > 0 ? Math.sqrt(cap2) : -Math.sqrt(cap2);
      // Positivity limiter: a face may take at most a quarter of its upstream cell's water per sub-step.
      if (q > 0) { const m = hL * lim; if (q > m) q = m; } else { const m = hR * lim; if (-q > m) q = -m; }
      W[qx0 + x] = q;
    }
    prevOld = qOld; qOld = qNext;
    zL = zR; hL = hR; etaL = etaR; sL = sR;
  }
}

/**
 * y faces between rows y−1 (top) and y (bottom), x = a..b; face index rowB + x. W[upOff + x] holds the old discharges
 * of the face row above (already overwritten in qy this sub-step); the face row below is still old in qy.
 */
function yFaceRow(W: Float64Array, o: KernelOffsets, sea: Uint8Array, upOff: number, rowT: number, rowB: number, width: number, a: number, b: number, gdt: number, gdtdx: number, lim: number): void {
  const theta = THETA, blend = 0.5 * (1 - THETA), third = ONE_THIRD, hMin = H_MIN;
  const fr2g = FROUDE_CAP * FROUDE_CAP * GRAVITY;
  const zT0 = o.z + rowT, zB0 = o.z + rowB, hT0 = o.h + rowT, hB0 = o.h + rowB;
  const qy0 = o.qy + rowB, qyN0 = qy0 + width, ry0 = o.ry + rowB, ny0 = o.n2y + rowB;
  for (let x = a; x <= b; x++) {
    const zT = W[zT0 + x], zB = W[zB0 + x];
    const hT = W[hT0 + x], hB = W[hB0 + x];
    const etaT = zT + hT, etaB = zB + hB;
    const hf = (etaT > etaB ? etaT : etaB) - (zT > zB ? zT : zB);
    if (hf <= hMin || (sea[rowT + x] & sea[rowB + x]) !== 0) { W[qy0 + x] = 0; continue; }
    const qOld = W[qy0 + x];
    const qBlend = theta * qOld + blend * (W[upOff + x] + W[qyN0 + x]);
    const aq = qOld < 0 ? -qOld : qOld;
    let r = W[ry0 + x];
    const t = hf * r * r * r;
    if (t > 0.99 && t < 1.01) r = r * (4 - t) * third;
    else {
      // Exact ∛ (bit for bit Math.cbrt: fdlibm's cbrt, as V8 computes it) written out here so the loop makes no call.
      CB_F[0] = hf; CB_U[CB_HI] = ((CB_U[CB_HI] / 3) >>> 0) + CB_B1; CB_U[CB_LO] = 0;
      let c = CB_F[0];
      let e = (c * c) * (c / hf);
      c = c * ((CB_P0 + e * (CB_P1 + e * CB_P2)) + ((e * e) * e) * (CB_P3 + e * CB_P4));
      CB_F[0] = c;
      const lo = CB_U[CB_LO] + 0x80000000;
      if (lo > 0xffffffff) CB_U[CB_HI] = CB_U[CB_HI] + 1;
      CB_U[CB_LO] = (lo >>> 0) & 0xc0000000;
      c = CB_F[0];
      e = hf / (c * c);
      e = (e - c) / (c + c + e);
      r = hf < 1e300 ? 1 / (c + c * e) : 1 / Math.cbrt(hf);
    }
    W[ry0 + x] = r;
    const r3 = r * r * r;
    let q = (qBlend - gdtdx * hf * (etaB - etaT)) / (1 + gdt * W[ny0 + x] * aq * r3 * r3 * r);
    const cap2 = fr2g * hf * hf * hf;
    if (q * q > cap2) q = q > 0 ? Math.sqrt(cap2) : -Math.sqrt(cap2);
    if (q > 0) { const m = hT * lim; if (q > m) q = m; } else { const m = hB * lim; if (-q > m) q = -m; }
    W[qy0 + x] = q;
  }
}

/**
 * The common case of a fully active pair of rows (rows y−1 and y share the active span a..b): one loop does the
 * x faces of row y, the y faces between rows y−1 and y, and the continuity of row y−1, carrying the cells' bed,
 * depth and level in registers. Same operations, in the same order per value, as xFaceRow, yFaceRow and
 * continuityRow.
 */
function fusedRow(W: Float64Array, o: KernelOffsets, sea: Uint8Array, upOff: number, spanX0: Int32Array, spanX1: Int32Array, out: Float64Array,
  y: number, width: number, a: number, b: number, gdt: number, gdtdx: number, lim: number, k: number, seaSkip: number): void {
  const theta = THETA, blend = 0.5 * (1 - THETA), third = ONE_THIRD, hMin = H_MIN;
  const fr2g = FROUDE_CAP * FROUDE_CAP * GRAVITY;
  const wx = width + 1;
  const rowB = y * width, rowT = rowB - width, frowB = y * wx, frowT = frowB - wx;
  // Where row y (B) and row y−1 (T) start in each array of `all`, so each access adds only x.
  const zB0 = o.z + rowB, hB0 = o.h + rowB, zT0 = o.z + rowT, hT0 = o.h + rowT;
  const qxB0 = o.qx + frowB, qxT0 = o.qx + frowT, rx0 = o.rx + frowB, nx0 = o.n2x + frowB;
  const qyB0 = o.qy + rowB, qyT0 = o.qy + rowT, qyN0 = qyB0 + width, ry0 = o.ry + rowB, ny0 = o.n2y + rowB;
  let hMax = out[0], clamped = out[1];
  let r0 = width, r1 = -1;
  // x faces of row y: state of the left cell and the old discharges around the current face.
  let prevOld = W[qxB0 + a];
  let qOld = W[qxB0 + a + 1];
  let zL = W[zB0 + a], hL = W[hB0 + a], sL = sea[rowB + a];
  let etaL = zL + hL;
  // Continuity of row y−1: west face of the current cell.
  let qW = W[qxT0 + a];
  for (let x = a; x <= b; x++) {
    const iB = rowB + x;
    const zB = W[zB0 + x], hB = W[hB0 + x], sB = sea[iB];
    const etaB = zB + hB;
    if (x > a) {
      // x face between cells x−1 and x of row y.
      const qNext = W[qxB0 + x + 1];
      const hf = (etaL > etaB ? etaL : etaB) - (zL > zB ? zL : zB);
      if (hf <= hMin || (sL & sB) !== 0) {
        W[qxB0 + x] = 0;
      } else {
        const qBlend = theta * qOld + blend * (prevOld + qNext);
        const aq = qOld < 0 ? -qOld : qOld;
        let r = W[rx0 + x];
        const t = hf * r * r * r;
        if (t > 0.99 && t < 1.01) r = r * (4 - t) * third;
        else {
          // Exact ∛ (bit for bit Math.cbrt: fdlibm's cbrt, as V8 computes it) written out here so the loop makes no call.
          CB_F[0] = hf; CB_U[CB_HI] = ((CB_U[CB_HI] / 3) >>> 0) + CB_B1; CB_U[CB_LO] = 0;
          let c = CB_F[0];
          let e = (c * c) * (c / hf);
          c = c * ((CB_P0 + e * (CB_P1 + e * CB_P2)) + ((e * e) * e) * (CB_P3 + e * CB_P4));
          CB_F[0] = c;
          const lo = CB_U[CB_LO] + 0x80000000;
          if (lo > 0xffffffff) CB_U[CB_HI] = CB_U[CB_HI] + 1;
          CB_U[CB_LO] = (lo >>> 0) & 0xc0000000;
          c = CB_F[0];
          e = hf / (c * c);
          e = (e - c) / (c + c + e);
          r = hf < 1e300 ? 1 / (c + c * e) : 1 / Math.cbrt(hf);
        }
        W[rx0 + x] = r;
        const r3 = r * r * r;
        let q = (qBlend - gdtdx * hf * (etaB - etaL)) / (1 + gdt * W[nx0 + x] * aq * r3 * r3 * r);
        const cap2 = fr2g * hf * hf * hf;
        if (q * q > cap2) q = q > 0 ? Math.sqrt(cap2) : -Math.sqrt(cap2);
        if (q > 0) { const m = hL * lim; if (q > m) q = m; } else { const m = hB * lim; if (-q > m) q = -m; }
        W[qxB0 + x] = q;
      }
      prevOld = qOld; qOld = qNext;
    }
    zL = zB; hL = hB; etaL = etaB; sL = sB;
    // y face between cells (x, y−1) and (x, y).
    const zT = W[zT0 + x], hT = W[hT0 + x], sT = sea[rowT + x];
    const etaT = zT + hT;
    const hf = (etaT > etaB ? etaT : etaB) - (zT > zB ? zT : zB);
    let qS = 0;
    if (hf > hMin && (sT & sB) === 0) {
      const qo = W[qyB0 + x];
      const qBlend = theta * qo + blend * (W[upOff + x] + W[qyN0 + x]);
      const aq = qo < 0 ? -qo : qo;
      let r = W[ry0 + x];
      const t = hf * r * r * r;
      if (t > 0.99 && t < 1.01) r = r * (4 - t) * third;
      else {
        // Exact ∛ (bit for bit Math.cbrt: fdlibm's cbrt, as V8 computes it) written out here so the loop makes no call.
        CB_F[0] = hf; CB_U[CB_HI] = ((CB_U[CB_HI] / 3) >>> 0) + CB_B1; CB_U[CB_LO] = 0;
        let c = CB_F[0];
        let e = (c * c) * (c / hf);
        c = c * ((CB_P0 + e * (CB_P1 + e * CB_P2)) + ((e * e) * e) * (CB_P3 + e * CB_P4));
        CB_F[0] = c;
        const lo = CB_U[CB_LO] + 0x80000000;
        if (lo > 0xffffffff) CB_U[CB_HI] = CB_U[CB_HI] + 1;
        CB_U[CB_LO] = (lo >>> 0) & 0xc0000000;
        c = CB_F[0];
        e = hf / (c * c);
        e = (e - c) / (c + c + e);
        r = hf < 1e300 ? 1 / (c + c * e) : 1 / Math.cbrt(hf);
      }
      W[ry0 + x] = r;
      const r3 = r * r * r;
      let q = (qBlend - gdtdx * hf * (etaB - etaT)) / (1 + gdt * W[ny0 + x] * aq * r3 * r3 * r);
      const cap2 = fr2g * hf * hf * hf;
      if (q * q > cap2) q = q > 0 ? Math.sqrt(cap2) : -Math.sqrt(cap2);
      if (q > 0) { const m = hT * lim; if (q > m) q = m; } else { const m = hB * lim; if (-q > m) q = -m; }
      qS = q;
    }
    W[qyB0 + x] = qS;
    // Continuity of cell (x, y−1): all four of its faces are new now.
    const qE = W[qxT0 + x + 1];
    let d = hT + k * (qW - qE + W[qyT0 + x] - qS);
    qW = qE;
    if (d < 0) { clamped -= d; d = 0; }
    W[hT0 + x] = d;
    if (d > hMax && (sT & seaSkip) === 0) hMax = d;
    if (sT === 0 && d > hMin) {
      if (x < r0) r0 = x;
      r1 = x;
    }
  }
  spanX0[y - 1] = r0; spanX1[y - 1] = r1;
  out[0] = hMax; out[1] = clamped;
}

/** Continuity for one row: h += Δt·(Σ inflow − Σ outflow)/Δx; clamps negative depths; sets the row's wet span. */
function continuityRow(W: Float64Array, o: KernelOffsets, sea: Uint8Array, spanX0: Int32Array, spanX1: Int32Array,
  out: Float64Array, r: number, width: number, frow: number, a: number, b: number, k: number, seaSkip: number): void {
  const row = r * width, hMin = H_MIN;
  const h0 = o.h + row, qx0 = o.qx + frow, qy0 = o.qy + row, qyN0 = qy0 + width;
  let r0 = width, r1 = -1;
  let hMax = out[0], clamped = out[1];
  let qW = W[qx0 + a];
  for (let x = a; x <= b; x++) {
    const i = row + x;
    const qE = W[qx0 + x + 1];
    let d = W[h0 + x] + k * (qW - qE + W[qy0 + x] - W[qyN0 + x]);
    qW = qE;
    if (d < 0) { clamped -= d; d = 0; }
    W[h0 + x] = d;
    if (d > hMax && (sea[i] & seaSkip) === 0) hMax = d;
    if (sea[i]) continue; // forced below; open sea is never part of a span
    if (d > hMin) {
      if (x < r0) r0 = x;
      r1 = x;
    }
  }
  spanX0[r] = r0; spanX1[r] = r1;
  out[0] = hMax; out[1] = clamped;
}

/**
 * Advance the water by `seconds`, in CFL-limited sub-steps, computing only the wet cells of each row (plus one
 * cell of margin). `seaLevel` (m above MSL) is held on sea cells; pass NaN for a closed domain.
 *
 * One fused pass per sub-step: for row y, the x faces of row y and the y faces between rows y−1 and y are
 * updated, then the depths of row y−1 (whose faces are now all new). The momentum update is that of docs/engine.md#water-equations:
 *   q ← [θ·q + ½(1−θ)(q_left + q_right) − g·h_f·Δt·∂η/∂x] / [1 + g·Δt·n²·|q| / h_f^(7/3)]
 */
export function advanceFlood(g: FloodGrid, seconds: number, seaLevel: number): void {
  const { width, height, dx, h, qx, qy, sea, spanX0, spanX1 } = g;
  const wx = width + 1;
  const forced = !Number.isNaN(seaLevel);
  if (act0.length < height + 2) { act0 = new Int32Array(height + 2); act1 = new Int32Array(height + 2); }
  const A0 = act0, A1 = act1;
  // Old discharges of the face row above the one being solved (θ blend): two rows of qyOld used in turn, by offset in `all`.
  const W = g.all, O = g.off;
  const oqy = O.qy;
  let up = O.qyOld, cur = O.qyOld + width;
  const out = contOut;
  let remaining = seconds;
  let substeps = 0, cellSteps = 0;
  let clampedTotal = 0;
  const src = g.sources;
  const srcMaxDt = SOURCE_MAX_DT_PER_M * dx;
  if (srcRows.length < src.count) srcRows = new Int32Array(src.count * 2);
  for (let s = 0; s < src.count; s++) srcRows[s] = (src.cells[s] / width) | 0;
  // Sea cells are forced, not solved: what the CFL step must follow there is the depth on their faces to land, the
  // level above the higher bed of the two cells, not the depth of the forced water itself (a deep channel or the open
  // sea). Sea-edge cells whose every land face stands dry at this level carry nothing and stay out of the row spans.
  const seaSkip = forced ? 1 : 0;
  let nLive = 0, edgeDepth = 0;
  if (forced) {
    forceSea(g, g.seaEdge, seaLevel);
    const se = g.seaEdge, z = g.z;
    if (liveX.length < se.length) { liveX = new Int32Array(se.length); liveY = new Int32Array(se.length); }
    for (let s = 0; s < se.length; s++) {
      const i = se[s], x = i % width, y = (i - x) / width, zi = z[i];
      let zf = Infinity;
      if (x > 0 && !sea[i - 1]) { const m = z[i - 1] > zi ? z[i - 1] : zi; if (m < zf) zf = m; }
      if (x < width - 1 && !sea[i + 1]) { const m = z[i + 1] > zi ? z[i + 1] : zi; if (m < zf) zf = m; }
      if (y > 0 && !sea[i - width]) { const m = z[i - width] > zi ? z[i - width] : zi; if (m < zf) zf = m; }
      if (y < height - 1 && !sea[i + width]) { const m = z[i + width] > zi ? z[i + width] : zi; if (m < zf) zf = m; }
      const d = seaLevel - zf;
      if (d > H_MIN) {
        liveX[nLive] = x; liveY[nLive] = y; nLive++;
        if (d > edgeDepth) edgeDepth = d;
        if (x < spanX0[y]) spanX0[y] = x;
        if (x > spanX1[y]) spanX1[y] = x;
      }
    }
  }
  // Deepest water among the cells the kernel solves, for the CFL step.
  let hMax = edgeDepth;
  for (let y = 0; y < height; y++) {
    for (let x = spanX0[y]; x <= spanX1[y]; x++) { const i = y * width + x; const d = h[i]; if (d > hMax && (sea[i] & seaSkip) === 0) hMax = d; }
  }

  while (remaining > 1e-9) {
    if (hMax < H_MIN && src.count === 0) break;
    // Δt = α·Δx / sqrt(g·h_max) (Bates et al. 2010); with sources, at most SOURCE_MAX_DT_PER_M·Δx so inflow arrives smoothly.
    let dt = (ALPHA * dx) / Math.sqrt(GRAVITY * (hMax > H_MIN ? hMax : H_MIN));
    if (src.count > 0 && dt > srcMaxDt) dt = srcMaxDt;
    if (dt > remaining) dt = remaining;
    if (src.count > 0) addSources(g, dt, srcRows);

    const gdt = GRAVITY * dt;
    const gdtdx = gdt / dx;
    const k = dt / dx;
    const lim = OUTFLOW_SHARE / k;

    // Active spans.
    let yLo = height, yHi = -1;
    for (let y = 0; y < height; y++) {
      let a = spanX0[y], b = spanX1[y];
      if (y > 0 && spanX1[y - 1] >= 0) { if (spanX0[y - 1] < a) a = spanX0[y - 1]; if (spanX1[y - 1] > b) b = spanX1[y - 1]; }
      if (y < height - 1 && spanX1[y + 1] >= 0) { if (spanX0[y + 1] < a) a = spanX0[y + 1]; if (spanX1[y + 1] > b) b = spanX1[y + 1]; }
      if (b < 0) { A0[y] = width; A1[y] = -1; continue; }
      A0[y] = a > 0 ? a - 1 : 0;
      A1[y] = b < width - 1 ? b + 1 : width - 1;
      if (y < yLo) yLo = y;
      yHi = y;
    }
    if (yHi < 0) {
      // Nothing wet enough to move yet: the sources still add their water for the rest of the advance.
      if (src.count > 0) addSources(g, remaining - dt, srcRows);
      break;
    }
    // The θ blend of a y face reads the old discharges of the face rows above and below it: the row below is still
    // old in qy; the row above was overwritten one step earlier, so its old values are kept in qyOld (row starting at `up` in `all`).
    if (yLo >= 1) W.copyWithin(up, oqy + (yLo - 1) * width, oqy + yLo * width);

    hMax = 0;
    out[0] = 0; out[1] = 0;
    for (let y = yLo; y <= yHi + 1; y++) {
      const a = y <= yHi ? A0[y] : width, b = y <= yHi ? A1[y] : -1;
      const r = y - 1;
      if (b >= 0 && y >= 1 && y <= height - 1 && r >= yLo && A0[r] === a && A1[r] === b) {
        // Rows y−1 and y share their span: x faces of row y, y faces above it and continuity of row y−1 in one loop.
        const frow = y * wx, rowB = y * width;
        if (a >= 1) qx[frow + a] = 0;
        if (b + 1 <= width - 1) qx[frow + b + 1] = 0;
        W.copyWithin(cur, oqy + rowB, oqy + rowB + width);
        fusedRow(W, O, sea, up, spanX0, spanX1, out, y, width, a, b, gdt, gdtdx, lim, k, seaSkip);
        const tmp = up; up = cur; cur = tmp;
        cellSteps += b - a + 1;
        continue;
      }
      // x faces of row y: only faces with both cells in the active span are solved; the two faces at the ends of
      // the span touch a cell that is not updated and are held at zero (the span has a dry margin, so they carry
      // nothing anyway; at the open sea this keeps the books exact).
      if (b >= 0) {
        const frow = y * wx;
        if (a >= 1) qx[frow + a] = 0;
        if (b + 1 <= width - 1) qx[frow + b + 1] = 0;
        xFaceRow(W, O, sea, y * width, frow, a, b, gdt, gdtdx, lim);
      }
      // y faces between rows y−1 and y: solved where both rows are active, held at zero where only one is.
      if (y >= 1 && y <= height - 1) {
        const rowB = y * width;
        W.copyWithin(cur, oqy + rowB, oqy + rowB + width);
        const pa = A0[y - 1], pb = A1[y - 1];
        const ya = pa > a ? pa : a, yb = pb < b ? pb : b;
        const ha = pa < a ? pa : a, hb = pb > b ? pb : b;
        for (let x = ha; x <= hb; x++) if (x < ya || x > yb) qy[rowB + x] = 0;
        if (ya <= yb) yFaceRow(W, O, sea, up, rowB - width, rowB, width, ya, yb, gdt, gdtdx, lim);
        const tmp = up; up = cur; cur = tmp;
      } else if (y === 0) {
        W.copyWithin(up, oqy, oqy + width);
      }
      // Continuity for row y−1 (all its faces are now new). Negative depths are clamped and booked.
      if (r >= yLo && A1[r] >= 0) {
        continuityRow(W, O, sea, spanX0, spanX1, out, r, width, r * wx, A0[r], A1[r], k, seaSkip);
        cellSteps += A1[r] - A0[r] + 1;
      }
    }
    hMax = out[0];
    clampedTotal += out[1];
    if (forced) {
      forceSea(g, g.seaEdge, seaLevel);
      // Live coastal sea cells stay in the spans so the sea can push inland.
      for (let s = 0; s < nLive; s++) {
        const x = liveX[s], y = liveY[s];
        if (x < spanX0[y]) spanX0[y] = x;
        if (x > spanX1[y]) spanX1[y] = x;
      }
      if (edgeDepth > hMax) hMax = edgeDepth;
    }
    remaining -= dt;
    substeps++;
  }
  g.mass.clampAdded += clampedTotal * dx * dx;
  if (forced) { forceSea(g, g.seaEdge, seaLevel); forceSea(g, g.seaInner, seaLevel); }
  // Faces far from any wet cell carry no flow: zero them so a stale discharge never re-enters when water returns.
  for (let y = 0; y < height; y++) {
    const frow = y * wx;
    if (spanX1[y] < 0) qx.fill(0, frow, frow + wx);
    else { qx.fill(0, frow, frow + spanX0[y]); qx.fill(0, frow + spanX1[y] + 2, frow + wx); }
    if (y >= 1) {
      let a = spanX0[y], b = spanX1[y];
      if (spanX1[y - 1] >= 0) { if (spanX0[y - 1] < a) a = spanX0[y - 1]; if (spanX1[y - 1] > b) b = spanX1[y - 1]; }
      const f = y * width;
      if (b < 0) qy.fill(0, f, f + width);
      else { qy.fill(0, f, f + a); qy.fill(0, f + b + 1, f + width); }
    }
  }
  let minX = width, maxX = -1, minY = height, maxY = -1;
  for (let y = 0; y < height; y++) {
    if (spanX1[y] < 0) continue;
    if (spanX0[y] < minX) minX = spanX0[y];
    if (spanX1[y] > maxX) maxX = spanX1[y];
    if (y < minY) minY = y;
    maxY = y;
  }
  g.box.minX = minX; g.box.maxX = maxX; g.box.minY = minY; g.box.maxY = maxY;
  g.lastSubsteps = substeps;
  g.lastCellSteps = cellSteps;
}

/** Speed (m/s) of water in a cell, from the mean unit discharge of its faces. Zero when nearly dry. */
export function cellSpeed(g: FloodGrid, i: number): number {
  const d = g.h[i];
  if (d < 0.01) return 0;
  const x = i % g.width, y = (i - x) / g.width;
  const fx = y * (g.width + 1) + x;
  const ux = 0.5 * (g.qx[fx] + g.qx[fx + 1]);
  const uy = 0.5 * (g.qy[i] + g.qy[i + g.width]);
  return Math.sqrt(ux * ux + uy * uy) / d;
}
