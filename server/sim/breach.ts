// Breaches that grow: an embankment (tanggul) gap opens at one crest cell and widens along the crest line and deepens
// towards its breach level at the rates the scenario states, until it reaches its final width. Earthen embankments
// fail this way over minutes to hours (Froehlich 2008, J. Hydraul. Eng. 134(12):1708–1721, gives formation times of
// 0.1–4 h for embankment dams; Visser 1998, TU Delft thesis, describes the widening of breaches in sand dikes). Pure.
import type { Embankment } from './scenario.ts';

export interface BreachState {
  /** Tick the breach began (−1 = none). */
  startTick: number;
  /** Index into the embankment's cells where the gap opened. */
  centre: number;
  /** Width (m) and bottom (m above MSL) reached so far. */
  width: number;
  bottom: number;
}

export function createBreach(): BreachState {
  return { startTick: -1, centre: 0, width: 0, bottom: 0 };
}

/** Opens a widening breach at crest cell `cell` (or the embankment's stated cell, or the middle of its line). */
export function startBreach(st: BreachState, e: Embankment, tick: number, cell: number): void {
  const wd = e.widening!;
  const at = wd.cell !== undefined ? e.cells.indexOf(wd.cell) : cell >= 0 ? e.cells.indexOf(cell) : -1;
  st.startTick = tick;
  st.centre = at >= 0 ? at : Math.floor(e.cells.length / 2);
  st.width = wd.initialWidth;
  st.bottom = e.crest;
}

/** Breach size `hours` after it began: width and bottom at the stated rates, capped at the final size. */
export function breachSize(e: Embankment, hours: number): { width: number; bottom: number } {
  const wd = e.widening!;
  return {
    width: Math.min(wd.finalWidth, wd.initialWidth + wd.widthPerHour * hours),
    bottom: Math.max(e.breachLevel, e.crest - wd.deepenPerHour * hours),
  };
}

/**
 * Grows the breach to its size at the end of this tick and lowers the crest cells inside the gap to its bottom.
 * Returns true when cells changed (routes must then be rebuilt).
 */
export function growBreach(st: BreachState, e: Embankment, z: Float64Array, tick: number, tickSeconds: number, cellSize: number): boolean {
  if (st.startTick < 0) return false;
  const hours = ((tick + 1 - st.startTick) * tickSeconds) / 3600;
  const { width, bottom } = breachSize(e, hours);
  st.width = width; st.bottom = bottom;
  // Cells whose centre lies within half the width of the gap's centre, measured along the crest line; at least one.
  const half = Math.max(0, Math.floor((width / cellSize - 1) / 2 + 1e-9));
  let changed = false;
  for (let k = Math.max(0, st.centre - half); k <= Math.min(e.cells.length - 1, st.centre + half); k++) {
    const c = e.cells[k];
    if (z[c] > bottom) { z[c] = bottom; changed = true; }
  }
  return changed;
}

/** Cells of the gap: the crest cells lowered below the crest. */
export function breachCells(e: Embankment, z: Float64Array): number[] {
  return e.cells.filter((c) => z[c] < e.crest - 1e-9);
}
