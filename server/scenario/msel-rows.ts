// The MSEL in Gladi's own layout (msel.csv, HSEEP columns; see docs/authoring.md): reading the CSV and checking
// every row against the scenario, all problems at once. The spreadsheet importer (server/authoring/msel-import.ts)
// maps foreign sheets onto the same columns and reuses checkMselRecords for its row report.
import { parse as parseCsv } from 'csv-parse/sync';
import { COMMAND_TYPES } from '../sim/index.ts';
import { parseEffect, type InjectEffect } from '../sim/index.ts';
import { TEAM_ROLES } from '../protocol/rights.ts';
import { parseCondition, type InjectCondition } from '../protocol/inject-condition.ts';
import { parseExpectedAction, type ExpectedAction } from '../protocol/expected-action.ts';
import type { Diagnostic } from './diagnostic.ts';
import { parseScenarioTime } from './scenario-time.ts';

/** How an inject reaches the players (HSEEP "method"); the same list as the ad-hoc inject form. */
export const MSEL_METHODS = ['phone', 'radio', 'whatsapp', 'email', 'news', 'social'] as const;
/** Gladi's MSEL columns, in file order. expected_text and notes are optional. */
export const MSEL_COLUMNS = ['no', 'time', 'condition', 'method', 'from', 'to', 'message_id', 'message_en', 'expected_action', 'deadline', 'effect', 'expected_text', 'notes'] as const;
export type MselColumn = (typeof MSEL_COLUMNS)[number];
export type MselRecord = Partial<Record<MselColumn, string>>;

/** Minutes after delivery when a row gives an expected action but no deadline (also in drill/inject.ts). */
export const DEFAULT_DEADLINE_MINUTES = 30;

/** One MSEL row (HSEEP columns, docs/authoring.md) as loaded; the drill server delivers it (server/drill/inject.ts). */
export interface MselRow {
  no: number;
  /** Scenario minute from which it fires (with a condition: from which the condition is watched). */
  minute: number;
  /** Fires when this holds over the team's world; null = fires at `minute`. */
  condition: InjectCondition | null;
  method: string;
  from: string;
  /** 'all', a team id, or a team role (commander, communications, …). */
  to: string;
  message: { id: string; en: string };
  /** The first expected command (kept for the judging that takes one). */
  expectedAction: string | null;
  /** Minutes after delivery by which the expected action is due. */
  deadlineMinutes: number | null;
  effect: InjectEffect | null;
  /** Every expected command, when the row names several (e.g. `warn; evacuate`). */
  expectedActions?: string[];
  /** The expected action in the author's own words (free text from a spreadsheet). */
  expectedText?: string | null;
  /** Controller notes: extra spreadsheet columns, kept as "column: value" lines. Never shown to players. */
  notes?: string | null;
}

/** What a row is checked against; null fields skip those checks (e.g. importing without a scenario). */
export interface MselContext {
  durationMinutes: number;
  areas: Set<string>;
  shelters: Set<string>;
  units: Set<string>;
  teams: Set<string>;
  width: number;
  height: number;
  /** Highest and lowest coastal level of the scenario (m above MSL). */
  seaMax: number;
  seaMin: number;
  /** Rivers or rain can raise water above the sea: depth conditions are then not judged impossible. */
  otherWater: boolean;
  /** Lowest ground per neighbourhood (m above MSL). */
  areaMinElevation: Map<string, number>;
  /** People in the scenario (households × size). */
  population: number;
  /** Landslide zones and health facilities effects may name (absent = not checked). */
  zones?: Set<string>;
  facilities?: Set<string>;
  ngos?: Set<string>;
}

