// Engine benchmarks: npm run bench. Prints a table and writes bench-results.json.
//  floodCellStepsPerSec — 256×256 fully wet grid, one core, cell updates per second of the inertial kernel.
//  tickMs               — median wall time of one scenario-minute tick of a 200×200 synthetic town, 20 000 households, 40 units.
//  replayTicksPerSec    — re-simulating a recorded 360-tick drill of pariaman-rob with its commands.
//  scenarios            — median and p95 tick of every built-in scenario over its whole length, nobody acting, and
//                         the flood's cell-steps and sub-steps per tick (load-independent)
//                         (`npm run bench -- --scenarios-only` runs just this section).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Command } from '../server/sim/index.ts';
import { advanceFlood, createFloodGrid, refreshWetBox } from '../server/sim/flood.ts';
import { hashWorld } from '../server/sim/index.ts';
import type { Ngo, Scenario } from '../server/sim/scenario.ts';
import { createWorld, step } from '../server/sim/index.ts';
import { loadScenario } from '../server/scenario/load-scenario.ts';

function floodBench(): { cellStepsPerSec: number; substeps: number } {
  const N = 256;
  const z = new Float64Array(N * N);
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) z[y * N + x] = 0.002 * x + 0.1 * Math.sin(y / 7);
  const g = createFloodGrid(N, N, 10, z, new Float64Array(N * N).fill(0.03), new Uint8Array(N * N));
  for (let i = 0; i < N * N; i++) g.h[i] = 1 + 0.5 * Math.sin(i / 300);
  refreshWetBox(g);
  advanceFlood(g, 60, NaN); // warm up the JIT
  let cells = 0, substeps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 3000) { advanceFlood(g, 60, NaN); cells += g.lastCellSteps; substeps += g.lastSubsteps; }
  return { cellStepsPerSec: (cells / (performance.now() - t0)) * 1000, substeps };
}

function syntheticTown(): Scenario {
  const W = 200, H = 200;
  const elevation = new Float64Array(W * H), landUse = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = y * W + x;
    if (x < 10) { landUse[i] = 0; elevation[i] = -3 + 0.2 * x; continue; }
    elevation[i] = 0.6 + 0.025 * (x - 10) + 0.1 * Math.sin(y / 6);
    landUse[i] = x % 20 === 0 || y % 20 === 0 ? 4 : 3;
  }
  const neighbourhoods = [];
  for (let k = 0; k < 10; k++) {
    neighbourhoods.push({ id: `rw-${k}`, name: `RW ${k}`, polygon: [[10 + (k % 5) * 30, Math.floor(k / 5) * 100], [40 + (k % 5) * 30, Math.floor(k / 5) * 100], [40 + (k % 5) * 30, 100 + Math.floor(k / 5) * 100], [10 + (k % 5) * 30, 100 + Math.floor(k / 5) * 100]] as [number, number][], households: 2000, householdSize: 4.2, vulnerableShare: 0.3, trust: 0.6 });
  }
  const ngos: Ngo[] = [];
  for (let k = 0; k < 8; k++) ngos.push({ id: `ngo-${k}`, name: `NGO ${k}`, selfDeploy: k >= 4, responseDelay: 20, units: Array.from({ length: 5 }, (_, j) => ({ id: `u-${k}-${j}`, kind: (['boat', 'truck', 'medical', 'boat', 'kitchen'] as const)[j], x: 190, y: 10 + k * 20 + j, capacity: 10 })) });
  return {
    id: 'bench-town', title: { id: 'Bench', en: 'Bench' }, summary: { id: '', en: '' }, width: W, height: H, cellSize: 20, elevation, landUse,
    landUseClasses: [
      { code: 0, name: 'laut', manningN: 0.028, walkCost: Infinity, isSea: true, startsWet: false, habitable: false },
      { code: 3, name: 'permukiman', manningN: 0.1, walkCost: 1.2, isSea: false, startsWet: false, habitable: true },
      { code: 4, name: 'jalan', manningN: 0.025, walkCost: 1, isSea: false, startsWet: false, habitable: false },
    ],
    tickSeconds: 60, durationTicks: 360, officialAlertTick: 5,
    seaLevel: [{ t: 0, value: 0.5 }, { t: 180, value: 2.2 }, { t: 360, value: 1 }],
    neighbourhoods,
    shelters: [0, 1, 2, 3].map((k) => ({ id: `s-${k}`, name: `S${k}`, x: 185, y: 25 + 50 * k, floorArea: 40000 })),
    ngos, teams: [{ id: 't', name: 'T' }], rumours: [{ id: 'hoax', minute: 30, areas: [], text: { id: 'x', en: 'x' } }],
    metrics: { timeToWarningBest: 5, timeToWarningWorst: 40 }, scoreWeights: { residentsSafe: 1 },
  };
}

function tickBench(): { medianMs: number; p95Ms: number; households: number; units: number } {
  const sc = syntheticTown();
  const w = createWorld(sc, 1);
  const areas = sc.neighbourhoods.map((n) => n.id);
  const times: number[] = [];
  for (let t = 0; t < 180; t++) {
    const cmds: Command[] = t === 6 ? [{ type: 'warn', areas, channel: 'siren', level: 'siaga' }, { type: 'evacuate', areas: areas.slice(0, 5), shelterId: 's-0' }, { type: 'evacuate', areas: areas.slice(5), shelterId: 's-2' }] : [];
    const t0 = performance.now();
    step(w, cmds);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], p95Ms: times[Math.floor(times.length * 0.95)], households: w.households.count, units: w.units.length };
}

