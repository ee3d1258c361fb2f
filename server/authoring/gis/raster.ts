// Reading a raster (elevation or land use) from a GeoTIFF (geotiff.js) or an ESRI ASCII grid, with its
// coordinate system: GeoTIFF geokeys, a .prj next to the .asc, or the --crs the facilitator gives.
import { fromArrayBuffer } from 'geotiff';
import { readAsciiGrid } from '../../scenario/ascii-grid.ts';
import { parseCrs, type Crs } from './crs.ts';
import { gisError } from './gis-error.ts';

export interface SourceRaster {
  width: number;
  height: number;
  /** Top-left corner of the top-left pixel, in the raster's CRS. */
  originX: number;
  originY: number;
  /** Pixel size (positive) along x and y. */
  resX: number;
  resY: number;
  /** Row-major, north row first; NaN = NODATA. */
  values: Float64Array;
  crs: Crs | null;
}

const isTiff = (b: Uint8Array) => b.length > 4 && ((b[0] === 0x49 && b[1] === 0x49) || (b[0] === 0x4d && b[1] === 0x4d));

export async function readRaster(data: Uint8Array, name: string, opts: { crs?: string; prj?: string | null } = {}): Promise<SourceRaster> {
  const given = opts.crs ? parseCrs(opts.crs) : null;
  if (isTiff(data)) return readGeoTiff(data, name, given);
  const text = new TextDecoder().decode(data);
  const { grid, problems } = readAsciiGrid(text);
  if (!grid) {
    const keys = problems.flatMap((p) => (p.kind === 'header_missing' ? [p.key] : [])).join(', ');
    throw gisError(`${name}: bukan GeoTIFF atau ESRI ASCII grid yang terbaca${keys ? ` (baris kepala ${keys} tidak ada)` : ''}`,
      `${name}: not a readable GeoTIFF or ESRI ASCII grid${keys ? ` (no header line ${keys})` : ''}`,
      'Di QGIS: Raster › Konversi › Terjemahkan (format GeoTIFF), atau klik kanan lapisan › Ekspor › Simpan sebagai… GeoTIFF.',
      'In QGIS: Raster › Conversion › Translate (GeoTIFF), or right-click the layer › Export › Save As… GeoTIFF.');
  }
  const bad = problems.find((p) => p.kind !== 'non_square');
  if (bad) {
    const where = bad.kind === 'row_length' ? { id: `baris ${bad.row} berisi ${bad.found} nilai, seharusnya ${bad.expected}`, en: `row ${bad.row} has ${bad.found} values, expected ${bad.expected}` }
      : bad.kind === 'row_count' ? { id: `${bad.found} baris nilai, seharusnya ${bad.expected}`, en: `${bad.found} rows of values, expected ${bad.expected}` }
      : bad.kind === 'bad_value' ? { id: `nilai "${bad.value}" di baris ${bad.row} bukan angka`, en: `value "${bad.value}" on row ${bad.row} is not a number` }
      : { id: 'kepala tidak lengkap', en: 'incomplete header' };
    throw gisError(`${name}: berkas rusak: ${where.id}`, `${name}: damaged file: ${where.en}`, 'Ekspor ulang dari QGIS.', 'Export it again from QGIS.');
  }
  const crs = given ?? (opts.prj ? parseCrs(opts.prj) : null);
  // xllcorner is the lower-left corner; xllcenter the lower-left cell centre (half a cell in).
  const originX = grid.xll - (grid.centre ? grid.dx / 2 : 0);
  const originY = grid.yll + grid.height * grid.dy - (grid.centre ? grid.dy / 2 : 0);
  return { width: grid.width, height: grid.height, originX, originY, resX: grid.dx, resY: grid.dy, values: grid.values, crs };
}

async function readGeoTiff(data: Uint8Array, name: string, given: Crs | null): Promise<SourceRaster> {
  let image;
  try {
    const tiff = await fromArrayBuffer(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
    image = await tiff.getImage();
  } catch (e) {
    throw gisError(`${name}: GeoTIFF tidak terbaca (${(e as Error).message})`, `${name}: cannot read the GeoTIFF (${(e as Error).message})`, 'Ekspor ulang dari QGIS sebagai GeoTIFF tanpa kompresi JPEG.', 'Export it again from QGIS as GeoTIFF without JPEG compression.');
  }
  const width = image.getWidth(), height = image.getHeight();
  if (width * height > 60_000_000) throw gisError(`${name}: ${width}×${height} piksel, terlalu besar`, `${name}: ${width}×${height} pixels, too big`, 'Potong DEM ke wilayah kota di QGIS (Raster › Ekstraksi › Potong raster dengan luasan).', 'Clip the DEM to the town in QGIS (Raster › Extraction › Clip Raster by Extent).');
  const [originX, originY] = image.getOrigin();
  const [rx, ry] = image.getResolution();
  const keys = (image.getGeoKeys() ?? {}) as Record<string, number | undefined>;
  const code = keys.ProjectedCSTypeGeoKey && keys.ProjectedCSTypeGeoKey !== 32767 ? keys.ProjectedCSTypeGeoKey
    : keys.GeographicTypeGeoKey && keys.GeographicTypeGeoKey !== 32767 ? keys.GeographicTypeGeoKey : null;
  const crs = given ?? (code ? parseCrs(`EPSG:${code}`) : null);
  const nodata = image.getGDALNoData();
  const raw = (await image.readRasters({ interleave: true, samples: [0] })) as unknown as ArrayLike<number>;
  const values = new Float64Array(width * height);
  for (let i = 0; i < values.length; i++) {
    const v = raw[i];
    values[i] = (nodata !== null && v === nodata) || !Number.isFinite(v) || v < -1e30 ? NaN : v;
  }
  // A row-down image has a negative y resolution; store sizes positive with the top-left origin.
  return { width, height, originX, originY: ry < 0 ? originY : originY + height * ry, resX: Math.abs(rx), resY: Math.abs(ry), values, crs };
}
