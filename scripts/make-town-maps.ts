// Draws the terrain of the built-in town scenarios as ESRI ASCII grids (elevation.asc, landuse.asc) in
// scenarios/<id>/. Each town below is a description in cell coordinates (x east, y south, north up) of its layout
// as public maps show it: where the sea or the big river lies, the hills, the river mouths, the main roads and the
// kelurahan/desa. The maps are approximations for training, not surveys: shapes and heights are simplified (see
// docs/towns.md for the facts used and their sources). Run: node --import tsx scripts/make-town-maps.ts [town …]
import { join } from 'node:path';
import { LU, TownMap, distanceToLine, patch, pointAlong, texture, type Pt } from './town-map-kit.ts';

const ROOT = join(import.meta.dirname, '..', 'scenarios');

// ---------------------------------------------------------------- Pariaman (banjir rob): 120×90 cells of 20 m
// The Indian Ocean to the west; the coast runs NNW–SSE; Batang Piaman winds in from the east and reaches the sea
// at Muaro Pariaman, with Gandoriah beach south of the mouth; the coastal kampung sit low behind a sand berm; the
// main road (Padang–Pariaman) runs parallel to the coast inland; paddy and kebun behind. Kept on the grid size and
// the places of the first schematic version so the drill plays the same (shelters, units, areas).
export function pariamanRob(): TownMap {
  const W = 120, H = 90;
  const m = new TownMap(W, H, 20);
  const coastX = (y: number) => Math.round(9 + 0.12 * y + 1.5 * Math.sin(y / 9));
  m.fill((x, y) => {
    const cx = coastX(y);
    if (x < cx) return [-0.4 - 0.18 * (cx - x), LU.SEA];
    const inland = x - cx;
    const gandoriah = y > 49 && y < 74;
    if (inland < (gandoriah ? 4 : 3)) return [1.45 + 0.08 * inland + texture(x, y, 0.07), LU.BEACH];
    const base = inland < 28 ? 1.17 + 0.012 * inland : 1.52 + 0.045 * (inland - 28);
    return [base + texture(x, y, 0.14), inland < 40 ? LU.HOUSES : (x * 7 + y * 3) % 11 < 3 ? LU.KEBUN : LU.PADDY];
  });
  // Pulau Angso Duo offshore (a dot of beach and trees).
  m.polygon([[2, 74], [6, 73], [7, 77], [3, 78]], (i) => { m.elev[i] = 1.8; m.use[i] = LU.KEBUN; });
  // Inland neighbourhood (Jati) and the town along the main road.
  m.paint([[68, 54], [101, 54], [101, 80], [68, 80]], LU.HOUSES);
  m.paint([[60, 12], [74, 12], [74, 42], [60, 42]], LU.HOUSES, [LU.PADDY, LU.KEBUN]);
  // Batang Piaman: from the east edge, meandering west to its mouth at Muaro Pariaman.
  const piaman: Pt[] = [[119.5, 53], [108, 51], [98, 55], [88, 52], [78, 47], [66, 45], [54, 47], [40, 44], [26, 45], [12, 44.5], [4, 44.5]];
  m.river(piaman, 1.3, (f) => -1.0 + 1.2 * (1 - f) - 0.5 * f);
  m.lowerAlong(piaman, 2.2, (f, across) => (across > 1.3 ? 1.25 + 0.02 * (119 * (1 - f)) : Infinity));
  // Roads: the coastal road, the main road Padang–Pariaman, and two roads to the beach; bridges where they cross.
  m.road(Array.from({ length: 23 }, (_, k) => [coastX(k * 4) + 5.5, k * 4] as Pt));
  m.road([[76, 0], [76.5, 30], [77, 60], [78, 89]]);
  m.road([[14, 30], [60, 30], [119, 30]]);
  m.road([[18, 66], [70, 66], [119, 66]]);
  m.road([[78, 44], [100, 44], [119, 44]]);
  // Shelter sites: SD Negeri 05 (north), Masjid Raya (south), GOR (east).
  m.site(82, 28, 2, 0.5); m.site(84, 64, 2, 0.5); m.site(100, 44, 1, 0.3);
  return m;
}

