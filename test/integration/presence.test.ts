// Reconnect-storm machinery over real sockets: presence reaches the control room as coalesced deltas and players
// get no roster; large payloads come packed (deflated once) to clients that ask for them, and unpack to exactly
// what a plain client gets; joins go through the rate-shaped queue. (The storm itself: npm run load -- --storm 600.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { DrillPresence, DrillState, ViewSnapshot } from '../../server/protocol/messages.ts';
import { PACKED_AUTH, unpackAck } from '../../server/protocol/packed.ts';
import { connect, openDrill, request, startTestServer, TEST_KEY, until } from '../helpers/server.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const open: Socket[] = [];
beforeAll(async () => { srv = await startTestServer(); });
afterAll(async () => { for (const s of open) s.disconnect(); await srv.cleanup(); });

async function connectPacked(url: string): Promise<Socket> {
  const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { [PACKED_AUTH]: 1 } });
  await new Promise<void>((ok, fail) => { s.once('connect', () => ok()); s.once('connect_error', fail); });
  return s;
}

describe('presence and packed payloads', () => {
  it('tells the control room who is online in a few coalesced messages, and players nothing of the roster', async () => {
    const fac = await connect(srv.url);
    open.push(fac);
    const code = await openDrill(fac);
    const presence: DrillPresence[] = [];
    fac.on('drill:presence', (p: DrillPresence) => presence.push(p));
    const players: Socket[] = [];
    const statesToPlayers: DrillState[] = [];
    const joins = await Promise.all(Array.from({ length: 12 }, async (_, n) => {
      const s = await connect(srv.url);
      open.push(s);
      players.push(s);
      s.on('drill:state', (st: DrillState) => statesToPlayers.push(st));
      return request<{ state: DrillState }>(s, 'drill:join', { code, name: `Pemain ${n}`, teamId: n % 2 ? 'tim-a' : 'tim-b', role: 'commander' });
    }));
    for (const j of joins) {
      expect(j.ok).toBe(true);
      if (j.ok) expect(j.state.teams.every((t) => t.players.length === 0)).toBe(true);
    }
    const online = () => {
      const m = new Map<string, boolean>();
      for (const p of presence) for (const t of p.teams) for (const pl of t.players) m.set(pl.name, pl.online);
      return m;
    };
    await until(() => [...online().values()].filter(Boolean).length === 12, 5000, 'all 12 online in the control room');
    // Twelve joins within a moment: a handful of presence messages, not one per join (and none to players).
    expect(presence.length).toBeLessThan(6);
    expect(statesToPlayers).toHaveLength(0);
    players[0].disconnect();
    await until(() => online().get('Pemain 0') === false, 5000, 'the dropped player shown offline');
    // The clock's state goes to players too, without the roster.
    await request(fac, 'drill:clock', { code, action: 'start' });
    await until(() => statesToPlayers.length > 0, 5000, 'drill:state to players');
    expect(statesToPlayers.every((st) => st.status === 'running' && st.teams.every((t) => t.players.length === 0))).toBe(true);
  });

  it('sends a packed snapshot that unpacks to exactly the plain one', async () => {
    const fac = await connect(srv.url);
    open.push(fac);
    const code = await openDrill(fac);
    const plain = await connect(srv.url);
    const packed = await connectPacked(srv.url);
    open.push(plain, packed);
    const a = await request<{ snapshot: ViewSnapshot }>(plain, 'drill:join', { code, name: 'Rina', teamId: 'tim-a', role: 'shelter' });
    const raw = await packed.timeout(5000).emitWithAck('drill:join', { code, name: 'Budi', teamId: 'tim-a', role: 'shelter' }) as Record<string, unknown>;
    expect(raw.ok).toBe(true);
    expect(raw.snapshot).toBeUndefined();
    expect(raw.packed).toBeInstanceOf(Uint8Array);
    const b = unpackAck(raw) as { snapshot: ViewSnapshot };
    expect(a.ok && b.snapshot).toEqual(a.ok && a.snapshot);
    // Deflated: much smaller than its JSON.
    expect((raw.packed as Uint8Array).byteLength).toBeLessThan(JSON.stringify(b.snapshot).length / 2);
    const m = await (await fetch(`${srv.url}/api/metrics`, { headers: { 'x-gladi-key': TEST_KEY } })).json() as Record<string, number>;
    expect(m.joinsServed).toBeGreaterThanOrEqual(2);
    expect(m.joinQueue).toBe(0);
    expect(m.snapshotHits).toBeGreaterThanOrEqual(1);
  });
});
