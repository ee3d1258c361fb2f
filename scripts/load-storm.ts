// Reconnect storm: N players in one drill (spread over its teams and roles) whose connections all drop at once,
// as when a venue's Wi-Fi goes down, and come back within one second with their seat tokens, the way the player
// page does (the same socket reconnects, then drill:join with the token). Some players send a command just before
// the drop and send it again, with the same clientId, once they are back. Bounded: at most 5 minutes of joins and
// 60 s after the drop.
//   npm run load -- --storm 600 [--teams 5] [--port 3130] [--json]
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../server/protocol/messages.ts';
import { PACKED_AUTH, PACKED_FIELD, unpackAck } from '../server/protocol/packed.ts';
import { TEAM_ROLES } from '../server/protocol/rights.ts';
import { LOAD_KEY, procCpuSeconds, startLoadServer } from './load-server.ts';

/** Joins under way at once while the drill fills (a room of people typing the join code). */
const JOIN_CONCURRENCY = 50;
/** Every player is back within this long after the drop (the storm's spread). */
const RECONNECT_SPREAD_MS = 1000;
/** After the drop, a seat not back within this long counts as lost. */
const SEAT_DEADLINE_MS = 60_000;
/** A connection attempt that neither connects nor fails within this long is abandoned and retried. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Players with the right to warn who send a command just before the drop (every tenth player at most). */
const PROBE_SHARE = 0.1;

interface Bot {
  n: number;
  s: Socket;
  name: string;
  teamId: string;
  role: string;
  token?: string;
  backMs?: number;
  /** When the socket was connected again (before its drill:join). */
  connectedMs?: number;
  seatMismatch?: boolean;
  probeId?: string;
  resend?: 'duplicate' | 'applied' | 'failed';
}

export interface StormResult {
  players: number;
  teams: number;
  joined: number;
  joinSeconds: number;
  rssAfterJoinsMB: number;
  seatsBack: number;
  seatsBackP50Ms: number;
  seatsBackP99Ms: number;
  seatsBackMaxMs: number;
  connectedP50Ms: number;
  /** CPU the server and the bot process used from the drop until the last seat was back, and that span (s). */
  stormSeconds: number;
  serverCpuSeconds: number;
  botCpuSeconds: number;
  connectedP99Ms: number;
  lostSeats: number;
  duplicateSeats: number;
  onlineAfter: number;
  probeCommands: number;
  resentDuplicate: number;
  commandsAppliedTwice: number;
  commandsMissing: number;
  messagesToClients: number;
  jsonMBToClients: number;
  peakRssMB: number;
  serverCrashed: string | null;
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export async function runStorm(o: { players: number; teams: number; port: number; say: (s: string) => void; env?: Record<string, string>; nodeArgs?: string[] }): Promise<StormResult> {
  const { say } = o;
  const srv = await startLoadServer({ teams: o.teams, port: o.port, env: o.env, nodeArgs: o.nodeArgs });
  let crashed: string | null = null;
  void srv.exited.then((c) => { if (!stopping) { crashed = c; say(`  SERVER DIED (exit ${c})`); } });
  let stopping = false;
  let peakRss = 0;
  const rssTimer = setInterval(() => { peakRss = Math.max(peakRss, srv.rssMB()); }, 100);
  say(`storm: server at ${srv.url} (pid ${srv.pid}), ${o.players} players over ${o.teams} teams`);

  let messages = 0;
  let jsonBytes = 0;
  const count = (s: Socket) => {
    s.io.on('open', () => s.io.engine.on('packet', (p: { data?: unknown }) => {
      if (typeof p.data === 'string') jsonBytes += p.data.length;
      else if (p.data instanceof Uint8Array) jsonBytes += p.data.byteLength;
    }));
    s.onAny(() => { messages++; });
  };
  const connect = (s: Socket) => new Promise<void>((ok, fail) => {
    const done = () => { clearTimeout(timer); s.off('connect', onOk); s.off('connect_error', onErr); };
    const onOk = () => { done(); ok(); };
    const onErr = (e: Error) => { done(); fail(e); };
    const timer = setTimeout(() => { done(); s.disconnect(); fail(new Error('connect timeout')); }, CONNECT_TIMEOUT_MS);
    s.once('connect', onOk);
    s.once('connect_error', onErr);
    s.connect();
  });
  /** Resolves when `p` does or after `ms`, whichever is first (nothing in a storm may hang the run). */
  const within = (p: Promise<unknown>, ms: number) => Promise.race([p, new Promise((ok) => setTimeout(ok, Math.max(0, ms)))]);
  const newSocket = () => {
    // As the player page: reads packed payloads (server/protocol/packed.ts).
    const s = io(srv.url, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false, auth: { [PACKED_AUTH]: 1 } });
    count(s);
    return s;
  };
  const ask = async <T>(s: Socket, event: string, payload: unknown, ms = 20_000) => unpackAck((await s.timeout(ms).emitWithAck(event, payload)) as Ack<T>);
  /** A join answer as it came: its snapshot arrived (plain or packed), but is not decoded here. Each phone decodes its
   *  own; one bot process decoding 600 of them would time the bots, not the server. */
  const joinAsk = async <T>(s: Socket, payload: unknown, ms: number) => {
    const a = (await s.timeout(ms).emitWithAck('drill:join', payload)) as Ack<T & { snapshot?: unknown; [PACKED_FIELD]?: Uint8Array }>;
    return { ...a, snapshot: a.ok ? a.snapshot ?? (a[PACKED_FIELD]?.byteLength ? true : undefined) : undefined } as Ack<T> & { snapshot?: unknown };
  };

