// Socket.IO side: every event validated against the protocol module, every action checked against the rights
// table, every answer an ack {ok:true,…} | {ok:false,error:{code,message}}. Nothing a client sends can crash it.
// A drill is reached only through its DrillLink (server/drill/drill-link.ts): what every message reads (status,
// tick, rights) synchronously, everything that touches the worlds (commands, clock, snapshots) as an awaited
// request, since the drill may run in a drill host worker thread. A request that throws or rejects is answered
// `internal`, never a crash.
import { z } from 'zod';
import { C2S, MAX_MESSAGE_BYTES, REQUEST_SCHEMAS, S2C, type Ack, type AckError, type ErrorCode, type ScenarioSummary } from '../protocol/messages.ts';
import type { Role, TeamRole } from '../protocol/rights.ts';
import { mayAct, mayReadTeam, mayTakeSeat, type Principal, type Verdict } from '../protocol/rights-gate.ts';
import { principalOf } from '../drill/principal.ts';
import type { AckOf, S2CEvent, Wire } from '../protocol/event-maps.ts';
import type { Seat } from '../store/store.ts';
import { hashToken, newToken, TickStats, type DrillRegistry } from '../drill/drill-registry.ts';
import type { DrillLink } from '../drill/drill-link.ts';
import { adhocMselRow } from '../drill/drill-injects.ts';
import type { DrillOutput } from '../drill/drill-output.ts';
import type { Broadcaster, GladiServer, GladiSocket } from './broadcast.ts';
import { JoinQueue } from './join-queue.ts';
import { Presence } from './presence.ts';
import { RATE_PER_SECOND, TokenBucket } from './rate-limit.ts';
import { SnapshotCache } from './snapshot-cache.ts';

interface SocketData {
  code?: string;
  role?: Role;
  seat?: Seat;
  /** Facilitator or evaluator display name, for notes. */
  name?: string;
}

type Sock = GladiSocket<SocketData>;

type Req<E extends keyof typeof REQUEST_SCHEMAS> = z.infer<(typeof REQUEST_SCHEMAS)[E]>;
/** Each handler answers with its event's ack type (server/protocol/event-maps.ts); big fields may travel packed. */
type Handler<E extends keyof typeof REQUEST_SCHEMAS> = (data: Req<E>, socket: Sock) => Wire<AckOf<E>> | Promise<Wire<AckOf<E>>>;

export function fail(code: ErrorCode, message: string, field?: string): AckError {
  return { ok: false, error: field ? { code, message, field } : { code, message } };
}

/** A refusal of the rights gate, with its reason for the client's words. */
function gateFail(v: Extract<Verdict, { ok: false }>): AckError {
  return { ok: false, error: { code: v.code, message: v.message, reason: v.reason } };
}

function zodFail(err: z.ZodError): AckError {
  const issue = err.issues[0];
  const field = issue.path.join('.');
  return fail('bad_request', `${field || 'payload'}: ${issue.message}`, field || undefined);
}

export const teamRoom = (code: string, teamId: string) => `team:${code}:${teamId}`;
export const roleRoom = (code: string, teamId: string, role: string) => `role:${code}:${teamId}:${role}`;
export const facilitatorRoom = (code: string) => `fac:${code}`;

export function scenarioSummaries(reg: DrillRegistry): ScenarioSummary[] {
  return [...reg.scenarios.values()].map(({ scenario: s }) => ({
    id: s.id, title: s.title, summary: s.summary, teams: s.teams.map((t) => ({ id: t.id, name: t.name })),
    durationMinutes: (s.durationTicks * s.tickSeconds) / 60,
  }));
}

/** Byte length of a payload as JSON, without trusting it to be serialisable. */
function payloadBytes(p: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(p) ?? '');
  } catch {
    return Infinity;
  }
}

/** DrillOutput names events as strings (the drill sends only S2C events): the protocol's names from here on. */
const s2c = (event: string) => event as S2CEvent;

