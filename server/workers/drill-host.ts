// A drill host worker thread: it holds whole drills (their worlds, clock, injects, feeds, views) and advances them,
// so the socket thread only validates, logs through it, acks and sends. It opens its own SQLite connection on the
// server's data dir (WAL: the socket thread's connection reads what it writes) and rebuilds a drill from the store
// exactly as the registry does (scenario snapshot, keyframe, log: server/drill/drill-replay.ts). What its drills
// send is posted to the socket thread as 'emit' messages; every change of a drill's meta is pushed too. Protocol:
// server/workers/host-protocol.ts; docs/architecture.md#drill-host-threads.
import { performance } from 'node:perf_hooks';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { Drill, type DrillOutput } from '../drill/drill.ts';
import type { DrillMeta } from '../drill/drill-link.ts';
import { DrillPump } from '../drill/drill-pump.ts';
import { recoverDrill } from '../drill/drill-replay.ts';
import { restoreScenario } from '../drill/scenario-snapshot.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import { ENGINE_VERSION } from '../sim/index.ts';
import { SqliteStore } from '../store/sqlite-store.ts';
import type { Emit, HostData, HostMessage, HostRequest, HostStats, OpenResult } from './host-protocol.ts';

const data = workerData as HostData;
const port = parentPort!;
const store = new SqliteStore(data.dataDir, data.dbFile);
const drills = new Map<string, Drill>();
/** Scenario snapshots by content hash: drills of one scenario share it (read-only to the engine). */
const scenarios = new Map<string, LoadedScenario>();
/** The meta last sent for each drill, to push only changes. */
const sentMeta = new Map<string, string>();

/** What the drills sent, posted as one message at the end of the clock slice or request (and always before any
 *  other message, so the socket thread sees frames, meta and answers in the order they happened). */
let emits: Emit[] = [];
function flush(): void {
  if (emits.length === 0) return;
  const list = emits;
  emits = [];
  port.postMessage({ kind: 'emits', list } satisfies HostMessage);
}
const post = (m: HostMessage, transfer?: ArrayBuffer[]) => {
  flush();
  port.postMessage(m, transfer ?? []);
};
const emit = (e: Emit) => {
  if (emits.push(e) === 1) queueMicrotask(flush);
};

const output: DrillOutput = {
  toTeam: (code, teamId, event, payload) => emit({ code, to: 'team', teamId, event, payload }),
  toRole: (code, teamId, role, event, payload) => emit({ code, to: 'role', teamId, role, event, payload }),
  toFacilitators: (code, event, payload) => emit({ code, to: 'fac', event, payload }),
};

function metaOf(d: Drill): DrillMeta {
  return { code: d.code, status: d.status, tick: d.tick, speed: d.speed, archived: d.archived, policy: { ...d.policy }, readOnly: d.readOnly };
}

/** The drill's meta when it changed since last sent (and marks it sent), else null. */
function changedMeta(d: Drill): DrillMeta | null {
  const m = metaOf(d);
  const key = JSON.stringify(m);
  if (sentMeta.get(d.code) === key) return null;
  sentMeta.set(d.code, key);
  return m;
}

function pushMeta(d: Drill): void {
  const m = changedMeta(d);
  if (m) post({ kind: 'meta', meta: m });
}

const pump = new DrillPump(() => [...drills.values()], {
  tickDone: pushMeta,
  between: drainRequests,
  faulted(d, e) {
    console.error(`[gladi] drill ${d.code} paused after an internal error:`, e);
    store.updateDrill(d.code, { status: 'paused', tick: d.tick });
    pushMeta(d);
  },
});

/** The drill ended here: a keyframe at the end tick (the socket thread reopens it from there), then the news. */
function ended(d: Drill): void {
  if (!d.readOnly) {
    try {
      store.putKeyframe(d.code, { tick: d.tick, blob: d.keyframe(), engineVersion: ENGINE_VERSION, scenarioHash: d.scenarioHash });
    } catch (e) {
      console.error(`[gladi] drill ${d.code}: end keyframe not written (the log replays instead):`, e);
    }
  }
  pushMeta(d);
  post({ kind: 'ended', code: d.code });
}