  // The facilitator's laptop stays connected: it creates and starts the drill and watches every team's feed,
  // which is how commands applied are counted (one feed item per command applied).
  const fac = newSocket();
  await connect(fac);
  const created = await ask<{ code: string; token: string }>(fac, 'drill:create', { key: LOAD_KEY, scenarioId: 'pariaman-rob', seed: 1 });
  if (!created.ok) throw new Error(created.error.message);
  const code = created.code;
  await ask(fac, 'drill:watch', { code, token: created.token });
  const appliedBy = new Map<string, number>();
  fac.on('feed:item', (f: { kind: string; by?: string }) => {
    if (f.kind === 'command' && f.by) appliedBy.set(f.by, (appliedBy.get(f.by) ?? 0) + 1);
  });

  const errorKinds = new Map<string, number>();
  const noteError = (what: string) => errorKinds.set(what, (errorKinds.get(what) ?? 0) + 1);
  // Joins, JOIN_CONCURRENCY at a time.
  const bots: Bot[] = [];
  for (let n = 0; n < o.players; n++) {
    bots.push({ n, s: newSocket(), name: `Storm ${n}`, teamId: `tim-${(n % o.teams) + 1}`, role: TEAM_ROLES[Math.floor(n / o.teams) % TEAM_ROLES.length] });
  }
  const joinStart = performance.now();
  const joinDeadline = Date.now() + 5 * 60_000;
  let nextBot = 0;
  let joined = 0;
  await within(Promise.all(Array.from({ length: JOIN_CONCURRENCY }, async () => {
    while (nextBot < bots.length && !crashed && Date.now() < joinDeadline) {
      const b = bots[nextBot++];
      try {
        await connect(b.s);
        const j = await joinAsk<{ token: string }>(b.s, { code, name: b.name, teamId: b.teamId, role: b.role }, 60_000);
        if (j.ok && j.snapshot) { b.token = j.token; joined++; } else noteError(`join: ${j.ok ? 'no snapshot' : j.error.code}`);
        if (joined % 100 === 0 && j.ok) say(`  ${joined} joined, ${((performance.now() - joinStart) / 1000).toFixed(1)} s, server rss ${srv.rssMB().toFixed(0)} MB`);
      } catch (e) { noteError(`join: ${String(e)}`); }
    }
  })), joinDeadline - Date.now() + 5000);
  const joinSeconds = (performance.now() - joinStart) / 1000;
  say(`  joins: ${joined}/${o.players} in ${joinSeconds.toFixed(1)} s${errorKinds.size ? `; failed: ${JSON.stringify(Object.fromEntries(errorKinds))}` : ''}`);
  // Players join in the lobby (a running drill only takes late joins when the facilitator allows them); then the
  // drill runs, so the storm hits a live server sending frames.
  if (!crashed) await ask(fac, 'drill:clock', { code, action: 'start' });
  await new Promise((ok) => setTimeout(ok, 3000));
  const rssAfterJoins = srv.rssMB();

  // Just before the drop: some players send a command (ack never seen: the connection dies under it).
  const seated = bots.filter((b) => b.token);
  const probes = seated.filter((b) => b.role === 'commander' || b.role === 'communications').slice(0, Math.ceil(o.players * PROBE_SHARE));
  const probeCommand = (b: Bot) => ({ type: 'warn', areas: ['pasir'], channel: 'sms', level: 'siaga', message: b.name });
  for (const b of probes) {
    b.probeId = `storm-probe-${String(b.n).padStart(4, '0')}`;
    b.s.timeout(SEAT_DEADLINE_MS).emitWithAck('command:send', { clientId: b.probeId, command: probeCommand(b) }).catch(() => {});
  }

  // The drop: every player's TCP connection cut at once, no close handshake (the server sees "transport close").
  messages = 0;
  jsonBytes = 0;
  const dropAt = performance.now();
  const cpuAtDrop = { server: procCpuSeconds(srv.pid), bots: process.cpuUsage() };
  for (const b of seated) {
    const ws = (b.s.io.engine as unknown as { transport?: { ws?: { _socket?: { destroy(): void } } } }).transport?.ws;
    ws?._socket?.destroy();
  }
  say(`  dropped ${seated.length} connections; ${probes.length} commands sent just before`);

