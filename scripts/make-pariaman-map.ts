// Generates the terrain of the built-in scenario scenarios/pariaman-rob/ as two ESRI ASCII grids
// (elevation.asc in metres above MSL, landuse.asc with the codes of scenario.yaml).
// The town is schematic, not surveyed: a low coastal kampung strip behind a beach berm, a river mouth,
// and ground rising inland, as on the Pariaman coast. Run: node --import tsx scripts/make-pariaman-map.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const W = 120, H = 90, CELL = 20;
const SEA = 0, BEACH = 1, RIVER = 2, HOUSES = 3, ROAD = 4, PADDY = 5, FOREST = 6, PUBLIC = 7, BRIDGE = 8;
const elev = new Float64Array(W * H);
const use = new Uint8Array(W * H);

// Deterministic small noise so the ground is not perfectly smooth.
const noise = (x: number, y: number) => 0.08 * Math.sin(x * 0.9 + y * 0.37) + 0.06 * Math.cos(y * 0.71 - x * 0.23);
const coastX = (y: number) => 14 + Math.round(1.5 * Math.sin(y / 9));
const riverY = (x: number) => 45 + 4 * Math.sin(x / 14) + (x > 60 ? (x - 60) * 0.08 : 0);

for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    const i = y * W + x;
    const cx = coastX(y);
    if (x < cx) {
      use[i] = SEA;
      elev[i] = -0.4 - 0.18 * (cx - x);
      continue;
    }
    const inland = x - cx;
    if (inland < 3) {
      use[i] = BEACH;
      elev[i] = 1.45 + 0.1 * inland + noise(x, y) * 0.5; // beach berm, about 1.4–1.7 m
      continue;
    }
    // Behind the berm the kampung sits low (1.05–1.5 m), then the ground rises about 4 cm per cell inland.
    const base = inland < 28 ? 1.15 + 0.012 * inland : 1.5 + 0.045 * (inland - 28);
    elev[i] = base + noise(x, y);
    use[i] = inland < 45 ? HOUSES : (x + y) % 7 === 0 ? FOREST : PADDY;
  }
}
// Inland neighbourhood (Jati) and the shelter sites are built up.
for (let y = 54; y <= 80; y++) for (let x = 68; x <= 100; x++) use[y * W + x] = HOUSES;
// Roads: coastal road, two cross roads, one inland road.
for (let y = 2; y < H - 2; y++) { const x = coastX(y) + 5; use[y * W + x] = ROAD; use[y * W + 76] = ROAD; }
for (let x = 16; x < W - 4; x++) { use[30 * W + x] = ROAD; use[66 * W + x] = ROAD; }
// River: three cells wide, bed 1 m below MSL, banks slightly lower than the berm.
for (let x = 0; x < W; x++) {
  const ry = Math.round(riverY(x));
  for (let dy = -1; dy <= 1; dy++) {
    const y = ry + dy, i = y * W + x;
    if (x < coastX(y)) continue;
    use[i] = RIVER;
    elev[i] = -1.0 - 0.004 * (W - x) + 0.01 * x;
  }
  for (const dy of [-2, 2]) {
    const y = ry + dy, i = y * W + x;
    if (x >= coastX(y) + 3 && use[i] !== ROAD) elev[i] = Math.min(elev[i], 1.25 + 0.02 * x);
  }
}
// Bridges where the coastal road and the inland road cross the river: the deck is walkable, the river runs below.
for (let y = 0; y < H; y++) {
  for (const x of [coastX(y) + 5, 76]) if (use[y * W + x] === RIVER) use[y * W + x] = BRIDGE;
}
// Shelter sites: school (north) and mosque (south), on raised public ground.
for (const [sx, sy] of [[82, 28], [84, 64]]) {
  for (let y = sy - 2; y <= sy + 2; y++) for (let x = sx - 2; x <= sx + 2; x++) { use[y * W + x] = PUBLIC; elev[y * W + x] += 0.5; }
}

function asc(values: ArrayLike<number>, digits: number): string {
  const lines = [`ncols ${W}`, `nrows ${H}`, 'xllcorner 0', 'yllcorner 0', `cellsize ${CELL}`, 'NODATA_value -9999'];
  for (let y = 0; y < H; y++) {
    const row: string[] = [];
    for (let x = 0; x < W; x++) row.push(Number(values[y * W + x]).toFixed(digits));
    lines.push(row.join(' '));
  }
  return lines.join('\n') + '\n';
}
const dir = join(import.meta.dirname, '..', 'scenarios', 'pariaman-rob');
writeFileSync(join(dir, 'elevation.asc'), asc(elev, 2));
writeFileSync(join(dir, 'landuse.asc'), asc(use, 0));
console.log(`wrote ${W}×${H} grids to ${dir}`);
