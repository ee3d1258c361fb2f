// The one rights gate over real sockets and HTTP: who may read the debrief (facilitator key or token, evaluator
// code, a player's seat token after the facilitator released it: own team or every team), who may release it,
// and who may still take a seat (join locked, team full after the start, late joins allowed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Debrief } from '../../server/protocol/messages.ts';
import { TEAM_SIZE } from '../../server/protocol/rights-gate.ts';
import { TEAM_ROLES } from '../../server/protocol/rights.ts';
import { connect, request, startTestServer, TEST_KEY, waitFor } from '../helpers/server.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const sockets: Socket[] = [];
beforeAll(async () => { srv = await startTestServer(); });
afterAll(async () => { for (const s of sockets) s.disconnect(); await srv.cleanup(); });
const open = async () => { const s = await connect(srv.url); sockets.push(s); return s; };
const debrief = (code: string, headers: Record<string, string> = {}) => fetch(`${srv.url}/api/drills/${code}/debrief`, { headers });

async function createDrill() {
  const fac = await open();
  const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'pariaman-rob', seed: 5 });
  if (!c.ok) throw new Error(c.error.message);
  const w = await request<{ evaluatorCode: string }>(fac, 'drill:watch', { code: c.code, token: c.token });
  if (!w.ok) throw new Error(w.error.message);
  return { fac, code: c.code, token: c.token, evaluatorCode: w.evaluatorCode };
}

async function join(code: string, teamId: string, role: string, name: string, token?: string) {
  const s = await open();
  const j = await request<{ token: string; teamId: string }>(s, 'drill:join', { code, name, teamId, role, ...(token ? { token } : {}) });
  return { s, j };
}