/** Where a drill's frames go: Socket.IO rooms, each message encoded once per room (server/http/broadcast.ts).
 *  Every message to a drill also retires its cached snapshots (they must not miss a frame or feed item). A hosted
 *  drill's messages come through here too, in the order the host sent them (snapshot-cache.ts relies on it). */
export function socketOutput(out: Broadcaster, snapshots: SnapshotCache): DrillOutput {
  return {
    toTeam: (code, teamId, event, payload) => { snapshots.touch(code); out.emit(teamRoom(code, teamId), s2c(event), payload as never); },
    toRole: (code, teamId, role, event, payload) => { snapshots.touch(code); out.emit(roleRoom(code, teamId, role), s2c(event), payload as never); },
    toFacilitators: (code, event, payload) => { out.emit(facilitatorRoom(code), s2c(event), payload as never); },
  };
}

/** What the socket side keeps besides the rooms, for /api/metrics and shutdown. */
export interface SocketSide {
  presence: Presence;
  joins: JoinQueue;
  /** Milliseconds from a command:send arriving to its ack being handed to Socket.IO (the server's share of an ack). */
  commandAcks: TickStats;
  close(): void;
}

/** The drill state without the roster: what players get (their page shows no player list). */
const leanState = (d: DrillLink) => d.state([]);

const INTERNAL = 'the server could not do this; nothing was changed';

