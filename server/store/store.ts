// What the drill server needs from storage. The SQLite implementation is sqlite-store.ts; tests and a later
// PostgreSQL store implement the same interface.
import type { DrillMode, DrillStatus } from '../protocol/messages.ts';

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
}

export type LogKind = 'command' | 'clock' | 'inject' | 'note';

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
}

export interface Seat {
  code: string;
  tokenHash: string;
  name: string;
  teamId: string;
  role: string;
}

export interface Store {
  createDrill(rec: DrillRecord): void;
  updateDrill(code: string, patch: Partial<Pick<DrillRecord, 'status' | 'speed' | 'tick' | 'archived'>>): void;
  getDrill(code: string): DrillRecord | null;
  listDrills(): DrillRecord[];
  /** Appends durably (the write is done when this returns) and returns the entry with its sequence number. */
  append(entry: Omit<LogEntry, 'seq' | 'at'>): LogEntry;
  readLog(code: string): LogEntry[];
  findCommand(code: string, clientId: string): LogEntry | null;
  putSeat(seat: Seat): void;
  findSeat(code: string, tokenHash: string): Seat | null;
  listSeats(code: string): Seat[];
  /** Keyframes are a cache for fast recovery, never the truth: the log is. */
  putKeyframe(code: string, tick: number, blob: Buffer): void;
  latestKeyframe(code: string): { tick: number; blob: Buffer } | null;
  getSetting(key: string): string | null;
  putSetting(key: string, value: string): void;
  close(): void;
}