describe('the debrief behind the rights gate', () => {
  it('is for the facilitator and evaluators at any time, for players only after the end and the release', async () => {
    const { fac, code, token, evaluatorCode } = await createDrill();
    const a = await join(code, 'tim-a', 'commander', 'Rina');
    const b = await join(code, 'tim-b', 'commander', 'Budi');
    if (!a.j.ok || !b.j.ok) throw new Error('join failed');
    expect((await request(fac, 'drill:clock', { code, action: 'start' })).ok).toBe(true);

    // The join code alone no longer opens every team's debrief mid-drill.
    const anon = await debrief(code);
    expect(anon.status).toBe(403);
    expect((await anon.json()).error.reason).toBe('no_credentials');
    expect((await debrief(code, { 'x-gladi-key': 'wrong-key' })).status).toBe(403);
    // Facilitator (key or token) and evaluator: every team, mid-drill too.
    for (const h of [{ 'x-gladi-key': TEST_KEY }, { 'x-gladi-token': token }, { 'x-gladi-evaluator': evaluatorCode }] as Record<string, string>[]) {
      const r = await debrief(code, h);
      expect(r.status, JSON.stringify(h)).toBe(200);
      const d = (await r.json()) as Debrief;
      expect(d.teams.map((t) => t.id)).toEqual(['tim-a', 'tim-b', 'tim-c']);
      expect(d.scope).toBe('all');
    }
    // A fresh view after a gap (view:resync): a player's own team only; the facilitator any team.
    const own = await request<{ snapshot: { view: { teamId: string } } }>(a.s, 'view:resync', { code });
    expect(own.ok && own.snapshot.view.teamId).toBe('tim-a');
    expect(await request(a.s, 'view:resync', { code, teamId: 'tim-b' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const facView = await request<{ snapshot: { view: { teamId: string } } }>(fac, 'view:resync', { code, teamId: 'tim-c' });
    expect(facView.ok && facView.snapshot.view.teamId).toBe('tim-c');
    // A player mid-drill: not yet.
    const mid = await debrief(code, { 'x-gladi-token': a.j.token });
    expect(mid.status).toBe(403);
    expect((await mid.json()).error.reason).toBe('debrief_not_ended');

    // Only the facilitator may release: not a player, not an evaluator.
    expect(await request(a.s, 'drill:release', { code, scope: 'all' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const ev = await open();
    expect((await request(ev, 'drill:watch', { code, evaluatorCode })).ok).toBe(true);
    expect(await request(ev, 'drill:release', { code, scope: 'all' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const ended = waitFor(a.s, 'drill:ended');
    expect((await request(fac, 'drill:clock', { code, action: 'end' })).ok).toBe(true);
    await ended;
    const notReleased = await debrief(code, { 'x-gladi-token': a.j.token });
    expect(notReleased.status).toBe(403);
    expect((await notReleased.json()).error.reason).toBe('debrief_not_released');

    // Released to each player's own team: Rina sees Tim A only, with the notes about Tim A or everyone.
    expect(await request(fac, 'drill:release', { code, scope: 'own' })).toMatchObject({ ok: true, release: 'own' });
    expect((await request(fac, 'note:add', { code, text: 'Tim B terlambat', teamId: 'tim-b' })).ok).toBe(true);
    expect((await request(fac, 'note:add', { code, text: 'Semua tim: bagus' })).ok).toBe(true);
    const ownDebrief = (await (await debrief(code, { 'x-gladi-token': a.j.token })).json()) as Debrief;
    expect(ownDebrief.scope).toBe('own');
    expect(ownDebrief.teams.map((t) => t.id)).toEqual(['tim-a']);
    expect(ownDebrief.notes.map((n) => n.text)).toEqual(['Semua tim: bagus']);
    const ownB = (await (await debrief(code, { 'x-gladi-token': b.j.token })).json()) as Debrief;
    expect(ownB.teams.map((t) => t.id)).toEqual(['tim-b']);
    // The replay of another team's world follows the same gate.
    expect((await fetch(`${srv.url}/api/drills/${code}/replay?team=tim-b&tick=1`, { headers: { 'x-gladi-token': a.j.token } })).status).toBe(403);

    // Released to all: every team's scores and timelines.
    expect(await request(fac, 'drill:release', { code, scope: 'all' })).toMatchObject({ ok: true, release: 'all' });
    const all = (await (await debrief(code, { 'x-gladi-token': a.j.token })).json()) as Debrief;
    expect(all.teams.map((t) => t.id)).toEqual(['tim-a', 'tim-b', 'tim-c']);
    expect((await fetch(`${srv.url}/api/drills/${code}/replay?team=tim-b&tick=1`, { headers: { 'x-gladi-token': a.j.token } })).status).toBe(200);
    // The state says what was released (the control room shows it).
    const st = await (await fetch(`${srv.url}/api/drills/${code}`)).json();
    expect(st.release).toBe('all');
    // Withdrawn again.
    expect((await request(fac, 'drill:release', { code, scope: 'none' })).ok).toBe(true);
    expect((await debrief(code, { 'x-gladi-token': a.j.token })).status).toBe(403);
  });
});

describe('seats behind the rights gate', () => {
  it('follow the facilitator: joining locked, a full team after the start, late joins allowed', async () => {
    const { fac, code } = await createDrill();
    const first = await join(code, 'tim-a', 'commander', 'Rina');
    if (!first.j.ok) throw new Error('join failed');
    // Only the facilitator sets the rules.
    expect(await request(first.s, 'drill:policy', { code, joinLocked: true })).toMatchObject({ ok: false });
    expect(await request(fac, 'drill:policy', { code, joinLocked: true })).toMatchObject({ ok: true, joinLocked: true, lateJoin: false });
    const locked = await join(code, 'tim-a', 'logistics', 'Stranger');
    expect(locked.j).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'join_locked' } });
    // A player already seated comes back with their token.
    const back = await join(code, 'tim-a', 'commander', 'Rina', first.j.token);
    expect(back.j).toMatchObject({ ok: true, teamId: 'tim-a' });
    expect((await request(fac, 'drill:policy', { code, joinLocked: false })).ok).toBe(true);

    // Before the start anyone with the code joins; after it, a team takes new seats only up to one per role.
    for (const role of TEAM_ROLES.slice(1)) expect((await join(code, 'tim-a', role, `P-${role}`)).j.ok).toBe(true);
    expect((await request(fac, 'drill:clock', { code, action: 'start' })).ok).toBe(true);
    const full = await join(code, 'tim-a', 'commander', 'Eighth');
    expect(full.j).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'team_full' } });
    expect(!full.j.ok && full.j.error.message).toMatch(new RegExp(`${TEAM_SIZE} players`));
    // Another team still has room.
    expect((await join(code, 'tim-b', 'commander', 'Budi')).j.ok).toBe(true);
    // Late joins allowed by the facilitator.
    expect((await request(fac, 'drill:policy', { code, lateJoin: true })).ok).toBe(true);
    expect((await join(code, 'tim-a', 'health', 'Late')).j.ok).toBe(true);
  });
});
