// Water on the grid: the local inertial shallow-water scheme of LISFLOOD-FP
// (Bates, Horritt & Fewtrell 2010, J. Hydrol. 387:33–45) with the θ blend of de Almeida et al. (2012).
// Equations as written in DOMAIN.md. Pure: typed arrays in, typed arrays out.

export const GRAVITY = 9.81;
/** Depth below which a face carries no flow (DOMAIN.md: h_min ≈ 0.001 m). */
export const H_MIN = 0.001;
/** De Almeida's blend; θ = 1 is plain Bates 2010 (DOMAIN.md: θ ≈ 0.7). */
export const THETA = 0.7;
/** CFL coefficient α in Δt = α·Δx/sqrt(g·h_max) (DOMAIN.md: 0.2–0.7, LISFLOOD default 0.7). */
export const ALPHA = 0.7;
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
  /** 1 where the coastal boundary forces the level. */
  sea: Uint8Array;
  /** Wet bounding box (inclusive), or minX > maxX when dry. */
  box: { minX: number; maxX: number; minY: number; maxY: number };
  /** Mass accounting in m³. */
  mass: { initial: number; boundaryIn: number; sourceIn: number; clampAdded: number };
  /** Sub-steps taken in the last advance (for diagnostics and benchmarks). */
  lastSubsteps: number;
}

