// A drill in a real drill host worker thread (server/workers/drill-host.ts): commands submitted through its link,
// frames received through the output, the read copy, the end handed back to this thread, and world hashes equal to
// the same drill played in this thread (GLADI_DRILL_WORKERS=0) with the same commands at the same ticks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Drill } from '../../server/drill/drill.ts';
import type { DrillLink } from '../../server/drill/drill-link.ts';
import { SqliteStore } from '../../server/store/sqlite-store.ts';
import { memoryRegistry, RecordingOutput, registryOver, runTo, seat } from '../helpers/drill-harness.ts';

const until = async (what: string, ok: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('a drill hosted in a worker thread', { timeout: 90_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gladi-host-'));
  const store = new SqliteStore(dir);
  const out = new RecordingOutput();
  const { reg } = registryOver(store, undefined, out);
  reg.startHosts(1, dir);
  afterAll(async () => {
    await reg.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plays, sends, reads and ends like the same drill in this thread, then comes back to this thread', async () => {
    const { link } = reg.createLive('pariaman-rob', { seed: 31 });
    expect(link.hosted).toBe(true);
    expect(reg.get(link.code)).toBeNull(); // hosted: not a drill of this thread
    const a = seat(link.code, 'tim-a', 'commander', 'Rina');
    const b = seat(link.code, 'tim-b', 'communications', 'Budi');
    store.putSeat(a);
    store.putSeat(b);
    link.setOnline(a.tokenHash, 1);
    expect(link.state(store.listSeats(link.code)).teams.find((t) => t.id === 'tim-a')!.players[0].online).toBe(true);

    expect(await link.submit(a, 'early-1', { type: 'activate_posko' })).toMatchObject({ ok: false, code: 'wrong_state' });
    expect(await link.clock('speed', 20)).toMatchObject({ ok: true, speed: 20 });
    expect(link.speed).toBe(20);
    expect(await link.clock('start')).toMatchObject({ ok: true, status: 'running' });
    expect(link.status).toBe('running'); // meta applied before the answer resolves

    // Commands at ticks chosen while paused (a pause completes the tick under way): the same ticks in-process.
    const plan: { tick: number; who: typeof a; id: string; command: Parameters<DrillLink['submit']>[2] }[] = [];
    await until('tick 3', () => link.tick >= 3);
    await link.clock('pause');
    const t1 = link.tick;
    plan.push({ tick: t1, who: a, id: 'warn-1', command: { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'awas' } });
    plan.push({ tick: t1, who: b, id: 'warn-2', command: { type: 'warn', areas: ['jati'], channel: 'radio', level: 'siaga' } });
    for (const p of plan) expect(await link.submit(p.who, p.id, p.command)).toEqual({ ok: true, tick: t1, duplicate: false });
    expect(await link.submit(a, 'warn-1', plan[0].command)).toEqual({ ok: true, tick: t1, duplicate: true });
    await link.addNote({ tick: t1, by: 'Fasilitator', role: 'facilitator', text: 'siren early' });
    expect(link.notes.map((n) => n.text)).toEqual(['siren early']);
    await link.clock('resume');
    await until('tick +4', () => link.tick >= t1 + 4);
    await link.clock('pause');
    const t2 = link.tick;
    plan.push({ tick: t2, who: a, id: 'evac-1', command: { type: 'evacuate', areas: ['pasir'], shelterId: 'sdn-05' } });
    expect(await link.submit(a, 'evac-1', plan[2].command)).toMatchObject({ ok: true, tick: t2 });
    await link.clock('resume');
    await until('tick +3', () => link.tick >= t2 + 3);
    await link.clock('pause');
    const end = link.tick;

    // Frames and feed came through the output, each team its own.
    await until('frames', () => out.of('team:tim-b', 'view:delta').length > 0);
    expect(new Set(out.of('team:tim-b', 'view:delta').map((m) => (m.payload as { teamId: string }).teamId))).toEqual(new Set(['tim-b']));
    expect(out.of('team:tim-a', 'feed:item').some((m) => (m.payload as { kind: string }).kind === 'command')).toBe(true);
    const snap = await link.snapshot('tim-a');
    expect(snap.view.teamId).toBe('tim-a');

    // The read copy in this thread is the hosted drill at its tick.
    const hosted = await link.hashes();
    const copy = await link.read();
    expect(copy.tick).toBe(end);
    expect(copy.hashes()).toEqual(hosted);
    expect(copy.notes.map((n) => n.text)).toEqual(['siren early']);
    expect(await link.read()).toBe(copy); // cached while the tick is unchanged

    // The same drill in this thread, the same commands at the same ticks.
    const { reg: here } = memoryRegistry();
    const { drill: d } = here.create('pariaman-rob', { seed: 31 });
    d.clock('speed', 20);
    d.clock('start');
    for (const p of plan) {
      runTo(d, p.tick);
      expect(d.submit({ ...p.who, code: d.code }, p.id, p.command)).toMatchObject({ ok: true, tick: p.tick });
    }
    runTo(d, end);
    d.clock('pause');
    expect(d.tick).toBe(end);
    expect(hosted).toEqual(d.hashes());

    // The end: handed back to this thread, the listeners get the local drill, the link forwards to it.
    const endedHere: Drill[] = [];
    reg.whenEnded((x) => endedHere.push(x));
    expect(await link.clock('end')).toMatchObject({ ok: true, status: 'ended' });
    expect(endedHere.map((x) => x.code)).toEqual([link.code]);
    expect(link.hosted).toBe(false);
    expect(link.status).toBe('ended');
    const local = reg.get(link.code)!;
    expect(local).toBe(endedHere[0]);
    expect(local.hashes()).toEqual(hosted);
    expect(reg.live(link.code)!.hosted).toBe(false);
    expect(await link.hashes()).toEqual(hosted);
    // The online flags came along.
    expect(link.state(store.listSeats(link.code)).teams.find((t) => t.id === 'tim-a')!.players[0].online).toBe(true);
    expect(out.of('facilitators', 'drill:ended').length).toBe(1);
    const debrief = await link.debrief();
    expect(debrief.notes.map((n) => n.text)).toEqual(['siren early']);
  });

  it('reports its figures and reopens a drill of the store on a host after a restart of the registry', async () => {
    const { link } = reg.createLive('pariaman-rob', { seed: 32, mode: 'joint' });
    await link.clock('speed', 20);
    await link.clock('start');
    await until('tick 2', () => link.tick >= 2);
    const stats = await reg.hostStats();
    expect(stats!.hosts).toBe(1);
    expect(stats!.perHost[0].drills).toBeGreaterThanOrEqual(1);
    expect(stats!.perHost[0].ticksTotal).toBeGreaterThan(0);
    await link.clock('pause');
    const hashes = await link.hashes();
    const tick = link.tick;
    // A second registry on the same data dir (a restart): the paused drill is reopened on its host from the store.
    const out2 = new RecordingOutput();
    const store2 = new SqliteStore(dir);
    const { reg: reg2 } = registryOver(store2, undefined, out2);
    reg2.startHosts(1, dir);
    try {
      const again = reg2.recover().find((l) => l.code === link.code)!;
      expect(again.hosted).toBe(true);
      expect(await again.hashes()).toEqual(hashes);
      expect(again.tick).toBe(tick);
      expect(again.status).toBe('paused');
    } finally {
      await reg2.close();
      store2.close();
    }
  });

  it('reopens the drills of a host that died on a new host, from the store, and goes on', async () => {
    const { link } = reg.createLive('pariaman-rob', { seed: 33 });
    await link.clock('speed', 20);
    await link.clock('start');
    await until('tick 3', () => link.tick >= 3);
    await link.clock('pause');
    const hashes = await link.hashes();
    const tick = link.tick;
    // The host thread dies (as after a crash inside it): its drills reopen on a fresh host from the log.
    const threads = (reg as unknown as { hosts: { threads: { worker: { terminate(): Promise<number> } }[] } }).hosts.threads;
    const dead = threads[0];
    await dead.worker.terminate();
    await until('a new host', () => threads[0] !== dead);
    await (link as unknown as { opened: Promise<void> }).opened;
    expect(link.hosted).toBe(true);
    expect(link.tick).toBe(tick);
    expect(await link.hashes()).toEqual(hashes);
    await link.clock('resume');
    await until('tick +2', () => link.tick >= tick + 2);
    expect((await link.clock('pause')).ok).toBe(true);
  });
});
