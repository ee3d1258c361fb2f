// Walking flow fields of a world: one distance field per shelter (routing.ts), rebuilt as the water rises.
import { buildDistanceField } from './routing.ts';
import type { World } from './world-state.ts';

/** Rebuilds every shelter's flow field over the present water and closed roads. */
export function rebuildFields(w: World): void {
  const { width, height, cellSize } = w.scenario;
  w.fields = w.shelters.map((s) => buildDistanceField(width, height, cellSize, w.cellCost, w.flood.h, s.cell, w.bridge));
  w.fieldsTick = w.tick;
}
