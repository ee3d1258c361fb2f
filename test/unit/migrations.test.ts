// Database migrations: a fresh file and a data dir from before migrations both reach the last schema version, with
// their data; each migration runs once; a database from a newer Gladi is refused.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, SCHEMA_VERSION, type Migration } from '../../server/store/migrations.ts';
import { SqliteStore } from '../../server/store/sqlite-store.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
const fresh = () => { const d = mkdtempSync(join(tmpdir(), 'gladi-mig-')); dirs.push(d); return d; };

/** The schema a data dir had before migrations existed (user_version 0), with one drill in it. */
const LEGACY = `
CREATE TABLE drills (code TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, seed INTEGER NOT NULL, mode TEXT NOT NULL,
  status TEXT NOT NULL, speed REAL NOT NULL, tick INTEGER NOT NULL, facilitator_token_hash TEXT NOT NULL,
  evaluator_code TEXT NOT NULL, created_at TEXT NOT NULL, archived INTEGER NOT NULL DEFAULT 0);
CREATE TABLE log (seq INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL REFERENCES drills(code), tick INTEGER NOT NULL,
  kind TEXT NOT NULL, team_id TEXT, client_id TEXT, actor TEXT NOT NULL, payload TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE seats (code TEXT NOT NULL REFERENCES drills(code), token_hash TEXT NOT NULL, name TEXT NOT NULL,
  team_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (code, token_hash));
CREATE TABLE keyframes (code TEXT NOT NULL REFERENCES drills(code), tick INTEGER NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (code, tick));
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO drills VALUES ('OLDONE', 'pariaman-rob', 7, 'parallel', 'ended', 1, 120, 'h', 'EVAL01', '2026-01-01T00:00:00Z', 0);
INSERT INTO log (code, tick, kind, team_id, client_id, actor, payload, at)
  VALUES ('OLDONE', 4, 'command', 'tim-a', 'c-legacy-1', 'x', '{"command":{"type":"activate_posko"}}', '2026-01-01T00:01:00Z');
`;

describe('migrations', () => {
  it('number every migration 1, 2, 3, … in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('bring a fresh database to the last version, and do nothing the second time', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    db.close();
  });

  it('upgrade a data dir made before migrations, keeping its drills and log', () => {
    const dir = fresh();
    const old = new Database(join(dir, 'gladi.sqlite'));
    old.exec(LEGACY);
    expect(old.pragma('user_version', { simple: true })).toBe(0);
    old.close();
    const store = new SqliteStore(dir);
    expect(store.getDrill('OLDONE')).toMatchObject({ status: 'ended', tick: 120, evaluatorCode: 'EVAL01' });
    expect(store.findCommand('OLDONE', 'c-legacy-1')?.payload).toEqual({ command: { type: 'activate_posko' } });
    store.close();
    const again = new Database(join(dir, 'gladi.sqlite'));
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('apply an appended migration once, in its own transaction', () => {
    const db = new Database(':memory:');
    migrate(db);
    const extra: Migration[] = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'test table', up: 'CREATE TABLE extra (x INTEGER)' }];
    expect(migrate(db, extra)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION + 1 });
    expect(migrate(db, extra)).toEqual({ from: SCHEMA_VERSION + 1, to: SCHEMA_VERSION + 1 });
    // A failing migration leaves neither its changes nor its number behind.
    const broken: Migration[] = [...extra, { version: SCHEMA_VERSION + 2, name: 'broken', up: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table' }];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a database written by a newer Gladi, saying what to do', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(/newer than this Gladi knows.*restore a backup/);
    db.close();
  });
});
