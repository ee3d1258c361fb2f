// Scenario places from GeoJSON features with lon/lat coordinates (drawn in QGIS): neighbourhoods (polygons),
// shelters and unit bases (points), embankments and bridges (lines). The `gladi` property says what a feature is
// (Bahasa Indonesia or English words); other properties fill the scenario fields. Missing values get the defaults
// named in the returned notes, so the facilitator knows what to check.
import { centroid } from '@turf/turf';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { LAND, lineCells } from './landuse.ts';
import type { TargetGrid } from './grid.ts';

type Props = Record<string, unknown>;
export type Note = { id: string; en: string };

export interface ScenarioPlaces {
  neighbourhoods: { id: string; name: string; polygon: [number, number][]; households: number; householdSize: number; vulnerableShare: number; trust: number }[];
  shelters: { id: string; name: string; x: number; y: number; floorArea: number; vertical?: boolean }[];
  ngos: { id: string; name: string; units: { id: string; kind: 'boat' | 'truck' | 'medical' | 'kitchen'; x: number; y: number; capacity: number }[] }[];
  embankments: { id: string; name: string; line: [number, number][]; crest: number }[];
}

const KIND: [RegExp, 'neighbourhood' | 'shelter' | 'unit' | 'embankment' | 'bridge'][] = [
  [/^(neighbourhood|neighborhood|kelurahan|desa|nagari|korong|kampung|wilayah|rt|rw|area)$/i, 'neighbourhood'],
  [/^(shelter|pengungsian|tempat pengungsian|tes|tempat evakuasi)$/i, 'shelter'],
  [/^(unit|base|pangkalan|posko unit)$/i, 'unit'],
  [/^(embankment|tanggul|levee|dike)$/i, 'embankment'],
  [/^(bridge|jembatan)$/i, 'bridge'],
];

/** Design defaults for a neighbourhood drawn without figures: BPS household size ≈ 4 (Sensus Penduduk 2020), the rest to be set by the facilitator. */
export const PLACE_DEFAULTS = { householdSize: 4, vulnerableShare: 0.25, trust: 0.6, m2PerHousehold: 150, floorArea: 500, capacity: 8, embankmentFreeboard: 0.5 };

