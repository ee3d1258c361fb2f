// Drill lifecycle, the same seat after a reconnect, and drills listed and reopened from the store after a restart.
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { DrillState, ViewSnapshot } from '../../server/protocol/messages.ts';
import { connect, openDrill, request, startTestServer, TEST_KEY, waitFor } from '../helpers/server.ts';

const open: Socket[] = [];
afterAll(() => { for (const s of open) s.disconnect(); });

async function sock(url: string) {
  const s = await connect(url);
  open.push(s);
  return s;
}

describe('drill lifecycle', () => {
  it('goes lobby → running → paused → running → ended → archived, refusing moves that make no sense', async () => {
    const srv = await startTestServer();
    try {
      const fac = await sock(srv.url);
      const code = await openDrill(fac);
      const clock = (action: string, speed?: number) => request<{ status: string; tick: number }>(fac, 'drill:clock', { code, action, speed });

      const early = await clock('pause');
      expect(!early.ok && early.error.code).toBe('wrong_state');
      const archiveEarly = await clock('archive');
      expect(!archiveEarly.ok && archiveEarly.error.code).toBe('wrong_state');
      expect((await clock('speed', 10)).ok).toBe(true);
      const started = await clock('start');
      expect(started.ok && started.status).toBe('running');
      const twice = await clock('start');
      expect(!twice.ok && twice.error.code).toBe('wrong_state');
      await waitFor<DrillState>(fac, 'view:delta', (d: any) => d.tick >= 10);
      const paused = await clock('pause');
      if (!paused.ok) throw new Error(paused.error.message);
      const pausedAt = paused.tick;
      await new Promise((ok) => setTimeout(ok, 600));
      const still = await (await fetch(`${srv.url}/api/drills/${code}`)).json();
      expect(still.status).toBe('paused');
      expect(still.tick).toBeLessThanOrEqual(pausedAt + 1);
      expect((await clock('resume')).ok).toBe(true);
      const bad = await request(fac, 'drill:clock', { code, action: 'speed', speed: 1000 });
      expect(!bad.ok && bad.error.code).toBe('bad_request');
      expect(!bad.ok && bad.error.field).toBe('speed');
      expect((await clock('end')).ok).toBe(true);
      const resumeAfterEnd = await clock('resume');
      expect(!resumeAfterEnd.ok && resumeAfterEnd.error.code).toBe('wrong_state');
      expect((await clock('archive')).ok).toBe(true);

      const listed = await request<{ drills: { code: string; archived: boolean }[] }>(fac, 'drill:list', { key: TEST_KEY, includeArchived: true });
      expect(listed.ok && listed.drills.find((d) => d.code === code)?.archived).toBe(true);
      const hidden = await request<{ drills: { code: string }[] }>(fac, 'drill:list', { key: TEST_KEY });
      expect(hidden.ok && hidden.drills.some((d) => d.code === code)).toBe(false);
      const noKey = await request(fac, 'drill:list', { key: 'nope' });
      expect(!noKey.ok && noKey.error.code).toBe('bad_key');
    } finally {
      await srv.cleanup();
    }
  });

  it('gives the same seat back after a reconnect with the session token, and refuses strangers to an ended drill', async () => {
    const srv = await startTestServer();
    try {
      const fac = await sock(srv.url);
      const code = await openDrill(fac);
      await request(fac, 'drill:clock', { code, action: 'speed', speed: 5 });
      await request(fac, 'drill:clock', { code, action: 'start' });

      const p1 = await sock(srv.url);
      const j1 = await request<{ token: string; teamId: string; role: string }>(p1, 'drill:join', { code, name: 'Sari', teamId: 'tim-b', role: 'communications' });
      if (!j1.ok) throw new Error(j1.error.message);
      const w = await request<{ tick: number }>(p1, 'command:send', { clientId: 'sari-0000001', command: { type: 'warn', areas: ['pasir'], channel: 'radio', level: 'siaga' } });
      if (!w.ok) throw new Error(w.error.message);
      await waitFor(p1, 'view:delta', (d: any) => d.tick > w.tick); // the command has been applied
      p1.disconnect(); // phone goes to sleep

      const p2 = await sock(srv.url);
      // The token wins over whatever the form now says.
      const j2 = await request<{ token: string; teamId: string; role: string; name: string; snapshot: ViewSnapshot }>(p2, 'drill:join', { code, name: 'Someone', teamId: 'tim-a', role: 'commander', token: j1.token });
      if (!j2.ok) throw new Error(j2.error.message);
      expect([j2.teamId, j2.role, j2.name, j2.token]).toEqual(['tim-b', 'communications', 'Sari', j1.token]);
      expect(j2.snapshot.view.areas.find((a) => a.id === 'pasir')!.warned).toBe(true);
      // A retried command after the reconnect is applied once.
      const again = await request<{ duplicate: boolean }>(p2, 'command:send', { clientId: 'sari-0000001', command: { type: 'warn', areas: ['pasir'], channel: 'radio', level: 'siaga' } });
      expect(again.ok && again.duplicate).toBe(true);

      await request(fac, 'drill:clock', { code, action: 'end' });
      const late = await sock(srv.url);
      const lj = await request(late, 'drill:join', { code, name: 'Late', teamId: 'tim-a', role: 'commander' });
      expect(!lj.ok && lj.error.code).toBe('wrong_state');
      const unknown = await request(late, 'drill:join', { code: 'ZZZZZZ', name: 'X', teamId: 'tim-a' });
      expect(!unknown.ok && unknown.error.code).toBe('not_found');
    } finally {
      await srv.cleanup();
    }
  });

  it('lists drills after a restart and reopens one, with its log replayed', async () => {
    const first = await startTestServer();
    const dir = first.dataDir;
    const fac = await sock(first.url);
    const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'pariaman-rob', seed: 11 });
    if (!c.ok) throw new Error(c.error.message);
    const { code } = c;
    await request(fac, 'drill:watch', { code, token: c.token });
    const p = await sock(first.url);
    await request(p, 'drill:join', { code, name: 'Dedi', teamId: 'tim-c', role: 'commander' });
    await request(fac, 'drill:clock', { code, action: 'speed', speed: 20 });
    await request(fac, 'drill:clock', { code, action: 'start' });
    await request(p, 'command:send', { clientId: 'dedi-0000001', command: { type: 'warn', areas: ['karan-aur'], channel: 'siren', level: 'awas' } });
    await waitFor(fac, 'view:delta', (d: any) => d.tick >= 40);
    await request(fac, 'drill:clock', { code, action: 'pause' });
    const before = await (await fetch(`${first.url}/api/drills/${code}/hashes`, { headers: { 'x-gladi-key': TEST_KEY } })).json();
    fac.disconnect();
    p.disconnect();
    await first.close();

    const second = await startTestServer(dir);
    try {
      const f2 = await sock(second.url);
      const listed = await request<{ drills: { code: string; status: string }[] }>(f2, 'drill:list', { key: TEST_KEY });
      expect(listed.ok && listed.drills.find((d) => d.code === code)?.status).toBe('paused');
      const w = await request<{ state: DrillState }>(f2, 'drill:watch', { code, key: TEST_KEY });
      if (!w.ok) throw new Error(w.error.message);
      expect(w.state.tick).toBe(before.tick);
      const after = await (await fetch(`${second.url}/api/drills/${code}/hashes`, { headers: { 'x-gladi-key': TEST_KEY } })).json();
      expect(after.hashes).toEqual(before.hashes);
    } finally {
      await second.cleanup();
    }
  });
});
