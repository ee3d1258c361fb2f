// Land use on the scenario grid: Gladi's classes, painted from GeoJSON as exported from OpenStreetMap or QGIS
// (polygons by cell centre with turf, lines walked cell by cell) or taken from a land-use raster.
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { LandUseClass } from '../../sim/scenario.ts';
import type { TargetGrid } from './grid.ts';

/** Gladi's default classes (the same codes as the built-in Pariaman scenario). Manning's n: Chow (1959),
 *  "Open-Channel Hydraulics", table 5-6 (floodplains), as listed in docs/authoring.md. */
export const LAND = { SEA: 0, BEACH: 1, WATER: 2, HOUSING: 3, ROAD: 4, OPEN: 5, TREES: 6, PUBLIC: 7, BRIDGE: 8 } as const;
export const DEFAULT_CLASSES: LandUseClass[] = [
  { code: 0, name: 'laut', manningN: 0.028, walkCost: Infinity, isSea: true, startsWet: false, habitable: false },
  { code: 1, name: 'pantai', manningN: 0.03, walkCost: 1.4, isSea: false, startsWet: false, habitable: false },
  { code: 2, name: 'sungai / air', manningN: 0.03, walkCost: Infinity, isSea: false, startsWet: true, habitable: false },
  { code: 3, name: 'permukiman', manningN: 0.1, walkCost: 1.2, isSea: false, startsWet: false, habitable: true },
  { code: 4, name: 'jalan', manningN: 0.025, walkCost: 1.0, isSea: false, startsWet: false, habitable: false },
  { code: 5, name: 'sawah / lahan terbuka', manningN: 0.04, walkCost: 1.6, isSea: false, startsWet: false, habitable: false },
  { code: 6, name: 'kebun / hutan', manningN: 0.12, walkCost: 2.0, isSea: false, startsWet: false, habitable: false },
  { code: 7, name: 'fasilitas umum', manningN: 0.1, walkCost: 1.0, isSea: false, startsWet: false, habitable: false },
  { code: 8, name: 'jembatan', manningN: 0.03, walkCost: 1.0, isSea: false, startsWet: true, habitable: false, bridge: true, isRoad: true },
];

type Props = Record<string, unknown> | null;
const s = (p: Props, k: string) => (p && p[k] !== undefined && p[k] !== null ? String(p[k]).toLowerCase() : '');

/** Gladi class of an OSM/QGIS feature from its tags, or null to leave it out. A `gladi` property (code or class name) wins. */
export function classify(p: Props, geometry: Geometry['type']): number | null {
  const g = s(p, 'gladi') || s(p, 'landuse_gladi');
  if (g) {
    if (/^\d+$/.test(g)) return Number(g);
    const c = DEFAULT_CLASSES.find((x) => x.name.includes(g));
    if (c) return c.code;
  }
  const line = geometry === 'LineString' || geometry === 'MultiLineString';
  const highway = s(p, 'highway');
  if (line) {
    if (highway && s(p, 'bridge') && s(p, 'bridge') !== 'no') return LAND.BRIDGE;
    if (highway && !['footway', 'path', 'steps', 'cycleway', 'proposed', 'construction'].includes(highway)) return LAND.ROAD;
    if (['river', 'stream', 'canal', 'drain', 'ditch'].includes(s(p, 'waterway'))) return LAND.WATER;
    return null;
  }
  const amenity = s(p, 'amenity'), building = s(p, 'building'), landuse = s(p, 'landuse'), natural = s(p, 'natural');
  if (['school', 'place_of_worship', 'hospital', 'clinic', 'townhall', 'community_centre', 'college', 'university'].includes(amenity)) return LAND.PUBLIC;
  if (['school', 'mosque', 'church', 'hospital', 'public', 'government', 'civic'].includes(building)) return LAND.PUBLIC;
  if (building && building !== 'no') return LAND.HOUSING;
  if (natural === 'water' || s(p, 'water') || s(p, 'waterway') === 'riverbank' || ['reservoir', 'basin'].includes(landuse)) return LAND.WATER;
  if (natural === 'beach' || natural === 'sand') return LAND.BEACH;
  if (landuse === 'residential') return LAND.HOUSING;
  if (['forest', 'orchard', 'plantation'].includes(landuse) || ['wood', 'scrub', 'wetland'].includes(natural)) return LAND.TREES;
  if (['farmland', 'meadow', 'grass', 'paddy', 'farmyard', 'rice', 'village_green'].includes(landuse) || natural === 'grassland') return LAND.OPEN;
  if (['commercial', 'retail', 'industrial'].includes(landuse)) return LAND.HOUSING;
  return null;
}

/** Painting order: broad land use first, then water, buildings, lines, roads, bridges on top. */
const ORDER: Record<number, number> = { 5: 0, 6: 1, 3: 2, 1: 3, 2: 4, 7: 5, 4: 6, 8: 7, 0: 8 };

function projectRings(g: Polygon | MultiPolygon, grid: TargetGrid): Polygon | MultiPolygon {
  const p = (ring: Position[]) => ring.map((c) => grid.toCell([c[0], c[1]]) as Position);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(p) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(p)) };
}

