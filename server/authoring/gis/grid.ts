// The scenario grid from a DEM: laid out in the local WGS 84 UTM zone (square cells in metres), resampled from
// the source raster, with NODATA over the sea filled from the coastline.
import { MAX_CELLS } from '../../scenario/check-scenario.ts';
import { transformer, utmFor, WGS84_CRS, type Crs } from './crs.ts';
import { gisError, type Progress } from './gis-error.ts';
import type { SourceRaster } from './raster.ts';

export interface TargetGrid {
  crs: Crs & { zone: number; south: boolean; epsg: number };
  width: number;
  height: number;
  cell: number;
  /** UTM easting of the west edge and northing of the north edge. */
  west: number;
  north: number;
  /** lon/lat → fractional cell coordinates (x east, y south; cell (0,0) spans [0,1)×[0,1)). */
  toCell(lonLat: [number, number]): [number, number];
  toLonLat(cellXY: [number, number]): [number, number];
}

/** Sea bed filled where a DEM has NODATA over the sea: −0.5 m at the coastline, 1 m deeper per 100 m offshore,
 *  at most −10 m (design choice: a gently shelving near-shore bed; only the water level at the coast matters). */
export const SEA_FILL = { atCoast: -0.5, perMetre: -0.01, deepest: -10 };

const looksLikeLonLat = (r: SourceRaster) => Math.abs(r.originX) <= 360 && Math.abs(r.originY) <= 90 && r.resX < 0.05;

