// Socket.IO side: every event validated against the protocol module, every action checked against the rights
// table, every answer an ack {ok:true,…} | {ok:false,error:{code,message}}. Nothing a client sends can crash it.
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { C2S, REQUEST_SCHEMAS, S2C, type Ack, type AckError, type ErrorCode, type ScenarioSummary } from '../protocol/messages.ts';
import { isTeamRole, may, type Role } from '../protocol/rights.ts';
import type { Seat } from '../store/store.ts';
import { hashToken, newToken, type DrillRegistry } from '../drill/drill-registry.ts';
import { TokenBucket } from './rate-limit.ts';

interface SocketData {
  code?: string;
  role?: Role;
  seat?: Seat;
}

type Handler<T> = (data: T, socket: Socket) => Ack;

export function fail(code: ErrorCode, message: string, field?: string): AckError {
  return { ok: false, error: field ? { code, message, field } : { code, message } };
}

function zodFail(err: z.ZodError): AckError {
  const issue = err.issues[0];
  const field = issue.path.join('.');
  return fail('bad_request', `${field || 'payload'}: ${issue.message}`, field || undefined);
}

export const teamRoom = (code: string, teamId: string) => `team:${code}:${teamId}`;
export const facilitatorRoom = (code: string) => `fac:${code}`;

export function scenarioSummaries(reg: DrillRegistry): ScenarioSummary[] {
  return [...reg.scenarios.values()].map(({ scenario: s }) => ({
    id: s.id, title: s.title, summary: s.summary, teams: s.teams,
    durationMinutes: (s.durationTicks * s.tickSeconds) / 60,
  }));
}