export function createFloodGrid(width: number, height: number, dx: number, z: Float64Array, n: ArrayLike<number>, sea: Uint8Array): FloodGrid {
  const n2 = new Float64Array(width * height);
  for (let i = 0; i < n2.length; i++) n2[i] = n[i] * n[i];
  const grid: FloodGrid = {
    width, height, dx, z,
    h: new Float64Array(width * height),
    qx: new Float64Array((width + 1) * height),
    qy: new Float64Array(width * (height + 1)),
    n2, sea,
    box: { minX: 1, maxX: 0, minY: 1, maxY: 0 },
    mass: { initial: 0, boundaryIn: 0, sourceIn: 0, clampAdded: 0 },
    lastSubsteps: 0,
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

/** Recompute the wet box from scratch (after loading a state or adding water by hand). */
export function refreshWetBox(g: FloodGrid): void {
  const { width, height, h, sea } = g;
  let minX = width, maxX = -1, minY = height, maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (h[i] > H_MIN || sea[i]) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  g.box = { minX, maxX, minY, maxY };
}

/** Force the coastal boundary: sea cells take the given water level; the volume added is booked as boundary inflow. */
function applySeaLevel(g: FloodGrid, level: number): void {
  const { h, z, sea, box, width } = g;
  let added = 0;
  for (let y = box.minY; y <= box.maxY; y++) {
    for (let x = box.minX; x <= box.maxX; x++) {
      const i = y * width + x;
      if (!sea[i]) continue;
      const target = level - z[i] > 0 ? level - z[i] : 0;
      added += target - h[i];
      h[i] = target;
    }
  }
  g.mass.boundaryIn += added * g.dx * g.dx;
}

/**
 * Advance the water by `seconds`, in CFL-limited sub-steps, computing only inside the wet box grown by one cell.
 * `seaLevel` (m above MSL) is held on sea cells; pass NaN for a closed domain.
 */
export function advanceFlood(g: FloodGrid, seconds: number, seaLevel: number): void {
  const { width, height, dx, z, h, qx, qy, n2 } = g;
  const wx = width + 1;
  let remaining = seconds;
  let substeps = 0;
  if (g.box.minX > g.box.maxX) {
    refreshWetBox(g);
    if (g.box.minX > g.box.maxX) { g.lastSubsteps = 0; return; }
  }
  while (remaining > 1e-9) {
    if (!Number.isNaN(seaLevel)) applySeaLevel(g, seaLevel);
    // Grow the box by one cell so water can advance into dry neighbours this sub-step.
    const x0 = Math.max(0, g.box.minX - 1), x1 = Math.min(width - 1, g.box.maxX + 1);
    const y0 = Math.max(0, g.box.minY - 1), y1 = Math.min(height - 1, g.box.maxY + 1);

    let hMax = 0;
    for (let y = y0; y <= y1; y++) {
      const row = y * width;
      for (let x = x0; x <= x1; x++) { const d = h[row + x]; if (d > hMax) hMax = d; }
    }
    if (hMax < H_MIN) { g.lastSubsteps = substeps; return; }
    // Δt = α·Δx / sqrt(g·h_max) (DOMAIN.md)
    let dt = (ALPHA * dx) / Math.sqrt(GRAVITY * hMax);
    if (dt > remaining) dt = remaining;
    const gdt = GRAVITY * dt;
    const blend = 0.5 * (1 - THETA);

    // x faces: face (x, y) lies between cell x-1 and x. Interior faces only; the domain edge is a wall.
    for (let y = y0; y <= y1; y++) {
      const row = y * width;
      const frow = y * wx;
      // Faces x0..x1+1 bound the box's cells; the edge faces 0 and width are walls and stay 0.
      const xs = x0 > 1 ? x0 : 1, xe = x1 + 1 < width - 1 ? x1 + 1 : width - 1;
      let prevOld = qx[frow + xs - 1]; // old q of the face to the left, kept before it is overwritten
      for (let x = xs; x <= xe; x++) {
        const iL = row + x - 1, iR = row + x;
        const f = frow + x;
        const qOld = qx[f];
        const left = prevOld;
        const right = qx[f + 1];
        prevOld = qOld;
        const zL = z[iL], zR = z[iR];
        const etaL = zL + h[iL], etaR = zR + h[iR];
        const hf = (etaL > etaR ? etaL : etaR) - (zL > zR ? zL : zR);
        if (hf <= H_MIN) { qx[f] = 0; continue; }
        const qBlend = THETA * qOld + blend * (left + right);
        const nf = 0.5 * (n2[iL] + n2[iR]);
        // h_f^(7/3) as h²·∛h: 2–3× cheaper than Math.pow (DOMAIN.md)
        let q = (qBlend - (gdt * hf * (etaR - etaL)) / dx) / (1 + (gdt * nf * Math.abs(qOld)) / (hf * hf * Math.cbrt(hf)));
        const qCap = FROUDE_CAP * hf * Math.sqrt(GRAVITY * hf);
        if (q > qCap) q = qCap; else if (q < -qCap) q = -qCap;
        qx[f] = q;
      }
    }
    // y faces: face (x, y) lies between cell (x, y-1) and (x, y).
    for (let x = x0; x <= x1; x++) {
      const ys = y0 > 1 ? y0 : 1, ye = y1 + 1 < height - 1 ? y1 + 1 : height - 1;
      let prevOld = qy[(ys - 1) * width + x];
      for (let y = ys; y <= ye; y++) {
        const iT = (y - 1) * width + x, iB = y * width + x;
        const f = y * width + x;
        const qOld = qy[f];
        const up = prevOld;
        const down = qy[f + width];
        prevOld = qOld;
        const zT = z[iT], zB = z[iB];
        const etaT = zT + h[iT], etaB = zB + h[iB];
        const hf = (etaT > etaB ? etaT : etaB) - (zT > zB ? zT : zB);
        if (hf <= H_MIN) { qy[f] = 0; continue; }
        const qBlend = THETA * qOld + blend * (up + down);
        const nf = 0.5 * (n2[iT] + n2[iB]);
        let q = (qBlend - (gdt * hf * (etaB - etaT)) / dx) / (1 + (gdt * nf * Math.abs(qOld)) / (hf * hf * Math.cbrt(hf)));
        const qCap = FROUDE_CAP * hf * Math.sqrt(GRAVITY * hf);
        if (q > qCap) q = qCap; else if (q < -qCap) q = -qCap;
        qy[f] = q;
      }
    }
    // Continuity: h += Δt·(Σ inflow − Σ outflow)/Δx. Negative depths are clamped and booked as mass lost.
    let minX = width, maxX = -1, minY = height, maxY = -1;
    let clamped = 0;
    const k = dt / dx;
    for (let y = y0; y <= y1; y++) {
      const row = y * width;
      const frow = y * wx;
      for (let x = x0; x <= x1; x++) {
        const i = row + x;
        let d = h[i] + k * (qx[frow + x] - qx[frow + x + 1] + qy[i] - qy[i + width]);
        if (d < 0) { clamped -= d; d = 0; }
        h[i] = d;
        if (d > H_MIN || g.sea[i]) {
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      }
    }
    g.mass.clampAdded += clamped * dx * dx;
    g.box.minX = minX; g.box.maxX = maxX; g.box.minY = minY; g.box.maxY = maxY;
    remaining -= dt;
    substeps++;
  }
  if (!Number.isNaN(seaLevel)) applySeaLevel(g, seaLevel);
  g.lastSubsteps = substeps;
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