function open(code: string): Drill {
  const known = drills.get(code);
  if (known) return known;
  const rec = store.getDrill(code);
  if (!rec) throw new Error(`no drill with join code ${code}`);
  if (!rec.scenarioHash) throw new Error(`drill ${code} has no scenario snapshot`);
  let loaded = scenarios.get(rec.scenarioHash);
  if (!loaded) {
    const snap = store.getScenarioSnapshot(rec.scenarioHash);
    if (!snap) throw new Error(`drill ${code}: scenario snapshot ${rec.scenarioHash.slice(0, 12)} is missing`);
    loaded = restoreScenario(snap.body, data.scenarioDirs[rec.scenarioId] ?? '');
    scenarios.set(rec.scenarioHash, loaded);
  }
  const d = new Drill(store, output, {
    code: rec.code, loaded, seed: rec.seed, mode: rec.mode, status: rec.status, speed: rec.speed, scenarioHash: rec.scenarioHash, policy: rec.policy,
  });
  recoverDrill(d, store, rec);
  // Set after recovery: a drill found ended in the store is not announced again.
  d.onEnded = ended;
  drills.set(code, d);
  return d;
}

function drillOf(code: string | undefined): Drill {
  const d = code ? drills.get(code) : undefined;
  if (!d) throw new Error(`drill ${code ?? '?'} is not open in this host`);
  return d;
}

let elu = performance.eventLoopUtilization();

function stats(): HostStats {
  const now = performance.eventLoopUtilization();
  const delta = performance.eventLoopUtilization(now, elu);
  elu = now;
  const all = [...drills.values()];
  const running = all.filter((d) => d.status === 'running');
  return {
    drills: all.length,
    running: running.length,
    worlds: running.reduce((n, d) => n + d.worlds.size, 0),
    tickSamples: pump.tickStats.recent(),
    worldSamples: pump.worldStats.recent(),
    ticksTotal: pump.tickStats.total,
    worldStepsTotal: pump.worldStats.total,
    floodComputed: all.reduce((n, d) => n + d.floodStats.computed, 0),
    floodShared: all.reduce((n, d) => n + d.floodStats.shared, 0),
    utilization: delta.utilization,
    activeMs: now.active,
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    arrayBuffersMB: process.memoryUsage().arrayBuffers / 2 ** 20,
  };
}

/** Answers one request; `transfer` collects buffers to move rather than copy. */
function handle(m: HostRequest, transfer: ArrayBuffer[]): unknown {
  const a = m.args;
  switch (m.op) {
    case 'open': {
      const d = open(m.code!);
      sentMeta.set(d.code, JSON.stringify(metaOf(d)));
      return { meta: metaOf(d), notes: d.notes } satisfies OpenResult;
    }
    case 'submit': return drillOf(m.code).submit(a[0] as never, a[1] as string, a[2] as never);
    case 'clock': {
      const d = drillOf(m.code);
      const r = d.clock(a[0] as never, a[1] as number | undefined);
      return r.ok ? { ok: true, status: d.status, tick: d.tick, speed: d.speed } : r;
    }
    case 'injectOp': return drillOf(m.code).injectOp(a[0] as never);
    case 'addNote': drillOf(m.code).addNote(a[0] as never); return null;
    case 'setPolicy': return drillOf(m.code).setPolicy(a[0] as never);
    case 'snapshot': return drillOf(m.code).snapshot(a[0] as string, a[1] as string | undefined);
    case 'msel': return drillOf(m.code).msel();
    case 'debrief': return drillOf(m.code).debrief();
    case 'hashes': return drillOf(m.code).hashes();
    case 'keyframe': {
      const d = drillOf(m.code);
      const blob = d.keyframe();
      const bytes = new Uint8Array(blob.byteLength);
      bytes.set(blob);
      transfer.push(bytes.buffer);
      return { tick: d.tick, blob: bytes };
    }
    case 'stats': return stats();
    case 'drop': {
      const d = drills.get(m.code!);
      if (d) { drills.delete(d.code); sentMeta.delete(d.code); pump.forget(d); }
      return null;
    }
    case 'close': {
      pump.stop();
      for (const d of drills.values()) if (d.status === 'running' || d.status === 'paused') store.updateDrill(d.code, { tick: d.tick });
      drills.clear();
      store.close();
      return null;
    }
  }
}

/** Answers the requests already waiting, without a turn of the event loop (between two world steps). */
function drainRequests(): void {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) onRequest(m.message as HostRequest);
}

function onRequest(m: HostRequest): void {
  const transfer: ArrayBuffer[] = [];
  try {
    const result = handle(m, transfer);
    const d = m.code && m.op !== 'drop' && m.op !== 'open' ? drills.get(m.code) : undefined;
    const meta = d ? changedMeta(d) : null;
    if (m.op === 'open') {
      post({ kind: 'reply', id: m.id, ok: true, result });
    } else {
      post({ kind: 'reply', id: m.id, ok: true, result, ...(meta ? { meta } : {}) }, transfer);
    }
  } catch (e) {
    post({ kind: 'reply', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}

port.on('message', onRequest);
pump.start();