function replayBench(): { ticksPerSec: number; seconds: number; hash: string } {
  const { scenario } = loadScenario('scenarios/pariaman-rob');
  const log: Record<number, Command[]> = {
    12: [{ type: 'warn', areas: ['kampung-pondok', 'karan-aur', 'pasir'], channel: 'siren', level: 'siaga' }, { type: 'evacuate', areas: ['kampung-pondok', 'pasir'], shelterId: 'sdn-05' }, { type: 'evacuate', areas: ['karan-aur'], shelterId: 'masjid-raya' }],
    14: [{ type: 'activate_posko' }, { type: 'declare_status', status: 'tanggap_darurat' }],
    16: [{ type: 'warn', areas: ['kampung-pondok', 'karan-aur'], channel: 'door', level: 'siaga' }],
    20: [{ type: 'hold_coordination_meeting' }, { type: 'request_support', from: 'bnpb' }],
    40: [{ type: 'publish_clarification', postId: 'hoaks-bmkg' }],
    60: [{ type: 'resupply_shelter', shelterId: 'sdn-05' }],
    90: [{ type: 'task_unit', unitId: 'pmi-perahu-1', area: 'karan-aur' }, { type: 'task_unit', unitId: 'mdmc-perahu-1', area: 'kampung-pondok' }],
    95: [{ type: 'submit_sitrep', sheltered: 900, stranded: 20 }],
  };
  // Record once (as a drill would), then time the replay from the log.
  const t0 = performance.now();
  const w = createWorld(scenario, 7);
  for (let t = 0; t < 360; t++) step(w, log[t] ?? []);
  const seconds = (performance.now() - t0) / 1000;
  return { ticksPerSec: 360 / seconds, seconds, hash: hashWorld(w) };
}

type TownFigures = { ticks: number; minutesPerTick: number; medianMs: number; p95Ms: number; msPerScenarioMinute: number; medianCellSteps: number; p95CellSteps: number; medianSubsteps: number };

/**
 * Every built-in scenario played to its end with no commands: median and p95 wall time of a tick, and the flood's
 * work per tick (cells updated summed over sub-steps, and sub-steps), which does not depend on the machine's load.
 */
function scenarioBench(): Record<string, TownFigures> {
  const out: Record<string, TownFigures> = {};
  for (const id of readdirSync('scenarios').sort()) {
    if (!existsSync(`scenarios/${id}/scenario.yaml`)) continue;
    const { scenario } = loadScenario(`scenarios/${id}`);
    const w = createWorld(scenario, 1);
    const times: number[] = [], cells: number[] = [], subs: number[] = [];
    for (let t = 0; t < scenario.durationTicks; t++) {
      const t0 = performance.now();
      step(w, []);
      times.push(performance.now() - t0);
      cells.push(w.flood.lastCellSteps); subs.push(w.flood.lastSubsteps);
    }
    for (const a of [times, cells, subs]) a.sort((x, y) => x - y);
    const r = (x: number) => Math.round(x * 100) / 100;
    const mid = Math.floor(times.length / 2), p95 = Math.floor(times.length * 0.95);
    const median = times[mid], mpt = scenario.tickSeconds / 60;
    out[id] = {
      ticks: times.length, minutesPerTick: mpt, medianMs: r(median), p95Ms: r(times[p95]), msPerScenarioMinute: r(median / mpt),
      medianCellSteps: cells[mid], p95CellSteps: cells[p95], medianSubsteps: subs[mid],
    };
  }
  return out;
}

function printTowns(towns: ReturnType<typeof scenarioBench>): void {
  console.log('scenario              ticks  min/tick  median ms   p95 ms  ms/scen-min  k cell-steps med/p95  sub-steps med');
  for (const [id, r] of Object.entries(towns)) {
    console.log(`${id.padEnd(20)} ${String(r.ticks).padStart(6)} ${String(r.minutesPerTick).padStart(9)} ${r.medianMs.toFixed(1).padStart(10)} ${r.p95Ms.toFixed(1).padStart(8)} ${r.msPerScenarioMinute.toFixed(2).padStart(12)} ${`${Math.round(r.medianCellSteps / 1000)} / ${Math.round(r.p95CellSteps / 1000)}`.padStart(21)} ${String(r.medianSubsteps).padStart(14)}`);
  }
}

if (process.argv.includes('--scenarios-only')) {
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  printTowns(scenarioBench());
  process.exit(0);
}

const flood = floodBench();
const tick = tickBench();
const replay = replayBench();
const towns = scenarioBench();
const results = {
  node: process.version,
  floodCellStepsPerSec: Math.round(flood.cellStepsPerSec),
  tickMs: Math.round(tick.medianMs * 100) / 100,
  tickP95Ms: Math.round(tick.p95Ms * 100) / 100,
  replayTicksPerSec: Math.round(replay.ticksPerSec),
  replaySeconds360: Math.round(replay.seconds * 1000) / 1000,
  replayHash: replay.hash,
  targets: { floodCellStepsPerSec: 40e6, tickMs: 10, replaySeconds360: 2 },
  scenarios: towns,
};
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('metric                 value            target');
console.log(`floodCellStepsPerSec   ${(results.floodCellStepsPerSec / 1e6).toFixed(1).padStart(6)} M/s       ≥ 40 M/s`);
console.log(`tickMs (median)        ${results.tickMs.toFixed(2).padStart(6)} ms        ≤ 10 ms   (p95 ${results.tickP95Ms} ms; ${tick.households} households, ${tick.units} units, 200×200)`);
console.log(`replayTicksPerSec      ${String(results.replayTicksPerSec).padStart(6)} /s        360 ticks ≤ 2 s (took ${results.replaySeconds360} s)`);
printTowns(towns);
writeFileSync('bench-results.json', JSON.stringify(results, null, 2) + '\n');
console.log('wrote bench-results.json');
