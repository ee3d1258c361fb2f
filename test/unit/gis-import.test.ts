// GIS import: a GeoTIFF this test writes itself (WGS 84 degrees, NODATA over the sea, like a DEMNAS clip), an
// ESRI ASCII grid with dx/dy in UTM, OSM-style land use and QGIS-drawn places as GeoJSON; the result passes the
// checker. Degrees mistaken for metres are refused with a message that says what to do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { importGis } from '../../server/authoring/gis/import-gis.ts';
import { GisError } from '../../server/authoring/gis/gis-error.ts';
import { writeScenarioFolder } from '../../server/authoring/scenario-files.ts';
import { checkScenario, dirSource, memorySource } from '../../server/scenario/check-scenario.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'gladi-gis-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A coast near Pariaman: 100.10°E, 0.62°S; pixels of 0.0002° (≈ 22 m); the sea (NODATA) in the west 30 columns,
// land rising 3 cm per pixel inland from 0.8 m.
const LON0 = 100.1, LAT0 = -0.6, RES = 0.0002, W = 110, H = 90, SEA_COLS = 30;
const lonOf = (px: number) => LON0 + px * RES, latOf = (py: number) => LAT0 - py * RES;

async function demTiff(opts: { epsg?: number; projected?: boolean } = {}): Promise<Uint8Array> {
  const values = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) values[y * W + x] = x < SEA_COLS + Math.round(2 * Math.sin(y / 10)) ? -9999 : 0.8 + 0.03 * (x - SEA_COLS);
  const keys = opts.projected ? { ProjectedCSTypeGeoKey: opts.epsg ?? 32747, GTModelTypeGeoKey: 1 } : { GeographicTypeGeoKey: opts.epsg ?? 4326, GTModelTypeGeoKey: 2 };
  const buf = await writeArrayBuffer(values, { width: W, height: H, ModelPixelScale: [RES, RES, 0], ModelTiepoint: [0, 0, 0, LON0, LAT0, 0], GDAL_NODATA: '-9999', ...keys });
  return new Uint8Array(buf);
}

const rect = (x0: number, y0: number, x1: number, y1: number) => [[[lonOf(x0), latOf(y0)], [lonOf(x1), latOf(y0)], [lonOf(x1), latOf(y1)], [lonOf(x0), latOf(y1)], [lonOf(x0), latOf(y0)]]];
const LANDUSE = JSON.stringify({
  type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { landuse: 'residential' }, geometry: { type: 'Polygon', coordinates: rect(36, 10, 60, 40) } },
    { type: 'Feature', properties: { building: 'school' }, geometry: { type: 'Polygon', coordinates: rect(80, 20, 84, 24) } },
    { type: 'Feature', properties: { highway: 'secondary' }, geometry: { type: 'LineString', coordinates: [[lonOf(40), latOf(5)], [lonOf(40), latOf(85)]] } },
    { type: 'Feature', properties: { waterway: 'river' }, geometry: { type: 'LineString', coordinates: [[lonOf(30), latOf(60)], [lonOf(109), latOf(62)]] } },
    { type: 'Feature', properties: { highway: 'residential', bridge: 'yes' }, geometry: { type: 'LineString', coordinates: [[lonOf(70), latOf(58)], [lonOf(70), latOf(64)]] } },
  ],
});
const FEATURES = JSON.stringify({
  type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { gladi: 'kelurahan', name: 'Kampung Pantai', kk: 120, rentan: 0.3, kepercayaan: 0.5 }, geometry: { type: 'Polygon', coordinates: rect(36, 10, 60, 40) } },
    { type: 'Feature', properties: { gladi: 'pengungsian', name: 'SD Negeri 3', luas: 900 }, geometry: { type: 'Point', coordinates: [lonOf(82), latOf(22)] } },
    { type: 'Feature', properties: { gladi: 'unit', name: 'Perahu PMI', ngo: 'PMI Kota', kind: 'perahu', kapasitas: 10 }, geometry: { type: 'Point', coordinates: [lonOf(65), latOf(58)] } },
    { type: 'Feature', properties: { gladi: 'tanggul', name: 'Tanggul Pantai' }, geometry: { type: 'LineString', coordinates: [[lonOf(34), latOf(5)], [lonOf(34), latOf(50)]] } },
    { type: 'Feature', properties: { name: 'no gladi property' }, geometry: { type: 'Point', coordinates: [lonOf(70), latOf(70)] } },
  ],
});

