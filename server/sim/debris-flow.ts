// Debris flow (galodo, banjir lahar dingin): a river pulse that arrives bulked with volcanic sediment, carries it with
// the water and drops it where the flow slows. The sediment is a passive load (solids volume per cell) moved by the
// water's unit discharges of the last flood advance, so the water equations (flood.ts) are untouched. Where the flow
// is slow or shallow the sediment settles; the deposit raises the bed and takes its pore water out of the flow.
// Consequences for the world (closed cells, buried houses) are applied by hazards.ts. Constants and sources:
// docs/engine.md#debris-flow. Pure and deterministic.
import type { FloodGrid } from './flood.ts';
import type { River } from './scenario.ts';
import { interpolate } from './series.ts';

/** Solids volume fraction of a settled lahar deposit (porosity 0.4; Vallance & Iverson 2015, "Lahars and their
 *  deposits", Encyclopedia of Volcanoes 2nd ed.: debris-flow deposits hold roughly 60 % solids by volume). */
export const DEPOSIT_PACKING = 0.6;
/** Highest sediment concentration a flowing cell keeps (volume fraction): beyond it the mixture is a debris flow
 *  that stops (Pierson & Costa 1987, GSA Rev. Eng. Geol. 7:1–12: hyperconcentrated flow up to ~60 % by volume). */
export const MAX_FLOW_CONCENTRATION = 0.6;
/** The load settles where the bed, along the flow, is gentler than this (≈ 1.1°): lahars run through steep
 *  channels and deposit where the gradient falls off and they spread (Pierson & Scott 1985, Water Resour. Res.
 *  21:1511–1524; Vallance & Iverson 2015). Design choice within the gentle-fan slopes those papers describe. */
export const SETTLE_SLOPE = 0.02;
/** …unless it is still faster than this (m/s): deep, fast channel flow keeps sand and gravel moving on gentle
 *  gradients too (design choice from the Hjulström–Sundborg curve: gravel of 1–2 cm moves in water faster than
 *  about 1–1.5 m/s). */
export const CARRY_SPEED = 1.5;
/** …and it settles wherever the water is nearly still (m/s), whatever the slope: ponds, margins and back-water
 *  (design choice; the flow direction, and so the slope along it, means little below this). */
export const SETTLE_SPEED = 0.1;
/** Fall velocity (m/s) of the load in slow water: the settled share per tick is 1 − exp(−w·Δt/h). Medium sand
 *  falls at ~5 cm/s in clear water; crowded at Cv 0.4 it falls (1 − Cv)^4.65 ≈ 0.09 times as fast (hindered
 *  settling, Richardson & Zaki 1954, Trans. Inst. Chem. Eng. 32:35–53): ~0.5 cm/s. */
export const FALL_VELOCITY = 0.005;
/** Below this depth (m) a cell has no flow left: its whole load drops (design choice). */
export const DRY_DEPTH = 0.01;
/** At most this many transport sub-steps per tick (each moves the load at most one cell; design choice: 24 lets a
 *  6 m/s flow over 25 m cells keep pace in a one-minute tick). */
export const MAX_SUBSTEPS = 24;
/** Loads smaller than this (m³ of solids) settle where they are instead of being carried on (design choice: keeps
 *  the work to the cells that matter; a tenth of a cubic metre over a 25 m cell is a film under 1 mm). */
export const MIN_LOAD = 0.1;
/** Deposit (m) that closes a cell to walking and driving: 30 cm of mud and stones stops cars and motorbikes
 *  (design choice; roads under lahar deposits stayed shut until cleared by heavy equipment, BNPB May 2024). */
export const DEPOSIT_CLOSE_DEPTH = 0.3;
/** Deposit (m) that buries a house's ground floor: people still inside are hurt as by a landslide (design choice). */
export const DEPOSIT_BURY_DEPTH = 1.0;
/** Deposits thinner than this (m) are not drawn on the map (design choice: a film of mud). */
export const DEPOSIT_SHOWN_DEPTH = 0.1;