export function readMselCsv(text: string, file: string): { records: MselRecord[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let raw: Record<string, string>[];
  try {
    raw = parseCsv(text.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (e) {
    const err = e as { lines?: number; message: string };
    diagnostics.push({ level: 'error', file, row: err.lines, code: 'csv_syntax', params: { detail: err.message } });
    return { records: [], diagnostics };
  }
  const known = new Set<string>(MSEL_COLUMNS);
  const extra = raw.length ? Object.keys(raw[0]).filter((c) => !known.has(c)) : [];
  for (const c of extra) diagnostics.push({ level: 'info', file, row: 1, field: c, code: 'msel_extra_column', params: { column: c } });
  const records = raw.map((r) => {
    const rec: MselRecord = {};
    for (const c of MSEL_COLUMNS) if (r[c] !== undefined) rec[c] = r[c];
    const notes = [rec.notes, ...extra.filter((c) => r[c]).map((c) => `${c}: ${r[c]}`)].filter(Boolean).join('\n');
    if (notes) rec.notes = notes;
    return rec;
  });
  return { records, diagnostics };
}

/** Splits an expected-action cell: `warn`, `warn; evacuate`, `warn, evacuate`. */
export function splitActions(cell: string | undefined): string[] {
  return (cell ?? '').split(/[;,/\n]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * Checks MSEL records and builds the rows that pass. `rowOffset` is the spreadsheet row of records[0] (2 when
 * row 1 is the header). Returns per-record diagnostics (with `row`) and the rows that have no error.
 */
export function checkMselRecords(records: MselRecord[], file: string, ctx: MselContext | null, rowOffset = 2): { rows: MselRow[]; diagnostics: Diagnostic[]; rowOk: boolean[] } {
  const diagnostics: Diagnostic[] = [];
  const rows: MselRow[] = [];
  const rowOk: boolean[] = [];
  const seen = new Map<number, number>();
  records.forEach((r, idx) => {
    const at = rowOffset + idx;
    const here: Diagnostic[] = [];
    const err = (field: MselColumn, code: Diagnostic['code'], params: Diagnostic['params'] = {}) => here.push({ level: 'error', file, row: at, field, code, params });
    const warn = (field: MselColumn, code: Diagnostic['code'], params: Diagnostic['params'] = {}) => here.push({ level: 'warning', file, row: at, field, code, params });
    const info = (field: MselColumn, code: Diagnostic['code'], params: Diagnostic['params'] = {}) => here.push({ level: 'info', file, row: at, field, code, params });

    // no
    let no = idx + 1;
    if (r.no) {
      const n = Number(r.no);
      if (!Number.isInteger(n) || n < 1) err('no', 'msel_no', { value: r.no });
      else no = n;
    }
    if (seen.has(no)) err('no', 'msel_no_twice', { no, other: seen.get(no)! });
    seen.set(no, at);

    // condition
    let condition: InjectCondition | null = null;
    if (r.condition) {
      const c = parseCondition(r.condition);
      if (typeof c === 'string') err('condition', 'msel_condition', { value: r.condition });
      else {
        condition = c;
        if (ctx) checkCondition(c, r.condition, ctx, err, warn);
      }
    }
    // time
    let minute: number | null = r.time ? parseScenarioTime(r.time) : condition ? 0 : null;
    if (minute === null) {
      if (r.time) err('time', 'msel_time', { value: r.time });
      else err('time', 'msel_time_empty');
    } else if (ctx && minute > ctx.durationMinutes) err('time', 'msel_time_after_end', { value: r.time ?? '', end: ctx.durationMinutes });
    // method
    const method = (r.method || '').toLowerCase();
    if (!method) info('method', 'msel_default_method');
    else if (!(MSEL_METHODS as readonly string[]).includes(method)) err('method', 'msel_method', { value: r.method!, allowed: MSEL_METHODS.join(', ') });
    // to
    const to = r.to || 'all';
    if (!r.to) info('to', 'msel_default_to');
    else if (to !== 'all' && !(TEAM_ROLES as readonly string[]).includes(to) && !(ctx?.teams.has(to) ?? true)) {
      err('to', 'msel_to', { value: to, teams: ctx ? [...ctx.teams].join(', ') : '', roles: TEAM_ROLES.join(', ') });
    }
    // message
    if (!r.message_id) err('message_id', 'msel_message_empty');
    if (r.message_id && !r.message_en) info('message_en', 'msel_no_english');
    // expected actions
    const actions = splitActions(r.expected_action);
    // A command type, optionally with the area, unit or shelter it must concern: evacuate(karan-aur) (docs/scoring.md).
    for (const a of actions) {
      const p = parseExpectedAction(a);
      if (typeof p === 'string' || !(COMMAND_TYPES as string[]).includes(p.type)) err('expected_action', 'msel_expected', { value: a, allowed: COMMAND_TYPES.join(', ') });
      else if (p.target && ctx && !ctx.areas.has(p.target) && !ctx.units.has(p.target) && !ctx.shelters.has(p.target)) err('expected_action', 'msel_expected_target', { value: p.target });
    }
    let deadline: number | null = null;
    if (r.deadline) {
      const d = Number(r.deadline.replace(',', '.'));
      if (!(d > 0)) err('deadline', 'msel_deadline', { value: r.deadline });
      else deadline = d;
    } else if (actions.length) info('deadline', 'msel_default_deadline', { minutes: DEFAULT_DEADLINE_MINUTES });
    if (!actions.length && r.expected_text) info('expected_action', 'msel_text_only');
    // effect
    let effect: InjectEffect | null = null;
    if (r.effect) {
      const e = parseEffect(r.effect);
      if (typeof e === 'string') err('effect', 'msel_effect', { value: r.effect, detail: e });
      else {
        effect = e;
        if (ctx) checkEffectTargets(e, ctx, err);
      }
    }
    if (condition && minute !== null && ctx && minute > ctx.durationMinutes) { /* reported above */ }

    diagnostics.push(...here);
    const ok = !here.some((d) => d.level === 'error');
    rowOk.push(ok);
    if (ok && minute !== null) {
      rows.push({
        no, minute, condition, method: method || 'phone', from: r.from || '', to,
        message: { id: r.message_id!, en: r.message_en || r.message_id! },
        expectedAction: actions.length ? (parseExpectedAction(actions[0]) as ExpectedAction).type : null, deadlineMinutes: deadline, effect,
        expectedActions: actions, expectedText: r.expected_text || null, notes: r.notes || null,
      });
    }
  });
  return { rows, diagnostics, rowOk };
}

type Report = (field: MselColumn, code: Diagnostic['code'], params?: Diagnostic['params']) => void;

/** Targets that do not exist and thresholds that can never be reached. */
function checkCondition(c: InjectCondition, text: string, ctx: MselContext, err: Report, warn: Report): void {
  const never = (reason: string | { id: string; en: string }) => err('condition', 'msel_condition_never', { value: text, reason: typeof reason === 'string' ? reason : reason.id, reason_en: typeof reason === 'string' ? reason : reason.en });
  switch (c.kind) {
    case 'depth': {
      if (!ctx.areas.has(c.area)) { err('condition', 'msel_unknown_area', { value: c.area, allowed: [...ctx.areas].join(', ') }); return; }
      if (c.op === '<=' && c.value < 0) never({ id: 'kedalaman air tidak pernah negatif', en: 'water depth is never negative' });
      if (c.op === '>=' && c.value <= 0) warn('condition', 'msel_condition_always', { value: text });
      const low = ctx.areaMinElevation.get(c.area);
      if (c.op === '>=' && low !== undefined && !ctx.otherWater && c.value > ctx.seaMax - low + 0.05) {
        warn('condition', 'msel_condition_unlikely', { value: text, max: Math.max(0, ctx.seaMax - low).toFixed(2) });
      }
      return;
    }
    case 'occupancy':
      if (!ctx.shelters.has(c.shelter)) { err('condition', 'msel_unknown_shelter', { value: c.shelter, allowed: [...ctx.shelters].join(', ') }); return; }
      if (c.op === '<=' && c.value < 0) never({ id: 'keterisian tidak pernah negatif', en: 'occupancy is never negative' });
      if (c.op === '>=' && c.value > 3) warn('condition', 'msel_condition_unlikely', { value: text, max: '3' });
      return;
    case 'sea_level':
      if (c.op === '>=' && c.value > ctx.seaMax) warn('condition', 'msel_condition_sea', { value: text, max: ctx.seaMax.toFixed(2) });
      if (c.op === '<=' && c.value < ctx.seaMin) warn('condition', 'msel_condition_sea_low', { value: text, min: ctx.seaMin.toFixed(2) });
      return;
    case 'stranded':
      // Household sizes spread around the mean (server/sim/world.ts), so allow a margin over the estimate.
      if (c.op === '>=' && c.value > ctx.population * 1.3) never({ id: `hanya ada sekitar ${ctx.population} orang di skenario`, en: `the scenario has only about ${ctx.population} people` });
      if (c.op === '<=' && c.value < 0) never({ id: 'jumlah orang tidak pernah negatif', en: 'a count of people is never negative' });
      return;
    case 'no_warning':
      return;
  }
}

function checkEffectTargets(e: InjectEffect, ctx: MselContext, err: Report): void {
  const rec = e as { kind: string; unitId?: string; x0?: number; y0?: number; x1?: number; y1?: number; area?: string; shelter?: string; ngo?: string; zoneId?: string; facility?: string };
  if (rec.ngo !== undefined && ctx.ngos && !ctx.ngos.has(rec.ngo)) err('effect', 'msel_unknown_ngo', { value: rec.ngo, allowed: [...ctx.ngos].join(', ') || '–' });
  if (rec.unitId !== undefined && !ctx.units.has(rec.unitId)) err('effect', 'msel_unknown_unit', { value: rec.unitId, allowed: [...ctx.units].join(', ') });
  if (rec.zoneId !== undefined && ctx.zones && !ctx.zones.has(rec.zoneId)) err('effect', 'msel_unknown_zone', { value: rec.zoneId, allowed: [...ctx.zones].join(', ') || '–' });
  if (rec.facility !== undefined && ctx.facilities && !ctx.facilities.has(rec.facility)) err('effect', 'msel_unknown_facility', { value: rec.facility, allowed: [...ctx.facilities].join(', ') || '–' });
  if (rec.area !== undefined && rec.area !== '' && rec.area !== 'all' && !ctx.areas.has(rec.area)) err('effect', 'msel_unknown_area', { value: rec.area, allowed: [...ctx.areas].join(', ') });
  if (rec.shelter !== undefined && !ctx.shelters.has(rec.shelter)) err('effect', 'msel_unknown_shelter', { value: rec.shelter, allowed: [...ctx.shelters].join(', ') });
  for (const [x, y] of [[rec.x0, rec.y0], [rec.x1, rec.y1]] as const) {
    if (x !== undefined && y !== undefined && (x >= ctx.width || y >= ctx.height)) err('effect', 'msel_effect_outside', { x, y, width: ctx.width, height: ctx.height });
  }
}
