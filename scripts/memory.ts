// Memory of drills without sockets: npm run memory -- [--drills 20] [--teams 5] [--ticks 240] [--every 20]
//   [--store sqlite|memory] [--gc] [--json]
// Creates `drills` parallel drills of pariaman-rob with `teams` teams each (a copy of the scenario with that many
// teams, as scripts/load-server.ts makes for the load run), in this process, with a real SqliteStore in a temp dir
// (or the memory store), starts them and runs their clock (accrue + stepOwed, no sleeping) for `ticks` ticks,
// with a few team commands every 15 ticks. Every `every` ticks it prints the process's rss, heapUsed, external and
// arrayBuffers (MB); --gc forces a full GC before each reading (run with `node --expose-gc`, which `npm run
// memory` does), so what stays is retained, not merely uncollected. At the start it prints what one world and
// one drill cost. Figures: docs/load.md#memory.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Drill } from '../server/drill/drill.ts';
import { NO_OUTPUT } from '../server/drill/drill-output.ts';
import { loadScenario, type LoadedScenario } from '../server/scenario/load-scenario.ts';
import { createWorld } from '../server/sim/index.ts';
import { MemoryStore } from '../server/store/memory-store.ts';
import { SqliteStore } from '../server/store/sqlite-store.ts';
import type { Seat, Store } from '../server/store/store.ts';

