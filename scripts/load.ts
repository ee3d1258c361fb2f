// Load test: starts a Gladi server as its own process on 127.0.0.1, then bot players (socket.io-client) that
// really play: join, warn, order evacuations, task units, and measure acks and bytes. Bounded in time and count.
//   npm run load -- --drills 20 --teams 5 --players 6 --minutes 5 [--speed 1] [--drill-workers N] [--port 3130] [--json]
//   npm run load -- --storm 600 [--teams 5] [--port 3130] [--json]     (reconnect storm, scripts/load-storm.ts)
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../server/protocol/messages.ts';
import { PACKED_AUTH, unpack } from '../server/protocol/packed.ts';
import { TEAM_ROLES } from '../server/protocol/rights.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LOAD_KEY as KEY, procCpuSeconds, startLoadServer } from './load-server.ts';
import { runStorm } from './load-storm.ts';

const { values: args } = parseArgs({
  options: {
    drills: { type: 'string', default: '20' },
    teams: { type: 'string', default: '5' },
    players: { type: 'string', default: '6' },
    minutes: { type: 'string', default: '5' },
    speed: { type: 'string', default: '1' },
    storm: { type: 'string' },
    // Drill host worker threads in the server (GLADI_DRILL_WORKERS; 0: every drill on the socket thread);
    // default: the server's own choice.
    'drill-workers': { type: 'string' },
    // Helper ports of this machine: 3130–3139 (see the team notes); any free port works.
    port: { type: 'string', default: '3130' },
    json: { type: 'boolean', default: false },
  },
});
const DRILLS = Math.min(200, Number(args.drills));
const TEAMS = Math.min(10, Number(args.teams));
const PLAYERS = Math.min(8, Number(args.players));
const SECONDS = Math.min(30 * 60, Number(args.minutes) * 60);
const SPEED = Number(args.speed);
const PORT = Number(args.port);
const say = (s: string) => { if (!args.json) console.log(s); else console.error(s); };
/** The machine's 1-minute load average, recorded with every run (the machine may be shared). */
const load1 = () => +loadavg()[0].toFixed(2);

if (args.storm !== undefined) {
  const players = Math.max(1, Math.min(2000, Number(args.storm)));
  const loadBefore = load1();
  const r = await runStorm({ players, teams: TEAMS, port: PORT, say, env: args['drill-workers'] !== undefined ? { GLADI_DRILL_WORKERS: args['drill-workers'] } : undefined });
  const out = { ...r, loadAvgBefore: loadBefore, loadAvgAfter: load1() };
  if (args.json) console.log(JSON.stringify(out));
  else console.table(out);
  process.exit(r.serverCrashed ? 1 : 0);
}

const serverEnv: Record<string, string> = args['drill-workers'] !== undefined ? { GLADI_DRILL_WORKERS: args['drill-workers'] } : {};
// The scenario copy outlasts the run (a minute of scenario per second at speed 1, with a minute to spare).
const srv = await startLoadServer({ teams: TEAMS, port: PORT, env: serverEnv, minMinutes: SECONDS * SPEED + 60 });
const url = srv.url;
const loadBefore = load1();
let peakRss = 0;
const rssTimer = setInterval(() => { peakRss = Math.max(peakRss, srv.rssMB()); }, 500);
say(`server at ${url}; ${DRILLS} drills × ${TEAMS} teams × ${PLAYERS} players, ${SECONDS} s at ${SPEED} tick/s`);

let errors = 0;
const errorKinds = new Map<string, number>();
const noteError = (what: string) => { errors++; errorKinds.set(what, (errorKinds.get(what) ?? 0) + 1); };
const ackTimes: number[] = [];
const sockets: Socket[] = [];
let bytesIn = 0;
/** Bytes that crossed the wire to each socket (compressed frames included), read from the TCP socket under it. */
const wireBytes = (s: Socket): number => {
  const ws = (s.io.engine as unknown as { transport?: { ws?: { _socket?: { bytesRead: number } } } }).transport?.ws;
  return ws?._socket?.bytesRead ?? 0;
};
const wireAtStart = new Map<Socket, number>();
const facilitators = new Set<Socket>();

