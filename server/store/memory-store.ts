// The Store in memory: the same behaviour as the SQLite store (order, unique client ids, two newest keyframes,
// snapshots written once) with nothing on disk. For unit tests that drive a Drill without a server, and for tools.
// Values are copied in and out, so a caller cannot change what is "stored" by mutating an object afterwards.
import { DEFAULT_POLICY, type Checkpoint, type DrillPatch, type DrillRecord, type LogEntry, type NewDrillRecord, type NewLogEntry, type ScenarioVersion, type Seat, type Store, type StoredKeyframe } from './store.ts';

const copy = <T>(v: T): T => structuredClone(v);

export class MemoryStore implements Store {
  private readonly drills = new Map<string, DrillRecord>();
  private readonly log: LogEntry[] = [];
  private readonly seats = new Map<string, Seat[]>();
  private readonly keyframes = new Map<string, StoredKeyframe[]>();
  private readonly checkpoints = new Map<string, Checkpoint[]>();
  private readonly snapshots = new Map<string, { scenarioId: string; body: Buffer }>();
  private readonly settings = new Map<string, string>();
  private readonly versions: ScenarioVersion[] = [];
  private seq = 0;

  createDrill(rec: NewDrillRecord): void {
    if (this.drills.has(rec.code)) throw new Error(`drill ${rec.code} exists already`);
    this.drills.set(rec.code, copy({ ...rec, engineVersion: rec.engineVersion ?? null, scenarioHash: rec.scenarioHash ?? null, policy: { ...DEFAULT_POLICY, ...rec.policy } }));
  }

  updateDrill(code: string, patch: DrillPatch): void {
    const rec = this.drills.get(code);
    if (!rec) return;
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) (rec as unknown as Record<string, unknown>)[k] = copy(v);
  }

  getDrill(code: string): DrillRecord | null {
    const r = this.drills.get(code);
    return r ? copy(r) : null;
  }

  listDrills(): DrillRecord[] {
    return [...this.drills.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(copy);
  }

  append(entry: NewLogEntry): LogEntry {
    if (!this.drills.has(entry.code)) throw new Error(`FOREIGN KEY: no drill ${entry.code}`);
    if (entry.clientId !== null && this.findCommand(entry.code, entry.clientId)) throw new Error(`UNIQUE: client id ${entry.clientId} already logged`);
    const e: LogEntry = { ...copy(entry), engineVersion: entry.engineVersion ?? null, scenarioHash: entry.scenarioHash ?? null, seq: ++this.seq, at: new Date().toISOString() };
    this.log.push(e);
    return copy(e);
  }

  readLog(code: string): LogEntry[] {
    return this.log.filter((e) => e.code === code).map(copy);
  }

  findCommand(code: string, clientId: string): LogEntry | null {
    const e = this.log.find((x) => x.code === code && x.clientId === clientId);
    return e ? copy(e) : null;
  }

  putSeat(seat: Seat): void {
    const list = this.seats.get(seat.code) ?? [];
    const k = list.findIndex((s) => s.tokenHash === seat.tokenHash);
    if (k >= 0) list[k] = { ...seat };
    else list.push({ ...seat });
    this.seats.set(seat.code, list);
  }

  findSeat(code: string, tokenHash: string): Seat | null {
    const s = this.seats.get(code)?.find((x) => x.tokenHash === tokenHash);
    return s ? { ...s } : null;
  }

  listSeats(code: string): Seat[] {
    return (this.seats.get(code) ?? []).map((s) => ({ ...s }));
  }

  putKeyframe(code: string, kf: StoredKeyframe): void {
    // As in SQLite: the two newest only.
    const list = (this.keyframes.get(code) ?? []).filter((k) => k.tick !== kf.tick);
    list.push({ ...kf, blob: Buffer.from(kf.blob) });
    list.sort((a, b) => a.tick - b.tick);
    this.keyframes.set(code, list.slice(-2));
  }

  latestKeyframe(code: string): StoredKeyframe | null {
    const list = this.keyframes.get(code);
    const k = list?.[list.length - 1];
    return k ? { ...k, blob: Buffer.from(k.blob) } : null;
  }

  putCheckpoint(code: string, cp: Checkpoint): void {
    const list = (this.checkpoints.get(code) ?? []).filter((c) => c.tick !== cp.tick || c.engineVersion !== cp.engineVersion);
    list.push(copy(cp));
    list.sort((a, b) => a.tick - b.tick || a.engineVersion - b.engineVersion);
    this.checkpoints.set(code, list);
  }

  listCheckpoints(code: string): Checkpoint[] {
    return (this.checkpoints.get(code) ?? []).map(copy);
  }

  putScenarioSnapshot(hash: string, scenarioId: string, body: Buffer): void {
    if (!this.snapshots.has(hash)) this.snapshots.set(hash, { scenarioId, body: Buffer.from(body) });
  }

  getScenarioSnapshot(hash: string): { scenarioId: string; body: Buffer } | null {
    const s = this.snapshots.get(hash);
    return s ? { scenarioId: s.scenarioId, body: Buffer.from(s.body) } : null;
  }

  getSetting(key: string): string | null {
    return this.settings.get(key) ?? null;
  }

  putSetting(key: string, value: string): void {
    this.settings.set(key, value);
  }

  putScenarioVersion(v: Omit<ScenarioVersion, 'version' | 'createdAt'>): ScenarioVersion {
    const version = 1 + Math.max(0, ...this.versions.filter((x) => x.scenarioId === v.scenarioId).map((x) => x.version));
    const row: ScenarioVersion = { ...v, files: { ...v.files }, version, createdAt: new Date().toISOString() };
    this.versions.push(row);
    return { ...row, files: { ...row.files } };
  }

  listScenarioVersions(scenarioId?: string): Omit<ScenarioVersion, 'files'>[] {
    return this.versions.filter((v) => !scenarioId || v.scenarioId === scenarioId).map(({ files: _, ...rest }) => rest)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.version - a.version);
  }

  getScenarioVersion(scenarioId: string, version: number): ScenarioVersion | null {
    const v = this.versions.find((x) => x.scenarioId === scenarioId && x.version === version);
    return v ? { ...v, files: { ...v.files } } : null;
  }

  close(): void {}
}
