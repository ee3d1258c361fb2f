// Messages between the socket thread and a drill host worker thread (server/workers/drill-host.ts). Requests carry
// an id and are answered with the same id; the host also pushes what its drills send (emits), their changed meta
// (status, tick, speed, policy, archived, read-only) and the end of a drill. See docs/architecture.md#drill-host-threads.
import type { Note } from '../protocol/messages.ts';
import type { DrillMeta } from '../drill/drill-link.ts';

export type HostOp =
  | 'open' | 'submit' | 'clock' | 'injectOp' | 'addNote' | 'setPolicy' | 'snapshot' | 'msel' | 'debrief' | 'hashes'
  | 'keyframe' | 'stats' | 'drop' | 'close';

export interface HostRequest {
  id: number;
  op: HostOp;
  code?: string;
  args: unknown[];
}

export type HostMessage =
  | { kind: 'reply'; id: number; ok: true; result: unknown; meta?: DrillMeta }
  | { kind: 'reply'; id: number; ok: false; error: string }
  /** What the drills sent since the last message, in order (one message per clock slice, not one per frame). */
  | { kind: 'emits'; list: Emit[] }
  | { kind: 'meta'; meta: DrillMeta }
  | { kind: 'ended'; code: string };

export interface Emit {
  code: string;
  to: 'team' | 'role' | 'fac';
  teamId?: string;
  role?: string;
  event: string;
  payload: unknown;
}

/** What a host is started with (workerData). */
export interface HostData {
  dataDir: string;
  /** SQLite file name in dataDir (server/store/sqlite-store.ts). */
  dbFile?: string;
  /** The folder of each scenario id (only informative: drills play their stored snapshot). */
  scenarioDirs: Record<string, string>;
}

/** The answer to 'open'. */
export interface OpenResult {
  meta: DrillMeta;
  notes: Note[];
}

/** The answer to 'stats': one host's figures since it started (samples: the most recent, capped). */
export interface HostStats {
  drills: number;
  running: number;
  worlds: number;
  tickSamples: number[];
  worldSamples: number[];
  ticksTotal: number;
  worldStepsTotal: number;
  floodComputed: number;
  floodShared: number;
  /** Event-loop utilisation of the host thread since the previous 'stats' (0–1): its CPU share, near enough. */
  utilization: number;
  /** Milliseconds the host thread was busy since it started. */
  activeMs: number;
  /** This thread's JS heap in use and the array buffers it holds (MB): where a host's memory goes. */
  heapMB: number;
  arrayBuffersMB: number;
}