const OPTIONS = {
  drills: { type: 'string', default: '20' },
  teams: { type: 'string', default: '5' },
  ticks: { type: 'string', default: '240' },
  every: { type: 'string', default: '20' },
  store: { type: 'string', default: 'sqlite' },
  gc: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
const usage = 'usage: npm run memory -- [--drills 20] [--teams 5] [--ticks 240] [--every 20] [--store sqlite|memory] [--gc] [--json]';
const { values: args } = (() => {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (e) {
    console.error(`memory: ${(e as Error).message}\n${usage}`);
    process.exit(2);
  }
})();
if (args.help) { console.log(usage); process.exit(0); }

const DRILLS = Number(args.drills), TEAMS = Number(args.teams), TICKS = Number(args.ticks), EVERY = Number(args.every);
for (const [k, v] of [['drills', DRILLS], ['teams', TEAMS], ['ticks', TICKS], ['every', EVERY]] as const) {
  if (!Number.isInteger(v) || v < 1) { console.error(`memory: --${k} must be a whole number ≥ 1 (got ${args[k]})`); process.exit(2); }
}
if (TEAMS > 10) { console.error('memory: --teams must be at most 10 (a scenario has at most 10 teams)'); process.exit(2); }
if (args.store !== 'sqlite' && args.store !== 'memory') { console.error('memory: --store must be sqlite or memory'); process.exit(2); }
const gc = (globalThis as { gc?: () => void }).gc;
if (args.gc && !gc) { console.error('memory: --gc needs node --expose-gc (npm run memory passes it)'); process.exit(2); }

const ROOT = resolve(import.meta.dirname, '..');
const MB = 1 / (1 << 20);

/** Memory now (MB), after a full GC when asked. */
function reading(): { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number } {
  if (args.gc) { gc!(); gc!(); }
  const m = process.memoryUsage();
  const r = (x: number) => Math.round(x * MB * 10) / 10;
  return { rss: r(m.rss), heapUsed: r(m.heapUsed), heapTotal: r(m.heapTotal), external: r(m.external), arrayBuffers: r(m.arrayBuffers) };
}

/** The built-in scenario with `teams` teams, loaded from a temp copy (the load run's server plays the same). */
function scenarioWithTeams(teams: number): LoadedScenario {
  const dir = mkdtempSync(join(tmpdir(), 'gladi-memory-scn-'));
  try {
    cpSync(join(ROOT, 'scenarios', 'pariaman-rob'), join(dir, 'pariaman-rob'), { recursive: true });
    const yamlPath = join(dir, 'pariaman-rob', 'scenario.yaml');
    const teamsYaml = Array.from({ length: teams }, (_, i) => `  - { id: tim-${i + 1}, name: Tim ${i + 1} }`).join('\n');
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace(/teams:\n(  - .*\n)+/, `teams:\n${teamsYaml}\n`));
    return loadScenario(join(dir, 'pariaman-rob'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const loaded = scenarioWithTeams(TEAMS);
const dataDir = mkdtempSync(join(tmpdir(), 'gladi-memory-'));
const store: Store = args.store === 'sqlite' ? new SqliteStore(dataDir) : new MemoryStore();
const out: string[] = [];
const say = (s: string) => { if (!args.json) console.log(s); out.push(s); };

// What one world costs on its own (kept alive until measured), then the drills.
const base = reading();
const probe = Array.from({ length: 10 }, () => createWorld(loaded.scenario, 1));
const perWorld = reading();
const worldMB = { heap: (perWorld.heapUsed - base.heapUsed) / probe.length, arrayBuffers: (perWorld.arrayBuffers - base.arrayBuffers) / probe.length, rss: (perWorld.rss - base.rss) / probe.length };
probe.length = 0;
const start = reading();

const drills: Drill[] = [];
const t0 = performance.now();
for (let d = 0; d < DRILLS; d++) {
  const code = `MEM${String(d).padStart(3, '0')}`;
  store.createDrill({ code, scenarioId: 'pariaman-rob', seed: 7, mode: 'parallel', status: 'lobby', speed: 1, tick: 0, facilitatorTokenHash: 'x', evaluatorCode: `E${d}`, createdAt: new Date().toISOString(), archived: false });
  const drill = new Drill(store, NO_OUTPUT, { code, loaded, seed: 7, mode: 'parallel' });
  drill.clock('start');
  drills.push(drill);
}
const created = reading();
const createMs = performance.now() - t0;
say(`memory: ${DRILLS} drills × ${TEAMS} teams of pariaman-rob (${DRILLS * TEAMS} worlds), ${args.store} store, ${TICKS} ticks, gc ${args.gc ? 'forced' : 'lazy'}`);
say(`one world: heap ${worldMB.heap.toFixed(2)} MB, arrayBuffers ${worldMB.arrayBuffers.toFixed(2)} MB, rss ${worldMB.rss.toFixed(2)} MB`);
say(`drills created in ${Math.round(createMs)} ms: rss ${start.rss} → ${created.rss} MB (${((created.rss - start.rss) / DRILLS).toFixed(1)} per drill), heap ${start.heapUsed} → ${created.heapUsed}, arrayBuffers ${start.arrayBuffers} → ${created.arrayBuffers}`);

const AREAS = ['kampung-pondok', 'karan-aur', 'pasir', 'jati'];
const SHELTERS = ['sdn-05', 'masjid-raya'];
const CHANNELS = ['siren', 'mosque', 'sms', 'radio', 'whatsapp', 'door'];
let seq = 0;
function commands(drill: Drill, tick: number): void {
  if (tick % 15 !== 0) return;
  for (let t = 0; t < TEAMS; t++) {
    const teamId = `tim-${t + 1}`;
    const seat: Seat = { code: drill.code, tokenHash: `h-${teamId}`, name: 'Bot', teamId, role: 'commander' };
    const area = AREAS[(t + seq) % AREAS.length];
    const k = seq++;
    drill.submit(seat, `mem-${drill.code}-${k}-w`, { type: 'warn', areas: [area], channel: CHANNELS[k % CHANNELS.length] as 'siren', level: 'siaga' });
    drill.submit(seat, `mem-${drill.code}-${k}-e`, { type: 'evacuate', areas: [area], shelterId: SHELTERS[k % 2] });
    drill.submit(seat, `mem-${drill.code}-${k}-u`, { type: 'task_unit', unitId: 'pmi-perahu-1', area });
  }
}

const rows: Record<string, number>[] = [];
let last = created, lastTick = 0, stepMs = 0;
say('tick   rss  heapUsed  heapTotal  external  arrayBuffers   rss/tick  ms/drill-tick');
for (let tick = 1; tick <= TICKS; tick++) {
  const s = performance.now();
  for (const drill of drills) {
    if (drill.status !== 'running') continue;
    commands(drill, drill.tick);
    drill.accrue(1);
    while (drill.due) drill.stepOwed();
    // As the server's clock does once a drill's tick is complete (drill-registry.ts, drill-pump.ts).
    drill.floodShare.clear();
  }
  stepMs += performance.now() - s;
  if (tick % EVERY === 0 || tick === TICKS) {
    const r = reading();
    const perTick = (r.rss - last.rss) / (tick - lastTick);
    rows.push({ tick, ...r, rssPerTick: Math.round(perTick * 100) / 100, msPerDrillTick: Math.round((stepMs / ((tick - lastTick) * DRILLS)) * 10) / 10 });
    say(`${String(tick).padStart(4)} ${r.rss.toFixed(0).padStart(5)} ${r.heapUsed.toFixed(1).padStart(9)} ${r.heapTotal.toFixed(1).padStart(10)} ${r.external.toFixed(1).padStart(9)} ${r.arrayBuffers.toFixed(1).padStart(13)} ${perTick.toFixed(2).padStart(10)} ${(stepMs / ((tick - lastTick) * DRILLS)).toFixed(1).padStart(14)}`);
    last = r; lastTick = tick; stepMs = 0;
  }
}
const end = reading();
const worlds = DRILLS * TEAMS;
const summary = {
  drills: DRILLS, teams: TEAMS, worlds, ticks: TICKS, store: args.store, gc: args.gc,
  worldHeapMB: Math.round(worldMB.heap * 100) / 100, worldArrayBuffersMB: Math.round(worldMB.arrayBuffers * 100) / 100,
  createdRssMB: created.rss, endRssMB: end.rss, endHeapUsedMB: end.heapUsed, endArrayBuffersMB: end.arrayBuffers, endExternalMB: end.external,
  rssPer100WorldsMB: Math.round(((end.rss - start.rss) / worlds) * 100 * 10) / 10,
  rssGrowthPerTickMB: Math.round(((end.rss - created.rss) / TICKS) * 100) / 100,
  heapGrowthPerTickMB: Math.round(((end.heapUsed - created.heapUsed) / TICKS) * 1000) / 1000,
};
if (args.json) console.log(JSON.stringify({ ...summary, rows }));
else say(`end: rss ${end.rss} MB (the drills: ${summary.rssPer100WorldsMB} MB per 100 worlds above the process before them), growth ${summary.rssGrowthPerTickMB} MB/tick rss, ${summary.heapGrowthPerTickMB} MB/tick heap`);
if (store instanceof SqliteStore) store.close();
rmSync(dataDir, { recursive: true, force: true });
