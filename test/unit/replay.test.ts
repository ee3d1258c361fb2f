// Replay for the debrief: a drill played live (commands mid-drill, an inject fired early, an ad-hoc inject with an
// effect) records its state hash after every tick; the replay rebuilt from the log has the same hash at every
// tick, and seeking any tick from the in-memory keyframes gives that tick's live hash too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Drill } from '../../server/drill/drill.ts';
import { Replay, REPLAY_KEYFRAME_EVERY } from '../../server/debrief/replay.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { SqliteStore } from '../../server/store/sqlite-store.ts';
import type { Seat } from '../../server/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'gladi-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const loaded = loadScenario(resolve(import.meta.dirname, '../../scenarios/pariaman-rob'));
const TICKS = 36;

describe('server replay', () => {
  it('rebuilds every tick with the live state hash, and seeks any tick from a keyframe', async () => {
    const store = new SqliteStore(dir);
    const code = 'RPLAY2';
    store.createDrill({ code, scenarioId: 'pariaman-rob', seed: 5, mode: 'parallel', status: 'lobby', speed: 1, tick: 0, facilitatorTokenHash: 'x', evaluatorCode: 'E', createdAt: new Date().toISOString(), archived: false });
    const out = { toTeam() {}, toRole() {}, toFacilitators() {} };
    const live = new Drill(store, out, { code, loaded, seed: 5, mode: 'parallel' });
    const seat = (teamId: string): Seat => ({ code, tokenHash: `t-${teamId}`, name: 'P', teamId, role: 'commander' });
    const liveHashes = new Map<string, string[]>();
    const record = () => { for (const [id, h] of Object.entries(live.hashes())) { const l = liveHashes.get(id) ?? []; l[live.tick] = h; liveHashes.set(id, l); } };
    expect(live.clock('start').ok).toBe(true);
    record();
    let n = 0;
    while (live.tick < TICKS) {
      const t = live.tick;
      if (t === 3) expect(live.submit(seat('tim-a'), `c${n++}x-aaaa`, { type: 'warn', areas: ['kampung-pondok', 'pasir'], channel: 'siren', level: 'siaga' }).ok).toBe(true);
      if (t === 8) expect(live.submit(seat('tim-a'), `c${n++}x-aaaa`, { type: 'evacuate', areas: ['kampung-pondok'], shelterId: 'sdn-05' }).ok).toBe(true);
      if (t === 12) expect(live.submit(seat('tim-b'), `c${n++}x-aaaa`, { type: 'warn', areas: ['karan-aur'], channel: 'sms', level: 'awas' }).ok).toBe(true);
      if (t === 15) expect(live.injectOp({ op: 'fire', no: 2 }).ok).toBe(true);
      if (t === 21) expect(live.injectOp({ op: 'adhoc', teamId: 'tim-b', row: { from: 'BMKG', to: 'all', method: 'radio', message: { id: 'x', en: 'x' }, effect: { kind: 'surge', metres: 0.4 } } } as never).ok).toBe(true);
      if (t === 31) expect(live.submit(seat('tim-c'), `c${n++}x-aaaa`, { type: 'activate_posko' }).ok).toBe(true);
      live.accrue(1);
      // Worlds advance one at a time; a command may land between two worlds of the same tick.
      live.stepOwed();
      if (t === 26 && live.midTick) expect(live.submit(seat('tim-c'), `c${n++}x-aaaa`, { type: 'declare_status', status: 'siaga_darurat' }).ok).toBe(true);
      while (live.midTick) live.stepOwed();
      record();
    }
    live.clock('end');
    const log = store.readLog(code);
    expect(log.filter((e) => e.kind === 'command').length).toBeGreaterThanOrEqual(4);

    const replay = await Replay.build({ code, loaded, seed: 5, mode: 'parallel', log, endTick: live.tick }, { hashes: true, yieldEvery: 0 });
    for (const [worldId, hashes] of liveHashes) {
      expect(replay.hashes.get(worldId)!.slice(0, TICKS + 1), worldId).toEqual(hashes.slice(0, TICKS + 1));
    }
    // The three worlds really differ (the test would be weak if they did not).
    expect(new Set([...liveHashes.values()].map((l) => l[TICKS])).size).toBe(3);
    expect(replay.keyframes.size).toBe(Math.floor(TICKS / REPLAY_KEYFRAME_EVERY));
    for (const T of [0, 9, 10, 22, 33, TICKS]) {
      const d = replay.at(T);
      expect(d.tick).toBe(T);
      for (const [worldId, hashes] of liveHashes) expect(d.hashes()[worldId], `${worldId}@${T}`).toBe(hashes[T]);
      // One world alone (a team's map): the same hash.
      if (T % 2 === 1) expect(replay.at(T, 'tim-b').hashes()['tim-b'], `tim-b alone @${T}`).toBe(liveHashes.get('tim-b')![T]);
    }
    expect(replay.outcomes.get('tim-a')!.at(-1)!.tick).toBe(TICKS);
    // Playing forward one team's map: each minute steps on from the last one asked for, with the live hashes.
    for (const T of [21, 22, 24, 27, 29, 31]) expect(replay.at(T, 'tim-a').hashes()['tim-a'], `play tim-a @${T}`).toBe(liveHashes.get('tim-a')![T]);
    // Built the server's way (five ticks per call, no per-tick hashes): the same keyframes and the same worlds.
    const fast = await Replay.build({ code, loaded, seed: 5, mode: 'parallel', log, endTick: live.tick }, { yieldEvery: 0 });
    expect([...fast.keyframes.keys()]).toEqual([...replay.keyframes.keys()]);
    expect(fast.outcomes.get('tim-c')).toEqual(replay.outcomes.get('tim-c'));
    for (const T of [13, 35]) for (const [worldId, hashes] of liveHashes) expect(fast.at(T).hashes()[worldId], `fast ${worldId}@${T}`).toBe(hashes[T]);
    store.close();
  }, 120_000);

  it('replays a joint drill (all teams in one world) to the live hashes', async () => {
    const store = new SqliteStore(dir, 'joint.sqlite');
    const code = 'JOINT2';
    store.createDrill({ code, scenarioId: 'pariaman-rob', seed: 8, mode: 'joint', status: 'lobby', speed: 1, tick: 0, facilitatorTokenHash: 'x', evaluatorCode: 'E', createdAt: new Date().toISOString(), archived: false } as never);
    const live = new Drill(store, { toTeam() {}, toRole() {}, toFacilitators() {} }, { code, loaded, seed: 8, mode: 'joint' });
    const seat = (teamId: string): Seat => ({ code, tokenHash: `t-${teamId}`, name: 'P', teamId, role: 'commander' });
    const hashes: string[] = [];
    live.clock('start');
    hashes[0] = live.hashes().joint;
    while (live.tick < 22) {
      if (live.tick === 4) live.submit(seat('tim-a'), 'joint-0001-xx', { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'awas' });
      if (live.tick === 9) live.submit(seat('tim-b'), 'joint-0002-xx', { type: 'evacuate', areas: ['pasir'], shelterId: 'sdn-05' });
      live.accrue(1);
      live.stepOwed();
      while (live.midTick) live.stepOwed();
      hashes[live.tick] = live.hashes().joint;
    }
    live.clock('end');
    const r = await Replay.build({ code, loaded, seed: 8, mode: 'joint', log: store.readLog(code), endTick: live.tick }, { yieldEvery: 0 });
    for (const T of [0, 5, 10, 17, 22]) expect(r.at(T, 'joint').hashes().joint, `joint@${T}`).toBe(hashes[T]);
    // Every team of a joint drill shares the one world's curve.
    expect(r.outcomes.size).toBe(1);
    store.close();
  }, 120_000);
});
