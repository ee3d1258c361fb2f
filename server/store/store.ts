// What the drill server needs from storage. Two implementations: sqlite-store.ts (the server's, durable) and
// memory-store.ts (tests and tools: same behaviour, nothing on disk). A later PostgreSQL store implements the same.
import type { DrillMode, DrillStatus, ReleaseScope } from '../protocol/messages.ts';

/** The facilitator's rules for a drill: what players may read, and who may still take a seat. */
export interface DrillPolicy {
  /** none: players see no debrief; own: each player their own team's; all: every team's. */
  release: ReleaseScope;
  /** No new seats at all (players already seated still come back with their token). */
  joinLocked: boolean;
  /** After the start, new seats are taken freely (otherwise only while the team has fewer than teamSize seats). */
  lateJoin: boolean;
}
export const DEFAULT_POLICY: DrillPolicy = { release: 'none', joinLocked: false, lateJoin: false };

export interface DrillRecord {
  code: string;
  scenarioId: string;
  seed: number;
  mode: DrillMode;
  status: DrillStatus;
  /** Ticks per real second. */
  speed: number;
  /** Last tick every world reached (written as the clock runs; the log decides what happened). */
  tick: number;
  /** sha256 of the facilitator token handed out at creation. */
  facilitatorTokenHash: string;
  /** Shared by the facilitator with evaluators: read-only access to every world, plus observations. */
  evaluatorCode: string;
  createdAt: string;
  archived: boolean;
  /** Engine version the drill was created with (null: created before versions were recorded). */
  engineVersion: number | null;
  /** Content hash of the scenario snapshot the drill plays (scenarios_snapshot); null before versions. */
  scenarioHash: string | null;
  policy: DrillPolicy;
}

/** command: accepted team command; refused: a command the server or engine refused (never replayed, for the
 *  debrief); clock, inject, note: facilitator and evaluator actions; policy: a change of the drill's rules. */
export type LogKind = 'command' | 'refused' | 'clock' | 'inject' | 'note' | 'policy';

export interface LogEntry {
  seq: number;
  code: string;
  /** The world tick at which this entry takes effect (commands are applied at the start of this tick's step). */
  tick: number;
  kind: LogKind;
  teamId: string | null;
  /** Command: the client's id, so a retry is applied once. */
  clientId: string | null;
  /** Who did it: seat token hash or 'facilitator'. */
  actor: string;
  payload: unknown;
  at: string;
  /** Engine version that wrote the entry (null: written before versions were recorded). */
  engineVersion: number | null;
  /** Content hash of the scenario the drill played when the entry was written. */
  scenarioHash: string | null;
}

export interface Seat {
  code: string;
  tokenHash: string;
  name: string;
  teamId: string;
  role: string;
}

export interface StoredKeyframe {
  tick: number;
  blob: Buffer;
  engineVersion: number | null;
  scenarioHash: string | null;
}

/** World hashes at one tick, as computed by one engine version: lets a later engine check its replay. */
export interface Checkpoint {
  tick: number;
  engineVersion: number;
  hashes: Record<string, string>;
}

/** A new drill as callers write it: versions and policy may be left out (null, DEFAULT_POLICY). */
export type NewDrillRecord = Omit<DrillRecord, 'engineVersion' | 'scenarioHash' | 'policy'> & Partial<Pick<DrillRecord, 'engineVersion' | 'scenarioHash' | 'policy'>>;
/** A log entry as callers write it: versions may be left out (null; Drill always stamps them). */
export type NewLogEntry = Omit<LogEntry, 'seq' | 'at' | 'engineVersion' | 'scenarioHash'> & Partial<Pick<LogEntry, 'engineVersion' | 'scenarioHash'>>;

export type DrillPatch = Partial<Pick<DrillRecord, 'status' | 'speed' | 'tick' | 'archived' | 'scenarioHash' | 'engineVersion' | 'policy'>>;

export interface Store {
  createDrill(rec: NewDrillRecord): void;
  updateDrill(code: string, patch: DrillPatch): void;
  getDrill(code: string): DrillRecord | null;
  listDrills(): DrillRecord[];
  /** Appends durably (the write is done when this returns) and returns the entry with its sequence number. */
  append(entry: NewLogEntry): LogEntry;
  readLog(code: string): LogEntry[];
  findCommand(code: string, clientId: string): LogEntry | null;
  putSeat(seat: Seat): void;
  findSeat(code: string, tokenHash: string): Seat | null;
  listSeats(code: string): Seat[];
  /** Keyframes are a cache for fast recovery, never the truth: the log is. */
  putKeyframe(code: string, kf: StoredKeyframe): void;
  latestKeyframe(code: string): StoredKeyframe | null;
  putCheckpoint(code: string, cp: Checkpoint): void;
  listCheckpoints(code: string): Checkpoint[];
  /** A scenario as a drill started with it, by content hash; written once, never changed. */
  putScenarioSnapshot(hash: string, scenarioId: string, body: Buffer): void;
  getScenarioSnapshot(hash: string): { scenarioId: string; body: Buffer } | null;
  getSetting(key: string): string | null;
  putSetting(key: string, value: string): void;
  /** Scenario versions from the editor: appended with the next number for the id, never changed. */
  putScenarioVersion(v: Omit<ScenarioVersion, 'version' | 'createdAt'>): ScenarioVersion;
  /** Newest first; all scenarios when no id. Without the files (use getScenarioVersion). */
  listScenarioVersions(scenarioId?: string): Omit<ScenarioVersion, 'files'>[];
  getScenarioVersion(scenarioId: string, version: number): ScenarioVersion | null;
  close(): void;
}

/** One saved version of a scenario (server/authoring/versions.ts). */
export interface ScenarioVersion {
  scenarioId: string;
  version: number;
  /** The folder layout: file name → text (scenario.yaml, elevation.asc, landuse.asc, msel.csv, …). */
  files: Record<string, string>;
  /** Content hash of the loaded scenario, the one a drill started from this version records. */
  contentHash: string;
  note: string;
  createdAt: string;
}
