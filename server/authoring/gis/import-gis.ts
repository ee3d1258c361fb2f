// From GIS files to a Gladi scenario folder: elevation (GeoTIFF or ESRI ASCII, any CRS) reprojected to the
// local UTM zone and resampled, NODATA over the sea filled, land use from GeoJSON or a raster, places from
// GeoJSON features. Returns the files (elevation.asc, landuse.asc, scenario.yaml) and what was done.
import type { FeatureCollection } from 'geojson';
import { parseDocument, stringify } from 'yaml';
import { writeAsciiGrid } from '../../scenario/ascii-grid.ts';
import { DEFAULT_CLASSES, LAND, landUseFromRaster, paintGeoJson } from './landuse.ts';
import { placesFromGeoJson, slugOf, type Note } from './features.ts';
import { fillNodata, planGrid, resample } from './grid.ts';
import { gisError, type Progress } from './gis-error.ts';
import { readRaster } from './raster.ts';

export interface GisInput {
  dem: { data: Uint8Array; name: string; prj?: string | null };
  landuse?: { data: Uint8Array; name: string; prj?: string | null };
  features?: { text: string; name: string };
  cell: number;
  /** CRS of the DEM (and a land-use raster) when the file does not say: EPSG:xxxx, proj4 or WKT. */
  crs?: string;
  /** Scenario id for a new scenario.yaml. */
  id: string;
  /** An existing scenario.yaml to update (grid, land use classes kept, places replaced when features are given). */
  existingYaml?: string | null;
}

export interface GisReport {
  width: number;
  height: number;
  cell: number;
  crs: string;
  centre: [number, number];
  seaCells: number;
  holeCells: number;
  landUse: Record<string, number>;
  places: { neighbourhoods: number; shelters: number; units: number; embankments: number };
  notes: Note[];
}

function parseGeoJson(text: string, name: string): FeatureCollection {
  let j: unknown;
  try { j = JSON.parse(text); } catch (e) {
    throw gisError(`${name}: bukan GeoJSON (${(e as Error).message})`, `${name}: not GeoJSON (${(e as Error).message})`, 'Di QGIS: klik kanan lapisan › Ekspor › Simpan fitur sebagai… format GeoJSON, CRS EPSG:4326.', 'In QGIS: right-click the layer › Export › Save Features As… GeoJSON, CRS EPSG:4326.');
  }
  const fc = j as FeatureCollection;
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw gisError(`${name}: bukan FeatureCollection GeoJSON`, `${name}: not a GeoJSON FeatureCollection`, 'Ekspor lapisan sebagai GeoJSON dari QGIS.', 'Export the layer as GeoJSON from QGIS.');
  const first = fc.features.find((f) => f.geometry)?.geometry;
  const c = first ? JSON.stringify(first).match(/-?\d+(\.\d+)?/g)?.slice(0, 2).map(Number) : null;
  if (c && (Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90)) {
    throw gisError(`${name}: koordinat (${c[0]}, ${c[1]}) bukan bujur/lintang`, `${name}: coordinates (${c[0]}, ${c[1]}) are not longitude/latitude`, 'Ekspor ulang dengan CRS EPSG:4326 (WGS 84), seperti yang diwajibkan GeoJSON.', 'Export again with CRS EPSG:4326 (WGS 84), as GeoJSON requires.');
  }
  return fc;
}

