// Water on the grid: the local inertial shallow-water scheme of LISFLOOD-FP
// (Bates, Horritt & Fewtrell 2010, J. Hydrol. 387:33–45) with the θ blend of de Almeida et al. (2012).
// Equations as written in DOMAIN.md. Pure: typed arrays in, typed arrays out.

export const GRAVITY = 9.81;
const ONE_THIRD = 1 / 3;
/** Depth below which a face carries no flow (DOMAIN.md: h_min ≈ 0.001 m). */
export const H_MIN = 0.001;
/** De Almeida's blend; θ = 1 is plain Bates 2010 (DOMAIN.md: θ ≈ 0.7). */
export const THETA = 0.7;
/** CFL coefficient α in Δt = α·Δx/sqrt(g·h_max) (DOMAIN.md: 0.2–0.7, LISFLOOD default 0.7). 0.6: at 0.7 the deep, nearly
 *  frictionless river mouth of pariaman-rob grows a checkerboard once the open sea no longer sets Δt (see docs/engine.md). */
export const ALPHA = 0.6;
/** Longest sub-step (s) while sources add water, so a river's inflow is not dumped in one lump. Design choice. */
export const SOURCE_MAX_DT = 5;
/** Share of a cell's water one face may carry away in one sub-step (positivity limiter; design choice, see docs/engine.md). */
export const OUTFLOW_SHARE = 0.25;
/** Froude cap for stability near the shore (DOMAIN.md: ~0.85). */
export const FROUDE_CAP = 0.85;

export interface FloodGrid {
  width: number;
  height: number;
  dx: number;
  /** Bed elevation (m). */
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
  /** Scratch: old qy of the rows being updated (θ blend needs the values before this sub-step). */
  qyOld: Float64Array;
  /** Mass accounting in m³. */
  mass: { initial: number; boundaryIn: number; sourceIn: number; clampAdded: number };
  /** Sources for the next advance (river inflow, rain): cells and depth rates in m/s, `count` of them in use. */
  sources: { cells: Int32Array; rate: Float64Array; count: number };
  /** Sub-steps taken in the last advance (for diagnostics and benchmarks). */
  lastSubsteps: number;
  /** Cells updated in the last advance, summed over sub-steps (for benchmarks). */
  lastCellSteps: number;
}