export interface DebrisState {
  /** Solids in suspension per cell (m³). */
  sed: Float64Array;
  /** Deposit thickness per cell (m of bed raised). */
  dep: Float64Array;
  /** Mass accounting (m³): solids brought in, settled, carried off the map; mixture (solids and pore water) taken
   *  out of the flow by deposits; water the deposits could not take from a too-shallow cell (raised the surface). */
  mass: { sedimentIn: number; deposited: number; out: number; mixtureRemoved: number };
  /** Cells whose deposit passed DEPOSIT_CLOSE_DEPTH and DEPOSIT_BURY_DEPTH and that the world has not yet acted on. */
  closeNew: number[];
  buryNew: number[];
  /** Areas already told that debris closed their ground (hazards.ts). */
  announced: number[];
  /** Bounding box of cells holding sediment (inclusive; minX > maxX when none). */
  box: { minX: number; maxX: number; minY: number; maxY: number };
}

/** The debris state, or null when no river of the scenario carries sediment. */
export function createDebris(rivers: readonly River[], cells: number): DebrisState | null {
  if (!rivers.some((r) => (r.sedimentConcentration ?? 0) > 0)) return null;
  return {
    sed: new Float64Array(cells), dep: new Float64Array(cells),
    mass: { sedimentIn: 0, deposited: 0, out: 0, mixtureRemoved: 0 },
    closeNew: [], buryNew: [], announced: [], box: { minX: 1, maxX: 0, minY: 1, maxY: 0 },
  };
}

/** Sediment concentration of a river's flow at this water discharge: Cv in the pulse, 0 in the clear base flow. */
export function riverConcentration(r: River, water: number): number {
  const cv = r.sedimentConcentration ?? 0;
  return cv > 0 && water > 0 && water >= (r.sedimentFromDischarge ?? 0) ? cv : 0;
}

/** Bulked discharge (m³/s of mixture) of a river whose hydrograph gives water: Q / (1 − Cv). */
export function bulkedDischarge(r: River, water: number): number {
  return water / (1 - riverConcentration(r, water));
}

/** Solids (m³) each inflow cell of the sediment-laden rivers receives over a tick of `dt` s centred on `minutes`:
 *  the bulked inflow × Cv, spread over the river's cells. */
export function riverSediment(rivers: readonly River[], minutes: number, dt: number): { cell: number; solids: number }[] {
  const out: { cell: number; solids: number }[] = [];
  for (const r of rivers) {
    const water = Math.max(0, interpolate(r.hydrograph, minutes));
    const cv = riverConcentration(r, water);
    if (cv <= 0 || !r.cells.length) continue;
    const solids = bulkedDischarge(r, water) * cv * dt;
    for (const c of r.cells) out.push({ cell: c, solids: solids / r.cells.length });
  }
  return out;
}

/**
 * One tick of transport and settling over Δt (s), with the water's unit discharges and depths left by the last
 * flood advance. Transport: first-order upwind, the load leaving a cell in proportion to the water leaving it,
 * in sub-steps that move it at most one cell each. Settling: where the bed along the flow is gentler than
 * SETTLE_SLOPE and the flow slower than CARRY_SPEED, or anywhere the flow is slower than SETTLE_SPEED, the load drops at the fall velocity (all of it on ground drier
 * than DRY_DEPTH; the excess over MAX_FLOW_CONCENTRATION at once); the deposit (solids / DEPOSIT_PACKING)
 * raises the bed and takes its volume of mixture out of the water, so the water surface stays where it was.
 */
