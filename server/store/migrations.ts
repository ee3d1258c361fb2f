// Numbered database migrations, applied at start through SQLite's `PRAGMA user_version` (the number of the last
// migration applied). Each runs once, in its own transaction, in order; a database written by a newer Gladi (a
// user_version above the last number here) is refused rather than guessed at. See docs/architecture.md#migrations.
//
// ADDING A MIGRATION is a one-entry change: append `{ version: <last + 1>, name, up }` to MIGRATIONS below (never
// edit or reorder one that has shipped: data dirs in the field already ran it). `up` is SQL text or a function of
// the open database. The memory store (memory-store.ts) has no schema; give it the matching field if you add one.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    // The schema as it was before migrations existed: IF NOT EXISTS, so a data dir made then upgrades in place.
    version: 1,
    name: 'drills, log, seats, keyframes, settings',
    up: `
CREATE TABLE IF NOT EXISTS drills (
  code TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  seed INTEGER NOT NULL,
  mode TEXT NOT NULL,
  status TEXT NOT NULL,
  speed REAL NOT NULL,
  tick INTEGER NOT NULL,
  facilitator_token_hash TEXT NOT NULL,
  evaluator_code TEXT NOT NULL,
  created_at TEXT NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL REFERENCES drills(code),
  tick INTEGER NOT NULL,
  kind TEXT NOT NULL,
  team_id TEXT,
  client_id TEXT,
  actor TEXT NOT NULL,
  payload TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS log_by_drill ON log(code, seq);
CREATE UNIQUE INDEX IF NOT EXISTS log_client_id ON log(code, client_id) WHERE client_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS seats (
  code TEXT NOT NULL REFERENCES drills(code),
  token_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  team_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (code, token_hash)
);
CREATE TABLE IF NOT EXISTS keyframes (
  code TEXT NOT NULL REFERENCES drills(code),
  tick INTEGER NOT NULL,
  blob BLOB NOT NULL,
  PRIMARY KEY (code, tick)
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
  {
    // Versions: what engine and which scenario content wrote each entry, keyframe and drill; the scenario a drill
    // started with, kept by content hash; world hashes at keyframe ticks (kept after keyframes are pruned) so a
    // log replayed by another engine version can be checked. Drill policy: debrief release and joining rules.
    version: 2,
    name: 'engine versions, scenario snapshots, checkpoints, drill policy',
    up: `
ALTER TABLE drills ADD COLUMN engine_version INTEGER;
ALTER TABLE drills ADD COLUMN scenario_hash TEXT;
ALTER TABLE drills ADD COLUMN policy TEXT NOT NULL DEFAULT '{}';
ALTER TABLE log ADD COLUMN engine_version INTEGER;
ALTER TABLE log ADD COLUMN scenario_hash TEXT;
ALTER TABLE keyframes ADD COLUMN engine_version INTEGER;
ALTER TABLE keyframes ADD COLUMN scenario_hash TEXT;
CREATE TABLE scenarios_snapshot (
  hash TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body BLOB NOT NULL
);
CREATE TABLE checkpoints (
  code TEXT NOT NULL REFERENCES drills(code),
  tick INTEGER NOT NULL,
  engine_version INTEGER NOT NULL,
  hashes TEXT NOT NULL,
  PRIMARY KEY (code, tick, engine_version)
);
`,
  },
  {
    // Scenario versions saved from the editor (server/authoring/versions.ts): the folder layout as JSON
    // {file name: text}, and the content hash a drill started from it records (scenarios_snapshot).
    version: 3,
    name: 'scenario versions',
    up: `
CREATE TABLE scenario_versions (
  scenario_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  files TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  PRIMARY KEY (scenario_id, version)
);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings `db` up to SCHEMA_VERSION; returns the version it found and the one it left. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const last = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (from > last) {
    throw new Error(`database schema version ${from} is newer than this Gladi knows (${last}): run the newer Gladi, or restore a backup of DATA_DIR`);
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations.ts: migration at position ${i + 1} is numbered ${m.version}; number them 1, 2, 3, … in order`);
  });
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: Math.max(from, last) };
}
