// Joint mode: several agency teams act in one shared world, each within its own responsibilities.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/main.ts';
import type { FeedItem, ViewDelta, ViewSnapshot } from '../../server/protocol/messages.ts';
import { connect, request, TEST_KEY, until } from '../helpers/server.ts';

const root = mkdtempSync(join(tmpdir(), 'gladi-joint-'));
let srv: RunningServer;
const open: Socket[] = [];

beforeAll(async () => {
  // The built-in scenario with agency teams: BPBD warns and evacuates, Dinas Sosial runs shelters, PMI liaison tasks units.
  const dir = join(root, 'scenarios', 'pariaman-rob');
  cpSync(resolve(import.meta.dirname, '..', '..', 'scenarios', 'pariaman-rob'), dir, { recursive: true });
  const yaml = readFileSync(join(dir, 'scenario.yaml'), 'utf8').replace(/teams:\n(  - .*\n)+/, [
    'teams:',
    '  - { id: bpbd, name: BPBD, commands: [warn, evacuate, declare_status, activate_posko, submit_sitrep] }',
    '  - { id: dinsos, name: Dinas Sosial, commands: [open_shelter, close_shelter, resupply_shelter, evacuate] }',
    '  - { id: pmi, name: PMI, commands: [task_unit, hold_coordination_meeting] }',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'scenario.yaml'), yaml);
  srv = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(root, 'data'), scenariosDir: join(root, 'scenarios'), facilitatorKey: TEST_KEY, quiet: true });
});
afterAll(async () => {
  for (const s of open) s.disconnect();
  await srv.close();
  rmSync(root, { recursive: true, force: true });
});

describe('joint mode', () => {
  it('puts every team in one world and keeps each agency to its own work', async () => {
    const fac = await connect(srv.url);
    const bpbd = await connect(srv.url);
    const dinsos = await connect(srv.url);
    open.push(fac, bpbd, dinsos);
    const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'pariaman-rob', mode: 'joint', seed: 5 });
    if (!c.ok) throw new Error(c.error.message);
    const { code } = c;
    const w = await request<{ state: { mode: string } }>(fac, 'drill:watch', { code, token: c.token });
    expect(w.ok && w.state.mode).toBe('joint');
    await request(bpbd, 'drill:join', { code, name: 'Kalak', teamId: 'bpbd', role: 'commander' });
    const jd = await request<{ snapshot: ViewSnapshot }>(dinsos, 'drill:join', { code, name: 'Kadis', teamId: 'dinsos', role: 'commander' });
    if (!jd.ok) throw new Error(jd.error.message);
    const dinsosFeed: FeedItem[] = [];
    let dinsosView: ViewDelta | null = null;
    dinsos.on('feed:item', (i: FeedItem) => dinsosFeed.push(i));
    dinsos.on('view:delta', (d: ViewDelta) => { if (d.areas) dinsosView = d; });
    await request(fac, 'drill:clock', { code, action: 'speed', speed: 10 });
    await request(fac, 'drill:clock', { code, action: 'start' });

    // BPBD warns; Dinas Sosial is not responsible for warnings, even as its commander.
    const warn = await request(bpbd, 'command:send', { clientId: 'bpbd-warn-0001', command: { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'siaga' } });
    expect(warn.ok).toBe(true);
    const notMine = await request(dinsos, 'command:send', { clientId: 'dinsos-warn-01', command: { type: 'warn', areas: ['jati'], channel: 'sms', level: 'siaga' } });
    expect(!notMine.ok && notMine.error.code).toBe('forbidden');
    expect(!notMine.ok && notMine.error.message).toMatch(/not responsible/);

    // Dinas Sosial sees BPBD's warning in the shared world and in its feed.
    await until(() => (dinsosView as ViewDelta | null)?.areas?.find((a) => a.id === 'pasir')?.warned, 20_000, 'shared warning');
    expect(dinsosFeed.some((i) => i.kind === 'command' && i.teamId === 'bpbd' && i.by === 'Kalak')).toBe(true);

    await request(fac, 'drill:clock', { code, action: 'pause' });
    const h = await (await fetch(`${srv.url}/api/drills/${code}/hashes`, { headers: { 'x-gladi-key': TEST_KEY } })).json();
    expect(Object.keys(h.hashes)).toEqual(['joint']);
    const debrief = await (await fetch(`${srv.url}/api/drills/${code}/debrief`, { headers: { 'x-gladi-key': TEST_KEY } })).json();
    expect(debrief.mode).toBe('joint');
    const scores = new Set(debrief.teams.map((t: { score: number }) => t.score));
    expect(scores.size).toBe(1); // one world, one outcome shared by every agency
  });
});