// ---------------------------------------------------------------- Pariaman (tsunami): 160×120 cells of 25 m
// The same coast on a wider frame (4 km × 3 km) so the inundation and the inland high ground fit: the low coastal
// strip, Batang Piaman and Batang Manggung reaching the sea, the railway-side main road, ground rising to 8–12 m
// about 2.5–3 km inland; TES buildings (vertical evacuation) inside the inundation zone.
export function pariamanTsunami(): TownMap {
  const W = 160, H = 120;
  const m = new TownMap(W, H, 25);
  const coastX = (y: number) => Math.round(10 + 0.14 * y + 1.5 * Math.sin(y / 10));
  m.fill((x, y) => {
    const cx = coastX(y);
    if (x < cx) return [-1 - 0.5 * (cx - x), LU.SEA];
    const inland = x - cx;
    if (inland < 3) return [2.0 + 0.2 * inland + texture(x, y, 0.1), LU.BEACH];
    const e = inland < 50 ? 1.8 + 0.035 * inland : 3.55 + 0.11 * (inland - 50);
    return [e + texture(x, y, 0.2), inland < 55 ? LU.HOUSES : patch(x, y, 0.35) ? LU.KEBUN : LU.PADDY];
  });
  m.paint([[95, 40], [125, 40], [125, 75], [95, 75]], LU.HOUSES);
  m.polygon([[2, 96], [7, 95], [8, 100], [3, 101]], (i) => { m.elev[i] = 2; m.use[i] = LU.KEBUN; });
  const piaman: Pt[] = [[159.5, 66], [140, 62], [124, 68], [108, 62], [92, 58], [76, 62], [58, 58], [40, 60], [24, 59], [6, 59]];
  m.river(piaman, 1.4, (f) => 1.0 - 2.8 * f);
  const manggung: Pt[] = [[159.5, 18], [130, 22], [104, 17], [80, 22], [56, 18], [34, 20], [8, 19]];
  m.river(manggung, 0.9, (f) => 1.5 - 2.6 * f);
  m.road(Array.from({ length: 31 }, (_, k) => [coastX(k * 4) + 6.5, k * 4] as Pt));
  m.road([[92, 0], [94, 40], [96, 80], [98, 119]]); // main road Padang–Pariaman
  for (const y of [12, 40, 78, 104]) m.road([[coastX(y) + 2, y], [96, y + 2], [159, y + 4]]); // evacuation roads inland
  // TES buildings in the low town, the high-ground assembly points inland.
  for (const [x, y] of [[40, 36], [42, 76], [56, 100]]) m.site(x, y, 1, 0.3);
  for (const [x, y] of [[140, 38], [142, 84]]) m.site(x, y, 2, 0.5);
  return m;
}

