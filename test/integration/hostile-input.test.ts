// Hostile and broken input over real sockets: every bad message gets an error ack naming the problem, the server
// stays up, and nothing already accepted changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { connect, request, startTestServer, TEST_KEY } from '../helpers/server.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
let code = '';
let fac: Socket;
let player: Socket;
const open: Socket[] = [];
const hashes = async () => (await (await fetch(`${srv.url}/api/drills/${code}/hashes`, { headers: { 'x-gladi-key': TEST_KEY } })).json()).hashes;

beforeAll(async () => {
  srv = await startTestServer();
  fac = await connect(srv.url);
  player = await connect(srv.url);
  open.push(fac, player);
  const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'pariaman-rob' });
  if (!c.ok) throw new Error(c.error.message);
  code = c.code;
  await request(fac, 'drill:watch', { code, token: c.token });
  await request(player, 'drill:join', { code, name: 'Tester', teamId: 'tim-a', role: 'commander' });
  await request(fac, 'drill:clock', { code, action: 'start' });
  await request(fac, 'drill:clock', { code, action: 'pause' });
});
afterAll(async () => { for (const s of open) s.disconnect(); await srv.cleanup(); });

describe('hostile input', () => {
  it('answers wrong types, missing fields and unknown keys with the field named', async () => {
    const before = await hashes();
    const cases: [string, unknown, string][] = [
      ['command:send', { clientId: 'abcdefgh1', command: { type: 'warn', areas: 'kampung-pondok', channel: 'siren', level: 'siaga' } }, 'command.areas'],
      ['command:send', { clientId: 12345678, command: { type: 'warn', areas: ['jati'], channel: 'siren', level: 'siaga' } }, 'clientId'],
      ['command:send', { clientId: 'abcdefgh2', command: { type: 'warn', areas: ['jati'], channel: 'pigeon', level: 'siaga' } }, 'command.channel'],
      ['command:send', { clientId: 'abcdefgh3', command: { type: 'launch_missiles' } }, 'command.type'],
      ['command:send', { clientId: 'abcdefgh4', command: { type: 'evacuate', areas: ['jati'] } }, 'command.shelterId'],
      ['command:send', { clientId: 'abcdefgh5', command: { type: 'warn', areas: ['jati'], channel: 'siren', level: 'siaga', extra: 1 } }, 'command'],
      ['drill:join', { code: 'lowercase', name: 'X', teamId: 'tim-a' }, 'code'],
      ['drill:join', { code, name: '', teamId: 'tim-a' }, 'name'],
      ['drill:clock', { code, action: 'explode' }, 'action'],
    ];
    for (const [event, payload, field] of cases) {
      const r = await request(player, event, payload);
      expect(r.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_request');
        expect(r.error.message.startsWith(field) || r.error.field === field, `${r.error.message}`).toBe(true);
      }
    }
    for (const payload of [null, 42, 'text', [1, 2, 3], true]) {
      const r = await request(player, 'command:send', payload);
      expect(!r.ok && r.error.code).toBe('bad_request');
    }
    expect(await hashes()).toEqual(before);
  });

  it('rejects __proto__ and constructor keys without polluting anything', async () => {
    const raw = JSON.parse('{"clientId":"proto-000001","command":{"type":"warn","areas":["jati"],"channel":"siren","level":"siaga","__proto__":{"polluted":true}}}');
    const r = await request(player, 'command:send', raw);
    expect(!r.ok && r.error.code).toBe('bad_request');
    const r2 = await request(player, 'drill:join', JSON.parse(`{"code":"${code}","name":"X","teamId":"tim-a","constructor":{"prototype":{"polluted":true}}}`));
    expect(!r2.ok && r2.error.code).toBe('bad_request');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers unknown events and oversized payloads, and keeps the connection', async () => {
    const unknown = await request(player, 'admin:delete-everything', {});
    expect(!unknown.ok && unknown.error.code).toBe('unknown_event');
    const big = await request(player, 'command:send', { clientId: 'big-0000001', command: { type: 'warn', areas: ['jati'], channel: 'siren', level: 'siaga', message: 'x'.repeat(40_000) } });
    expect(!big.ok && big.error.code).toBe('too_large');
    const fine = await request(player, 'scenario:list', {});
    expect(fine.ok).toBe(true);
    expect(player.connected).toBe(true);
  });

  it('rate-limits a flood of messages with a clear error, then serves again', async () => {
    const s = await connect(srv.url);
    open.push(s);
    const answers = await Promise.all(Array.from({ length: 80 }, () => request(s, 'scenario:list', {})));
    const limited = answers.filter((a) => !a.ok && a.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(20);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(10);
    if (!limited[0].ok) expect(limited[0].error.message).toMatch(/per second/);
    await new Promise((ok) => setTimeout(ok, 1500));
    expect((await request(s, 'scenario:list', {})).ok).toBe(true);
  });

  it('ignores events sent without an ack and survives garbage', async () => {
    player.emit('command:send', { clientId: 'noack-000001', command: { type: 'warn', areas: ['jati'], channel: 'siren', level: 'siaga' } });
    player.emit('drill:clock', 'garbage');
    player.emit('nonsense');
    const r = await request(player, 'scenario:list', {});
    expect(r.ok).toBe(true);
    // The command without an ack was not applied or logged.
    const again = await request<{ duplicate: boolean }>(player, 'command:send', { clientId: 'noack-000001', command: { type: 'warn', areas: ['jati'], channel: 'siren', level: 'siaga' } });
    expect(again.ok && again.duplicate).toBe(false);
  });
});
