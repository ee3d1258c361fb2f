// Exports of a drill: export.json (scenario snapshot, seed, the whole log, notes and the debrief documents: enough to
// replay the drill anywhere, and importable again) and three CSV files (decisions, timeline, metrics over time).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import type { Drill } from '../drill/drill.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import { ENGINE_VERSION } from '../sim/index.ts';
import type { LogEntry, Store } from '../store/store.ts';
import type { Decision } from './decisions.ts';
import { getDoc, type DocKind } from './docs.ts';
import type { OutcomeSample } from './replay.ts';

export const EXPORT_FORMAT = 'gladi-drill-export';
export const EXPORT_VERSION = 1;
/** Debrief documents carried in an export (the branch link is not: a branch is exported as its own drill). */
const EXPORTED_DOCS: DocKind[] = ['hotwash', 'plan', 'ratings', 'tags'];

/** Every file of a scenario folder as text, with a content hash that names this exact version. */
export function scenarioSnapshot(loaded: LoadedScenario): { id: string; contentHash: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(loaded.dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(loaded.dir);
  return { id: loaded.scenario.id, contentHash: contentHash(files), files };
}

export function contentHash(files: Record<string, string>): string {
  const h = createHash('sha256');
  for (const name of Object.keys(files).sort()) h.update(name).update('\0').update(files[name]).update('\0');
  return h.digest('hex');
}

const logEntry = z.object({
  seq: z.number().int(),
  tick: z.number().int().min(0),
  kind: z.string().max(40),
  teamId: z.string().max(80).nullable(),
  clientId: z.string().max(80).nullable(),
  actor: z.string().max(200),
  payload: z.unknown(),
  at: z.string().max(40),
});

export const drillExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  engineVersion: z.number().int(),
  exportedAt: z.string(),
  drill: z.object({
    code: z.string().max(12), scenarioId: z.string().max(200), seed: z.number().int(), mode: z.enum(['parallel', 'joint']),
    status: z.string().max(20), tick: z.number().int().min(0), createdAt: z.string().max(40),
  }),
  scenario: z.object({ id: z.string().max(200), contentHash: z.string().max(64), files: z.record(z.string(), z.string()) }),
  seats: z.array(z.object({ name: z.string().max(80), teamId: z.string().max(80), role: z.string().max(40), seat: z.string().max(20) })),
  log: z.array(logEntry),
  docs: z.record(z.string(), z.unknown()),
  finalHashes: z.record(z.string(), z.string()),
  /** A branch: the worlds at its fork (a keyframe, base64) and its parent's code; the log starts there. */
  start: z.object({ tick: z.number().int().min(0), blob: z.string(), parent: z.string().max(12).nullable() }).optional(),
});
export type DrillExport = z.infer<typeof drillExport>;

export function buildExport(d: Drill, store: Store, start: { tick: number; blob: Buffer; parent: string | null } | null = null): DrillExport {
  const rec = store.getDrill(d.code)!;
  // Seat token hashes stay on this server: actors become seat numbers (s1, s2, …) in the export.
  const seats = store.listSeats(d.code);
  const seatNo = new Map(seats.map((s, i) => [s.tokenHash, `s${i + 1}`]));
  const docs: Record<string, unknown> = {};
  for (const k of EXPORTED_DOCS) {
    const v = getDoc<unknown>(store, k, d.code, null);
    if (v !== null) docs[k] = v;
  }
  return {
    format: EXPORT_FORMAT, version: EXPORT_VERSION, engineVersion: ENGINE_VERSION, exportedAt: new Date().toISOString(),
    drill: { code: d.code, scenarioId: rec.scenarioId, seed: d.seed, mode: d.mode, status: d.status, tick: d.tick, createdAt: rec.createdAt },
    scenario: scenarioSnapshot(d.loaded),
    seats: seats.map((s) => ({ name: s.name, teamId: s.teamId, role: s.role, seat: seatNo.get(s.tokenHash)! })),
    log: store.readLog(d.code).map((e) => ({ ...e, actor: seatNo.get(e.actor) ?? e.actor })),
    docs,
    finalHashes: d.hashes(),
    ...(start ? { start: { tick: start.tick, blob: start.blob.toString('base64'), parent: start.parent } } : {}),
  };
}

export { EXPORTED_DOCS };

// ---------- CSV ----------

/** One CSV field: quoted when needed; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** H+h:mm of a tick. */
export function clockOf(tick: number, tickSeconds: number): string {
  const m = Math.round((tick * tickSeconds) / 60);
  return `H+${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

export function decisionsCsv(d: Drill, decisions: Decision[]): string {
  const ts = d.scenario.tickSeconds;
  return csv(
    ['tick', 'clock', 'team_id', 'team', 'name', 'role', 'command', 'detail', 'status', 'refusal', 'answers_inject', 'minutes_after_inject'],
    decisions.map((x) => [x.tick, clockOf(x.tick, ts), x.teamId, x.teamName, x.name, x.role, x.type, x.detail, x.status,
      x.refusal ? `${x.refusal.code}${x.refusal.detail ? ` (${x.refusal.detail})` : ''}` : '', x.answers?.no ?? '', x.answers?.minutesAfter ?? '']),
  );
}

export function timelineCsv(d: Drill): string {
  const ts = d.scenario.tickSeconds;
  const rows: unknown[][] = [];
  for (const t of d.debrief().teams) {
    for (const i of [...t.timeline].sort((a, b) => a.tick - b.tick)) {
      rows.push([i.tick, clockOf(i.tick, ts), t.id, i.kind, i.no ?? '', i.from ?? '', i.method ?? '', i.toRole ?? '', i.event?.kind ?? i.effect ?? '',
        i.event?.area ?? '', i.event?.shelter ?? '', i.event?.unit ?? '', i.event?.count ?? '', i.by ?? '', i.text?.id ?? i.event?.text ?? '']);
    }
  }
  rows.sort((a, b) => (a[0] as number) - (b[0] as number));
  return csv(['tick', 'clock', 'team_id', 'kind', 'inject_no', 'from', 'method', 'to_role', 'event', 'area', 'shelter', 'unit', 'count', 'by', 'text'], rows);
}

export function metricsCsv(d: Drill, outcomes: Record<string, OutcomeSample[]>): string {
  const ts = d.scenario.tickSeconds;
  const ids = [...new Set(Object.values(outcomes).flatMap((l) => l.flatMap((s) => Object.keys(s.metrics))))];
  const rows: unknown[][] = [];
  for (const [teamId, list] of Object.entries(outcomes)) {
    for (const s of list) {
      rows.push([s.tick, clockOf(s.tick, ts), teamId, s.score, s.safe, s.sheltered, s.rescued, s.stranded, s.injured, s.dead, s.exposed,
        Math.round(s.trust * 1000) / 1000, ...ids.map((id) => { const v = s.metrics[id]; return v === undefined || v === null ? '' : Math.round(v * 1000) / 1000; })]);
    }
  }
  rows.sort((a, b) => (a[0] as number) - (b[0] as number));
  return csv(['tick', 'clock', 'team_id', 'score', 'safe', 'sheltered', 'rescued', 'stranded', 'injured', 'dead', 'exposed', 'trust', ...ids], rows);
}

export type { LogEntry };
