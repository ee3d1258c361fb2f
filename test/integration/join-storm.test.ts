// Thirty players join one running drill in two bursts over real sockets (the drill in a drill host worker
// thread when the server has them): each join is answered with a snapshot whose tick the frames after it build on
// (server/http/socket-server.ts join(), snapshot-cache.ts), frames that arrived before the answer are never newer
// than it, a command sent meanwhile is acknowledged while the ticks go on, and after a pause every player's view,
// built from its snapshot and frames, equals a fresh one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Ack, ViewDelta, ViewSnapshot } from '../../server/protocol/events.ts';
import { applyDelta, decodeBase64, type ApplyResult } from '../../server/protocol/view-diff.ts';
import { TEAM_ROLES } from '../../server/protocol/rights.ts';
import { connect, openDrill, request, startTestServer, TEST_KEY, until } from '../helpers/server.ts';

const PLAYERS = 30;
const TEAMS = ['tim-a', 'tim-b', 'tim-c'];

let srv: Awaited<ReturnType<typeof startTestServer>>;
const sockets: Socket[] = [];
beforeAll(async () => { srv = await startTestServer(); });
afterAll(async () => { for (const s of sockets) s.disconnect(); await srv.cleanup(); });

interface Player {
  socket: Socket;
  teamId: string;
  /** Frames received before the join was answered. */
  early: ViewDelta[];
  snapshot?: ViewSnapshot;
  /** The tick of the snapshot the join answered with. */
  joinTick?: number;
  water?: Uint8Array;
  results: ApplyResult['status'][];
  resyncs: number;
}