async function open(): Promise<Socket> {
  // Reads packed payloads as the browser client does (server/protocol/packed.ts): large frames come deflated.
  const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { [PACKED_AUTH]: 1 } });
  await new Promise<void>((ok, fail) => { s.once('connect', () => ok()); s.once('connect_error', fail); });
  s.io.engine.on('packet', (p: { data?: unknown }) => {
    if (typeof p.data === 'string') bytesIn += Buffer.byteLength(p.data);
    else if (p.data instanceof Uint8Array) bytesIn += Buffer.byteLength(JSON.stringify(unpack(p.data)));
  });
  s.on('disconnect', (reason) => { if (!stopping) noteError(`disconnect: ${reason}`); });
  sockets.push(s);
  return s;
}
async function ask<T = object>(s: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  const t0 = performance.now();
  const r = (await s.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
  ackTimes.push(performance.now() - t0);
  return r;
}
let stopping = false;

// Facilitators create and start the drills; players join and play.
const AREAS = ['kampung-pondok', 'karan-aur', 'pasir', 'jati'];
const SHELTERS = ['sdn-05', 'masjid-raya'];
const CHANNELS = ['siren', 'mosque', 'sms', 'radio', 'whatsapp', 'door'];
const players: { s: Socket; role: string; n: number }[] = [];
const codes: string[] = [];
for (let d = 0; d < DRILLS; d++) {
  const fac = await open();
  facilitators.add(fac);
  const c = await ask<{ code: string; token: string }>(fac, 'drill:create', { key: KEY, scenarioId: 'pariaman-rob', seed: d + 1 });
  if (!c.ok) throw new Error(c.error.message);
  codes.push(c.code);
  await ask(fac, 'drill:watch', { code: c.code, token: c.token });
  await ask(fac, 'drill:clock', { code: c.code, action: 'speed', speed: SPEED });
  for (let t = 0; t < TEAMS; t++) {
    for (let p = 0; p < PLAYERS; p++) {
      const s = await open();
      const role = TEAM_ROLES[p % TEAM_ROLES.length];
      const j = await ask(s, 'drill:join', { code: c.code, name: `Bot ${d}-${t}-${p}`, teamId: `tim-${t + 1}`, role });
      if (!j.ok) noteError(`join: ${j.error.code}`);
      players.push({ s, role, n: players.length });
    }
  }
  await ask(fac, 'drill:clock', { code: c.code, action: 'start' });
  if ((d + 1) % 5 === 0 || d === DRILLS - 1) say(`  started ${d + 1}/${DRILLS} drills, ${sockets.length} sockets`);
}
ackTimes.length = 0;
bytesIn = 0;
const cpuAtStart = procCpuSeconds(srv.pid);
const mainCpuAtStart = procCpuSeconds(srv.pid, true);
for (const s of sockets) wireAtStart.set(s, wireBytes(s));
interface HostFigures { host: number; drills: number; worlds: number; tickP99Ms: number; worldStepP99Ms: number; ticks: number; busy: number; activeMs: number; heapMB: number; arrayBuffersMB: number }
const atStart = await (await fetch(`${url}/api/metrics`, { headers: { 'x-gladi-key': KEY } })).json() as { ticksMeasured: number; hosts?: HostFigures[] };
const ticksAtStart = atStart.ticksMeasured;
const hostsAtStart = new Map((atStart.hosts ?? []).map((h) => [h.host, h]));

// Each player acts every 10–20 s with a command its role may issue; refusals by the world are fine, errors are not.
let cmdSeq = 0;
const t0 = Date.now();
const playTimer = setInterval(() => {
  for (const p of players) {
    if ((p.n + Math.floor((Date.now() - t0) / 1000)) % 15 !== 0) continue;
    const area = AREAS[(p.n + cmdSeq) % AREAS.length];
    const command =
      p.role === 'communications' || (p.role === 'commander' && cmdSeq % 2 === 0)
        ? { type: 'warn', areas: [area], channel: CHANNELS[cmdSeq % CHANNELS.length], level: 'siaga' }
        : p.role === 'shelter' || p.role === 'commander'
          ? { type: 'evacuate', areas: [area], shelterId: SHELTERS[cmdSeq % 2] }
          : p.role === 'logistics' || p.role === 'ngo_liaison'
            ? { type: 'task_unit', unitId: 'pmi-perahu-1', area }
            : null;
    cmdSeq++;
    if (!command) continue;
    ask(p.s, 'command:send', { clientId: `bot-${String(p.n).padStart(5, "0")}-${cmdSeq}`, command })
      .then((r) => { if (!r.ok && r.error.code !== 'refused' && r.error.code !== 'wrong_state') noteError(`command: ${r.error.code} ${r.error.message}`); })
      .catch(() => { if (!stopping) noteError('command: ack timeout'); });
  }
}, 1000);

const botLag = monitorEventLoopDelay({ resolution: 10 });
botLag.enable();
const started = Date.now();
while (Date.now() - started < SECONDS * 1000) {
  await new Promise((ok) => setTimeout(ok, 10_000));
  const m = await (await fetch(`${url}/api/metrics`, { headers: { 'x-gladi-key': KEY } })).json();
  const hostLine = (m.hosts as HostFigures[] | undefined)?.map((h) => `host ${h.host} ${h.worlds} worlds ${Math.round(h.busy * 100)}% busy heap ${h.heapMB} MB buffers ${h.arrayBuffersMB} MB`).join(', ');
  say(`  ${Math.round((Date.now() - started) / 1000)} s: worlds running ${m.worlds}, tick p99 ${m.tickP99Ms.toFixed(1)} ms, lag p99 ${m.lagP99Ms.toFixed(1)} ms, rss ${m.rssMB.toFixed(0)} MB (socket thread heap ${m.heapMB.toFixed(0)}, buffers ${m.arrayBuffersMB.toFixed(0)}, socket backlog ${m.socketBacklogMB.toFixed(1)}; bots ${(process.cpuUsage().user / 1e6).toFixed(0)} cpu-s), errors ${errors}${hostLine ? `; ${hostLine}` : ''}`);
  if (m.running === 0) break;
}
clearInterval(playTimer);
// Let the last commands' acks arrive before the figures are read and the sockets close.
await new Promise((ok) => setTimeout(ok, 2000));
const elapsed = (Date.now() - started) / 1000;
const metrics = await (await fetch(`${url}/api/metrics`, { headers: { 'x-gladi-key': KEY } })).json();
const serverCpu = procCpuSeconds(srv.pid) - cpuAtStart;
const mainCpu = procCpuSeconds(srv.pid, true) - mainCpuAtStart;
let playerWire = 0, facWire = 0;
for (const s of sockets) {
  const b = wireBytes(s) - (wireAtStart.get(s) ?? 0);
  if (facilitators.has(s)) facWire += b; else playerWire += b;
}
stopping = true;
for (const s of sockets) s.disconnect();
clearInterval(rssTimer);
await srv.stop();

// Each drill host thread over the run: its drills and worlds, its tick p99, drill ticks, and the share of the run it
// was busy (event-loop utilisation: its CPU, near enough) with the CPU milliseconds per drill tick that makes.
const perHost = ((metrics.hosts ?? []) as HostFigures[]).map((h) => {
  const s0 = hostsAtStart.get(h.host);
  const ticks = h.ticks - (s0?.ticks ?? 0);
  const busyMs = h.activeMs - (s0?.activeMs ?? 0);
  return {
    host: h.host, drills: h.drills, worlds: h.worlds, tickP99Ms: +h.tickP99Ms.toFixed(2), worldStepP99Ms: +h.worldStepP99Ms.toFixed(2),
    drillTicks: ticks, busyShare: +(busyMs / 1000 / elapsed).toFixed(2), busyMsPerDrillTick: +(busyMs / Math.max(1, ticks)).toFixed(1),
  };
});
const sorted = [...ackTimes].sort((a, b) => a - b);
const p99 = sorted.length ? sorted[Math.floor(0.99 * (sorted.length - 1))] : 0;
const result = {
  sockets: sockets.length,
  worlds: DRILLS * TEAMS,
  seconds: Math.round(elapsed),
  tickP50Ms: +metrics.tickP50Ms.toFixed(2),
  tickP99Ms: +metrics.tickP99Ms.toFixed(2),
  worldStepP99Ms: +metrics.worldStepP99Ms.toFixed(2),
  lagP99Ms: +metrics.lagP99Ms.toFixed(2),
  ackP99Ms: +p99.toFixed(2),
  // The server's share of those acks (arrival to reply), and the bot process's own event-loop delay, which every
  // ack measured here also waits through (620 sockets read and parsed in one process).
  serverAckP99Ms: +metrics.serverAckP99Ms.toFixed(2),
  botLagP99Ms: +(botLag.percentile(99) / 1e6).toFixed(2),
  acks: sorted.length,
  // On the wire (compressed), every socket; then players and facilitators apart, and the JSON before compression.
  bytesPerClientPerSec: Math.round((playerWire + facWire) / sockets.length / elapsed),
  playerBytesPerSec: Math.round(playerWire / (sockets.length - facilitators.size) / elapsed),
  facilitatorBytesPerSec: Math.round(facWire / facilitators.size / elapsed),
  jsonBytesPerClientPerSec: Math.round(bytesIn / sockets.length / elapsed),
  rssMB: Math.round(metrics.rssMB),
  // CPU the server used (all its threads) per second of the run: independent of how busy the rest of the machine is.
  serverCpuPerSec: +(serverCpu / elapsed).toFixed(2),
  // ... and per drill tick (all its worlds, frames, sends): what the server's work costs, however busy the machine.
  cpuMsPerDrillTick: +((serverCpu * 1000) / Math.max(1, metrics.ticksMeasured - ticksAtStart)).toFixed(1),
  // ... of which on the socket (main) thread.
  mainCpuMsPerDrillTick: +((mainCpu * 1000) / Math.max(1, metrics.ticksMeasured - ticksAtStart)).toFixed(1),
  drillTicks: metrics.ticksMeasured - ticksAtStart,
  drillHosts: metrics.drillHosts,
  floodComputed: metrics.floodComputed,
  floodShared: metrics.floodShared,
  peakRssMB: Math.round(peakRss),
  errors,
  loadAvgBefore: loadBefore,
  loadAvgAfter: load1(),
};
if (args.json) {
  console.log(JSON.stringify({ ...result, perHost }));
} else {
  console.table(result);
  if (perHost.length) console.table(perHost);
  if (errorKinds.size) console.log('errors by kind:', Object.fromEntries(errorKinds));
}
process.exit(0);