export function stepDebris(st: DebrisState, g: FloodGrid, dt: number, inflow: readonly { cell: number; solids: number }[] = []): void {
  const b = st.box;
  if (b.minX > b.maxX && !inflow.length) return;
  const { width, height, dx, h, z, qx, qy, sea } = g;
  const area = dx * dx;
  const W1 = width + 1;
  const sed = st.sed;
  const { delta, mark, list } = scratchFor(sed.length);
  // The loaded cells, inflow cells first, then in index order (so sums run in the same order in every process). Loads left on dry ground, or
  // too small to matter, settle where they are; the rest sets the sub-steps: the largest share of its water a
  // loaded cell sends out in the tick.
  let count = 0, worst = 0;
  const share = (i: number) => {
    const x = i % width, y = (i - x) / width;
    const out = (Math.max(0, -qx[y * W1 + x]) + Math.max(0, qx[y * W1 + x + 1]) + Math.max(0, -qy[i]) + Math.max(0, qy[i + width])) * dx * dt;
    return h[i] > 0 ? out / (h[i] * area) : 0;
  };
  // The rivers' inflow cells come first: their load enters with the water over the tick (below).
  for (const f of inflow) {
    if (mark[f.cell]) continue;
    list[count++] = f.cell; mark[f.cell] = 1;
    worst = Math.max(worst, share(f.cell));
  }
  for (let y = b.minY; y <= b.maxY; y++) for (let x = b.minX; x <= b.maxX; x++) {
    const i = y * width + x;
    const load = sed[i];
    if (load <= 0 || mark[i]) continue;
    if (h[i] < DRY_DEPTH || load < MIN_LOAD) { deposit(st, g, i, load); continue; }
    list[count++] = i; mark[i] = 1;
    const r = share(i);
    if (r > worst) worst = r;
  }
  const n = Math.min(MAX_SUBSTEPS, Math.max(1, Math.ceil(worst)));
  const sub = dt / n;
  const add = (j: number, v: number) => { delta[j] += v; if (!mark[j]) { mark[j] = 1; list[count++] = j; } };
  for (let s = 0; s < n; s++) {
    // The rivers' solids enter in step with their water: a share per sub-step.
    for (const f of inflow) { sed[f.cell] += f.solids / n; st.mass.sedimentIn += f.solids / n; }
    const m = count;
    for (let k = 0; k < m; k++) {
      const i = list[k];
      const load = sed[i];
      if (load <= 0) continue;
      const v = h[i] * area;
      if (v <= 0) continue;
      const x = i % width, y = (i - x) / width;
      const fw = x > 0 ? Math.max(0, -qx[y * W1 + x]) : 0;
      const fe = x < width - 1 ? Math.max(0, qx[y * W1 + x + 1]) : 0;
      const fn = y > 0 ? Math.max(0, -qy[i]) : 0;
      const fs = y < height - 1 ? Math.max(0, qy[i + width]) : 0;
      const out = (fw + fe + fn + fs) * dx * sub;
      if (out <= 0) continue;
      // Share of the cell's water (and so of its load) leaving across each face; never more than all of it.
      const f = (dx * sub * load) / (out > v ? out : v);
      if (fw > 0) add(i - 1, fw * f);
      if (fe > 0) add(i + 1, fe * f);
      if (fn > 0) add(i - width, fn * f);
      if (fs > 0) add(i + width, fs * f);
      delta[i] -= (fw + fe + fn + fs) * f;
    }
    // Apply the moves; what reached the sea (or the outlet) leaves the map.
    for (let k = 0; k < count; k++) {
      const i = list[k];
      let v = sed[i] + delta[i];
      delta[i] = 0;
      if (v < 0) v = 0; // rounding
      if (v > 0 && sea[i]) { st.mass.out += v; v = 0; }
      sed[i] = v;
    }
  }
  // Settling, once per tick; then the box of what is still carried.
  let nx0 = width, nx1 = -1, ny0 = height, ny1 = -1;
  for (let k = 0; k < count; k++) {
    const i = list[k];
    mark[i] = 0;
    const load = sed[i];
    if (load <= 0) continue;
    const x = i % width, y = (i - x) / width;
    const d = h[i];
    let drop = 0;
    if (d < DRY_DEPTH) drop = load;
    else {
      const ux = (0.5 * (qx[y * W1 + x] + qx[y * W1 + x + 1])) / d;
      const uy = (0.5 * (qy[i] + qy[i + width])) / d;
      const u2 = ux * ux + uy * uy;
      let slow = u2 < SETTLE_SPEED * SETTLE_SPEED;
      if (!slow && u2 < CARRY_SPEED * CARRY_SPEED) {
        // Bed slope along the flow (downhill positive), from the neighbours' beds.
        const gx = (z[x < width - 1 ? i + 1 : i] - z[x > 0 ? i - 1 : i]) / ((x > 0 && x < width - 1 ? 2 : 1) * dx);
        const gy = (z[y < height - 1 ? i + width : i] - z[y > 0 ? i - width : i]) / ((y > 0 && y < height - 1 ? 2 : 1) * dx);
        slow = -(gx * ux + gy * uy) / Math.sqrt(u2) < SETTLE_SLOPE;
      }
      if (slow) drop = load * (1 - Math.exp((-FALL_VELOCITY * dt) / d));
      const keep = MAX_FLOW_CONCENTRATION * d * area;
      if (load - drop > keep) drop = load - keep;
    }
    if (drop > 0) deposit(st, g, i, drop);
    if (sed[i] > 0) { if (x < nx0) nx0 = x; if (x > nx1) nx1 = x; if (y < ny0) ny0 = y; if (y > ny1) ny1 = y; }
  }
  b.minX = nx0; b.maxX = nx1; b.minY = ny0; b.maxY = ny1;
}

