// Entry point: one Node process serving the built client, the JSON API and Socket.IO, with an embedded SQLite
// store under DATA_DIR. `npm start` runs this after building the client.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from './protocol/event-maps.ts';
import { DrillRegistry } from './drill/drill-registry.ts';
import { percentileOf } from './drill/drill-pump.ts';
import { createApp } from './http/app.ts';
import { availableParallelism } from 'node:os';
import { Broadcaster } from './http/broadcast.ts';
import { SnapshotCache } from './http/snapshot-cache.ts';
import { attachSockets, socketOutput } from './http/socket-server.ts';
import { loadScenarioLibrary } from './scenario/load-scenario.ts';
import { SqliteStore } from './store/sqlite-store.ts';

/** Bytes queued in the TCP sockets' user-space write buffers over every connection (WebSocket transport). */
function socketBacklog(io: Server): number {
  let n = 0;
  for (const client of Object.values((io.engine as unknown as { clients: Record<string, { transport?: { socket?: { _socket?: { writableLength?: number } } } }> }).clients)) {
    n += client.transport?.socket?._socket?.writableLength ?? 0;
  }
  return n;
}

const ROOT = resolve(import.meta.dirname, '..');

export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  scenariosDir?: string;
  clientDir?: string;
  /** Overrides GLADI_FACILITATOR_KEY and the key file. */
  facilitatorKey?: string;
  quiet?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  registry: DrillRegistry;
  facilitatorKey: string;
  close(): Promise<void>;
}

