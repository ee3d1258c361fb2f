// The HTTP routes on a drill that is still being played (in a drill host worker thread when the server has them):
// the live routes answer through the drill's link, the debrief routes read a copy of the drill at its current tick
// (DrillRegistry.read), with the same rights gate as for an ended drill; the replay of the copy reaches the hashes
// the drill itself reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ViewSnapshot } from '../../server/protocol/messages.ts';
import { connect, openDrill, request, startTestServer, TEST_KEY, until } from '../helpers/server.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const sockets: Socket[] = [];
beforeAll(async () => { srv = await startTestServer(); });
afterAll(async () => { for (const s of sockets) s.disconnect(); await srv.cleanup(); });

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${srv.url}${path}`, { headers });
const withKey = { 'x-gladi-key': TEST_KEY };

describe('debrief and live routes on a running drill', () => {
  it('answer from the link and from a read copy, behind the same gate', { timeout: 60_000 }, async () => {
    const fac = await connect(srv.url);
    const a = await connect(srv.url);
    sockets.push(fac, a);
    const code = await openDrill(fac, { seed: 23 });
    const ja = await request<{ token: string }>(a, 'drill:join', { code, name: 'Rina', teamId: 'tim-a', role: 'commander' });
    if (!ja.ok) throw new Error(ja.error.message);
    expect((await request(fac, 'drill:clock', { code, action: 'speed', speed: 10 })).ok).toBe(true);
    expect((await request(fac, 'drill:clock', { code, action: 'start' })).ok).toBe(true);
    const link = srv.registry.live(code)!;
    expect(link.hosted).toBe(srv.registry.hostCount > 0);
    const cmd = await request<{ tick: number }>(a, 'command:send', { clientId: 'live-a-0001', command: { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'siaga' } });
    if (!cmd.ok) throw new Error(cmd.error.message);
    await until(() => link.tick >= cmd.tick + 4, 20_000, 'four ticks after the command');
    // Still running, slowly: each read below replays the copy up to the drill's tick.
    expect((await request(fac, 'drill:clock', { code, action: 'speed', speed: 1 })).ok).toBe(true);

    // While it runs: the public state, the facilitator's hashes, the decisions so far.
    const state = await (await get(`/api/drills/${code}`)).json() as { status: string; tick: number };
    expect(state.status).toBe('running');
    const h1 = await (await get(`/api/drills/${code}/hashes`, withKey)).json() as { tick: number; hashes: Record<string, string> };
    expect(Object.keys(h1.hashes).sort()).toEqual(['tim-a', 'tim-b', 'tim-c']);
    expect((await get(`/api/drills/${code}/hashes`)).status).toBe(403);
    const info = await get(`/api/drills/${code}/replay-info`, withKey);
    expect(info.status).toBe(200);
    const i = await info.json() as { status: string; endTick: number; decisions: { teamId: string; type: string }[] };
    expect(i.status).toBe('running');
    expect(i.endTick).toBeGreaterThanOrEqual(h1.tick);
    expect(i.decisions.some((d) => d.teamId === 'tim-a' && d.type === 'warn')).toBe(true);
    // The rights gate as for an ended drill: the player reads their own team's decisions and replay but not the
    // debrief before the end, nor another team; the facilitator everything.
    expect((await get(`/api/drills/${code}/debrief`, { 'x-gladi-token': ja.token })).status).toBe(403);
    const own = await (await get(`/api/drills/${code}/replay-info`, { 'x-gladi-token': ja.token })).json() as { teams: { id: string }[] };
    expect(own.teams.map((t) => t.id)).toEqual(['tim-a']);
    expect((await get(`/api/drills/${code}/replay?team=tim-b&tick=1`, { 'x-gladi-token': ja.token })).status).toBe(403);
    const deb = await get(`/api/drills/${code}/debrief`, withKey);
    expect(deb.status).toBe(200);
    expect(((await deb.json()) as { teams: unknown[] }).teams).toHaveLength(3);
    expect((await get(`/api/drills/${code}/evidence?team=tim-a`, withKey)).status).toBe(200);

    // Paused: the copy's replay at the drill's tick has the hash the drill reports for it.
    expect((await request(fac, 'drill:clock', { code, action: 'pause' })).ok).toBe(true);
    const h2 = await (await get(`/api/drills/${code}/hashes`, withKey)).json() as { tick: number; status: string; hashes: Record<string, string> };
    expect(h2.status).toBe('paused');
    const r = await get(`/api/drills/${code}/replay?team=tim-a&tick=${h2.tick}`, withKey);
    expect(r.status).toBe(200);
    const at = await r.json() as { snapshot: ViewSnapshot; hash: string };
    expect(at.snapshot.view.tick).toBe(h2.tick);
    expect(at.hash).toBe(h2.hashes['tim-a']);
    // Still playable after the reads: the clock goes on.
    expect((await request(fac, 'drill:clock', { code, action: 'resume' })).ok).toBe(true);
    await until(() => link.tick >= h2.tick + 2, 20_000, 'two more ticks');
  });
});