export const slugOf = (s: string, fallback: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || fallback;
const num = (p: Props, ...keys: string[]) => { for (const k of keys) { const v = Number(p[k]); if (p[k] !== undefined && p[k] !== null && p[k] !== '' && Number.isFinite(v)) return v; } return undefined; };
const str = (p: Props, ...keys: string[]) => { for (const k of keys) if (typeof p[k] === 'string' && (p[k] as string).trim()) return (p[k] as string).trim(); return undefined; };

export function kindOf(f: Feature): 'neighbourhood' | 'shelter' | 'unit' | 'embankment' | 'bridge' | null {
  const p = (f.properties ?? {}) as Props;
  const word = str(p, 'gladi', 'jenis', 'type', 'kind_gladi') ?? '';
  return KIND.find(([re]) => re.test(word))?.[1] ?? null;
}

export function placesFromGeoJson(fc: FeatureCollection, grid: TargetGrid, z: Float64Array, use: Uint8Array, habitable: (code: number) => boolean): { places: ScenarioPlaces; notes: Note[]; skipped: number } {
  const places: ScenarioPlaces = { neighbourhoods: [], shelters: [], ngos: [], embankments: [] };
  const notes: Note[] = [];
  let skipped = 0;
  const used = new Set<string>();
  const uniq = (id: string) => { let k = id, n = 2; while (used.has(k)) k = `${id}-${n++}`; used.add(k); return k; };
  const cellOf = (c: Position): [number, number] => { const [x, y] = grid.toCell([c[0], c[1]]); return [Math.floor(x), Math.floor(y)]; };
  fc.features.forEach((f, k) => {
    const kind = kindOf(f);
    const p = (f.properties ?? {}) as Props;
    const g = f.geometry;
    if (!kind || !g) { skipped++; return; }
    const name = str(p, 'name', 'nama', 'NAMOBJ', 'label') ?? `${kind} ${k + 1}`;
    const id = uniq(slugOf(str(p, 'id') ?? name, `${kind}-${k + 1}`));
    if (kind === 'neighbourhood' && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
      const ring = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]).slice(0, -1);
      const polygon = ring.map((c) => grid.toCell([c[0], c[1]]).map((v) => Math.round(v * 10) / 10) as [number, number]);
      let households = num(p, 'households', 'kk', 'jumlah_kk', 'jml_kk');
      if (households === undefined) {
        // Estimate from the housing cells inside (design choice: one household per 150 m² of housing land).
        let cells = 0;
        const xs = polygon.map((q) => q[0]), ys = polygon.map((q) => q[1]);
        for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.min(grid.height - 1, Math.ceil(Math.max(...ys))); y++) {
          for (let x = Math.max(0, Math.floor(Math.min(...xs))); x <= Math.min(grid.width - 1, Math.ceil(Math.max(...xs))); x++) {
            if (inside(polygon, x + 0.5, y + 0.5) && habitable(use[y * grid.width + x])) cells++;
          }
        }
        households = Math.max(1, Math.round((cells * grid.cell * grid.cell) / PLACE_DEFAULTS.m2PerHousehold));
        notes.push({ id: `${name}: jumlah KK tidak diisi, diperkirakan ${households} dari luas permukiman (1 KK per ${PLACE_DEFAULTS.m2PerHousehold} m²)`, en: `${name}: households not given, estimated ${households} from the housing area (1 per ${PLACE_DEFAULTS.m2PerHousehold} m²)` });
      }
      const householdSize = num(p, 'householdSize', 'jiwa_per_kk') ?? PLACE_DEFAULTS.householdSize;
      const vulnerableShare = num(p, 'vulnerableShare', 'rentan') ?? PLACE_DEFAULTS.vulnerableShare;
      const trust = num(p, 'trust', 'kepercayaan') ?? PLACE_DEFAULTS.trust;
      if (num(p, 'vulnerableShare', 'rentan') === undefined || num(p, 'trust', 'kepercayaan') === undefined) {
        notes.push({ id: `${name}: bagian rentan ${vulnerableShare} dan kepercayaan ${trust} adalah nilai awal; sesuaikan`, en: `${name}: vulnerable share ${vulnerableShare} and trust ${trust} are starting values; adjust them` });
      }
      places.neighbourhoods.push({ id, name, polygon, households: Math.round(households), householdSize, vulnerableShare, trust });
    } else if (kind === 'shelter' || kind === 'unit') {
      const c = g.type === 'Point' ? g.coordinates : centroid(f).geometry.coordinates;
      const [x, y] = cellOf(c);
      if (x < 0 || y < 0 || x >= grid.width || y >= grid.height) { notes.push({ id: `${name}: di luar peta, dilewati`, en: `${name}: outside the map, skipped` }); return; }
      if (kind === 'shelter') {
        const floorArea = num(p, 'floorArea', 'luas', 'luas_lantai', 'floor_area');
        if (floorArea === undefined) notes.push({ id: `${name}: luas lantai tidak diisi, dipakai ${PLACE_DEFAULTS.floorArea} m²`, en: `${name}: floor area not given, ${PLACE_DEFAULTS.floorArea} m² used` });
        // `tes`: a vertical evacuation building (drawn apart on the map, docs/towns.md#what-the-map-shows).
        const vertical = /^tes$/i.test((str(p, 'gladi', 'jenis', 'type', 'kind_gladi') ?? '').trim());
        places.shelters.push({ id, name, x, y, floorArea: floorArea ?? PLACE_DEFAULTS.floorArea, ...(vertical ? { vertical } : {}) });
      } else {
        const kindWord = (str(p, 'kind', 'jenis_unit') ?? 'boat').toLowerCase();
        const unitKind = (/truk|truck/.test(kindWord) ? 'truck' : /medis|medical|ambulan/.test(kindWord) ? 'medical' : /dapur|kitchen/.test(kindWord) ? 'kitchen' : 'boat') as 'boat';
        const ngoName = str(p, 'ngo', 'lembaga', 'organisasi') ?? 'Relawan';
        const ngoId = slugOf(ngoName, 'relawan');
        let ngo = places.ngos.find((n) => n.id === ngoId);
        if (!ngo) { ngo = { id: ngoId, name: ngoName, units: [] }; places.ngos.push(ngo); used.add(ngoId); }
        ngo.units.push({ id, kind: unitKind, x, y, capacity: num(p, 'capacity', 'kapasitas') ?? PLACE_DEFAULTS.capacity });
      }
    } else if ((kind === 'embankment' || kind === 'bridge') && (g.type === 'LineString' || g.type === 'MultiLineString')) {
      const coords = g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
      if (kind === 'bridge') {
        for (const c of lineCells(coords, grid, 1)) use[c] = use[c] === LAND.WATER ? LAND.BRIDGE : LAND.ROAD;
        return;
      }
      const line = coords.map(cellOf).map(([x, y]) => [Math.min(grid.width - 1, Math.max(0, x)), Math.min(grid.height - 1, Math.max(0, y))] as [number, number]);
      let crest = num(p, 'crest', 'elevasi', 'tinggi_puncak');
      if (crest === undefined) {
        crest = Math.round((Math.max(...lineCells(coords, grid, 1).map((c) => z[c])) + PLACE_DEFAULTS.embankmentFreeboard) * 100) / 100;
        notes.push({ id: `${name}: elevasi puncak tidak diisi, dipakai ${crest} m (tanah tertinggi di garisnya + ${PLACE_DEFAULTS.embankmentFreeboard} m)`, en: `${name}: crest not given, ${crest} m used (highest ground on its line + ${PLACE_DEFAULTS.embankmentFreeboard} m)` });
      }
      places.embankments.push({ id, name, line, crest });
    } else skipped++;
  });
  return { places, notes, skipped };
}

/** Even-odd point in polygon (cell coordinates). */
function inside(poly: [number, number][], x: number, y: number): boolean {
  let c = false;
  for (let a = 0, b = poly.length - 1; a < poly.length; b = a++) {
    const [xa, ya] = poly[a], [xb, yb] = poly[b];
    if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) c = !c;
  }
  return c;
}
