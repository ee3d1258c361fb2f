// Durability: a spawned server is killed with SIGKILL mid-drill, right after commands, restarted on the same data
// dir, and must resume the drill with every acknowledged command, reaching the same state hash as an uninterrupted
// run, and the same debrief (timeline, series, expectations, refused commands): everything derived is rebuilt from
// the log.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Command } from '../../server/sim/index.ts';
import { hashWorld } from '../../server/sim/index.ts';
import { createWorld, step } from '../../server/sim/index.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import type { Debrief } from '../../server/protocol/messages.ts';
import { memoryRegistry, runTo, seat } from '../helpers/drill-harness.ts';
import { connect, request, TEST_KEY, until } from '../helpers/server.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'gladi-crash-'));
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
afterAll(() => {
  for (const s of sockets) s.disconnect();
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `server/main.ts` as its own process and resolves with its URL once it says it is serving. */
function spawnServer(): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, GLADI_FACILITATOR_KEY: TEST_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) { clearTimeout(timer); ok({ proc, url: m[1] }); }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited (${code}):\n${out}`)); });
  });
}

async function hashes(url: string, code: string) {
  return (await (await fetch(`${url}/api/drills/${code}/hashes`, { headers: { 'x-gladi-key': TEST_KEY } })).json()) as { tick: number; status: string; hashes: Record<string, string> };
}

describe('crash recovery', () => {
  it('survives kill -9 with no acknowledged command lost and the same state hash', async () => {
    const SEED = 424242;
    const first = await spawnServer();
    const fac = await connect(first.url);
    const a = await connect(first.url);
    const b = await connect(first.url);
    sockets.push(fac, a, b);
    const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'pariaman-rob', seed: SEED });
    if (!c.ok) throw new Error(c.error.message);
    const { code } = c;
    await request(fac, 'drill:watch', { code, token: c.token });
    const ja = await request<{ token: string }>(a, 'drill:join', { code, name: 'A', teamId: 'tim-a', role: 'commander' });
    await request(b, 'drill:join', { code, name: 'B', teamId: 'tim-b', role: 'commander' });
    if (!ja.ok) throw new Error('join failed');
    await request(fac, 'drill:clock', { code, action: 'speed', speed: 10 });
    await request(fac, 'drill:clock', { code, action: 'start' });

    // Commands at different ticks, some after the first keyframe (tick 30); remember what was acknowledged.
    const acked: { teamId: string; tick: number; command: Command; clientId: string }[] = [];
    const send = async (s: Socket, teamId: string, clientId: string, command: Command) => {
      const r = await request<{ tick: number }>(s, 'command:send', { clientId, command });
      if (r.ok) acked.push({ teamId, tick: r.tick, command, clientId });
    };
    await send(a, 'tim-a', 'a-warn-00001', { type: 'warn', areas: ['kampung-pondok', 'pasir'], channel: 'siren', level: 'siaga' });
    await until(async () => (await hashes(first.url, code)).tick >= 33 || null, 20_000, 'tick 33');
    await send(a, 'tim-a', 'a-evac-00002', { type: 'evacuate', areas: ['kampung-pondok', 'pasir'], shelterId: 'sdn-05' });
    await send(b, 'tim-b', 'b-warn-00001', { type: 'warn', areas: ['karan-aur'], channel: 'door', level: 'awas' });
    // A boat on its way across a keyframe: its route cache is rebuilt, not saved.
    await send(a, 'tim-a', 'a-boat-00003', { type: 'task_unit', unitId: 'pmi-perahu-1', area: 'karan-aur' });
    await until(async () => (await hashes(first.url, code)).tick >= 41 || null, 20_000, 'tick 41');
    await send(b, 'tim-b', 'b-evac-00002', { type: 'evacuate', areas: ['karan-aur'], shelterId: 'masjid-raya' });
    // A refused command: logged for the debrief, never applied.
    const refused = await request(b, 'command:send', { clientId: 'b-bad-000003', command: { type: 'open_shelter', shelterId: 'no-such-shelter' } });
    expect(!refused.ok && refused.error.code).toBe('refused');
    await send(a, 'tim-a', 'a-posko-0004', { type: 'activate_posko' });
    // Kill right after the last ack: no graceful shutdown, no flush.
    first.proc.kill('SIGKILL');
    await new Promise((ok) => first.proc.once('exit', ok));
    expect(acked).toHaveLength(6);

    const second = await spawnServer();
    const fac2 = await connect(second.url);
    sockets.push(fac2);
    const w = await request<{ state: { status: string; tick: number } }>(fac2, 'drill:watch', { code, key: TEST_KEY });
    if (!w.ok) throw new Error(w.error.message);
    expect(w.state.status).toBe('running');
    // Every acknowledged command is in the log: sending it again is recognised as a duplicate.
    const retry = await connect(second.url);
    sockets.push(retry);
    await request(retry, 'drill:join', { code, name: 'A', teamId: 'tim-a', role: 'commander', token: ja.token });
    const dup = await request<{ duplicate: boolean; tick: number }>(retry, 'command:send', { clientId: 'a-evac-00002', command: acked[1].command });
    expect(dup.ok && dup.duplicate).toBe(true);
    expect(dup.ok && dup.tick).toBe(acked[1].tick);

    // Let it run on, then pause and compare with an uninterrupted run of the engine over the same commands.
    await until(async () => (await hashes(second.url, code)).tick >= 70 || null, 30_000, 'tick 70');
    await request(fac2, 'drill:clock', { code, action: 'pause' });
    const after = await hashes(second.url, code);
    const { scenario } = loadScenario(join(ROOT, 'scenarios', 'pariaman-rob'));
    for (const teamId of ['tim-a', 'tim-b', 'tim-c']) {
      const world = createWorld(scenario, SEED);
      while (world.tick < after.tick) {
        const now = acked.filter((x) => x.teamId === teamId && x.tick === world.tick).map((x) => x.command);
        step(world, now);
      }
      expect(after.hashes[teamId], `${teamId} at tick ${after.tick}`).toBe(hashWorld(world));
    }

    // The debrief after the crash equals the debrief of the same drill played without one (in this process).
    const got = (await (await fetch(`${second.url}/api/drills/${code}/debrief`, { headers: { 'x-gladi-key': TEST_KEY } })).json()) as Debrief;
    const { reg, store: refStore } = memoryRegistry([loadScenario(join(ROOT, 'scenarios', 'pariaman-rob'))]);
    const { drill: ref } = reg.create('pariaman-rob', { seed: SEED });
    const seats = { 'tim-a': seat(ref.code, 'tim-a', 'commander', 'A'), 'tim-b': seat(ref.code, 'tim-b', 'commander', 'B') };
    for (const st of Object.values(seats)) refStore.putSeat(st);
    ref.clock('start');
    const inOrder = [...acked, { teamId: 'tim-b', tick: got.teams.find((x) => x.id === 'tim-b')!.refusals![0].tick, command: { type: 'open_shelter', shelterId: 'no-such-shelter' } as Command, clientId: 'b-bad-000003' }]
      .sort((x, y) => x.tick - y.tick);
    for (const x of inOrder) {
      runTo(ref, x.tick);
      ref.submit(seats[x.teamId as 'tim-a' | 'tim-b'], x.clientId, x.command);
    }
    runTo(ref, after.tick);
    ref.clock('pause');
    const want = ref.debrief();
    expect(got.endedAtTick).toBe(want.endedAtTick);
    for (const t of want.teams) {
      const g = got.teams.find((x) => x.id === t.id)!;
      expect(g.timeline, `${t.id} timeline`).toEqual(t.timeline);
      expect(g.series, `${t.id} series`).toEqual(t.series);
      expect(g.expectations, `${t.id} expectations`).toEqual(t.expectations);
      expect(g.refusals, `${t.id} refusals`).toEqual(t.refusals);
      expect(g.score).toBe(t.score);
    }
    // The commands sent after the last keyframe before the crash are in the timeline (they were missing once).
    const tlA = got.teams.find((x) => x.id === 'tim-a')!.timeline;
    expect(tlA.some((i) => i.kind === 'command' && i.event?.kind === 'activate_posko')).toBe(true);
    expect(got.teams.find((x) => x.id === 'tim-b')!.refusals?.map((r) => r.refusal?.code)).toEqual(['unknown_shelter']);
    second.proc.kill('SIGTERM');
    await new Promise((ok) => second.proc.once('exit', ok));
  });
});
