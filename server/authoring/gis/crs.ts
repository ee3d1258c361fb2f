// Coordinate reference systems for the GIS import (proj4): EPSG codes found in GeoTIFF keys or given with --crs,
// proj4 strings and WKT (.prj files), and the local UTM zone a scenario grid is laid out in.
import proj4 from 'proj4';
import { gisError } from './gis-error.ts';

export interface Crs {
  /** proj4 definition (a string proj4 accepts). */
  def: string;
  /** Human label, e.g. EPSG:32747. */
  label: string;
  geographic: boolean;
}

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

/** EPSG codes proj4 knows without a database: WGS 84 geographic, WGS 84 / UTM (326xx north, 327xx south),
 *  Web Mercator, and DGN95 / UTM (239xx), the datum of Indonesia's national maps (BIG, SRGI). */
export function epsgDef(code: number): string | null {
  if (code === 4326 || code === 4755) return WGS84; // 4755 = DGN95 geographic, WGS 84-compatible at this scale
  if (code >= 32601 && code <= 32660) return `+proj=utm +zone=${code - 32600} +datum=WGS84 +units=m +no_defs`;
  if (code >= 32701 && code <= 32760) return `+proj=utm +zone=${code - 32700} +south +datum=WGS84 +units=m +no_defs`;
  if (code >= 23866 && code <= 23872) return `+proj=utm +zone=${code - 23820} +ellps=WGS84 +units=m +no_defs`; // DGN95 / UTM 46N–52N
  if (code >= 23877 && code <= 23884) return `+proj=utm +zone=${code - 23830} +south +ellps=WGS84 +units=m +no_defs`; // DGN95 / UTM 47S–54S
  if (code === 3857 || code === 900913) return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  return null;
}

/** --crs value or .prj text: "EPSG:32747", "32747", a proj4 string, or WKT. */
export function parseCrs(text: string): Crs {
  const t = text.trim();
  const m = /^(?:EPSG:)?(\d{4,5})$/i.exec(t);
  if (m) {
    const def = epsgDef(Number(m[1]));
    if (!def) throw gisError(`sistem koordinat EPSG:${m[1]} tidak dikenal`, `unknown coordinate system EPSG:${m[1]}`,
      'Di QGIS ekspor ulang ke WGS 84 (EPSG:4326) atau UTM (EPSG:327xx), atau beri --crs "+proj=…" (teks proj4).', 'Re-export in QGIS to WGS 84 (EPSG:4326) or UTM (EPSG:327xx), or give --crs "+proj=…" (a proj4 string).');
    return { def, label: `EPSG:${m[1]}`, geographic: def === WGS84 };
  }
  try {
    const p = proj4(t, WGS84); // throws when proj4 cannot read it
    void p;
  } catch {
    throw gisError(`sistem koordinat tidak terbaca: ${t.slice(0, 80)}`, `cannot read the coordinate system: ${t.slice(0, 80)}`,
      'Beri --crs EPSG:kode, mis. --crs EPSG:32747.', 'Give --crs EPSG:code, e.g. --crs EPSG:32747.');
  }
  const geographic = /^\s*(GEOGCS|GEOGCRS)\b/i.test(t) || /\+proj=(longlat|latlong)\b/.test(t);
  return { def: t, label: t.length > 40 ? `${t.slice(0, 40)}…` : t, geographic };
}

export const WGS84_CRS: Crs = { def: WGS84, label: 'EPSG:4326', geographic: true };

/** The WGS 84 UTM zone of a longitude/latitude (EPSG 326zz north, 327zz south). */
export function utmFor(lon: number, lat: number): Crs & { zone: number; south: boolean; epsg: number } {
  const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
  const south = lat < 0;
  const epsg = (south ? 32700 : 32600) + zone;
  return { def: epsgDef(epsg)!, label: `EPSG:${epsg}`, geographic: false, zone, south, epsg };
}

export function transformer(from: Crs, to: Crs): (xy: [number, number]) => [number, number] {
  const p = proj4(from.def, to.def);
  return (xy) => p.forward(xy) as [number, number];
}