describe('GIS import', () => {
  it('turns a DEMNAS-like GeoTIFF in degrees, OSM land use and QGIS places into a scenario that passes the checker', async () => {
    const stages: string[] = [];
    const { files, report } = await importGis({
      dem: { data: await demTiff(), name: 'demnas.tif' },
      landuse: { data: new TextEncoder().encode(LANDUSE), name: 'osm.geojson' },
      features: { text: FEATURES, name: 'tempat.geojson' },
      cell: 20, id: 'kota-uji',
    }, (s, d) => { if (stages[stages.length - 1] !== s.en) stages.push(s.en); expect(d).toBeGreaterThanOrEqual(0); });
    expect(report.crs).toBe('EPSG:32747'); // UTM 47S
    expect(report.centre[0]).toBeCloseTo(LON0 + (W / 2) * RES, 2);
    // ≈ 22 m pixels → 20 m cells: 110 × 0.0002° ≈ 2.45 km wide, so about 120 cells (the inner rectangle is slightly smaller).
    expect(report.width).toBeGreaterThan(110);
    expect(report.width).toBeLessThan(124);
    expect(report.seaCells).toBeGreaterThan(report.width * report.height * 0.2);
    expect(report.places).toEqual({ neighbourhoods: 1, shelters: 1, units: 1, embankments: 1 });
    expect(stages[0]).toBe('reading the DEM');
    expect(stages).toContain('filling NODATA over the sea from the coastline');
    expect(stages[stages.length - 1]).toBe('done');
    expect(report.notes.map((n) => n.en).join('\n')).toMatch(/Tanggul Pantai: crest not given/);
    expect(report.notes.map((n) => n.en).join('\n')).toMatch(/1 feature\(s\) without a known "gladi" property skipped/);
    const r = checkScenario(memorySource('kota-uji', files));
    expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const sc = r.loaded!.scenario;
    expect(sc.cellSize).toBe(20);
    // The west edge is sea, filled below 0; land rises inland; housing, road, river and a bridge were painted.
    const codeAt = (x: number, y: number) => sc.landUse[y * sc.width + x];
    expect(codeAt(0, 45)).toBe(0);
    expect(sc.elevation[45 * sc.width]).toBeLessThan(0);
    expect(sc.elevation[45 * sc.width + sc.width - 1]).toBeGreaterThan(2);
    const counts = new Map<number, number>();
    for (const c of sc.landUse) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const code of [2, 3, 4, 7, 8]) expect(counts.get(code) ?? 0, `land-use code ${code}`).toBeGreaterThan(0);
    expect(sc.neighbourhoods[0]).toMatchObject({ id: 'kampung-pantai', households: 120, vulnerableShare: 0.3, trust: 0.5 });
    expect(sc.shelters[0]).toMatchObject({ id: 'sd-negeri-3', floorArea: 900 });
    expect(codeAt(sc.shelters[0].x, sc.shelters[0].y)).toBe(7);
    expect(sc.ngos[0]).toMatchObject({ id: 'pmi-kota', units: [{ id: 'perahu-pmi', kind: 'boat', capacity: 10 }] });
    expect(sc.embankments![0].crest).toBeGreaterThan(0.8);
  });

  it('reads an ESRI ASCII grid with dx/dy in UTM given by --crs, and refuses degrees without a coordinate system', async () => {
    const rows = Array.from({ length: 60 }, (_, y) => Array.from({ length: 80 }, (_, x) => (x < 10 ? -9999 : (0.5 + 0.05 * x + 0.001 * y).toFixed(2))).join(' '));
    const asc = ['ncols 80', 'nrows 60', 'xllcorner 650000', 'yllcorner 9930000', 'dx 15', 'dy 15', 'NODATA_value -9999', ...rows].join('\n');
    const { files, report } = await importGis({ dem: { data: new TextEncoder().encode(asc), name: 'dem.asc' }, cell: 30, crs: 'EPSG:32747', id: 'asc' });
    expect(report).toMatchObject({ width: 40, height: 30, cell: 30, crs: 'EPSG:32747' });
    expect(files['elevation.asc']).toMatch(/^ncols 40\nnrows 30\n/);
    const degrees = asc.replace('xllcorner 650000', 'xllcorner 100.1').replace('yllcorner 9930000', 'yllcorner -0.7').replace('dx 15\ndy 15', 'cellsize 0.0002');
    const err = await importGis({ dem: { data: new TextEncoder().encode(degrees), name: 'dem.asc' }, cell: 20, id: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(GisError);
    expect((err as GisError).fix.en).toMatch(/--crs EPSG:4326/);
    expect((err as GisError).text.id).toMatch(/derajat/);
  });

  it('refuses a raster whose metric CRS holds degrees, and a grid too big for the engine', async () => {
    const wrong = await importGis({ dem: { data: await demTiff({ projected: true }), name: 'dem.tif' }, cell: 20, id: 'x' }).catch((e) => e);
    expect(wrong).toBeInstanceOf(GisError);
    expect((wrong as GisError).text.en).toMatch(/EPSG:32747 is in metres, but the pixel size 0.0002/);
    const big = await importGis({ dem: { data: await demTiff(), name: 'dem.tif' }, cell: 1, id: 'x' }).catch((e) => e);
    expect(big).toBeInstanceOf(GisError);
    expect((big as GisError).fix.en).toMatch(/Use --cell \d+ or more/);
  });

  it('npm run import-gis writes the folder, prints progress and the check', async () => {
    const dem = join(tmp, 'dem.tif'), feats = join(tmp, 'places.geojson'), lu = join(tmp, 'osm.geojson'), out = join(tmp, 'kota-cli');
    writeFileSync(dem, await demTiff());
    writeFileSync(feats, FEATURES);
    writeFileSync(lu, LANDUSE);
    const text = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'import-gis.ts'), '--dem', dem, '--landuse', lu, '--features', feats, '--cell', '25', '--out', out, '--lang', 'en'], { encoding: 'utf8', cwd: ROOT });
    expect(text).toMatch(/\[\s*0%\] reading the DEM/);
    expect(text).toMatch(/cells of 25 m, EPSG:32747/);
    expect(text).toMatch(/Check: 0 error\(s\)/);
    expect(checkScenario(dirSource(out)).loaded?.scenario.id).toBe('kota-cli');
    // Importing again into the same folder keeps the scenario.yaml settings (here a shorter drill).
    const yaml = readFileSync(join(out, 'scenario.yaml'), 'utf8').replace('durationMinutes: 240', 'durationMinutes: 180');
    const again = await importGis({ dem: { data: await demTiff(), name: 'dem.tif' }, landuse: { data: new TextEncoder().encode(LANDUSE), name: 'osm.geojson' }, cell: 25, id: 'kota-cli', existingYaml: yaml });
    writeScenarioFolder(out, again.files);
    expect(checkScenario(dirSource(out)).loaded!.scenario.durationTicks).toBe(180);
  }, 30_000);
});
