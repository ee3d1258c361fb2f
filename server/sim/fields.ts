// Walking flow fields of a world: one distance field per shelter (routing.ts), rebuilt as the water rises.
import { buildDistanceField } from './routing.ts';
import type { World } from './world-state.ts';

/** Rebuilds every shelter's flow field over the present water and closed roads, written over the old fields (only
 *  this world reads them, and only until the next rebuild): no new arrays each time (memory, docs/load.md#memory). */
export function rebuildFields(w: World): void {
  const { width, height, cellSize } = w.scenario;
  const old = w.fields;
  w.fields = w.shelters.map((s, k) => buildDistanceField(width, height, cellSize, w.cellCost, w.flood.h, s.cell, w.bridge, old[k]));
  w.fieldsTick = w.tick;
}
