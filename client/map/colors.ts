// Map colours: land use by code (the built-in scenarios' codes), water by depth, people by state.
export const LAND_USE_COLORS: Record<number, number> = {
  0: 0x3f7fbf, // sea
  1: 0xf1e2b6, // beach
  2: 0x5b9bd5, // river
  3: 0xeadfcf, // houses (ground; roofs drawn on top)
  4: 0xfdfbf6, // road
  5: 0xc4e3a0, // paddy
  6: 0x7fb36f, // forest / kebun
  7: 0xd6c8ee, // public building
  8: 0x8d8d8d, // bridge deck
  9: 0xa3c2a9, // swamp (rawa)
  10: 0xb4abba, // refinery / industry
  11: 0x4f8a4a, // hill forest (steep slopes)
  12: 0xa27d5c, // cliff, canyon wall (ngarai)
};
export const UNKNOWN_LAND = 0xcfcfcf;
export const ROOF_COLORS = [0xc8694e, 0xb85c43, 0xd27b55, 0xa9573f, 0x9c6b52];

export const WATER_SHALLOW: [number, number, number] = [120, 196, 245];
export const WATER_DEEP: [number, number, number] = [14, 70, 160];
/** Depth (decimetres) at which the water colour is darkest. */
export const WATER_DEEP_DM = 15;

export const DOT_MOVING = 0xf59e0b;
export const DOT_STRANDED = 0xdc2626;
export const DOT_INJURED = 0x9333ea;
export const SHELTER_CLOSED = 0x94a3b8;
export const SHELTER = 0x15803d;
export const UNIT = 0xea580c;
export const OUTLINE = 0x1e293b;

/** Label backgrounds by warning level (none, waspada, siaga, awas). */
export const LEVEL_BG: Record<string, string> = {
  none: 'rgba(255,255,255,0.88)',
  waspada: 'rgba(253,230,138,0.95)',
  siaga: 'rgba(253,186,116,0.95)',
  awas: 'rgba(252,165,165,0.95)',
};

/** Deterministic hash of an integer to [0, 1). */
export function hash01(n: number): number {
  let x = (n | 0) ^ 0x9e3779b9;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

export function rgbaOfWater(dm: number): [number, number, number, number] {
  if (dm <= 0) return [0, 0, 0, 0];
  const f = Math.min(1, dm / WATER_DEEP_DM);
  const c = (i: number) => Math.round(WATER_SHALLOW[i] + (WATER_DEEP[i] - WATER_SHALLOW[i]) * f);
  const a = Math.round(255 * Math.min(0.88, 0.45 + 0.45 * f));
  return [c(0), c(1), c(2), a];
}

export function shade(color: number, k: number): number {
  const r = Math.max(0, Math.min(255, Math.round(((color >> 16) & 255) * k)));
  const g = Math.max(0, Math.min(255, Math.round(((color >> 8) & 255) * k)));
  const b = Math.max(0, Math.min(255, Math.round((color & 255) * k)));
  return (r << 16) | (g << 8) | b;
}

export const css = (c: number) => `#${c.toString(16).padStart(6, '0')}`;

/** A shelter over capacity or out of stock. */
export const SHELTER_FLAGGED = 0xb91c1c;
/** A closed or cut road cell. */
export const ROAD_CLOSED = 0x7f1d1d;
/** A landslide cell. */
export const LANDSLIDE = 0x92400e;
/** Galodo deposits (grey volcanic sand and boulders): pale under 30 cm, darker where they close the ground, darkest
 *  from 1 m. Grey, apart from the beige houses and the brown landslides. */
export const DEBRIS = [0xb4b1a8, 0x8a867c, 0x5a5650] as const;
/** A vertical evacuation building (TES): blue, apart from the green ground-level shelters. */
export const SHELTER_TES = 0x1d4ed8;
/** Health facilities: hospital (RS) red, puskesmas teal; the flooded ring is the deep-water blue. */
export const HOSPITAL = 0xdc2626;
export const PUSKESMAS = 0x0f766e;
export const FACILITY_FLOODED = 0x1e40af;
/** Patients being moved out: the unit orange. */
export const FACILITY_EVACUATING = 0xea580c;
/** An embankment (tanggul) crest line, and its breach. */
export const EMBANKMENT = 0x57534e;
export const BREACH = 0xe11d48;
/** River names. */
export const RIVER_TEXT = '#1e3a8a';
