// Grid geometry helpers shared by world creation, the loader and the views: leaf module, no world state.
import type { Scenario } from './scenario.ts';

/** Cells whose centre lies inside the polygon (even–odd rule). */
export function rasterizePolygon(polygon: [number, number][], width: number, height: number): number[] {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const [x, y] of polygon) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  const out: number[] = [];
  for (let y = Math.max(0, Math.floor(minY)); y <= Math.min(height - 1, Math.ceil(maxY)); y++) {
    for (let x = Math.max(0, Math.floor(minX)); x <= Math.min(width - 1, Math.ceil(maxX)); x++) {
      const px = x + 0.5, py = y + 0.5;
      let inside = false;
      for (let a = 0, b = polygon.length - 1; a < polygon.length; b = a++) {
        const [xa, ya] = polygon[a], [xb, yb] = polygon[b];
        if (ya > py !== yb > py && px < ((xb - xa) * (py - ya)) / (yb - ya) + xa) inside = !inside;
      }
      if (inside) out.push(y * width + x);
    }
  }
  return out;
}

/** A cell of the road network (its land-use class says so, or it is cheap to walk, not habitable and not sea). */
export function isRoadCell(sc: Scenario, cell: number): boolean {
  const c = sc.landUseClasses.find((k) => k.code === sc.landUse[cell]);
  if (!c) return false;
  return c.isRoad ?? (c.walkCost <= 1 && !c.habitable && !c.isSea);
}