  // The return: each socket reconnects (asking for its session back) within RECONNECT_SPREAD_MS, then re-joins
  // with its token as the player page does, then sends its command again with the same clientId.
  const deadline = dropAt + SEAT_DEADLINE_MS;
  await within(Promise.all(seated.map(async (b) => {
    await new Promise((ok) => setTimeout(ok, Math.random() * RECONNECT_SPREAD_MS));
    while (performance.now() < deadline && !crashed) {
      try {
        if (b.s.connected) b.s.disconnect();
        await connect(b.s);
        b.connectedMs = performance.now() - dropAt;
        const j = await joinAsk<{ token: string; teamId: string; role: string; name: string }>(b.s, { code, name: b.name, teamId: b.teamId, role: b.role, token: b.token }, Math.max(1, deadline - performance.now()));
        if (!j.ok || !j.snapshot) { await new Promise((ok) => setTimeout(ok, 250)); continue; }
        b.backMs = performance.now() - dropAt;
        b.seatMismatch = j.token !== b.token || j.teamId !== b.teamId || j.role !== b.role || j.name !== b.name;
        break;
      } catch {
        await new Promise((ok) => setTimeout(ok, 250));
      }
    }
    if (b.probeId && b.backMs !== undefined) {
      try {
        const r = await ask<{ duplicate: boolean }>(b.s, 'command:send', { clientId: b.probeId, command: probeCommand(b) }, Math.max(1, deadline - performance.now()));
        b.resend = r.ok ? (r.duplicate ? 'duplicate' : 'applied') : 'failed';
      } catch { b.resend = 'failed'; }
    }
  })), SEAT_DEADLINE_MS + 5000);
  const back = seated.filter((b) => b.backMs !== undefined && !b.seatMismatch);
  const times = back.map((b) => b.backMs!);
  say(`  ${back.length}/${seated.length} seats back; p99 ${pct(times, 99).toFixed(0)} ms`);
  const messagesAfterDrop = messages;
  const stormSeconds = (performance.now() - dropAt) / 1000;
  const serverCpu = procCpuSeconds(srv.pid) - cpuAtDrop.server;
  const botCpu = (() => { const u = process.cpuUsage(cpuAtDrop.bots); return (u.user + u.system) / 1e6; })();
  const jsonAfterDrop = jsonBytes;

  // What the server holds now: seats per name (a second seat for a name is a duplicate), players online.
  await new Promise((ok) => setTimeout(ok, 2000));
  let duplicateSeats = 0;
  let onlineAfter = 0;
  if (!crashed) {
    try {
      const st = (await (await fetch(`${srv.url}/api/drills/${code}`, { signal: AbortSignal.timeout(20_000) })).json()) as { teams: { players: { name: string; online: boolean }[] }[] };
      const seen = new Map<string, number>();
      for (const t of st.teams) for (const p of t.players) {
        seen.set(p.name, (seen.get(p.name) ?? 0) + 1);
        if (p.online) onlineAfter++;
      }
      for (const c of seen.values()) if (c > 1) duplicateSeats += c - 1;
    } catch (e) {
      say(`  could not read the drill state: ${String(e)}`);
    }
  }
  const result: StormResult = {
    players: o.players,
    teams: o.teams,
    joined,
    joinSeconds: +joinSeconds.toFixed(1),
    rssAfterJoinsMB: Math.round(rssAfterJoins),
    seatsBack: back.length,
    seatsBackP50Ms: Math.round(pct(times, 50)),
    seatsBackP99Ms: Math.round(pct(times, 99)),
    seatsBackMaxMs: Math.round(times.length ? Math.max(...times) : 0),
    connectedP50Ms: Math.round(pct(seated.flatMap((b) => b.connectedMs ?? []), 50)),
    connectedP99Ms: Math.round(pct(seated.flatMap((b) => b.connectedMs ?? []), 99)),
    stormSeconds: +stormSeconds.toFixed(1),
    serverCpuSeconds: +serverCpu.toFixed(1),
    botCpuSeconds: +botCpu.toFixed(1),
    lostSeats: o.players - back.length,
    duplicateSeats,
    onlineAfter,
    probeCommands: probes.length,
    resentDuplicate: probes.filter((b) => b.resend === 'duplicate').length,
    commandsAppliedTwice: probes.filter((b) => (appliedBy.get(b.name) ?? 0) > 1).length,
    commandsMissing: probes.filter((b) => (appliedBy.get(b.name) ?? 0) === 0).length,
    messagesToClients: messagesAfterDrop,
    jsonMBToClients: +(jsonAfterDrop / 2 ** 20).toFixed(1),
    peakRssMB: Math.round(peakRss),
    serverCrashed: crashed,
  };
  stopping = true;
  clearInterval(rssTimer);
  fac.disconnect();
  for (const b of bots) b.s.disconnect();
  await srv.stop();
  return result;
}