// ---------------------------------------------------------------- Sibolga: 150×110 cells of 20 m
// Tapian Nauli bay to the west with the Poncan islands; a coastal strip 300–600 m wide; the Bukit Barisan rising
// steeply behind it to 300 m within a kilometre; Aek Doras and Aek Parombunan come down valleys to the bay; the
// national road to Tarutung climbs the hills in hairpins from the north of the town.
export const sibolgaCoast = (y: number) => Math.round(24 + 6 * Math.sin(y / 22) + 0.06 * y);
export const sibolgaPlain = (y: number) => Math.round(20 + 6 * Math.sin(y / 15 + 1));
export const sibolgaDoras: Pt[] = [[149.5, 38], [128, 42], [110, 40], [92, 46], [74, 48], [60, 50], [46, 52], [30, 53], [14, 53]];
export const sibolgaParombunan: Pt[] = [[149.5, 86], [126, 84], [104, 90], [86, 88], [70, 92], [52, 93], [40, 94], [22, 95]];
export const sibolgaTarutung: Pt[] = [[52, 30], [62, 26], [70, 33], [80, 22], [92, 29], [104, 17], [118, 24], [132, 14], [149, 18]];
export function sibolga(): TownMap {
  const W = 150, H = 110;
  const m = new TownMap(W, H, 20);
  m.fill((x, y) => {
    const cx = sibolgaCoast(y);
    if (x < cx) return [-0.5 - 0.4 * (cx - x), LU.SEA];
    const inland = x - cx;
    if (inland < 2) return [1.6 + 0.2 * inland, LU.BEACH];
    const plain = sibolgaPlain(y);
    if (inland < plain) return [1.4 + 0.07 * inland + texture(x, y, 0.1), LU.HOUSES];
    const up = inland - plain;
    // Steep hills: about 7 m per 20 m cell (19°) at the foot, 10 m per cell (27°) higher up; valleys cut by the rivers.
    let e = 1.4 + 0.07 * plain + 7 * up + 3 * Math.max(0, up - 10) + texture(x, y, 4);
    for (const line of [sibolgaDoras, sibolgaParombunan]) {
      const d = distanceToLine(x, y, line);
      e -= Math.max(0, 0.55 * up * 7) * Math.exp(-(d * d) / 60);
    }
    e = Math.max(e, 1.4 + 0.07 * plain);
    const use = up < 6 && !patch(x, y, 0.2) ? LU.HOUSES : up < 14 ? LU.KEBUN : LU.HILL_FOREST;
    return [e, use];
  });
  // Poncan Ketek and Poncan Gadang islands in the bay.
  m.polygon([[4, 40], [9, 38], [11, 43], [6, 45]], (i) => { m.elev[i] = 3; m.use[i] = LU.HILL_FOREST; });
  m.polygon([[3, 70], [10, 68], [12, 75], [5, 77]], (i) => { m.elev[i] = 4; m.use[i] = LU.HILL_FOREST; });
  const riverBed = (line: Pt[], top: number) => (f: number) => {
    void line;
    return Math.max(-1.2, top * Math.pow(1 - f, 2.2) - 1.2);
  };
  m.river(sibolgaDoras, 1.0, riverBed(sibolgaDoras, 160));
  m.river(sibolgaParombunan, 1.0, riverBed(sibolgaParombunan, 150));
  // Streets: the coastal road (Jl. Sisingamangaraja / Jl. Ahmad Yani) along the strip; the road to Tarutung.
  m.road(Array.from({ length: 28 }, (_, k) => [sibolgaCoast(k * 4) + 8, k * 4] as Pt));
  m.road(Array.from({ length: 28 }, (_, k) => [sibolgaCoast(k * 4) + 16, k * 4] as Pt));
  m.road(sibolgaTarutung);
  for (const y of [30, 52, 72, 94]) m.road([[sibolgaCoast(y) + 2, y], [sibolgaCoast(y) + sibolgaPlain(y) + 2, y]]);
  // Port (Pelabuhan Sibolga) and public sites: RSUD, schools, the stadium, the mosque.
  m.paint([[sibolgaCoast(66) - 1, 62], [sibolgaCoast(66) + 7, 62], [sibolgaCoast(70) + 7, 70], [sibolgaCoast(70) - 1, 70]], LU.PUBLIC);
  for (const [x, y, r] of [[47, 58, 1], [46, 22, 1], [58, 78, 2], [51, 100, 1], [48, 46, 1]]) m.site(x, y, r, 0.4);
  return m;
}

// ---------------------------------------------------------------- Plaju (Palembang): drawn on 160×120 cells of 25 m, written as 80×60 cells of 50 m
// (coarser cells keep the ten-minute ticks of this day-long flood cheap).
// The Musi flows west to east along the north edge (the city centre, Seberang Ilir, on its far bank); the Komering
// joins it from the south-east; Plaju lies on the low south bank (Seberang Ulu): swampy ground about 1.5–3 m above
// sea level crossed by small creeks, the Pertamina refinery along the river in the east, higher "talang" ground to
// the south; Jalan D.I. Panjaitan runs east–west through it.
export const plajuMusi = (x: number) => 13 + 4 * Math.sin(x / 38);
export const plajuKomering: Pt[] = [[150, 119.5], [146, 96], [140, 76], [136, 52], [132, 34], [130, 20]];
export const plajuCreeks: Pt[][] = [
  [[40, 112], [38, 90], [34, 70], [30, 50], [26, 22]],
  [[84, 116], [80, 96], [76, 74], [72, 52], [70, 24]],
];
export function plaju(): TownMap {
  const W = 160, H = 120;
  const m = new TownMap(W, H, 25);
  m.fill((x, y) => {
    const mc = plajuMusi(x);
    if (Math.abs(y - mc) < 8) return [-6 + 0.7 * Math.abs(y - mc), LU.SEA];
    if (y < mc) return [3.2 + texture(x, y, 0.2), (x * 3 + y) % 13 === 0 ? LU.PUBLIC : LU.HOUSES];
    // South bank: a low levee by the river, back-swamps behind, talang (higher ground) rising to the south.
    const d = y - mc - 8;
    const levee = d < 4 ? 2.7 : 2.0;
    const talang = y > 85 ? 0.06 * (y - 85) * (1 + 0.5 * Math.sin(x / 20)) : 0;
    const swamp = 0.5 * Math.sin(x / 9) * Math.cos(y / 7);
    const e = levee + talang + swamp + texture(x, y, 0.12);
    const use = e < 1.9 ? LU.SWAMP : y > 95 && patch(x, y, 0.45) ? LU.KEBUN : LU.HOUSES;
    return [e, use];
  });
  m.river(plajuKomering, 4, () => -1, LU.SEA);
  for (const c of plajuCreeks) m.river(c, 0.8, (f) => 0.6 - 1.2 * f);
  // The refinery on the river bank in the east (Plaju Ilir / Komperta), on raised ground.
  m.polygon([[96, 24], [128, 24], [128, 46], [96, 46]], (i) => { m.use[i] = LU.INDUSTRY; m.elev[i] = Math.max(m.elev[i], 3.4); });
  // Roads: Jl. D.I. Panjaitan east–west, two roads south, the refinery road; river-bank jetties (dermaga ketek).
  m.road([[0, 42], [40, 44], [80, 46], [96, 47], [130, 49], [140, 50]]);
  m.road([[30, 44], [36, 80], [40, 119]]);
  m.road([[80, 46], [84, 80], [88, 119]]);
  m.road([[110, 47], [112, 60], [120, 80], [126, 110]]);
  m.road([[0, 30], [20, 28], [40, 30]]);
  for (const [x, y, r] of [[50, 60, 1], [64, 98, 2], [22, 98, 1], [112, 64, 1], [90, 58, 1]]) m.site(x, y, r, 0.9);
  return m.coarsen(2);
}

