// The rights table over real sockets: every team role × every command, plus what no player may do at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { COMMAND_TYPES, type Command, type CommandType } from '../../server/sim/index.ts';
import { may, ROLES, TEAM_ROLES } from '../../server/protocol/rights.ts';
import type { ViewDelta } from '../../server/protocol/messages.ts';
import { connect, request, startTestServer, TEST_KEY } from '../helpers/server.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
let code = '';
let fac: Socket;
const open: Socket[] = [];

/** A valid example of every command type, so only the rights decide the answer. */
const EXAMPLES: Record<CommandType, Command> = {
  warn: { type: 'warn', areas: ['jati'], channel: 'sms', level: 'waspada' },
  evacuate: { type: 'evacuate', areas: ['jati'], shelterId: 'masjid-raya' },
  task_unit: { type: 'task_unit', unitId: 'pmi-perahu-1', area: 'karan-aur', queue: true },
  declare_status: { type: 'declare_status', status: 'siaga_darurat' },
  activate_posko: { type: 'activate_posko' },
  open_shelter: { type: 'open_shelter', shelterId: 'sdn-05' },
  close_shelter: { type: 'close_shelter', shelterId: 'sdn-05' },
  resupply_shelter: { type: 'resupply_shelter', shelterId: 'masjid-raya' },
  close_road: { type: 'close_road', x: 40, y: 30 },
  publish_clarification: { type: 'publish_clarification', postId: 'no-such-post' },
  answer_complaint: { type: 'answer_complaint', complaintId: 'no-such-complaint' },
  request_support: { type: 'request_support', from: 'province' },
  hold_coordination_meeting: { type: 'hold_coordination_meeting' },
  submit_sitrep: { type: 'submit_sitrep', sheltered: 0, stranded: 0, casualties: 0 },
  // Pariaman has no health facility: the engine refuses it for a reason of the world, never for rights.
  evacuate_facility: { type: 'evacuate_facility', facilityId: 'no-such-facility', to: 'masjid-raya' },
} as Record<CommandType, Command>;

beforeAll(async () => {
  srv = await startTestServer();
  fac = await connect(srv.url);
  open.push(fac);
  const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'pariaman-rob' });
  if (!c.ok) throw new Error(c.error.message);
  code = c.code;
  await request(fac, 'drill:watch', { code, token: c.token });
  await request(fac, 'drill:clock', { code, action: 'start' });
  await request(fac, 'drill:clock', { code, action: 'pause' });
  // Every role of tim-a joins after the start, and one more player: beyond one seat per role (rights-gate.ts).
  await request(fac, 'drill:policy', { code, lateJoin: true });
});
afterAll(async () => { for (const s of open) s.disconnect(); await srv.cleanup(); });

describe('rights table', () => {
  it('covers every role and every command with an explicit answer', () => {
    for (const role of ROLES) for (const type of COMMAND_TYPES) expect(typeof may(role, type)).toBe('boolean');
    // Every command can be issued by someone in a team, and the commander may issue everything.
    for (const type of COMMAND_TYPES) {
      expect(TEAM_ROLES.some((r) => may(r, type))).toBe(true);
      expect(may('commander', type)).toBe(true);
      expect(may('facilitator', type)).toBe(false);
      expect(may('evaluator', type)).toBe(false);
    }
  });

  for (const role of TEAM_ROLES) {
    it(`is enforced for ${role}`, async () => {
      const s = await connect(srv.url);
      open.push(s);
      const j = await request(s, 'drill:join', { code, name: `P-${role}`, teamId: 'tim-a', role });
      if (!j.ok) console.log("H3DBG", JSON.stringify(j));
      expect(j.ok).toBe(true);
      for (const type of COMMAND_TYPES) {
        const ex = EXAMPLES[type];
        if (!ex) throw new Error(`no example for command ${type}: add one to this test`);
        const r = await request(s, 'command:send', { clientId: `${role}-${type}-${Date.now()}`, command: ex });
        if (may(role, type)) {
          // Allowed: accepted, or refused by the engine for a reason of the world — never "forbidden".
          if (!r.ok) expect(r.error.code).not.toBe('forbidden');
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.code).toBe('forbidden');
        }
      }
      for (const [event, payload] of [
        ['drill:clock', { code, action: 'resume' }],
        ['inject:control', { code, action: { op: 'fire', no: 1 } }],
        ['note:add', { code, text: 'I rate myself P', rating: 'P' }],
      ] as const) {
        const r = await request(s, event, payload);
        expect(r.ok, `${role} ${event}`).toBe(false);
        if (!r.ok) expect(['forbidden', 'not_joined']).toContain(r.error.code);
      }
      s.disconnect();
    });
  }

  it('keeps a player in their own team and world', async () => {
    const a = await connect(srv.url);
    open.push(a);
    const j = await request<{ teamId: string }>(a, 'drill:join', { code, name: 'Ani', teamId: 'tim-a', role: 'commander' });
    expect(j.ok && j.teamId).toBe('tim-a');
    // There is no field to act for another team: an extra teamId is rejected, not obeyed.
    const r = await request(a, 'command:send', { clientId: 'cross-team-0001', teamId: 'tim-b', command: EXAMPLES.warn });
    expect(!r.ok && r.error.code).toBe('bad_request');
    // Watching all worlds needs the facilitator key or the evaluator code.
    const w = await request(a, 'drill:watch', { code, token: 'x'.repeat(32) });
    expect(!w.ok && w.error.code).toBe('bad_key');
    // Frames for other teams never reach this socket.
    const seen = new Set<string>();
    a.on('view:delta', (d: ViewDelta) => seen.add(d.teamId));
    await request(fac, 'drill:clock', { code, action: 'resume' });
    await new Promise((ok) => setTimeout(ok, 2500));
    await request(fac, 'drill:clock', { code, action: 'pause' });
    expect([...seen]).toEqual(['tim-a']);
  });

  it('lets an evaluator watch and take notes but not run the drill', async () => {
    const f2 = await connect(srv.url);
    open.push(f2);
    const w = await request<{ evaluatorCode: string }>(f2, 'drill:watch', { code, key: TEST_KEY });
    if (!w.ok) throw new Error(w.error.message);
    const ev = await connect(srv.url);
    open.push(ev);
    const we = await request<{ role: string; snapshots: unknown[] }>(ev, 'drill:watch', { code, evaluatorCode: w.evaluatorCode, name: 'Evaluator BNPB' });
    expect(we.ok && we.role).toBe('evaluator');
    expect(we.ok && we.snapshots.length).toBe(3);
    expect((await request(ev, 'note:add', { code, text: 'Tim A memperingatkan cepat', teamId: 'tim-a', rating: 'S' })).ok).toBe(true);
    const clock = await request(ev, 'drill:clock', { code, action: 'resume' });
    expect(!clock.ok && clock.error.code).toBe('forbidden');
    const inj = await request(ev, 'inject:control', { code, action: { op: 'skip', no: 2 } });
    expect(!inj.ok && inj.error.code).toBe('forbidden');
    const cmd = await request(ev, 'command:send', { clientId: 'evaluator-0001', command: EXAMPLES.warn });
    expect(!cmd.ok && cmd.error.code).toBe('forbidden');
    const debrief = await (await fetch(`${srv.url}/api/drills/${code}/debrief`, { headers: { 'x-gladi-key': TEST_KEY } })).json();
    expect(debrief.notes.map((n: { text: string }) => n.text)).toContain('Tim A memperingatkan cepat');
  });
});