/** GLADI_FACILITATOR_KEY, else the key kept in the data dir, else a new one (written there and printed once). */
function resolveFacilitatorKey(dataDir: string, log: (s: string) => void): string {
  const fromEnv = process.env.GLADI_FACILITATOR_KEY;
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'facilitator-key.txt');
  if (existsSync(file)) {
    log(`Facilitator key: see ${file}`);
    return readFileSync(file, 'utf8').trim();
  }
  const key = randomBytes(6).toString('hex');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  log(`\n  Kunci fasilitator / facilitator key:  ${key}\n  (shown once; kept in ${file})\n`);
  return key;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const log = opts.quiet ? () => {} : (s: string) => console.log(s);
  const dataDir = resolve(opts.dataDir ?? process.env.DATA_DIR ?? join(ROOT, 'data'));
  const store = new SqliteStore(dataDir);
  const facilitatorKey = opts.facilitatorKey ?? resolveFacilitatorKey(dataDir, log);
  const scenariosDir = resolve(opts.scenariosDir ?? process.env.GLADI_SCENARIOS_DIR ?? join(ROOT, 'scenarios'));
  const { scenarios, errors, failed } = loadScenarioLibrary(scenariosDir);
  for (const e of errors) console.warn(`[gladi] scenario skipped (npm run check -- <folder> explains): ${e}`);

  const http = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    maxHttpBufferSize: 1_000_000, // hard cap; payloads over MAX_MESSAGE_BYTES get a too_large ack
    // No connection-state recovery: Socket.IO would keep every room broadcast (each frame of every team) for 30–90 s
    // in case a socket comes back (its cleanup runs once a minute), which at 100 worlds grew the socket thread by
    // ~3 MB/s once the water spread (docs/load.md#memory). A page that reconnects always sends drill:join or
    // drill:watch again and gets a fresh snapshot with its recent feed, so nothing it missed is lost.
    // No WebSocket compression: it compresses each message again for each socket and stops Socket.IO from sending
    // one pre-built frame to a whole room. Large messages are deflated once per room instead (http/broadcast.ts);
    // GLADI_COMPRESS=0 turns that off too.
    perMessageDeflate: false,
    pingInterval: 10_000,
    pingTimeout: 20_000,
  });
  const broadcaster = new Broadcaster(io, process.env.GLADI_COMPRESS !== '0');
  const snapshots = new SnapshotCache();
  const registry = new DrillRegistry(store, scenarios, socketOutput(broadcaster, snapshots));
  // Drills advance in drill host worker threads (server/workers/drill-host.ts): GLADI_DRILL_WORKERS of them
  // (default: one per core beyond the socket thread's, at least one; 0 keeps every drill on the socket thread).
  const hostCount = Math.max(0, Number(process.env.GLADI_DRILL_WORKERS ?? Math.max(1, availableParallelism() - 1)) || 0);
  registry.startHosts(hostCount, dataDir);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const operatorMetrics = async () => {
    const hosts = await registry.hostStats().catch(() => null);
    const per = hosts?.perHost ?? [];
    const local = registry.list();
    const localRunning = local.filter((d) => d.status === 'running');
    const ticks = [...registry.tickStats.recent(), ...per.flatMap((h) => h.tickSamples)];
    const steps = [...registry.worldStats.recent(), ...per.flatMap((h) => h.worldSamples)];
    return {
      drills: local.length + per.reduce((n, h) => n + h.drills, 0),
      running: localRunning.length + per.reduce((n, h) => n + h.running, 0),
      worlds: localRunning.reduce((n, d) => n + d.worlds.size, 0) + per.reduce((n, h) => n + h.worlds, 0),
      sockets: io.engine.clientsCount,
      // Bytes written to sockets but not yet taken by the network (clients reading slowly): held in this process.
      socketBacklogMB: socketBacklog(io) / 2 ** 20,
      tickP50Ms: percentileOf(ticks, 50),
      tickP99Ms: percentileOf(ticks, 99),
      worldStepP99Ms: percentileOf(steps, 99),
      // Every drill tick measured since the start (this thread's and the hosts').
      ticksMeasured: registry.tickStats.total + per.reduce((n, h) => n + h.ticksTotal, 0),
      lagP99Ms: lag.percentile(99) / 1e6,
      // The server's share of a command ack (arrival to reply, through the drill host), apart from the network and the client.
      serverAckP99Ms: sockets.commandAcks.percentile(99),
      rssMB: process.memoryUsage().rss / 2 ** 20,
      heapMB: process.memoryUsage().heapUsed / 2 ** 20,
      arrayBuffersMB: process.memoryUsage().arrayBuffers / 2 ** 20,
      // Reconnect storms (server/http/join-queue.ts, presence.ts, snapshot-cache.ts, broadcast.ts).
      joinQueue: sockets.joins.length,
      joinQueuePeak: sockets.joins.peak,
      joinsServed: sockets.joins.served,
      joinsDropped: sockets.joins.dropped,
      joinsInFlightPeak: sockets.joins.peakInFlight,
      presenceMessages: sockets.presence.sent,
      snapshotBuilds: snapshots.builds,
      snapshotHits: snapshots.hits,
      // Flood advances computed vs. taken from a parallel world with the same hazard (server/sim/hazard-group.ts).
      floodComputed: local.reduce((n, d) => n + d.floodStats.computed, 0) + per.reduce((n, h) => n + h.floodComputed, 0),
      floodShared: local.reduce((n, d) => n + d.floodStats.shared, 0) + per.reduce((n, h) => n + h.floodShared, 0),
      // Drill host threads: drills, worlds, tick p99 and the share of time each was busy since the last call.
      drillHosts: per.length,
      hosts: per.map((h) => ({
        host: h.host, drills: h.drills, worlds: h.worlds, tickP99Ms: percentileOf(h.tickSamples, 99), worldStepP99Ms: percentileOf(h.worldSamples, 99),
        ticks: h.ticksTotal, busy: +h.utilization.toFixed(3), activeMs: Math.round(h.activeMs), heapMB: Math.round(h.heapMB), arrayBuffersMB: Math.round(h.arrayBuffersMB),
      })),
      ...broadcaster.stats,
    };
  };
  const app = createApp(registry, opts.clientDir ?? join(ROOT, 'dist', 'client'), facilitatorKey, operatorMetrics, { scenariosDir, failed });
  http.on('request', app);
  const sockets = attachSockets(io, registry, facilitatorKey, broadcaster, snapshots);

  const recovered = registry.recover();
  // The hosts have booted and reopened the recovered drills (their logs replayed) before the first request.
  await registry.ready();
  if (registry.hostCount > 0) log(`[gladi] ${registry.hostCount} drill host thread(s)`);
  if (recovered.length) log(`[gladi] resumed ${recovered.length} drill(s) from the log: ${recovered.map((d) => `${d.code}@${d.tick}`).join(', ')}`);
  registry.startClock();

  const port = opts.port ?? Number(process.env.PORT ?? 3000);
  const host = opts.host ?? process.env.HOST ?? '0.0.0.0';
  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(port, host, () => ok());
  });
  const actual = (http.address() as AddressInfo).port;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}`;
  log(`[gladi] serving ${url}  (${scenarios.size} scenario(s), data in ${dataDir})`);

  let closed = false;
  return {
    url, port: actual, registry, facilitatorKey,
    async close() {
      if (closed) return;
      closed = true;
      sockets.close();
      // Clocks stopped, each drill's tick stored (the hosts store their own), the hosts' stores closed.
      await registry.close();
      lag.disable();
      await new Promise<void>((ok) => io.close(() => ok()));
      store.close();
    },
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const server = await startServer();
  const stop = async (signal: string) => {
    console.log(`[gladi] ${signal}: closing (log flushed, database closed)`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
