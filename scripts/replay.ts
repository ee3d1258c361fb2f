// Replay tool for the debrief.
//   npm run replay -- gladi-ABCDEF.json     replays an export.json headless (no server) and prints each world's final
//                                           state hash next to the one recorded at export: the same ⇒ "identical".
//   npm run replay -- --bench [--hours 6]   plays a drill of pariaman-rob stretched to that many hours with three
//                                           teams, builds the debrief replay and times seeks to random minutes;
//                                           first the replay built ahead when the drill ends (DebriefService):
//                                           end → ready, the event loop's longest stall meanwhile, the first seek.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CLOCK_INTERVAL_MS, DrillRegistry } from '../server/drill/drill-registry.ts';
import { Replay } from '../server/debrief/replay.ts';
import { DebriefService } from '../server/debrief/service.ts';
import { drillExport } from '../server/debrief/exports.ts';
import { loadScenario } from '../server/scenario/load-scenario.ts';
import { MemoryStore } from '../server/store/memory-store.ts';
import type { LogEntry, Seat } from '../server/store/store.ts';

const args = process.argv.slice(2);

async function replayExport(file: string): Promise<void> {
  const parsed = drillExport.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    console.error(`${file}: ${i.path.join('.')}: ${i.message} (expected a Gladi export.json)`);
    process.exit(2);
  }
  const x = parsed.data;
  const dir = mkdtempSync(join(tmpdir(), 'gladi-replay-'));
  for (const [name, text] of Object.entries(x.scenario.files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const loaded = loadScenario(dir);
  const t0 = performance.now();
  const start = x.start ? { tick: x.start.tick, blob: Buffer.from(x.start.blob, 'base64') } : undefined;
  const r = await Replay.build({ code: x.drill.code, loaded, seed: x.drill.seed, mode: x.drill.mode, log: x.log as LogEntry[], endTick: x.drill.tick, start }, { yieldEvery: 0 });
  const d = r.at(x.drill.tick);
  const ms = performance.now() - t0;
  let same = true;
  for (const [worldId, h] of Object.entries(d.hashes())) {
    const want = x.finalHashes[worldId];
    if (want !== h) same = false;
    console.log(`${worldId.padEnd(12)} ${h}  recorded ${want ?? '—'}  ${want === h ? 'identical' : 'DIFFERENT'}`);
  }
  console.log(`${x.drill.code}: ${x.log.length} log entries, ${x.drill.tick} ticks replayed in ${(ms / 1000).toFixed(2)} s`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(same ? 0 : 1);
}

async function bench(hours: number): Promise<void> {
  const base = loadScenario(resolve(import.meta.dirname, '../scenarios/pariaman-rob'));
  const ticks = Math.round((hours * 3600) / base.scenario.tickSeconds);
  const loaded = { ...base, scenario: { ...base.scenario, durationTicks: ticks } };
  const store = new MemoryStore();
  // Through the registry, as the server does: the debrief service hears the drill end and builds its replay ahead.
  const reg = new DrillRegistry(store, new Map([[loaded.scenario.id, loaded]]), { toTeam() {}, toRole() {}, toFacilitators() {} });
  const svc = new DebriefService(reg);
  const live = reg.create(loaded.scenario.id, { seed: 3, mode: 'parallel' }).drill;
  const code = live.code;
  live.clock('start');
  const seat = (teamId: string): Seat => ({ code, tokenHash: teamId, name: 'Bench', teamId, role: 'commander' });
  const hoods = loaded.scenario.neighbourhoods.map((n) => n.id);
  const shelter = loaded.scenario.shelters[0].id;
  let n = 0;
  const t0 = performance.now();
  while (live.tick < ticks) {
    const t = live.tick;
    // A few decisions per team spread over the drill (the log's size matters little to a seek; the ticks do).
    if (t % 20 === 5) for (const team of ['tim-a', 'tim-b', 'tim-c']) live.submit(seat(team), `bench-${n++}-xxxx`, { type: 'warn', areas: [hoods[(t / 20 + n) % hoods.length | 0]], channel: 'sms', level: 'siaga' });
    if (t === 40) live.submit(seat('tim-a'), `bench-${n++}-xxxx`, { type: 'evacuate', areas: hoods.slice(0, 2), shelterId: shelter });
    live.accrue(1);
    live.stepOwed();
    while (live.midTick) live.stepOwed();
  }
  const playMs = performance.now() - t0;
  const live_hashes = live.hashes();
  if (live.status !== 'ended') throw new Error('the drill did not end at its scenario end');
  // The drill has just ended: its replay is being built in the background. A timer at the live clock's interval
  // measures how long the event loop is held at most meanwhile (what a live drill's clock and sockets would wait).
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last - CLOCK_INTERVAL_MS); last = now; }, CLOCK_INTERVAL_MS);
  while (svc.state(code) !== 'ready') await new Promise((ok) => setTimeout(ok, 5));
  clearInterval(timer);
  const endToReady = svc.endToReadyMs.get(code)!;
  const first: number[] = [];
  for (const [T, team] of [[Math.min(217, ticks), 'tim-b'], [ticks, 'tim-a'], [Math.min(91, ticks), 'tim-c']] as const) {
    const s0 = performance.now();
    await svc.viewAt(live, team, T);
    first.push(performance.now() - s0);
  }
  if (svc.builds !== 1) throw new Error(`the seeks after the end rebuilt the replay (${svc.builds} builds)`);
  // The debrief page opens by itself at the end, so its first request may come while the build runs: it waits for
  // the rest of that build. Here a second service builds the same drill ahead and a seek arrives 1 s after the end.
  const svc2 = new DebriefService(reg, { ahead: false });
  svc2.prepare(live);
  await new Promise((ok) => setTimeout(ok, 1000));
  const w0 = performance.now();
  await svc2.viewAt(live, 'tim-b', Math.min(217, ticks));
  const during = performance.now() - w0;
  if (svc2.builds !== 1) throw new Error(`a seek during the build started another (${svc2.builds} builds)`);
  const t1 = performance.now();
  const r = await Replay.build({ code, loaded, seed: 3, mode: 'parallel', log: store.readLog(code), endTick: live.tick }, { yieldEvery: 0 });
  const buildMs = performance.now() - t1;
  const seeks: number[] = [];
  let x = 12345;
  for (let i = 0; i < 30; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const T = i === 0 ? ticks : i === 1 ? ticks - 1 : x % (ticks + 1);
    const s0 = performance.now();
    const d = r.at(T);
    seeks.push(performance.now() - s0);
    if (T === ticks && JSON.stringify(d.hashes()) !== JSON.stringify(live_hashes)) throw new Error('replay at the end differs from the live hashes');
  }
  seeks.sort((a, b) => a - b);
  // What the debrief's map asks for: one team's world at a minute.
  const one: number[] = [];
  for (let i = 0; i < 30; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const s0 = performance.now();
    r.at(x % (ticks + 1), 'tim-b');
    one.push(performance.now() - s0);
  }
  one.sort((a, b) => a - b);
  // Playing forward at 5 minutes per step, as the debrief's play button does.
  const play: number[] = [];
  for (let T = 0; T <= ticks; T += 5) {
    const s0 = performance.now();
    r.at(T, 'tim-c');
    play.push(performance.now() - s0);
  }
  play.sort((a, b) => a - b);
  const keyMB = [...r.keyframes.values()].reduce((s, b) => s + b.length, 0) / 2 ** 20;
  console.log(`drill: ${hours} h = ${ticks} ticks × 3 worlds, ${store.readLog(code).length} log entries; live play ${(playMs / 1000).toFixed(1)} s`);
  console.log(`replay built ahead at the end (DebriefService, in slices): end → ready ${(endToReady / 1000).toFixed(1)} s, longest event-loop stall meanwhile ${stall.toFixed(0)} ms`);
  console.log(`first seeks after ready (one team's map view, as GET /replay answers): ${first.map((m) => m.toFixed(0)).join(', ')} ms; 1 build`);
  console.log(`seek arriving 1 s after the end, during the build: answered after ${(during / 1000).toFixed(1)} s (waits for the same build: 1 build)`);
  console.log(`replay build (once per drill): ${(buildMs / 1000).toFixed(1)} s, ${r.keyframes.size} keyframes, ${keyMB.toFixed(1)} MB in memory`);
  console.log(`seek (all three worlds at a random minute, ${seeks.length} seeks): median ${seeks[seeks.length >> 1].toFixed(0)} ms, max ${seeks.at(-1)!.toFixed(0)} ms; end hash = live hash`);
  console.log(`seek (one team's world, as the debrief map asks, ${one.length} seeks): median ${one[one.length >> 1].toFixed(0)} ms, max ${one.at(-1)!.toFixed(0)} ms`);
  console.log(`play (one team's world, 5 minutes per step, ${play.length} steps): median ${play[play.length >> 1].toFixed(0)} ms, max ${play.at(-1)!.toFixed(0)} ms`);
}

if (args[0] === '--bench') {
  const hi = args.indexOf('--hours');
  await bench(hi >= 0 ? Number(args[hi + 1]) : 6);
} else if (args[0]) {
  await replayExport(args[0]);
} else {
  console.error('usage: npm run replay -- FILE.json | --bench [--hours 6]');
  process.exit(2);
}
