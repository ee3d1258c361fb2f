// Frames over real sockets: a player who joins a running drill gets a snapshot, and every delta after it builds on
// the tick the player holds (baseTick), so applying them with the shared view-diff module never meets a gap; after
// a pause the view the player built equals a fresh snapshot (view:resync).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ViewDelta, ViewSnapshot } from '../../server/protocol/events.ts';
import { applyDelta, decodeBase64, type ApplyResult } from '../../server/protocol/view-diff.ts';
import { connect, openDrill, request, startTestServer, until } from '../helpers/server.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const sockets: Socket[] = [];
beforeAll(async () => { srv = await startTestServer(); });
afterAll(async () => { for (const s of sockets) s.disconnect(); await srv.cleanup(); });

describe('view frames', () => {
  it('chain from the join snapshot without a gap, and end where a fresh snapshot is', async () => {
    const fac = await connect(srv.url);
    sockets.push(fac);
    const code = await openDrill(fac, { seed: 12 });
    await request(fac, 'drill:clock', { code, action: 'speed', speed: 10 });
    await request(fac, 'drill:clock', { code, action: 'start' });
    const d = srv.registry.live(code)!; // hosted in a drill host thread: its tick is mirrored here
    await until(() => d.tick >= 5, 20_000, 'tick 5');

    // Joins mid-run; deltas that arrive before the ack are kept and applied in order after it.
    const p = await connect(srv.url);
    sockets.push(p);
    const early: ViewDelta[] = [];
    p.on('view:delta', (x: ViewDelta) => early.push(x));
    const j = await request<{ snapshot: ViewSnapshot }>(p, 'drill:join', { code, name: 'Rina', teamId: 'tim-a', role: 'commander' });
    if (!j.ok) throw new Error(j.error.message);
    const view = j.snapshot.view;
    const water = decodeBase64(view.water);
    const results: ApplyResult['status'][] = [];
    p.off('view:delta');
    for (const x of early) results.push(applyDelta(view, water, x).status);
    p.on('view:delta', (x: ViewDelta) => { results.push(applyDelta(view, water, x).status); });
    const from = view.tick;
    await until(() => view.tick >= from + 8, 20_000, '8 frames');
    await request(fac, 'drill:clock', { code, action: 'pause' });
    await new Promise((ok) => setTimeout(ok, 300));

    expect(results.filter((r) => r === 'applied').length).toBeGreaterThanOrEqual(8);
    expect(results).not.toContain('gap');
    // The view built from frames is the view the server would send now.
    const fresh = await request<{ snapshot: ViewSnapshot }>(p, 'view:resync', { code });
    if (!fresh.ok) throw new Error(fresh.error.message);
    expect(view.tick).toBe(fresh.snapshot.view.tick);
    expect([...water]).toEqual([...decodeBase64(fresh.snapshot.view.water)]);
    const { water: _a, ...mine } = view;
    const { water: _b, ...theirs } = fresh.snapshot.view;
    expect(mine).toEqual(theirs);
  });
});