export function attachSockets(io: GladiServer, reg: DrillRegistry, facilitatorKey: string, out: Broadcaster, snapshots: SnapshotCache): SocketSide {
  const keyOk = (key: string | undefined) => key !== undefined && key === facilitatorKey;
  const presence = new Presence(reg, out, facilitatorRoom);
  const commandAcks = new TickStats();
  const joins = new JoinQueue();

  /** Status, tick, speed (clock changes): the control room with its roster, players without it. */
  const broadcastState = (code: string) => {
    const d = reg.live(code);
    if (!d) return;
    out.emit(facilitatorRoom(code), S2C.drillState, d.state(reg.store.listSeats(code)));
    out.emit(d.scenario.teams.map((t) => teamRoom(code, t.id)), S2C.drillState, leanState(d));
  };

  function leaveRooms(socket: Sock) {
    const data = socket.data;
    if (data.seat && data.code) {
      reg.live(data.code)?.setOnline(data.seat.tokenHash, -1);
      presence.changed(data.code, data.seat.teamId);
    }
    for (const room of socket.rooms) if (room !== socket.id) socket.leave(room);
    data.code = undefined;
    data.role = undefined;
    data.seat = undefined;
  }

  /** Who this socket is, for the rights gate (server/protocol/rights-gate.ts). */
  function principal(data: SocketData): Principal {
    if (data.seat) return { role: 'player', teamId: data.seat.teamId, seatRole: data.seat.role as never, name: data.seat.name, tokenHash: data.seat.tokenHash };
    return data.role === 'facilitator' || data.role === 'evaluator' ? { role: data.role } : { role: 'public' };
  }

  /** The drill this socket has opened, when the rights gate lets it do `action` there. */
  function authorised(socket: Sock, code: string, action: Parameters<typeof mayAct>[1]) {
    const data = socket.data;
    if (!data.role || data.code !== code) return { error: fail('not_joined', `open drill ${code} first (drill:watch)`) };
    const link = reg.live(code);
    if (!link) return { error: fail('not_found', `code: no drill with join code ${code}`, 'code') };
    const v = mayAct(principal(data), action, link.gate);
    if (!v.ok) return { error: gateFail(v) };
    return { link, data };
  }

  /**
   * A player takes (or takes back) a seat. The seat, the rooms and the online flag are settled at once, before the
   * snapshot is asked for: every frame sent after the request reaches this socket through its rooms, and the
   * snapshot's tick is at least that of every frame sent before it (snapshot-cache.ts), so the deltas that follow
   * the answer build on the snapshot. Frames that arrive before the answer are older than it: the page, holding no
   * view yet or the one it is about to replace, ignores them as stale; a delta that ever built on a tick the client
   * does not hold would be seen as a gap and answered by view:resync (server/protocol/view-diff.ts).
   */
  async function join(d: DrillLink, req: Req<typeof C2S.drillJoin>, socket: Sock): Promise<Wire<AckOf<typeof C2S.drillJoin>>> {
    let seat: Seat | null = null;
    let token = req.token;
    if (token) seat = reg.store.findSeat(req.code, hashToken(token));
    if (!seat) {
      if (!d.scenario.teams.some((t) => t.id === req.teamId)) return fail('bad_request', `teamId: no team "${req.teamId}" in this drill`, 'teamId');
      const v = mayTakeSeat(d.gate, reg.store.listSeats(req.code).filter((x) => x.teamId === req.teamId).length);
      if (!v.ok) return gateFail(v);
      token = newToken();
      seat = { code: req.code, tokenHash: hashToken(token), name: req.name, teamId: req.teamId, role: req.role };
      reg.store.putSeat(seat);
    }
    leaveRooms(socket);
    const data = socket.data;
    data.code = req.code;
    data.role = seat.role as Role;
    data.seat = seat;
    d.setOnline(seat.tokenHash, 1);
    out.join(socket, teamRoom(req.code, seat.teamId));
    out.join(socket, roleRoom(req.code, seat.teamId, seat.role));
    presence.changed(req.code, seat.teamId);
    let snap;
    try {
      snap = await snapshots.get(d, seat.teamId, seat.role);
    } catch (err) {
      // No view to give: the socket leaves the rooms it would otherwise get frames in without a base.
      if (data.seat === seat) leaveRooms(socket);
      throw err;
    }
    // token: the one sent (a known seat) or the one just made; role: a team role (the schema admits only those).
    return out.ack(socket, { ok: true as const, token: token!, teamId: seat.teamId, role: seat.role as TeamRole, name: seat.name, state: leanState(d) },
      { snapshot: snap.snapshot }, () => snap.pack());
  }

  const handlers: { [E in keyof typeof REQUEST_SCHEMAS]: Handler<E> } = {
    [C2S.scenarioList]: () => ({ ok: true, scenarios: scenarioSummaries(reg) }),

    [C2S.drillCreate]: (req) => {
      if (!keyOk(req.key)) return fail('bad_key', 'key: the facilitator key is wrong (see the server console or data/facilitator-key.txt)', 'key');
      if (!reg.scenarios.has(req.scenarioId)) return fail('not_found', `scenarioId: no scenario "${req.scenarioId}"`, 'scenarioId');
      const { link, token } = reg.createLive(req.scenarioId, { seed: req.seed, mode: req.mode });
      return { ok: true, code: link.code, token };
    },

    [C2S.drillList]: (req) => {
      if (!keyOk(req.key)) return fail('bad_key', 'key: the facilitator key is wrong', 'key');
      const drills = reg.store.listDrills().filter((r) => req.includeArchived || !r.archived)
        .map((r) => ({ code: r.code, scenarioId: r.scenarioId, mode: r.mode, status: r.status, tick: r.tick, createdAt: r.createdAt, archived: r.archived }));
      return { ok: true, drills };
    },

    [C2S.drillWatch]: async (req, socket) => {
      const d = reg.live(req.code);
      if (!d) return fail('not_found', `code: no drill with join code ${req.code}`, 'code');
      const rec = reg.store.getDrill(req.code)!;
      const who = principalOf(reg.store, facilitatorKey, req.code, { key: req.key, token: req.token, evaluatorCode: req.evaluatorCode });
      const role: Role | null = who.role === 'facilitator' || who.role === 'evaluator' ? who.role : null;
      if (!role) return fail('bad_key', 'the facilitator key, token or evaluator code is wrong', req.evaluatorCode ? 'evaluatorCode' : req.key ? 'key' : 'token');
      leaveRooms(socket);
      const data = socket.data;
      data.code = req.code;
      data.role = role;
      data.name = req.name ?? (role === 'facilitator' ? 'Fasilitator' : 'Evaluator');
      // The room first, then the snapshots: the same order as a player's join (join() above says why).
      out.join(socket, facilitatorRoom(req.code));
      let set, msel;
      try {
        [set, msel] = await Promise.all([snapshots.all(d, d.scenario.teams.map((t) => t.id)), d.msel()]);
      } catch (err) {
        // Nothing to show: the socket leaves the room rather than get frames without a base.
        if (data.code === req.code && data.role === role) leaveRooms(socket);
        throw err;
      }
      const small = {
        ok: true as const, role, state: d.state(reg.store.listSeats(req.code)), msel, notes: [...d.notes],
        ...(role === 'facilitator' ? { evaluatorCode: rec.evaluatorCode } : {}),
      };
      return out.ack(socket, small, { snapshots: set.snapshots }, () => set.pack());
    },

    // Rate-shaped: the join waits in the drill's queue (join-queue.ts) and is answered when served.
    [C2S.drillJoin]: (req, socket) => {
      const d = reg.live(req.code);
      if (!d) return fail('not_found', `code: no drill with join code ${req.code}`, 'code');
      return new Promise<Wire<AckOf<typeof C2S.drillJoin>>>((answer) => {
        joins.push(req.code, {
          alive: () => socket.connected,
          run: () => join(d, req, socket).then(answer, (err) => {
            console.error('[gladi] drill:join failed:', err);
            answer(fail('internal', INTERNAL));
          }),
        });
      });
    },
    [C2S.drillClock]: async (req, socket) => {
      const a = authorised(socket, req.code, 'clock');
      if (a.error) return a.error;
      const r = await a.link.clock(req.action, req.speed);
      if (!r.ok) return fail('wrong_state', r.message);
      // The link's mirrored fields already show the change (drill-link.ts).
      broadcastState(req.code);
      return { ok: true, status: r.status, tick: r.tick, speed: r.speed };
    },

    [C2S.injectControl]: async (req, socket) => {
      const a = authorised(socket, req.code, 'inject_control');
      if (a.error) return a.error;
      const op = req.action.op === 'adhoc'
        ? { op: 'adhoc' as const, teamId: req.teamId, row: adhocMselRow(req.action.row) }
        : { ...req.action, teamId: req.teamId };
      const r = await a.link.injectOp(op);
      if (!r.ok) return fail('bad_request', r.message);
      return { ok: true, no: r.no };
    },

    [C2S.noteAdd]: async (req, socket) => {
      const a = authorised(socket, req.code, 'observe');
      if (a.error) return a.error;
      if (req.teamId && !a.link.teamWorld.has(req.teamId)) return fail('bad_request', `teamId: no team "${req.teamId}"`, 'teamId');
      await a.link.addNote({ tick: a.link.tick, by: a.data.name ?? a.data.role!, role: a.data.role as 'facilitator' | 'evaluator', text: req.text, teamId: req.teamId, rating: req.rating });
      return { ok: true };
    },

    [C2S.drillRelease]: async (req, socket) => {
      const a = authorised(socket, req.code, 'release');
      if (a.error) return a.error;
      const policy = await a.link.setPolicy({ release: req.scope });
      broadcastState(req.code);
      return { ok: true, release: policy.release };
    },

    [C2S.drillPolicy]: async (req, socket) => {
      const a = authorised(socket, req.code, 'policy');
      if (a.error) return a.error;
      const patch = { ...(req.joinLocked !== undefined ? { joinLocked: req.joinLocked } : {}), ...(req.lateJoin !== undefined ? { lateJoin: req.lateJoin } : {}) };
      const policy = await a.link.setPolicy(patch);
      broadcastState(req.code);
      return { ok: true, joinLocked: policy.joinLocked, lateJoin: policy.lateJoin };
    },

    // A client that detected a gap in its frames (server/protocol/view-diff.ts) gets the team's view afresh.
    [C2S.viewResync]: async (req, socket) => {
      const data = socket.data;
      if (!data.role || data.code !== req.code) return fail('not_joined', `open drill ${req.code} first (drill:join / drill:watch)`);
      const d = reg.live(req.code);
      if (!d) return fail('not_found', `code: no drill with join code ${req.code}`, 'code');
      const teamId = req.teamId ?? data.seat?.teamId;
      if (!teamId || !d.teamWorld.has(teamId)) return fail('bad_request', `teamId: no team "${teamId ?? ''}" in this drill`, 'teamId');
      const v = mayReadTeam(principal(data), teamId, d.gate);
      if (!v.ok) return gateFail(v);
      return { ok: true, snapshot: await d.snapshot(teamId, data.seat?.role) };
    },

    [C2S.commandSend]: async (req, socket) => {
      const data = socket.data;
      if (!data.code || !data.role) return fail('not_joined', 'join a drill first (drill:join)');
      const d = reg.live(data.code);
      if (!d) return fail('not_found', 'the drill is gone');
      // Roles and the keys here; the team's responsibilities in a joint drill inside submit (logged when refused).
      const v = mayAct(principal(data), req.command.type, { mode: 'parallel' });
      if (!v.ok || !data.seat) return fail('forbidden', v.ok ? `role ${data.role} does not play in a team` : v.message);
      const r = await d.submit(data.seat, req.clientId, req.command);
      if (!r.ok) return { ok: false, error: { code: r.code, message: r.message, ...(r.refusal ? { refusal: r.refusal } : {}) } };
      return { ok: true, tick: r.tick, duplicate: r.duplicate };
    },
  };

  io.on('connection', (socket: Sock) => {
    const bucket = new TokenBucket();
    const data = socket.data;

    socket.onAny((event: unknown, ...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (a: Wire<Ack>) => void) : null;
      const arrived = event === C2S.commandSend ? performance.now() : 0;
      const reply = (a: Wire<Ack>) => {
        if (arrived) commandAcks.add(performance.now() - arrived);
        if (ack) ack(a);
      };
      if (!bucket.take()) return reply(fail('rate_limited', `too many messages: at most ${RATE_PER_SECOND} per second; wait a moment`));
      if (typeof event !== 'string' || !Object.hasOwn(handlers, event)) return reply(fail('unknown_event', `unknown event "${String(event).slice(0, 40)}"`));
      if (!ack) return; // every client→server event needs an ack; without one there is nobody to answer
      if (args.length > 1) return reply(fail('bad_request', 'send one payload object per event'));
      if (payloadBytes(args[0]) > MAX_MESSAGE_BYTES) return reply(fail('too_large', `payload over ${MAX_MESSAGE_BYTES} bytes`));
      const e = event as keyof typeof REQUEST_SCHEMAS;
      const parsed = REQUEST_SCHEMAS[e].safeParse(args.length === 0 ? {} : args[0]);
      if (!parsed.success) return reply(zodFail(parsed.error));
      try {
        const r = (handlers[e] as Handler<typeof e>)(parsed.data as never, socket);
        if (r instanceof Promise) r.then(reply, (err) => { console.error(`[gladi] ${event} failed:`, err); reply(fail('internal', INTERNAL)); });
        else reply(r);
      } catch (err) {
        console.error(`[gladi] ${event} failed:`, err);
        reply(fail('internal', INTERNAL));
      }
    });

    socket.on('disconnect', () => {
      if (data.seat && data.code) {
        reg.live(data.code)?.setOnline(data.seat.tokenHash, -1);
        presence.changed(data.code, data.seat.teamId);
      }
    });
  });

  return { presence, joins, commandAcks, close() { presence.stop(); joins.stop(); } };
}
