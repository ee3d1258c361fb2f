// A facilitator and two teams play a short drill to the end over real sockets, then read the debrief.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Debrief, DrillState, ViewDelta, ViewSnapshot } from '../../server/protocol/messages.ts';
import { connect, request, startTestServer, TEST_KEY, waitFor } from '../helpers/server.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const sockets: Socket[] = [];

beforeAll(async () => { srv = await startTestServer(); });
afterAll(async () => { for (const s of sockets) s.disconnect(); await srv.cleanup(); });

describe('a whole drill over Socket.IO', () => {
  it('is created, joined by two teams, played and debriefed', async () => {
    const fac = await connect(srv.url);
    const a = await connect(srv.url);
    const b = await connect(srv.url);
    sockets.push(fac, a, b);

    const list = await request<{ scenarios: { id: string }[] }>(fac, 'scenario:list', {});
    expect(list.ok && list.scenarios.map((s) => s.id)).toContain('pariaman-rob');

    const bad = await request(fac, 'drill:create', { key: 'wrong', scenarioId: 'pariaman-rob' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('bad_key');

    const created = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'pariaman-rob', seed: 7 });
    if (!created.ok) throw new Error(created.error.message);
    const code = created.code;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    const watch = await request<{ state: DrillState; snapshots: ViewSnapshot[] }>(fac, 'drill:watch', { code, token: created.token });
    if (!watch.ok) throw new Error(watch.error.message);
    expect(watch.snapshots).toHaveLength(3);

    const ja = await request<{ token: string; teamId: string; snapshot: ViewSnapshot }>(a, 'drill:join', { code, name: 'Rina', teamId: 'tim-a', role: 'commander' });
    const jb = await request<{ token: string; teamId: string }>(b, 'drill:join', { code, name: 'Budi', teamId: 'tim-b', role: 'commander' });
    if (!ja.ok || !jb.ok) throw new Error('join failed');
    expect(ja.snapshot.map.width).toBe(120);
    expect(ja.snapshot.view.areas.map((x) => x.id)).toContain('kampung-pondok');

    // A player may not touch the clock.
    const sneaky = await request(a, 'drill:clock', { code, action: 'start' });
    expect(!sneaky.ok && sneaky.error.code).toBe('forbidden');

    expect((await request(fac, 'drill:clock', { code, action: 'speed', speed: 20 })).ok).toBe(true);
    expect((await request(fac, 'drill:clock', { code, action: 'start' })).ok).toBe(true);

    // Team A warns and evacuates at once; team B does nothing.
    const warn = await request<{ tick: number }>(a, 'command:send', {
      clientId: 'cmd-a-0001', command: { type: 'warn', areas: ['kampung-pondok', 'karan-aur', 'pasir'], channel: 'siren', level: 'siaga' },
    });
    expect(warn.ok).toBe(true);
    const evac = await request(a, 'command:send', { clientId: 'cmd-a-0002', command: { type: 'evacuate', areas: ['kampung-pondok', 'pasir'], shelterId: 'sdn-05' } });
    expect(evac.ok).toBe(true);
    const evac2 = await request(a, 'command:send', { clientId: 'cmd-a-0003', command: { type: 'evacuate', areas: ['karan-aur'], shelterId: 'masjid-raya' } });
    expect(evac2.ok).toBe(true);
    // A retry of the same command is acknowledged but applied once.
    const retry = await request<{ duplicate: boolean }>(a, 'command:send', { clientId: 'cmd-a-0002', command: { type: 'evacuate', areas: ['kampung-pondok', 'pasir'], shelterId: 'sdn-05' } });
    expect(retry.ok && retry.duplicate).toBe(true);
    // The engine's refusal comes back in the ack.
    const refused = await request(b, 'command:send', { clientId: 'cmd-b-0001', command: { type: 'evacuate', areas: ['atlantis'], shelterId: 'sdn-05' } });
    expect(!refused.ok && refused.error.code).toBe('refused');

    // Deltas flow to each team while the clock runs.
    const delta = await waitFor<ViewDelta>(a, 'view:delta', (d) => d.tick >= 30);
    expect(delta.teamId).toBe('tim-a');
    await waitFor<ViewDelta>(fac, 'view:delta', (d) => d.teamId === 'tim-b' && d.tick >= 150, 30_000);

    const ended = waitFor(b, 'drill:ended');
    expect((await request(fac, 'drill:clock', { code, action: 'end' })).ok).toBe(true);
    await ended;

    const res = await fetch(`${srv.url}/api/drills/${code}/debrief`, { headers: { 'x-gladi-key': TEST_KEY } });
    expect(res.status).toBe(200);
    const debrief = (await res.json()) as Debrief;
    expect(debrief.status).toBe('ended');
    const ta = debrief.teams.find((t) => t.id === 'tim-a')!;
    const tb = debrief.teams.find((t) => t.id === 'tim-b')!;
    expect(ta.firstWarningMinute).not.toBeNull();
    expect(tb.firstWarningMinute).toBeNull();
    // Warning early and evacuating keeps more people safe and scores higher than doing nothing.
    const safe = (t: typeof ta) => t.metrics.find((m) => m.id === 'residentsSafe')!.value ?? 0;
    expect(safe(ta)).toBeGreaterThan(safe(tb));
    expect(ta.score).toBeGreaterThan(tb.score);
    expect(ta.series.length).toBeGreaterThan(10);
    expect(ta.timeline.some((i) => i.kind === 'inject')).toBe(true);
  });
});