export function attachSockets(io: Server, reg: DrillRegistry, facilitatorKey: string): void {
  const keyOk = (key: string | undefined) => key !== undefined && key.length === facilitatorKey.length && key === facilitatorKey;

  const broadcastState = (code: string) => {
    const d = reg.get(code);
    if (!d) return;
    const state = d.state(reg.store.listSeats(code));
    io.to(facilitatorRoom(code)).emit(S2C.drillState, state);
    for (const t of d.scenario.teams) io.to(teamRoom(code, t.id)).emit(S2C.drillState, state);
  };

  const handlers: Record<string, Handler<any>> = {
    [C2S.scenarioList]: () => ({ ok: true, scenarios: scenarioSummaries(reg) }),

    [C2S.drillCreate]: (req: z.infer<typeof REQUEST_SCHEMAS['drill:create']>) => {
      if (!keyOk(req.key)) return fail('bad_key', 'key: the facilitator key is wrong (see the server console or data/facilitator-key.txt)', 'key');
      if (!reg.scenarios.has(req.scenarioId)) return fail('not_found', `scenarioId: no scenario "${req.scenarioId}"`, 'scenarioId');
      const { drill, token } = reg.create(req.scenarioId, req.seed);
      return { ok: true, code: drill.code, token };
    },

    [C2S.drillWatch]: (req: z.infer<typeof REQUEST_SCHEMAS['drill:watch']>, socket) => {
      const d = reg.get(req.code);
      if (!d) return fail('not_found', `code: no drill with join code ${req.code}`, 'code');
      const rec = reg.store.getDrill(req.code)!;
      const tokenOk = req.token !== undefined && hashToken(req.token) === rec.facilitatorTokenHash;
      if (!tokenOk && !keyOk(req.key)) return fail('bad_key', 'the facilitator token or key is wrong', req.key ? 'key' : 'token');
      leaveRooms(socket);
      const data = socket.data as SocketData;
      data.code = req.code;
      data.role = 'facilitator';
      data.seat = undefined;
      socket.join(facilitatorRoom(req.code));
      return { ok: true, state: d.state(reg.store.listSeats(req.code)), snapshots: d.scenario.teams.map((t) => d.snapshot(t.id)) };
    },

    [C2S.drillJoin]: (req: z.infer<typeof REQUEST_SCHEMAS['drill:join']>, socket) => {
      const d = reg.get(req.code);
      if (!d) return fail('not_found', `code: no drill with join code ${req.code}`, 'code');
      let seat: Seat | null = null;
      let token = req.token;
      if (token) seat = reg.store.findSeat(req.code, hashToken(token));
      if (!seat) {
        if (!d.scenario.teams.some((t) => t.id === req.teamId)) return fail('bad_request', `teamId: no team "${req.teamId}" in this drill`, 'teamId');
        if (d.status === 'ended') return fail('wrong_state', 'the drill has ended; open its debrief instead');
        token = newToken();
        seat = { code: req.code, tokenHash: hashToken(token), name: req.name, teamId: req.teamId, role: req.role };
        reg.store.putSeat(seat);
      }
      leaveRooms(socket);
      const data = socket.data as SocketData;
      data.code = req.code;
      data.role = seat.role as Role;
      data.seat = seat;
      d.setOnline(seat.tokenHash, 1);
      socket.join(teamRoom(req.code, seat.teamId));
      broadcastState(req.code);
      return { ok: true, token, teamId: seat.teamId, role: seat.role, name: seat.name, state: d.state(reg.store.listSeats(req.code)), snapshot: d.snapshot(seat.teamId) };
    },

    [C2S.drillClock]: (req: z.infer<typeof REQUEST_SCHEMAS['drill:clock']>, socket) => {
      const data = socket.data as SocketData;
      if (!data.role || data.code !== req.code) return fail('not_joined', 'open the drill first (drill:watch)');
      if (!may(data.role, 'clock')) return fail('forbidden', `role ${data.role} may not control the clock`);
      const d = reg.get(req.code);
      if (!d) return fail('not_found', `code: no drill with join code ${req.code}`, 'code');
      const r = d.clock(req.action, req.speed);
      if (!r.ok) return fail('wrong_state', r.message);
      broadcastState(req.code);
      return { ok: true, status: d.status, tick: d.tick, speed: d.speed };
    },

    [C2S.commandSend]: (req: z.infer<typeof REQUEST_SCHEMAS['command:send']>, socket) => {
      const data = socket.data as SocketData;
      if (!data.code || !data.role) return fail('not_joined', 'join a drill first (drill:join)');
      if (!isTeamRole(data.role) || !data.seat) return fail('forbidden', `role ${data.role} does not play in a team`);
      if (!may(data.role, req.command.type)) return fail('forbidden', `role ${data.role} may not issue "${req.command.type}"`);
      const d = reg.get(data.code);
      if (!d) return fail('not_found', 'the drill is gone');
      const r = d.submit(data.seat, req.clientId, req.command);
      if (!r.ok) return { ok: false, error: { code: r.code, message: r.message, ...(r.refusal ? { refusal: r.refusal } : {}) } };
      return { ok: true, tick: r.tick, duplicate: r.duplicate };
    },
  };

  function leaveRooms(socket: Socket) {
    const data = socket.data as SocketData;
    if (data.seat && data.code) reg.get(data.code)?.setOnline(data.seat.tokenHash, -1);
    for (const room of socket.rooms) if (room !== socket.id) socket.leave(room);
  }

  io.on('connection', (socket) => {
    const bucket = new TokenBucket();
    const data = socket.data as SocketData;
    if (socket.recovered && data.seat && data.code) reg.get(data.code)?.setOnline(data.seat.tokenHash, 1);

    socket.onAny((event: unknown, ...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (a: Ack) => void) : null;
      const reply = (a: Ack) => { if (ack) ack(a); };
      if (!bucket.take()) return reply(fail('rate_limited', `too many messages: at most ${10} per second`));
      if (typeof event !== 'string' || !Object.hasOwn(handlers, event)) return reply(fail('unknown_event', `unknown event "${String(event).slice(0, 40)}"`));
      if (!ack) return; // every client→server event needs an ack; without one there is nobody to answer
      const schema = REQUEST_SCHEMAS[event as keyof typeof REQUEST_SCHEMAS];
      const parsed = schema.safeParse(args.length === 0 ? {} : args[0]);
      if (!parsed.success) return reply(zodFail(parsed.error));
      try {
        reply(handlers[event](parsed.data, socket));
      } catch (e) {
        console.error(`[gladi] ${event} failed:`, e);
        reply(fail('internal', 'the server could not do this; nothing was changed'));
      }
    });

    socket.on('disconnect', () => {
      if (data.seat && data.code) {
        const code = data.code;
        reg.get(code)?.setOnline(data.seat.tokenHash, -1);
        broadcastState(code);
      }
    });
  });
}