// ---------------------------------------------------------------- Batanghari (Muara Bulian): 120×90 cells of 60 m
// The Batang Hari meanders from west to east across the middle; the Batang Bulian comes in from the south at Muara
// Bulian; villages line both banks on natural levees with back-swamps behind; the town and the road Jambi–Muara
// Tembesi lie on the higher ground south of the river; rubber and oil palm beyond.
export const bhRiver = (x: number) => 44 + 11 * Math.sin(x / 17) + 4 * Math.sin(x / 7);
export const bhBulian: Pt[] = [[70, 89.5], [66, 78], [70, 68], [64, 60], [61, 50], [60, 42]];
export function batanghari(): TownMap {
  const W = 120, H = 90;
  const m = new TownMap(W, H, 60);
  m.fill((x, y) => {
    const rc = bhRiver(x);
    const d = Math.abs(y - rc);
    if (d < 2.6) return [2 + 0.5 * d, LU.SEA];
    // Levee 10.2 m next to the river, back-swamp 9.4 m, then ground rising away, more to the south (town, road).
    const away = d - 2.6;
    let e = away < 3 ? 10.2 - 0.05 * away : 9.4 + 0.06 * Math.max(0, away - 8);
    if (y > rc) e += 0.09 * Math.max(0, away - 6);
    e += texture(x, y, 0.15);
    const use = away < 4 ? LU.HOUSES : e < 9.8 ? LU.SWAMP : patch(x, y, 0.55) ? LU.KEBUN : LU.PADDY;
    return [e, use];
  });
  m.river(bhBulian, 1.0, (f) => 8.5 - 3.5 * f);
  // Muara Bulian town on the south bank by the confluence; Olak across the river.
  m.paint([[52, 52], [80, 52], [82, 70], [54, 72]], LU.HOUSES);
  m.paint([[56, 26], [72, 26], [72, 36], [56, 36]], LU.HOUSES, [LU.PADDY, LU.KEBUN, LU.SWAMP]);
  m.ribbon([[0, 72], [30, 70], [54, 66], [80, 68], [119, 74]], 1.5);
  m.road([[0, 72], [30, 70], [54, 66], [80, 68], [119, 74]]); // Jalan Jambi–Muara Tembesi
  m.road([[64, 66], [63, 56], [62, 40], [63, 26]]); // to the bridge and Olak
  m.road([[80, 68], [86, 89]]);
  for (const [x, y, r] of [[60, 64, 1], [72, 60, 1], [74, 78, 1], [48, 74, 1], [66, 30, 1], [90, 72, 1]]) m.site(x, y, r, 0.5);
  return m;
}