export function planGrid(src: SourceRaster, cell: number, name: string): TargetGrid {
  if (!(cell >= 1 && cell <= 200)) throw gisError(`ukuran sel ${cell} m di luar 1–200 m`, `cell size ${cell} m is outside 1–200 m`, 'Pakai --cell 20 (10–50 m cocok untuk kota).', 'Use --cell 20 (10–50 m suits a town).');
  let crs = src.crs;
  if (!crs) {
    if (looksLikeLonLat(src)) throw gisError(`${name}: tidak ada sistem koordinat, dan ukuran piksel ${src.resX} tampaknya derajat`, `${name}: no coordinate system, and the pixel size ${src.resX} looks like degrees`, 'Tambahkan --crs EPSG:4326 (atau simpan .prj di sebelah berkas .asc).', 'Add --crs EPSG:4326 (or keep the .prj next to the .asc file).');
    throw gisError(`${name}: sistem koordinat tidak diketahui`, `${name}: the coordinate system is unknown`, 'Tambahkan --crs, mis. --crs EPSG:32747 (UTM 47S) atau simpan .prj di sebelah berkas .asc.', 'Add --crs, e.g. --crs EPSG:32747 (UTM 47S), or keep the .prj next to the .asc file.');
  }
  if (!crs.geographic && looksLikeLonLat(src)) {
    throw gisError(`${name}: sistem koordinat ${crs.label} dalam meter, tetapi ukuran piksel ${src.resX} dan koordinat (${src.originX}, ${src.originY}) tampak derajat bujur/lintang`,
      `${name}: the coordinate system ${crs.label} is in metres, but the pixel size ${src.resX} and the coordinates (${src.originX}, ${src.originY}) look like longitude/latitude degrees`,
      'Beri --crs EPSG:4326 bila berkas ini dalam derajat, atau proyeksikan ulang di QGIS (Raster › Proyeksi › Warp).', 'Give --crs EPSG:4326 if the file is in degrees, or reproject it in QGIS (Raster › Projections › Warp).');
  }
  if (crs.geographic && src.resX > 0.5) {
    throw gisError(`${name}: sistem koordinat ${crs.label} dalam derajat, tetapi ukuran piksel ${src.resX} tampak meter`, `${name}: ${crs.label} is in degrees, but the pixel size ${src.resX} looks like metres`, 'Beri --crs dengan zona UTM berkas ini, mis. --crs EPSG:32747.', 'Give --crs with the file\'s UTM zone, e.g. --crs EPSG:32747.');
  }
  const toWgs = transformer(crs, WGS84_CRS);
  const cx = src.originX + (src.width * src.resX) / 2, cy = src.originY - (src.height * src.resY) / 2;
  const [lon, lat] = toWgs([cx, cy]);
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 84)) throw gisError(`${name}: pusat peta (${lon}, ${lat}) bukan bujur/lintang yang sah`, `${name}: the map centre (${lon}, ${lat}) is not a valid longitude/latitude`, 'Periksa sistem koordinat (--crs).', 'Check the coordinate system (--crs).');
  const utm = utmFor(lon, lat);
  const toUtm = transformer(crs, utm);
  // Inner rectangle of the reprojected footprint (edges sampled), so every cell has source data under it.
  const N = 24;
  const along = (f: (t: number) => [number, number]) => Array.from({ length: N + 1 }, (_, k) => toUtm(f(k / N)));
  const X0 = src.originX, X1 = src.originX + src.width * src.resX, Y0 = src.originY, Y1 = src.originY - src.height * src.resY;
  const left = along((t) => [X0, Y0 + (Y1 - Y0) * t]), right = along((t) => [X1, Y0 + (Y1 - Y0) * t]);
  const top = along((t) => [X0 + (X1 - X0) * t, Y0]), bottom = along((t) => [X0 + (X1 - X0) * t, Y1]);
  const west = Math.max(...left.map((p) => p[0])), east = Math.min(...right.map((p) => p[0]));
  const north = Math.min(...top.map((p) => p[1])), south = Math.max(...bottom.map((p) => p[1]));
  const width = Math.floor((east - west) / cell + 1e-6), height = Math.floor((north - south) / cell + 1e-6);
  if (width < 5 || height < 5) throw gisError(`${name}: wilayah hanya ${Math.round(east - west)}×${Math.round(north - south)} m, terlalu kecil untuk sel ${cell} m`, `${name}: the area is only ${Math.round(east - west)}×${Math.round(north - south)} m, too small for ${cell} m cells`, 'Pakai sel lebih kecil atau DEM yang lebih luas.', 'Use smaller cells or a larger DEM.');
  if (width * height > MAX_CELLS) {
    const need = Math.ceil(Math.sqrt(((east - west) * (north - south)) / MAX_CELLS));
    throw gisError(`${name}: ${width}×${height} = ${width * height} sel, lebih dari ${MAX_CELLS}; simulasi akan terlalu lambat`, `${name}: ${width}×${height} = ${width * height} cells, more than ${MAX_CELLS}; the simulation would be too slow`, `Pakai --cell ${need} atau lebih, atau potong DEM ke wilayah kota.`, `Use --cell ${need} or more, or clip the DEM to the town.`);
  }
  const fromUtmToWgs = transformer(utm, WGS84_CRS);
  const wgsToUtm = transformer(WGS84_CRS, utm);
  return {
    crs: utm, width, height, cell, west, north,
    toCell: (ll) => { const [x, y] = wgsToUtm(ll); return [(x - west) / cell, (north - y) / cell]; },
    toLonLat: ([x, y]) => fromUtmToWgs([west + x * cell, north - y * cell]),
  };
}

/** Samples the source at every cell centre: bilinear for elevation, nearest for classes. NaN where no data. */
/** Lets other work (an HTTP poll for progress) run between chunks of a long loop. */
const breathe = () => new Promise<void>((ok) => setImmediate(ok));

