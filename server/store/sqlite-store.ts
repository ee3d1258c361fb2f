// The embedded store: one SQLite file (better-sqlite3) under DATA_DIR. WAL journal, synchronous=NORMAL: a
// committed write survives a process crash (kill -9) because it is in the WAL before append() returns.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations.ts';
import { DEFAULT_POLICY, type Checkpoint, type DrillPatch, type DrillRecord, type LogEntry, type NewDrillRecord, type NewLogEntry, type ScenarioVersion, type Seat, type Store, type StoredKeyframe } from './store.ts';

interface DrillRow {
  code: string; scenario_id: string; seed: number; mode: string; status: string; speed: number; tick: number;
  facilitator_token_hash: string; evaluator_code: string; created_at: string; archived: number;
  engine_version: number | null; scenario_hash: string | null; policy: string;
}
interface LogRow {
  seq: number; code: string; tick: number; kind: string; team_id: string | null; client_id: string | null;
  actor: string; payload: string; at: string; engine_version: number | null; scenario_hash: string | null;
}

const toDrill = (r: DrillRow): DrillRecord => ({
  code: r.code, scenarioId: r.scenario_id, seed: r.seed, mode: r.mode as DrillRecord['mode'], status: r.status as DrillRecord['status'],
  speed: r.speed, tick: r.tick, facilitatorTokenHash: r.facilitator_token_hash, evaluatorCode: r.evaluator_code,
  createdAt: r.created_at, archived: r.archived === 1, engineVersion: r.engine_version, scenarioHash: r.scenario_hash,
  policy: { ...DEFAULT_POLICY, ...(JSON.parse(r.policy || '{}') as object) },
});
const toEntry = (r: LogRow): LogEntry => ({
  seq: r.seq, code: r.code, tick: r.tick, kind: r.kind as LogEntry['kind'], teamId: r.team_id, clientId: r.client_id,
  actor: r.actor, payload: JSON.parse(r.payload), at: r.at, engineVersion: r.engine_version, scenarioHash: r.scenario_hash,
});

export class SqliteStore implements Store {
  private db: Database.Database;
  private stmts;