// ---------------------------------------------------------------- Bukittinggi: 150×120 cells of 25 m
// A plateau at about 920 m between Marapi (south-east, off the map) and Singgalang (south-west, across the canyon);
// Ngarai Sianok cuts the west side north–south, about 100 m deep with near-vertical walls and Batang Sianok on its
// floor; streams come down from Marapi's slopes in the south-east towards the canyon; Jam Gadang and Pasar Atas in
// the centre; the road to Padang leaves to the south, to Payakumbuh to the east. No sea: the canyon's river leaves
// the map at the north edge (an outlet cell).
export const bkCanyon = (y: number) => 24 + 6 * Math.sin(y / 24) + 0.05 * y;
export const bkGalodo: Pt[] = [[149.5, 112], [130, 100], [112, 94], [96, 86], [80, 84], [62, 78], [46, 72], [bkCanyon(70) + 1, 70]];
export function bukittinggi(): TownMap {
  const W = 150, H = 120;
  const m = new TownMap(W, H, 25);
  const plateau = (x: number, y: number) => 918 + 0.12 * Math.max(0, x - bkCanyon(y)) + 0.14 * y;
  m.fill((x, y) => {
    const c = bkCanyon(y);
    const d = Math.abs(x - c);
    // Canyon floor 820–830 m (falling north), walls up to the plateau within 5 cells.
    const floor = 822 + 0.08 * y;
    const plateauE = plateau(x, y) + texture(x, y, 1.2);
    const plateauW = 930 + 0.3 * Math.max(0, c - x) + 0.1 * y + texture(x, y, 1.2);
    const top = x > c ? plateauE : plateauW;
    if (d <= 2.5) return [floor, LU.PADDY];
    if (d <= 7.5) return [floor + (top - floor) * Math.pow((d - 2.5) / 5, 1.3), LU.CLIFF];
    if (x < c) return [top, patch(x, y, 0.35) ? LU.KEBUN : LU.PADDY];
    const edge = 64 + 9 * Math.sin(y / 11) + 5 * Math.cos(y / 5.3);
    return [top, x - c < edge && y < 104 + 6 * Math.sin(x / 9) ? LU.HOUSES : patch(x, y, 0.4) ? LU.KEBUN : LU.PADDY];
  });
  // Batang Sianok on the canyon floor, flowing north; an outlet at the north edge.
  m.river(Array.from({ length: 31 }, (_, k) => [bkCanyon(119.5 - k * 4), 119.5 - k * 4] as Pt), 1.0, (f) => 821 + 9.5 * (1 - f) - 1);
  // The galodo stream from Marapi's slopes: a valley 10–15 m deep cut into the plateau, down to the canyon.
  // A shallow valley (about 3 m below the plateau) so a big galodo spills over its banks into the houses, and a
  // gorge where it drops into the canyon over the last tenth of its course.
  const drop = (f: number) => (f > 0.9 ? 90 * (f - 0.9) / 0.1 : 0);
  m.lowerAlong(bkGalodo, 5, (f, across, x, y) => plateau(x, y) - 3 + 0.25 * across * across - drop(f));
  m.river(bkGalodo, 1.0, (f) => {
    const [x, y] = pointAlong(bkGalodo, f);
    return plateau(x, y) - 4.5 - drop(f);
  });
  // Hill forest on the slopes toward Marapi in the south-east corner.
  m.paint([[110, 119], [149, 119], [149, 88], [130, 96]], LU.HILL_FOREST);
  // Roads: Jl. Sudirman north–south through the centre, to Padang (south), to Payakumbuh (east), Jl. Panorama to the rim.
  m.road([[80, 0], [78, 30], [76, 60], [72, 90], [70, 119]]);
  m.road([[76, 50], [100, 52], [130, 48], [149, 46]]);
  m.road([[76, 62], [bkCanyon(62) + 9, 62]]);
  m.road([[78, 30], [110, 30], [149, 26]]);
  // Houses strung along the roads out of town (to Payakumbuh, to Padang, to Medan).
  m.ribbon([[76, 50], [100, 52], [130, 48], [149, 46]], 3);
  m.ribbon([[78, 30], [110, 30], [149, 26]], 2.5);
  m.ribbon([[72, 90], [70, 119]], 3);
  // Jam Gadang square, RSUD Achmad Mochtar, schools, the stadium.
  for (const [x, y, r] of [[78, 52, 1], [92, 40, 1], [64, 36, 1], [100, 64, 2], [84, 100, 1], [116, 40, 1]]) m.site(x, y, r, 0.3);
  // The outlet: the river leaves the map at the north edge.
  const out = m.idx(Math.round(bkCanyon(0)), 0);
  m.use[out] = LU.SEA;
  m.elev[out] = 815;
  return m;
}

const TOWNS: Record<string, () => TownMap> = {
  'pariaman-rob': pariamanRob,
  'pariaman-tsunami': pariamanTsunami,
  sibolga,
  plaju,
  batanghari,
  bukittinggi,
};

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('make-town-maps.ts')) {
  const wanted = process.argv.slice(2);
  for (const [id, make] of Object.entries(TOWNS)) {
    if (wanted.length && !wanted.includes(id)) continue;
    const m = make();
    m.write(join(ROOT, id));
    console.log(`${id}: wrote ${m.W}×${m.H} grids of ${m.cell} m`);
  }
}