/** Cells whose centre lies in the (lon/lat) polygon. */
export function polygonCells(g: Polygon | MultiPolygon, grid: TargetGrid): number[] {
  const poly = projectRings(g, grid);
  const pts = (poly.type === 'Polygon' ? poly.coordinates : poly.coordinates.flat()).flat();
  const x0 = Math.max(0, Math.floor(Math.min(...pts.map((q) => q[0])))), x1 = Math.min(grid.width - 1, Math.ceil(Math.max(...pts.map((q) => q[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...pts.map((q) => q[1])))), y1 = Math.min(grid.height - 1, Math.ceil(Math.max(...pts.map((q) => q[1]))));
  const out: number[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (booleanPointInPolygon([x + 0.5, y + 0.5], poly)) out.push(y * grid.width + x);
  return out;
}

/** Cells a (lon/lat) line passes through, `width` cells wide. */
export function lineCells(coords: Position[], grid: TargetGrid, width = 1): number[] {
  const seen = new Set<number>();
  const r = Math.floor((width - 1) / 2);
  const mark = (fx: number, fy: number) => {
    const cx = Math.floor(fx), cy = Math.floor(fy);
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
      const x = cx + dx, y = cy + dy;
      if (x >= 0 && y >= 0 && x < grid.width && y < grid.height) seen.add(y * grid.width + x);
    }
  };
  const pts = coords.map((c) => grid.toCell([c[0], c[1]]));
  for (let k = 1; k < pts.length; k++) {
    const [ax, ay] = pts[k - 1], [bx, by] = pts[k];
    const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) * 3));
    for (let t = 0; t <= steps; t++) mark(ax + ((bx - ax) * t) / steps, ay + ((by - ay) * t) / steps);
  }
  if (pts.length === 1) mark(pts[0][0], pts[0][1]);
  return [...seen];
}

/** Paints OSM/QGIS features onto `use` (codes), except on sea cells. Returns the count per class painted. */
export function paintGeoJson(fc: FeatureCollection, grid: TargetGrid, use: Uint8Array, sea: Uint8Array): Record<number, number> {
  const items: { code: number; f: Feature }[] = [];
  for (const f of fc.features ?? []) {
    if (!f?.geometry) continue;
    const code = classify(f.properties as Props, f.geometry.type);
    if (code !== null) items.push({ code, f });
  }
  items.sort((a, b) => (ORDER[a.code] ?? 0) - (ORDER[b.code] ?? 0));
  const counts: Record<number, number> = {};
  const roadWidth = Math.max(1, Math.round(6 / grid.cell)); // a kampung road is about 6 m wide (design choice)
  for (const { code, f } of items) {
    const g = f.geometry;
    let cells: number[] = [];
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') cells = polygonCells(g, grid);
    else if (g.type === 'LineString') cells = lineCells(g.coordinates, grid, code === LAND.ROAD || code === LAND.BRIDGE ? roadWidth : widthCells(f.properties as Props, grid.cell));
    else if (g.type === 'MultiLineString') cells = g.coordinates.flatMap((l) => lineCells(l, grid, code === LAND.ROAD ? roadWidth : widthCells(f.properties as Props, grid.cell)));
    for (const c of cells) {
      if (sea[c] && code !== LAND.WATER) continue;
      // A bridge deck only where it crosses water; elsewhere it is road.
      use[c] = code === LAND.BRIDGE && use[c] !== LAND.WATER ? LAND.ROAD : code;
      counts[code] = (counts[code] ?? 0) + 1;
    }
  }
  return counts;
}

function widthCells(p: Props, cell: number): number {
  const w = Number(s(p, 'width'));
  return w > 0 ? Math.max(1, Math.round(w / cell)) : 1;
}

/** ESA WorldCover 10 m classes → Gladi classes (Zanaga et al. 2022, WorldCover product user manual). */
export const WORLDCOVER: Record<number, number> = { 10: 6, 20: 6, 30: 5, 40: 5, 50: 3, 60: 5, 70: 5, 80: 2, 90: 5, 95: 6, 100: 5 };

/** A land-use raster already resampled (nearest): WorldCover codes are translated, Gladi codes kept. */
export function landUseFromRaster(values: Float64Array, use: Uint8Array, sea: Uint8Array): { scheme: 'worldcover' | 'gladi'; unknown: number } {
  const present = new Set<number>();
  for (const v of values) if (Number.isFinite(v)) present.add(v);
  const scheme = [...present].every((v) => v in WORLDCOVER) && [...present].some((v) => v >= 10) ? 'worldcover' : 'gladi';
  let unknown = 0;
  for (let i = 0; i < values.length; i++) {
    if (sea[i] || !Number.isFinite(values[i])) continue;
    const code = scheme === 'worldcover' ? WORLDCOVER[values[i]] : values[i];
    if (code === undefined || !DEFAULT_CLASSES.some((c) => c.code === code)) { unknown++; continue; }
    use[i] = code;
  }
  return { scheme, unknown };
}