export async function importGis(input: GisInput, progress: Progress = () => {}): Promise<{ files: Record<string, string>; report: GisReport }> {
  progress({ id: 'membaca DEM', en: 'reading the DEM' }, 0);
  const dem = await readRaster(input.dem.data, input.dem.name, { crs: input.crs, prj: input.dem.prj });
  const grid = planGrid(dem, input.cell, input.dem.name);
  progress({ id: `grid ${grid.width}×${grid.height} sel ${grid.cell} m di ${grid.crs.label} (UTM ${grid.crs.zone}${grid.crs.south ? 'S' : 'N'})`, en: `grid ${grid.width}×${grid.height} cells of ${grid.cell} m in ${grid.crs.label} (UTM ${grid.crs.zone}${grid.crs.south ? 'S' : 'N'})` }, 0.1);
  const z = await resample(dem, grid, 'bilinear', (s, d) => progress(s, 0.1 + 0.5 * d));
  progress({ id: 'mengisi NODATA laut dari garis pantai', en: 'filling NODATA over the sea from the coastline' }, 0.6);
  const { sea, seaCells, holeCells } = fillNodata(z, grid.width, grid.height, grid.cell);
  // Ground at or below 0 m joined to the map edge is sea too (SRTM writes 0 over the sea).
  const n = grid.width * grid.height;
  const stack: number[] = [];
  for (let i = 0; i < n; i++) { const x = i % grid.width, y = (i - x) / grid.width; if ((x === 0 || y === 0 || x === grid.width - 1 || y === grid.height - 1) && z[i] <= 0 && !sea[i]) { sea[i] = 1; stack.push(i); } }
  while (stack.length) {
    const i = stack.pop()!; const x = i % grid.width;
    for (const j of [x > 0 ? i - 1 : -1, x < grid.width - 1 ? i + 1 : -1, i - grid.width, i + grid.width]) if (j >= 0 && j < n && !sea[j] && z[j] <= 0) { sea[j] = 1; stack.push(j); }
  }
  const use = new Uint8Array(n).fill(LAND.OPEN);
  for (let i = 0; i < n; i++) if (sea[i]) use[i] = LAND.SEA;
  const notes: Note[] = [];
  if (seaCells) notes.push({ id: `${seaCells} sel NODATA di laut diisi dari garis pantai (−0,5 m, 1 m lebih dalam tiap 100 m)`, en: `${seaCells} NODATA cells over the sea filled from the coastline (−0.5 m, 1 m deeper per 100 m)` });
  if (holeCells) notes.push({ id: `${holeCells} sel NODATA di darat diisi dari sel tetangga`, en: `${holeCells} NODATA cells on land filled from their neighbours` });

  progress({ id: 'tata guna lahan', en: 'land use' }, 0.7);
  if (input.landuse) {
    if (/\.(geo)?json$/i.test(input.landuse.name)) {
      const counts = paintGeoJson(parseGeoJson(new TextDecoder().decode(input.landuse.data), input.landuse.name), grid, use, sea);
      if (!Object.keys(counts).length) notes.push({ id: `${input.landuse.name}: tidak ada fitur yang dikenali (landuse, building, highway, waterway, natural)`, en: `${input.landuse.name}: no feature recognised (landuse, building, highway, waterway, natural)` });
    } else {
      const r = await readRaster(input.landuse.data, input.landuse.name, { crs: input.crs, prj: input.landuse.prj });
      const vals = await resample(r, grid, 'nearest');
      const { scheme, unknown } = landUseFromRaster(vals, use, sea);
      notes.push({ id: `raster tata guna lahan dibaca sebagai kode ${scheme === 'worldcover' ? 'ESA WorldCover' : 'Gladi'}${unknown ? `; ${unknown} sel berkode tak dikenal dibiarkan lahan terbuka` : ''}`, en: `land-use raster read as ${scheme === 'worldcover' ? 'ESA WorldCover' : 'Gladi'} codes${unknown ? `; ${unknown} cells with unknown codes left as open land` : ''}` });
    }
  } else notes.push({ id: 'tanpa data tata guna lahan: semua darat menjadi lahan terbuka; cat permukiman di editor atau beri --landuse', en: 'no land-use data: all land is open land; paint housing in the editor or give --landuse' });

  let places = null;
  if (input.features) {
    progress({ id: 'wilayah, pengungsian, unit, tanggul, jembatan', en: 'neighbourhoods, shelters, units, embankments, bridges' }, 0.85);
    const habitable = new Set(DEFAULT_CLASSES.filter((c) => c.habitable).map((c) => c.code));
    const r = placesFromGeoJson(parseGeoJson(input.features.text, input.features.name), grid, z, use, (c) => habitable.has(c));
    places = r.places;
    notes.push(...r.notes);
    if (r.skipped) notes.push({ id: `${r.skipped} fitur tanpa properti "gladi" yang dikenal dilewati`, en: `${r.skipped} feature(s) without a known "gladi" property skipped` });
  }

  progress({ id: 'menulis berkas', en: 'writing files' }, 0.95);
  const [lon, lat] = grid.toLonLat([grid.width / 2, grid.height / 2]);
  const files: Record<string, string> = {
    'elevation.asc': writeAsciiGrid({ width: grid.width, height: grid.height, cellSize: grid.cell, xll: round(grid.west), yll: round(grid.north - grid.height * grid.cell) }, z, 2),
    'landuse.asc': writeAsciiGrid({ width: grid.width, height: grid.height, cellSize: grid.cell, xll: round(grid.west), yll: round(grid.north - grid.height * grid.cell) }, use, 0),
    'scenario.yaml': scenarioYaml(input, places, grid.crs.label, [lon, lat]),
  };
  const landUse: Record<string, number> = {};
  for (const v of use) { const name = DEFAULT_CLASSES.find((c) => c.code === v)!.name; landUse[name] = (landUse[name] ?? 0) + 1; }
  progress({ id: 'selesai', en: 'done' }, 1);
  return {
    files,
    report: {
      width: grid.width, height: grid.height, cell: grid.cell, crs: grid.crs.label, centre: [round(lon, 5), round(lat, 5)], seaCells, holeCells, landUse,
      places: { neighbourhoods: places?.neighbourhoods.length ?? 0, shelters: places?.shelters.length ?? 0, units: places?.ngos.reduce((s, n) => s + n.units.length, 0) ?? 0, embankments: places?.embankments.length ?? 0 },
      notes,
    },
  };
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** A new scenario.yaml, or the existing one with the grid and (when given) the places replaced. */
function scenarioYaml(input: GisInput, places: ReturnType<typeof placesFromGeoJson>['places'] | null, crs: string, centre: [number, number]): string {
  const comment = ` Dibuat dari ${input.dem.name}${input.landuse ? ` dan ${input.landuse.name}` : ''} oleh npm run import-gis (${crs}, sel ${input.cell} m, pusat ${round(centre[0], 5)}, ${round(centre[1], 5)}).`;
  if (input.existingYaml) {
    const doc = parseDocument(input.existingYaml);
    doc.set('grid', { elevation: 'elevation.asc', landUse: 'landuse.asc' });
    if (places) {
      if (places.neighbourhoods.length) doc.set('neighbourhoods', places.neighbourhoods);
      if (places.shelters.length) doc.set('shelters', places.shelters);
      if (places.ngos.length) doc.set('ngos', places.ngos);
      if (places.embankments.length) doc.set('embankments', places.embankments);
    }
    return String(doc);
  }
  const id = slugOf(input.id, 'skenario-baru');
  const y = {
    id,
    title: { id: `Skenario ${input.id}`, en: `Scenario ${input.id}` },
    summary: { id: 'Ringkasan skenario: tulis bahaya, waktu peringatan resmi dan tugas tim.', en: 'Scenario summary: describe the hazard, the official warning and the teams\' tasks.' },
    grid: { elevation: 'elevation.asc', landUse: 'landuse.asc' },
    landUse: DEFAULT_CLASSES.map((c) => ({ ...c, walkCost: c.walkCost })),
    clock: { tickSeconds: 60, durationMinutes: 240, officialAlertMinute: 10 },
    // Placeholder tide: edit it (editor › Bahaya) to the event you train for.
    seaLevel: [{ minute: 0, level: 0.8 }, { minute: 120, level: 1.6 }, { minute: 240, level: 0.8 }],
    neighbourhoods: places?.neighbourhoods ?? [],
    shelters: places?.shelters ?? [],
    ngos: places?.ngos ?? [],
    embankments: places?.embankments ?? [],
    teams: [{ id: 'tim-a', name: 'Tim A' }, { id: 'tim-b', name: 'Tim B' }],
    metrics: { timeToWarningBest: 5, timeToWarningWorst: 40 },
    scoreWeights: { residentsSafe: 0.2, lifeSafety: 0.15, timeToWarning: 0.1, warningReach: 0.1, evacuation90: 0.1, vulnerableParity: 0.05, shelterSpace: 0.05, wash: 0.05, coordination: 0.05, commandTempo: 0.05, publicTrust: 0.05, sitrepAccuracy: 0.05 },
  };
  return `#${comment}\n# Periksa dengan: npm run check -- scenarios/${id}\n` + stringify(y, { lineWidth: 140 });
}