/** Work arrays of one transport step, shared by every world of the thread (each call leaves them zeroed; nothing is
 *  kept in them between calls, so results do not depend on which world used them before). */
let scratch: { delta: Float64Array; mark: Uint8Array; list: Int32Array } | null = null;
function scratchFor(n: number) {
  if (!scratch || scratch.mark.length !== n) scratch = { delta: new Float64Array(n), mark: new Uint8Array(n), list: new Int32Array(n) };
  return scratch;
}

/** `drop` m³ of solids settle in cell i: the bed rises by drop / DEPOSIT_PACKING over the cell, and that volume of
 *  mixture (solids and pore water) leaves the flow; a cell too shallow to give it has its surface raised instead. */
function deposit(st: DebrisState, g: FloodGrid, i: number, drop: number): void {
  const area = g.dx * g.dx;
  st.sed[i] -= drop;
  if (st.sed[i] < 0) st.sed[i] = 0;
  const bulk = drop / DEPOSIT_PACKING;
  const taken = Math.min(bulk, g.h[i] * area);
  g.h[i] -= taken / area;
  g.z[i] += bulk / area;
  const before = st.dep[i];
  st.dep[i] = before + bulk / area;
  st.mass.deposited += drop;
  st.mass.mixtureRemoved += taken;
  // The grid's water books count sources net of what deposits take out of the flow (booked apart just above), so
  // massError (flood.ts) still balances.
  g.mass.sourceIn -= taken;
  if (before < DEPOSIT_CLOSE_DEPTH && st.dep[i] >= DEPOSIT_CLOSE_DEPTH) st.closeNew.push(i);
  if (before < DEPOSIT_BURY_DEPTH && st.dep[i] >= DEPOSIT_BURY_DEPTH) st.buryNew.push(i);
}

/** Solids still carried by the flow (m³). */
export function suspendedSediment(st: DebrisState): number {
  let s = 0;
  for (let i = 0; i < st.sed.length; i++) s += st.sed[i];
  return s;
}

/** Cells with a deposit worth drawing, and its thickness in decimetres (pairs: cell, dm), for the map. */
export function depositCells(st: DebrisState): number[] {
  const out: number[] = [];
  for (let i = 0; i < st.dep.length; i++) if (st.dep[i] >= DEPOSIT_SHOWN_DEPTH) out.push(i, Math.round(st.dep[i] * 10));
  return out;
}