export function createFloodGrid(width: number, height: number, dx: number, z: Float64Array, n: ArrayLike<number>, sea: Uint8Array): FloodGrid {
  const n2 = new Float64Array(width * height);
  for (let i = 0; i < n2.length; i++) n2[i] = n[i] * n[i];
  const n2x = new Float64Array((width + 1) * height);
  const n2y = new Float64Array(width * (height + 1));
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
    width, height, dx, z,
    h: new Float64Array(width * height),
    qx: new Float64Array((width + 1) * height),
    qy: new Float64Array(width * (height + 1)),
    n2, n2x, n2y,
    rx: new Float64Array((width + 1) * height),
    ry: new Float64Array(width * (height + 1)),
    sea,
    seaEdge: Int32Array.from(edge),
    seaInner: Int32Array.from(inner),
    box: { minX: 1, maxX: 0, minY: 1, maxY: 0 },
    spanX0: new Int32Array(height).fill(width),
    spanX1: new Int32Array(height).fill(-1),
    qyOld: new Float64Array(width * (height + 1)),
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
function addSources(g: FloodGrid, seconds: number): void {
  const { h, sea, spanX0, spanX1, width } = g;
  const src = g.sources;
  let added = 0;
  for (let s = 0; s < src.count; s++) {
    const i = src.cells[s], d = src.rate[s] * seconds;
    h[i] += d;
    added += d;
    const x = i % width, y = (i - x) / width;
    if (h[i] > H_MIN && !sea[i]) {
      if (x < spanX0[y]) spanX0[y] = x;
      if (x > spanX1[y]) spanX1[y] = x;
    }
  }
  g.mass.sourceIn += added * g.dx * g.dx;
}

// Active span per row: the hull of the wet spans of this row and its two neighbours, grown by one cell, so
// water can advance into dry cells this sub-step. Scratch arrays are reused between calls.
let act0 = new Int32Array(0), act1 = new Int32Array(0);

/**
 * Advance the water by `seconds`, in CFL-limited sub-steps, computing only the wet cells of each row (plus one
 * cell of margin). `seaLevel` (m above MSL) is held on sea cells; pass NaN for a closed domain.
 *
 * One fused pass per sub-step: for row y, the x faces of row y and the y faces between rows y−1 and y are
 * updated, then the depths of row y−1 (whose faces are now all new). The momentum update is DOMAIN.md's:
 *   q ← [θ·q + ½(1−θ)(q_left + q_right) − g·h_f·Δt·∂η/∂x] / [1 + g·Δt·n²·|q| / h_f^(7/3)]
 */
export function advanceFlood(g: FloodGrid, seconds: number, seaLevel: number): void {
  const { width, height, dx, z, h, qx, qy, n2x, n2y, rx, ry, sea, spanX0, spanX1, qyOld } = g;
  const wx = width + 1;
  const forced = !Number.isNaN(seaLevel);
  if (act0.length < height + 2) { act0 = new Int32Array(height + 2); act1 = new Int32Array(height + 2); }
  let remaining = seconds;
  let substeps = 0, cellSteps = 0;
  const blend = 0.5 * (1 - THETA);
  const fr2g = FROUDE_CAP * FROUDE_CAP * GRAVITY;
  let clampedTotal = 0;
  if (forced) forceSea(g, g.seaEdge, seaLevel);
  // Deepest water among the cells the kernel touches, for the CFL step (open sea excluded: it is forced, not solved).
  let hMax = 0;
  for (let y = 0; y < height; y++) for (let x = spanX0[y]; x <= spanX1[y]; x++) { const d = h[y * width + x]; if (d > hMax) hMax = d; }

  const src = g.sources;
  while (remaining > 1e-9) {
    if (hMax < H_MIN && src.count === 0) break;
    // Δt = α·Δx / sqrt(g·h_max) (DOMAIN.md); with sources, at most SOURCE_MAX_DT so inflow arrives smoothly.
    let dt = (ALPHA * dx) / Math.sqrt(GRAVITY * (hMax > H_MIN ? hMax : H_MIN));
    if (src.count > 0 && dt > SOURCE_MAX_DT) dt = SOURCE_MAX_DT;
    if (dt > remaining) dt = remaining;
    if (src.count > 0) addSources(g, dt);

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
      if (b < 0) { act0[y] = width; act1[y] = -1; continue; }
      act0[y] = a > 0 ? a - 1 : 0;
      act1[y] = b < width - 1 ? b + 1 : width - 1;
      if (y < yLo) yLo = y;
      yHi = y;
    }
    if (yHi < 0) {
      // Nothing wet enough to move yet: the sources still add their water for the rest of the advance.
      if (src.count > 0) addSources(g, remaining - dt);
      break;
    }
    // Keep the old qy of the face rows the θ blend will read (rows yLo..yHi+1 of faces, and their neighbours).
    const f0 = (yLo > 0 ? yLo - 1 : 0) * width, f1 = Math.min(height + 1, yHi + 3) * width;
    qyOld.set(qy.subarray(f0, f1), f0);

    hMax = 0;
    let clamped = 0;
    for (let y = yLo; y <= yHi + 1; y++) {
      // x faces of row y: face x lies between cells x−1 and x. Only faces with both cells in the active span are
      // solved; the two faces at the ends of the span touch a cell that is not updated and are held at zero (the
      // span has a dry margin, so they carry nothing anyway; at the open sea this keeps the books exact).
      if (y <= yHi && act1[y] >= 0) {
        const row = y * width, frow = y * wx;
        const a = act0[y], b = act1[y];
        if (a >= 1) qx[frow + a] = 0;
        if (b + 1 <= width - 1) qx[frow + b + 1] = 0;
        let prevOld = qx[frow + a];
        let zL = z[row + a], hL = h[row + a], sL = sea[row + a];
        let etaL = zL + hL;
        for (let x = a + 1; x <= b; x++) {
          const f = frow + x;
          const qOld = qx[f];
          const left = prevOld;
          prevOld = qOld;
          const iR = row + x;
          const zR = z[iR], hR = h[iR], sR = sea[iR];
          const etaR = zR + hR;
          const hf = (etaL > etaR ? etaL : etaR) - (zL > zR ? zL : zR);
          // No flow between two sea cells: both are forced to the same level, so the open sea is a reservoir.
          if (hf <= H_MIN || (sL & sR) !== 0) {
            qx[f] = 0;
          } else {
            const qBlend = THETA * qOld + blend * (left + qx[f + 1]);
            const aq = qOld < 0 ? -qOld : qOld;
            // 1/h_f^(7/3) = r⁷ with r = h_f^(−1/3): one division-free Newton step from the face's last r
            // (r ← r·(4 − h·r³)/3); an exact ∛ only when h_f moved more than 1 % since the last sub-step.
            let r = rx[f];
            const t = hf * r * r * r;
            if (t > 0.99 && t < 1.01) r = r * (4 - t) * ONE_THIRD; else r = 1 / Math.cbrt(hf);
            rx[f] = r;
            const r3 = r * r * r;
            let q = (qBlend - gdtdx * hf * (etaR - etaL)) / (1 + gdt * n2x[f] * aq * r3 * r3 * r);
            // Froude cap (DOMAIN.md ~0.85): |q| ≤ Fr·h_f·sqrt(g·h_f), compared squared to avoid a sqrt per face.
            const cap2 = fr2g * hf * hf * hf;
            if (q * q > cap2) q = q > 0 ? Math.sqrt(cap2) : -Math.sqrt(cap2);
            // Positivity limiter: a face may take at most a quarter of its upstream cell's water per sub-step.
            if (q > 0) { const m = hL * lim; if (q > m) q = m; } else { const m = hR * lim; if (-q > m) q = -m; }
            qx[f] = q;
          }
          zL = zR; hL = hR; etaL = etaR; sL = sR;
        }
      }
      // y faces between rows y−1 and y: solved where both rows are active, held at zero where only one is.
      if (y >= 1 && y <= height - 1) {
        const pa = act0[y - 1], pb = act1[y - 1];
        const ca = y <= yHi ? act0[y] : width, cb = y <= yHi ? act1[y] : -1;
        const rowT = (y - 1) * width, rowB = y * width;
        const a = pa > ca ? pa : ca, b = pb < cb ? pb : cb;
        const ha = pa < ca ? pa : ca, hb = pb > cb ? pb : cb;
        for (let x = ha; x <= hb; x++) if (x < a || x > b) qy[rowB + x] = 0;
        for (let x = a; x <= b; x++) {
          const f = rowB + x;
          const iT = rowT + x, iB = rowB + x;
          const zT = z[iT], zB = z[iB];
          const hT = h[iT], hB = h[iB];
          const etaT = zT + hT, etaB = zB + hB;
          const hf = (etaT > etaB ? etaT : etaB) - (zT > zB ? zT : zB);
          if (hf <= H_MIN || (sea[iT] & sea[iB]) !== 0) { qy[f] = 0; continue; }
          const qOld = qyOld[f];
          const qBlend = THETA * qOld + blend * (qyOld[f - width] + qyOld[f + width]);
          const aq = qOld < 0 ? -qOld : qOld;
          let r = ry[f];
          const t = hf * r * r * r;
          if (t > 0.99 && t < 1.01) r = r * (4 - t) * ONE_THIRD; else r = 1 / Math.cbrt(hf);
          ry[f] = r;
          const r3 = r * r * r;
          let q = (qBlend - gdtdx * hf * (etaB - etaT)) / (1 + gdt * n2y[f] * aq * r3 * r3 * r);
          const cap2 = fr2g * hf * hf * hf;
          if (q * q > cap2) q = q > 0 ? Math.sqrt(cap2) : -Math.sqrt(cap2);
          if (q > 0) { const m = hT * lim; if (q > m) q = m; } else { const m = hB * lim; if (-q > m) q = -m; }
          qy[f] = q;
        }
      }
      // Continuity for row y−1: h += Δt·(Σ inflow − Σ outflow)/Δx. Negative depths are clamped and booked.
      const r = y - 1;
      if (r >= yLo && act1[r] >= 0) {
        const row = r * width, frow = r * wx;
        let r0 = width, r1 = -1;
        for (let x = act0[r]; x <= act1[r]; x++) {
          const i = row + x;
          let d = h[i] + k * (qx[frow + x] - qx[frow + x + 1] + qy[i] - qy[i + width]);
          if (d < 0) { clamped -= d; d = 0; }
          h[i] = d;
          if (d > hMax) hMax = d;
          if (sea[i]) continue; // forced below; open sea is never part of a span
          if (d > H_MIN) {
            if (x < r0) r0 = x;
            r1 = x;
          }
        }
        spanX0[r] = r0; spanX1[r] = r1;
        cellSteps += act1[r] - act0[r] + 1;
      }
    }
    clampedTotal += clamped;
    if (forced) {
      forceSea(g, g.seaEdge, seaLevel);
      // Coastal sea cells stay in the spans so the sea can push inland.
      const se = g.seaEdge;
      for (let s = 0; s < se.length; s++) {
        const i = se[s], x = i % width, y = (i - x) / width;
        if (x < spanX0[y]) spanX0[y] = x;
        if (x > spanX1[y]) spanX1[y] = x;
        if (h[i] > hMax) hMax = h[i];
      }
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