  constructor(dataDir: string, file = 'gladi.sqlite') {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, file));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // Schema by numbered migrations (migrations.ts): a data dir from any earlier version is brought up to date.
    migrate(this.db);
    const db = this.db;
    this.stmts = {
      insertDrill: db.prepare(`INSERT INTO drills (code, scenario_id, seed, mode, status, speed, tick, facilitator_token_hash, evaluator_code, created_at, archived, engine_version, scenario_hash, policy)
        VALUES (@code, @scenarioId, @seed, @mode, @status, @speed, @tick, @facilitatorTokenHash, @evaluatorCode, @createdAt, @archived, @engineVersion, @scenarioHash, @policy)`),
      getDrill: db.prepare('SELECT * FROM drills WHERE code = ?'),
      listDrills: db.prepare('SELECT * FROM drills ORDER BY created_at DESC'),
      append: db.prepare(`INSERT INTO log (code, tick, kind, team_id, client_id, actor, payload, at, engine_version, scenario_hash)
        VALUES (@code, @tick, @kind, @teamId, @clientId, @actor, @payload, @at, @engineVersion, @scenarioHash)`),
      readLog: db.prepare('SELECT * FROM log WHERE code = ? ORDER BY seq'),
      findCommand: db.prepare('SELECT * FROM log WHERE code = ? AND client_id = ?'),
      putSeat: db.prepare(`INSERT INTO seats (code, token_hash, name, team_id, role) VALUES (@code, @tokenHash, @name, @teamId, @role)
        ON CONFLICT(code, token_hash) DO UPDATE SET name = excluded.name, team_id = excluded.team_id, role = excluded.role`),
      findSeat: db.prepare('SELECT * FROM seats WHERE code = ? AND token_hash = ?'),
      listSeats: db.prepare('SELECT * FROM seats WHERE code = ? ORDER BY rowid'),
      putKeyframe: db.prepare('INSERT OR REPLACE INTO keyframes (code, tick, blob, engine_version, scenario_hash) VALUES (?, ?, ?, ?, ?)'),
      latestKeyframe: db.prepare('SELECT tick, blob, engine_version, scenario_hash FROM keyframes WHERE code = ? ORDER BY tick DESC LIMIT 1'),
      putCheckpoint: db.prepare('INSERT OR REPLACE INTO checkpoints (code, tick, engine_version, hashes) VALUES (?, ?, ?, ?)'),
      listCheckpoints: db.prepare('SELECT tick, engine_version, hashes FROM checkpoints WHERE code = ? ORDER BY tick, engine_version'),
      putSnapshot: db.prepare('INSERT OR IGNORE INTO scenarios_snapshot (hash, scenario_id, created_at, body) VALUES (?, ?, ?, ?)'),
      getSnapshot: db.prepare('SELECT scenario_id, body FROM scenarios_snapshot WHERE hash = ?'),
      pruneKeyframes: db.prepare('DELETE FROM keyframes WHERE code = ? AND tick < ?'),
      getSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
      putSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  createDrill(rec: NewDrillRecord): void {
    this.stmts.insertDrill.run({
      ...rec, archived: rec.archived ? 1 : 0, engineVersion: rec.engineVersion ?? null, scenarioHash: rec.scenarioHash ?? null,
      policy: JSON.stringify({ ...DEFAULT_POLICY, ...rec.policy }),
    });
  }

  updateDrill(code: string, patch: DrillPatch): void {
    const cols: string[] = [];
    const vals: Record<string, unknown> = { code };
    if (patch.status !== undefined) { cols.push('status = @status'); vals.status = patch.status; }
    if (patch.speed !== undefined) { cols.push('speed = @speed'); vals.speed = patch.speed; }
    if (patch.tick !== undefined) { cols.push('tick = @tick'); vals.tick = patch.tick; }
    if (patch.archived !== undefined) { cols.push('archived = @archived'); vals.archived = patch.archived ? 1 : 0; }
    if (patch.engineVersion !== undefined) { cols.push('engine_version = @engineVersion'); vals.engineVersion = patch.engineVersion; }
    if (patch.scenarioHash !== undefined) { cols.push('scenario_hash = @scenarioHash'); vals.scenarioHash = patch.scenarioHash; }
    if (patch.policy !== undefined) { cols.push('policy = @policy'); vals.policy = JSON.stringify(patch.policy); }
    if (cols.length === 0) return;
    this.db.prepare(`UPDATE drills SET ${cols.join(', ')} WHERE code = @code`).run(vals);
  }

  getDrill(code: string): DrillRecord | null {
    const r = this.stmts.getDrill.get(code) as DrillRow | undefined;
    return r ? toDrill(r) : null;
  }

  listDrills(): DrillRecord[] {
    return (this.stmts.listDrills.all() as DrillRow[]).map(toDrill);
  }

  append(entry: NewLogEntry): LogEntry {
    const at = new Date().toISOString();
    const e = { ...entry, engineVersion: entry.engineVersion ?? null, scenarioHash: entry.scenarioHash ?? null };
    const info = this.stmts.append.run({ ...e, payload: JSON.stringify(entry.payload), at });
    return { ...e, seq: Number(info.lastInsertRowid), at };
  }

  readLog(code: string): LogEntry[] {
    return (this.stmts.readLog.all(code) as LogRow[]).map(toEntry);
  }

  findCommand(code: string, clientId: string): LogEntry | null {
    const r = this.stmts.findCommand.get(code, clientId) as LogRow | undefined;
    return r ? toEntry(r) : null;
  }

  putSeat(seat: Seat): void {
    this.stmts.putSeat.run(seat);
  }

  findSeat(code: string, tokenHash: string): Seat | null {
    const r = this.stmts.findSeat.get(code, tokenHash) as { code: string; token_hash: string; name: string; team_id: string; role: string } | undefined;
    return r ? { code: r.code, tokenHash: r.token_hash, name: r.name, teamId: r.team_id, role: r.role } : null;
  }

  listSeats(code: string): Seat[] {
    return (this.stmts.listSeats.all(code) as { code: string; token_hash: string; name: string; team_id: string; role: string }[])
      .map((r) => ({ code: r.code, tokenHash: r.token_hash, name: r.name, teamId: r.team_id, role: r.role }));
  }

  putKeyframe(code: string, kf: StoredKeyframe): void {
    // Keep the two newest: recovery needs only the latest, the one before guards against a torn last write.
    this.db.transaction(() => {
      this.stmts.putKeyframe.run(code, kf.tick, kf.blob, kf.engineVersion, kf.scenarioHash);
      const older = this.db.prepare('SELECT tick FROM keyframes WHERE code = ? ORDER BY tick DESC LIMIT 1 OFFSET 1').get(code) as { tick: number } | undefined;
      if (older) this.stmts.pruneKeyframes.run(code, older.tick);
    })();
  }

  latestKeyframe(code: string): StoredKeyframe | null {
    const r = this.stmts.latestKeyframe.get(code) as { tick: number; blob: Buffer; engine_version: number | null; scenario_hash: string | null } | undefined;
    return r ? { tick: r.tick, blob: r.blob, engineVersion: r.engine_version, scenarioHash: r.scenario_hash } : null;
  }

  putCheckpoint(code: string, cp: Checkpoint): void {
    this.stmts.putCheckpoint.run(code, cp.tick, cp.engineVersion, JSON.stringify(cp.hashes));
  }

  listCheckpoints(code: string): Checkpoint[] {
    return (this.stmts.listCheckpoints.all(code) as { tick: number; engine_version: number; hashes: string }[])
      .map((r) => ({ tick: r.tick, engineVersion: r.engine_version, hashes: JSON.parse(r.hashes) as Record<string, string> }));
  }

  putScenarioSnapshot(hash: string, scenarioId: string, body: Buffer): void {
    this.stmts.putSnapshot.run(hash, scenarioId, new Date().toISOString(), body);
  }

  putScenarioVersion(v: Omit<ScenarioVersion, 'version' | 'createdAt'>): ScenarioVersion {
    const createdAt = new Date().toISOString();
    const version = this.db.transaction(() => {
      const n = (this.db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS n FROM scenario_versions WHERE scenario_id = ?').get(v.scenarioId) as { n: number }).n;
      this.db.prepare('INSERT INTO scenario_versions (scenario_id, version, files, content_hash, note, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(v.scenarioId, n, JSON.stringify(v.files), v.contentHash, v.note, createdAt);
      return n;
    })();
    return { ...v, version, createdAt };
  }

  listScenarioVersions(scenarioId?: string): Omit<ScenarioVersion, 'files'>[] {
    const rows = (scenarioId
      ? this.db.prepare('SELECT scenario_id, version, content_hash, note, created_at FROM scenario_versions WHERE scenario_id = ? ORDER BY created_at DESC, version DESC').all(scenarioId)
      : this.db.prepare('SELECT scenario_id, version, content_hash, note, created_at FROM scenario_versions ORDER BY created_at DESC, version DESC').all()) as { scenario_id: string; version: number; content_hash: string; note: string; created_at: string }[];
    return rows.map((r) => ({ scenarioId: r.scenario_id, version: r.version, contentHash: r.content_hash, note: r.note, createdAt: r.created_at }));
  }

  getScenarioVersion(scenarioId: string, version: number): ScenarioVersion | null {
    const r = this.db.prepare('SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = ?').get(scenarioId, version) as { scenario_id: string; version: number; files: string; content_hash: string; note: string; created_at: string } | undefined;
    return r ? { scenarioId: r.scenario_id, version: r.version, files: JSON.parse(r.files) as Record<string, string>, contentHash: r.content_hash, note: r.note, createdAt: r.created_at } : null;
  }

  getScenarioSnapshot(hash: string): { scenarioId: string; body: Buffer } | null {
    const r = this.stmts.getSnapshot.get(hash) as { scenario_id: string; body: Buffer } | undefined;
    return r ? { scenarioId: r.scenario_id, body: r.body } : null;
  }

  getSetting(key: string): string | null {
    const r = this.stmts.getSetting.get(key) as { value: string } | undefined;
    return r ? r.value : null;
  }

  putSetting(key: string, value: string): void {
    this.stmts.putSetting.run(key, value);
  }

  close(): void {
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