describe('a join storm on a running drill', () => {
  it('gives every player a snapshot the following frames build on, and acks commands while ticks run', { timeout: 90_000 }, async () => {
    const fac = await connect(srv.url);
    sockets.push(fac);
    const code = await openDrill(fac, { seed: 31 });
    // Ten players per team, more than one seat per role: late joins must be allowed once the drill runs.
    expect((await request(fac, 'drill:policy', { code, lateJoin: true })).ok).toBe(true);
    expect((await request(fac, 'drill:clock', { code, action: 'speed', speed: 10 })).ok).toBe(true);
    expect((await request(fac, 'drill:clock', { code, action: 'start' })).ok).toBe(true);
    const link = srv.registry.live(code)!;
    // Hosted in a drill host worker thread unless the server runs without them (GLADI_DRILL_WORKERS=0).
    expect(link.hosted).toBe(srv.registry.hostCount > 0);
    await until(() => link.tick >= 3, 20_000, 'tick 3');

    const players: Player[] = await Promise.all(Array.from({ length: PLAYERS }, async (_, i) => {
      const socket = await connect(srv.url);
      sockets.push(socket);
      const p: Player = { socket, teamId: TEAMS[i % TEAMS.length], early: [], results: [], resyncs: 0 };
      socket.on('view:delta', (d: ViewDelta) => {
        if (!p.snapshot || !p.water) { p.early.push(d); return; }
        const r = applyDelta(p.snapshot.view, p.water, d);
        p.results.push(r.status);
        // As the page does (client/net/team-view.ts): a gap is answered by a fresh snapshot.
        if (r.status === 'gap') void resync(p);
      });
      return p;
    }));
    async function resync(p: Player) {
      p.resyncs++;
      const r = await request<{ snapshot: ViewSnapshot }>(p.socket, 'view:resync', { code });
      if (r.ok) { p.snapshot = r.snapshot; p.water = decodeBase64(r.snapshot.view.water); }
    }

    // Two waves of fifteen, each all at once (the joins go through the join queue and share snapshot requests); the
    // second wave takes the same teams and roles a few ticks later, so a snapshot kept past a frame would show.
    // Each player takes its view in the ack callback itself, which socket.io-client calls in the order the packets
    // arrived (a promise's then could run after frames that came in the same network read).
    const before = link.tick;
    type JoinAnswer = Ack<{ snapshot: ViewSnapshot; teamId: string }>;
    const wave = (list: Player[], from: number) => Promise.all(list.map((p, k) => new Promise<JoinAnswer>((ok, fail) => {
      p.socket.timeout(10_000).emit('drill:join', {
        code, name: `Pemain ${from + k + 1}`, teamId: p.teamId, role: TEAM_ROLES[Math.floor(k / TEAMS.length) % TEAM_ROLES.length],
      }, (err: Error | null, a: JoinAnswer) => {
        if (err) { fail(err); return; }
        if (a.ok) { p.snapshot = a.snapshot; p.joinTick = a.snapshot.view.tick; p.water = decodeBase64(a.snapshot.view.water); }
        ok(a);
      });
    })));
    const half = PLAYERS / 2;
    const first = await wave(players.slice(0, half), 0);
    const firstTick = Math.max(...players.slice(0, half).map((p) => p.joinTick ?? 0));
    await until(() => link.tick >= firstTick + 3, 20_000, 'three ticks after the first wave');
    const acks = [...first, ...await wave(players.slice(half), half)];
    for (const [i, a] of acks.entries()) {
      if (!a.ok) throw new Error(`join ${i}: ${a.error.message}`);
      const p = players[i];
      expect(a.teamId).toBe(p.teamId);
      expect(a.snapshot.view.teamId).toBe(p.teamId);
      // Frames that came before the answer are not newer than the snapshot (so the page ignores them as stale).
      for (const d of p.early) {
        expect(d.tick, `player ${i}: a frame newer than its snapshot came before the answer`).toBeLessThanOrEqual(p.joinTick!);
      }
    }
    expect(Math.min(...players.slice(half).map((p) => p.joinTick ?? 0))).toBeGreaterThan(firstTick);
    // The snapshots are of the running drill, not of its start.
    expect(Math.max(...players.map((p) => p.joinTick ?? 0))).toBeGreaterThanOrEqual(before);

    // A command while the drill runs: acknowledged with the tick it applies at, and the ticks go on after it.
    const cmd = await request<{ tick: number; duplicate: boolean }>(players[0].socket, 'command:send', {
      clientId: 'storm-0001', command: { type: 'warn', areas: ['kampung-pondok'], channel: 'siren', level: 'siaga' },
    });
    if (!cmd.ok) throw new Error(cmd.error.message);
    expect(cmd.duplicate).toBe(false);
    await until(() => link.tick >= cmd.tick + 3, 20_000, 'three ticks after the command');

    // Every player chains at least three frames onto its snapshot.
    await until(() => players.every((p) => p.results.filter((r) => r === 'applied').length >= 3), 30_000, 'three frames per player');
    expect((await request(fac, 'drill:clock', { code, action: 'pause' })).ok).toBe(true);
    await new Promise((ok) => setTimeout(ok, 400));

    // No player ever met a gap: the first frame after each snapshot built on it.
    expect(players.map((p) => p.results.filter((r) => r === 'gap').length)).toEqual(players.map(() => 0));
    for (const p of players) {
      const fresh = await request<{ snapshot: ViewSnapshot }>(p.socket, 'view:resync', { code });
      if (!fresh.ok) throw new Error(fresh.error.message);
      expect(p.snapshot!.view.tick).toBe(fresh.snapshot.view.tick);
      expect([...p.water!]).toEqual([...decodeBase64(fresh.snapshot.view.water)]);
    }

    // The operator figures (awaited: hosts answer for their drills) count every join.
    const m = await fetch(`${srv.url}/api/metrics`, { headers: { 'x-gladi-key': TEST_KEY } }).then((r) => r.json()) as Record<string, number>;
    expect(m.joinsServed).toBeGreaterThanOrEqual(PLAYERS);
    expect(m.snapshotBuilds + m.snapshotHits).toBeGreaterThanOrEqual(PLAYERS);
  });
});