export async function resample(src: SourceRaster, g: TargetGrid, mode: 'bilinear' | 'nearest', progress?: Progress): Promise<Float64Array> {
  if (!src.crs) throw gisError('raster tanpa sistem koordinat', 'raster without a coordinate system', 'Beri --crs.', 'Give --crs.');
  const back = transformer(g.crs, src.crs);
  const out = new Float64Array(g.width * g.height);
  const at = (px: number, py: number) => (px >= 0 && py >= 0 && px < src.width && py < src.height ? src.values[py * src.width + px] : NaN);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const [sx, sy] = back([g.west + (x + 0.5) * g.cell, g.north - (y + 0.5) * g.cell]);
      const fx = (sx - src.originX) / src.resX - 0.5, fy = (src.originY - sy) / src.resY - 0.5;
      let v: number;
      if (mode === 'nearest') v = at(Math.round(fx), Math.round(fy));
      else {
        const x0 = Math.floor(fx), y0 = Math.floor(fy), tx = fx - x0, ty = fy - y0;
        const a = at(x0, y0), b = at(x0 + 1, y0), c = at(x0, y0 + 1), d = at(x0 + 1, y0 + 1);
        v = Number.isNaN(a + b + c + d) ? at(Math.round(fx), Math.round(fy)) : a * (1 - tx) * (1 - ty) + b * tx * (1 - ty) + c * (1 - tx) * ty + d * tx * ty;
      }
      out[y * g.width + x] = v;
    }
    if (y % 16 === 0) {
      progress?.({ id: 'menyampel ulang ke grid', en: 'resampling to the grid' }, y / g.height);
      await breathe();
    }
  }
  return out;
}

/**
 * NODATA cells joined to the map edge are sea: filled from the coastline outward (SEA_FILL). NODATA holes
 * inland are filled from their neighbours. Returns the sea mask and counts.
 */
export function fillNodata(z: Float64Array, width: number, height: number, cell: number): { sea: Uint8Array; seaCells: number; holeCells: number } {
  const n = width * height;
  const sea = new Uint8Array(n);
  const queue: number[] = [];
  for (let x = 0; x < width; x++) for (const y of [0, height - 1]) { const i = y * width + x; if (Number.isNaN(z[i]) && !sea[i]) { sea[i] = 1; queue.push(i); } }
  for (let y = 0; y < height; y++) for (const x of [0, width - 1]) { const i = y * width + x; if (Number.isNaN(z[i]) && !sea[i]) { sea[i] = 1; queue.push(i); } }
  const nb = (i: number) => { const x = i % width, y = (i - x) / width; const out: number[] = []; if (x > 0) out.push(i - 1); if (x < width - 1) out.push(i + 1); if (y > 0) out.push(i - width); if (y < height - 1) out.push(i + width); return out; };
  for (let q = 0; q < queue.length; q++) for (const j of nb(queue[q])) if (!sea[j] && Number.isNaN(z[j])) { sea[j] = 1; queue.push(j); }
  // Distance offshore (cells) from the coastline, breadth-first from sea cells next to land.
  const dist = new Int32Array(n).fill(-1);
  const front: number[] = [];
  for (let i = 0; i < n; i++) if (sea[i] && nb(i).some((j) => !sea[j])) { dist[i] = 0; front.push(i); }
  for (let q = 0; q < front.length; q++) for (const j of nb(front[q])) if (sea[j] && dist[j] < 0) { dist[j] = dist[front[q]] + 1; front.push(j); }
  let seaCells = 0;
  for (let i = 0; i < n; i++) if (sea[i]) { seaCells++; z[i] = Math.max(SEA_FILL.deepest, SEA_FILL.atCoast + SEA_FILL.perMetre * Math.max(0, dist[i]) * cell); }
  // Inland holes: repeatedly take the mean of known neighbours.
  let holeCells = 0;
  for (let i = 0; i < n; i++) if (Number.isNaN(z[i])) holeCells++;
  for (let pass = 0; pass < width + height && holeCells; pass++) {
    const next: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(z[i])) continue;
      const known = nb(i).map((j) => z[j]).filter((v) => !Number.isNaN(v));
      if (known.length) next.push([i, known.reduce((a, b) => a + b, 0) / known.length]);
    }
    for (const [i, v] of next) z[i] = v;
    if (!next.length) break;
  }
  return { sea, seaCells, holeCells };
}
