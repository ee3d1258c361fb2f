// Importing an MSEL spreadsheet (CSV or XLSX, as facilitators keep them in Excel) into Gladi's MSEL:
// headers recognised in Bahasa Indonesia and English or mapped through the facilitator's mapping file;
// "Kepada" office names mapped to roles or teams; free-text expected actions kept and optionally mapped to
// commands; extra columns kept as controller notes. Produces a row-by-row report before anything is saved.
import { COMMAND_TYPES } from '../sim/index.ts';
import { TEAM_ROLES } from '../protocol/rights.ts';
import type { MselContext, MselRecord, MselRow } from '../scenario/msel-rows.ts';
import { checkMselRecords, MSEL_METHODS, splitActions, type MselColumn } from '../scenario/msel-rows.ts';
import { renderDiagnostic, type CheckLang, type Diagnostic } from '../scenario/diagnostic.ts';
import { parseScenarioTime } from '../scenario/scenario-time.ts';
import { readSheet, SheetError, type Sheet } from './msel-sheet.ts';
import { IMPORT_WORDS, type ImportCode } from './msel-words.ts';

/** What the facilitator fills once and keeps next to the scenario (msel-mapping.json). */
export interface MselMapping {
  /** Spreadsheet header → Gladi column (or "notes" to keep it as a controller note, "ignore" to leave it out). */
  columns?: Record<string, MselColumn | 'ignore'>;
  /** "Kepada" value (an office, a person) → all, a team id or a role. */
  to?: Record<string, string>;
  /** "Metode" value → phone, radio, whatsapp, email, news or social. */
  methods?: Record<string, string>;
  /** A phrase of the expected-action text → Gladi commands (e.g. "evakuasi": ["evacuate"]). */
  actions?: Record<string, string[]>;
  /** Clock time at H+0 when the sheet gives clock times (e.g. "08:00"). */
  startTime?: string;
}

/** Header words (lower case, without punctuation) → Gladi column. Bahasa Indonesia and English, HSEEP names. */
const HEADERS: [MselColumn, string[]][] = [
  ['no', ['no', 'nomor', 'no inject', 'nomor inject', 'inject no', 'event no', 'number', 'id']],
  ['time', ['waktu', 'jam', 'waktu skenario', 'time', 'scenario time', 'waktu h', 'h', 'pukul']],
  ['condition', ['kondisi', 'pemicu', 'syarat', 'condition', 'trigger']],
  ['method', ['metode', 'cara', 'media', 'sarana', 'cara penyampaian', 'method', 'channel', 'saluran']],
  ['from', ['dari', 'pengirim', 'sumber', 'from', 'sender', 'source']],
  ['to', ['kepada', 'penerima', 'tujuan', 'untuk', 'to', 'recipient', 'player', 'pemain']],
  ['message_id', ['pesan', 'isi pesan', 'isi', 'inject', 'uraian', 'uraian kejadian', 'deskripsi', 'message', 'event description', 'pesan id', 'message id', 'event synopsis']],
  ['message_en', ['pesan en', 'pesan inggris', 'pesan bahasa inggris', 'message en', 'english', 'message english']],
  ['expected_action', ['perintah', 'perintah gladi', 'commands', 'command', 'gladi commands', 'expected action commands']],
  ['expected_text', ['tindakan yang diharapkan', 'tindakan diharapkan', 'respons yang diharapkan', 'respon yang diharapkan', 'tindakan', 'expected action', 'expected player action', 'expected response', 'expected outcome', 'expected_action']],
  ['deadline', ['tenggat', 'batas waktu', 'tenggat menit', 'deadline', 'deadline minutes', 'waktu respons']],
  ['effect', ['efek', 'dampak', 'effect']],
  ['notes', ['catatan', 'keterangan', 'catatan pengendali', 'notes', 'controller notes', 'remarks']],
];

/** Usual "Kepada" values in Indonesian MSELs → Gladi role (design choice: the office whose job the role plays; docs/authoring.md). */
const DEFAULT_TO: [RegExp, string][] = [
  [/^(semua|seluruh|all|everyone|semua tim|semua peserta|seluruh peserta)\b/i, 'all'],
  [/kesehatan|dinkes|puskesmas|rsud|rumah sakit|health/i, 'health'],
  [/kominfo|humas|komunikasi|informasi|media center|communications?/i, 'communications'],
  [/dinas sosial|dinsos|pengungsian|shelter|tagana/i, 'shelter'],
  [/logistik|logistics|gudang/i, 'logistics'],
  [/pmi|ngo|lsm|relawan|klaster|mdmc|basarnas|ngo liaison/i, 'ngo_liaison'],
  [/bpbd|kalaksa|pusdalops|posko|camat|bupati|wali ?kota|sekda|incident commander|komandan|commander/i, 'commander'],
];

const DEFAULT_METHODS: [RegExp, string][] = [
  [/whats ?app|\bwa\b/i, 'whatsapp'],
  [/radio|\bht\b|rig/i, 'radio'],
  [/e-?mail|surel|surat elektronik/i, 'email'],
  [/medsos|media sosial|social|facebook|twitter|instagram|tiktok|\bx\b/i, 'social'],
  [/berita|news|tv|televisi|koran|wartawan|pers|media/i, 'news'],
  [/telepon|telp|tlp|phone|hp|ponsel|sms|call/i, 'phone'],
];

/** Words in an expected-action text → the command that carries it out (suggestion; the report says so). */
const ACTION_WORDS: [RegExp, string][] = [
  [/peringat|warn|sirine|siren|toa/i, 'warn'],
  [/evakuasi|mengungsi|ungsikan|evacuat/i, 'evacuate'],
  [/kerahkan|tugaskan|perahu|boat|tim sar|rescue|task/i, 'task_unit'],
  [/status|tanggap darurat|siaga darurat|declare/i, 'declare_status'],
  [/aktifkan posko|posko|command post/i, 'activate_posko'],
  [/buka (tempat )?pengungsian|open (the )?shelter/i, 'open_shelter'],
  [/logistik|pasokan|distribusi|resupply|supplies/i, 'resupply_shelter'],
  [/tutup jalan|close (the )?road/i, 'close_road'],
  [/klarifikasi|hoaks|hoax|clarif/i, 'publish_clarification'],
  [/keluhan|pengaduan|lapor!|complaint/i, 'answer_complaint'],
  [/bantuan (provinsi|bnpb)|minta bantuan|request support|bnpb/i, 'request_support'],
  [/rapat koordinasi|koordinasi|coordination meeting/i, 'hold_coordination_meeting'],
  [/laporan situasi|sitrep|lapsit/i, 'submit_sitrep'],
];

export type RowStatus = 'accepted' | 'warning' | 'rejected';

export interface ImportMessage {
  level: 'error' | 'warning' | 'info';
  field?: string;
  message: string;
  fix: string;
}

export interface ImportedRow {
  /** Spreadsheet row number. */
  sheetRow: number;
  no: number | null;
  status: RowStatus;
  messages: ImportMessage[];
  /** The inject as read (after mapping). */
  row: {
    time: string; minute: number | null; condition: string; method: string; from: string; to: string;
    message: { id: string; en: string }; expectedActions: string[]; expectedText: string; deadline: number | null;
    effect: string; notes: string;
  };
}

export interface ImportReport {
  file: string;
  format: Sheet['format'];
  encoding?: string;
  separator?: string;
  decimalComma: boolean;
  headerRow: number;
  /** Header → Gladi column as used. */
  columns: Record<string, string>;
  rows: ImportedRow[];
  accepted: number;
  warnings: number;
  rejected: number;
  /** Values the mapping file does not cover yet (for the facilitator to fill once). */
  unmapped: { columns: string[]; to: string[]; methods: string[] };
  /** Recipients guessed from office names (to confirm in the mapping file). */
  guessedTo: Record<string, string>;
  /** Sheet-level problems (no header, empty). */
  problems: ImportMessage[];
  /** Rows ready for msel.csv (accepted and accepted with warnings). */
  mselRows: MselRow[];
  records: MselRecord[];
}

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9+]+/g, ' ').trim();

function headerColumn(h: string, mapping: MselMapping): MselColumn | 'ignore' | null {
  const m = mapping.columns?.[h] ?? Object.entries(mapping.columns ?? {}).find(([k]) => norm(k) === norm(h))?.[1];
  if (m) return m;
  const parts = [norm(h), ...h.split(/[/|]/).map(norm)];
  for (const p of parts) for (const [col, words] of HEADERS) if (words.includes(p)) return col;
  return null;
}

function lookup(table: Record<string, string> | undefined, value: string): string | undefined {
  if (!table) return undefined;
  return table[value] ?? Object.entries(table).find(([k]) => norm(k) === norm(value))?.[1];
}

function im(code: ImportCode, level: ImportMessage['level'], lang: CheckLang, params: Record<string, string | number> = {}, field?: string): ImportMessage {
  const w = IMPORT_WORDS[code][lang];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
  return { level, field, message: fill(w.text), fix: fill(w.fix) };
}

/** Clock "09:30" / "09.30" → minutes since the start time; elapsed "1:30" → minutes when no start time is set. */
function convertTime(raw: string, startTime: string | undefined): { minutes: number | null; clock: boolean } {
  const s = raw.trim();
  const direct = parseScenarioTime(s.replace(/^H\+\s*/i, 'H+').replace(/(\d)\.(\d\d)$/, '$1:$2'));
  if (direct !== null && /H\+|^\d+(\.\d+)?$/i.test(s)) return { minutes: direct, clock: false };
  const m = /^(?:D\+(\d+)\s+)?(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(s);
  if (!m) return { minutes: direct, clock: false };
  const mins = (m[1] ? Number(m[1]) * 1440 : 0) + Number(m[2]) * 60 + Number(m[3]);
  if (startTime) {
    const st = /^(\d{1,2})[:.](\d{2})$/.exec(startTime.trim());
    if (st) return { minutes: mins - (Number(st[1]) * 60 + Number(st[2])), clock: true };
  }
  return { minutes: mins, clock: false };
}

const fmtTime = (min: number) => { const d = Math.floor(min / 1440), r = min % 1440; return `${d ? `D+${d} ` : ''}H+${Math.floor(r / 60)}:${String(r % 60).padStart(2, '0')}`; };

export interface ImportOptions {
  mapping?: MselMapping;
  /** The scenario the MSEL is for: recipients, places and units are checked against it. */
  context?: MselContext | null;
  lang?: CheckLang;
  fileName?: string;
}

export async function importMsel(data: Uint8Array, opts: ImportOptions = {}): Promise<ImportReport> {
  const lang = opts.lang ?? 'id';
  const file = opts.fileName ?? 'msel';
  const mapping = opts.mapping ?? {};
  const empty = (format: Sheet['format'], problems: ImportMessage[]): ImportReport => ({
    file, format, decimalComma: false, headerRow: 0, columns: {}, rows: [], accepted: 0, warnings: 0, rejected: 0,
    unmapped: { columns: [], to: [], methods: [] }, guessedTo: {}, problems, mselRows: [], records: [],
  });
  let sheet: Sheet;
  try {
    sheet = await readSheet(data, file);
  } catch (e) {
    if (e instanceof SheetError) return empty(/\.xlsx$/i.test(file) ? 'xlsx' : 'csv', [im(e.code, 'error', lang, { detail: e.detail })]);
    throw e;
  }
  // The header is the first row (of the first 15) with at least two recognised column names.
  let headerIdx = -1;
  for (let k = 0; k < Math.min(15, sheet.rows.length); k++) {
    const known = sheet.rows[k].filter((h) => h && headerColumn(h, mapping) && headerColumn(h, mapping) !== 'ignore').length;
    if (known >= 2) { headerIdx = k; break; }
  }
  if (headerIdx < 0) return { ...empty(sheet.format, [im('no_header', 'error', lang, { first: (sheet.rows.find((r) => r.length) ?? []).join(' | ').slice(0, 200) })]), encoding: sheet.encoding, separator: sheet.separator };
  const headers = sheet.rows[headerIdx];
  const columns: Record<string, string> = {};
  const colOf: (MselColumn | 'ignore' | null)[] = headers.map((h) => (h ? headerColumn(h, mapping) : null));
  const unmappedColumns: string[] = [];
  const sheetProblems: ImportMessage[] = [];
  const used = new Set<string>();
  headers.forEach((h, k) => {
    if (!h) return;
    let c = colOf[k];
    if (c && c !== 'ignore' && c !== 'notes' && used.has(c)) c = null; // the second column with the same meaning becomes a note
    colOf[k] = c;
    if (c && c !== 'ignore') used.add(c);
    columns[h] = c ?? 'notes';
    if (!c) { unmappedColumns.push(h); sheetProblems.push(im('extra_column', 'info', lang, { column: h })); }
  });
  if (!used.has('message_id')) sheetProblems.push(im('no_message_column', 'error', lang, { headers: headers.filter(Boolean).join(', ') }));
  if (!used.has('time') && !used.has('condition')) sheetProblems.push(im('no_time_column', 'error', lang, { headers: headers.filter(Boolean).join(', ') }));
  if (sheet.decimalComma) sheetProblems.push(im('decimal_comma', 'info', lang));
  if (sheet.encoding === 'windows-1252') sheetProblems.push(im('encoding_1252', 'info', lang));
  if (!used.has('message_en')) sheetProblems.push(im('no_english', 'info', lang));

  const unmappedTo = new Set<string>(), unmappedMethods = new Set<string>();
  const guessedTo: Record<string, string> = {};
  const records: MselRecord[] = [];
  const extraMsgs: ImportMessage[][] = [];
  const sheetRows: number[] = [];
  const decimal = (s: string) => (sheet.decimalComma ? s.replace(/(\d),(\d)/g, '$1.$2') : s);
  for (let k = headerIdx + 1; k < sheet.rows.length; k++) {
    const cells = sheet.rows[k];
    if (!cells.length || cells.every((c) => !c)) continue;
    const msgs: ImportMessage[] = [];
    const rec: MselRecord = {};
    const notes: string[] = [];
    headers.forEach((h, j) => {
      const v = (cells[j] ?? '').trim();
      if (!v) return;
      const c = colOf[j];
      if (c === 'ignore') return;
      if (!c || c === 'notes') notes.push(c === 'notes' ? v : `${h}: ${v}`);
      else rec[c] = v;
    });
    // Cells beyond the header: keep them too.
    for (let j = headers.length; j < cells.length; j++) if (cells[j]) notes.push(`(${j + 1}): ${cells[j]}`);
    if (notes.length) rec.notes = notes.join('\n');
    // no: "1." or "Inject 3" → the number
    if (rec.no) { const n = /\d+/.exec(rec.no); if (n && n[0] !== rec.no) rec.no = n[0]; }
    // time
    if (rec.time) {
      const t = convertTime(decimal(rec.time), mapping.startTime);
      if (t.minutes !== null && t.minutes >= 0) {
        if (t.clock) msgs.push(im('clock_time', 'info', lang, { value: rec.time, start: mapping.startTime ?? '', time: fmtTime(t.minutes) }, 'time'));
        else if (/^\d{1,2}[:.]\d{2}$/.test(rec.time.trim())) msgs.push(im('elapsed_time', 'warning', lang, { value: rec.time, time: fmtTime(t.minutes) }, 'time'));
        rec.time = fmtTime(t.minutes);
      } else if (t.minutes !== null && t.minutes < 0) msgs.push(im('before_start', 'error', lang, { value: rec.time, start: mapping.startTime ?? '' }, 'time'));
    }
    if (rec.condition) rec.condition = decimal(rec.condition).replace(/\s*≥\s*/g, ' >= ').replace(/\s*≤\s*/g, ' <= ');
    if (rec.effect) rec.effect = decimal(rec.effect);
    if (rec.deadline) { const d = /(\d+(?:[.,]\d+)?)/.exec(rec.deadline); if (d) rec.deadline = d[1].replace(',', '.'); }
    // method
    if (rec.method && !(MSEL_METHODS as readonly string[]).includes(rec.method.toLowerCase())) {
      const mapped = lookup(mapping.methods, rec.method) ?? DEFAULT_METHODS.find(([re]) => re.test(rec.method!))?.[1];
      if (mapped) { msgs.push(im('method_mapped', 'info', lang, { value: rec.method, method: mapped }, 'method')); rec.method = mapped; }
      else unmappedMethods.add(rec.method);
    } else if (rec.method) rec.method = rec.method.toLowerCase();
    // to: office names → roles / teams
    if (rec.to) {
      const raw = rec.to;
      const isTarget = (v: string) => v === 'all' || (TEAM_ROLES as readonly string[]).includes(v) || (opts.context?.teams.has(v) ?? false);
      if (!isTarget(raw)) {
        const fromMap = lookup(mapping.to, raw);
        const byWords = DEFAULT_TO.find(([re]) => re.test(raw))?.[1];
        const mapped = fromMap || byWords;
        if (mapped) {
          const sure = fromMap || mapped === 'all';
          msgs.push(im(fromMap ? 'to_mapped' : 'to_guessed', sure ? 'info' : 'warning', lang, { value: raw, to: mapped }, 'to'));
          rec.to = mapped;
          if (!sure) { unmappedTo.add(raw); guessedTo[raw] = mapped; }
        } else unmappedTo.add(raw);
      }
    }
    // expected actions: commands as given, else the free text kept and commands suggested from it
    if (!rec.expected_action && rec.expected_text && splitActions(rec.expected_text).every((p) => (COMMAND_TYPES as string[]).includes(p))) {
      rec.expected_action = rec.expected_text;
      delete rec.expected_text;
    }
    if (rec.expected_action) {
      const parts = splitActions(rec.expected_action);
      if (!parts.every((p) => (COMMAND_TYPES as string[]).includes(p))) {
        rec.expected_text = [rec.expected_text, rec.expected_action].filter(Boolean).join('\n');
        delete rec.expected_action;
      }
    }
    if (!rec.expected_action && rec.expected_text) {
      const fromMap = Object.entries(mapping.actions ?? {}).filter(([phrase]) => norm(rec.expected_text!).includes(norm(phrase))).flatMap(([, cmds]) => cmds);
      const guessed = ACTION_WORDS.filter(([re]) => re.test(rec.expected_text!)).map(([, c]) => c);
      const cmds = [...new Set(fromMap.length ? fromMap : guessed)];
      if (cmds.length) {
        rec.expected_action = cmds.join('; ');
        msgs.push(im(fromMap.length ? 'actions_mapped' : 'actions_guessed', 'info', lang, { commands: cmds.join(', ') }, 'expected_action'));
      }
    }
    records.push(rec);
    extraMsgs.push(msgs);
    sheetRows.push(k + 1);
  }
  // Row numbers in the report are spreadsheet rows; check each record with its own row number.
  const checked = records.map((rec, i) => checkMselRecords([rec], file, opts.context ?? null, sheetRows[i]));
  // Numbers used twice across rows.
  const seenNo = new Map<string, number>();
  const rows: ImportedRow[] = records.map((rec, i) => {
    // "No English message" is said once for the sheet, not on every row.
    const ds: Diagnostic[] = checked[i].diagnostics.filter((d) => d.code !== 'msel_no_english' && !(d.code === 'msel_to' && unmappedTo.has(records[i].to ?? '')));
    const msgs: ImportMessage[] = [...extraMsgs[i], ...ds.map((d) => { const r = renderDiagnostic(d, lang); return { level: d.level, field: d.field, message: r.message, fix: r.fix }; })];
    if (rec.to && unmappedTo.has(rec.to) && !msgs.some((m) => m.field === 'to')) msgs.push(im('to_unmapped', 'error', lang, { value: rec.to, roles: TEAM_ROLES.join(', '), teams: opts.context ? [...opts.context.teams].join(', ') : '' }, 'to'));
    if (rec.method && unmappedMethods.has(rec.method) && !msgs.some((m) => m.field === 'method' && m.level === 'error')) msgs.push(im('method_unmapped', 'error', lang, { value: rec.method }, 'method'));
    if (rec.no) {
      if (seenNo.has(rec.no)) msgs.push(im('no_twice', 'error', lang, { no: rec.no, other: seenNo.get(rec.no)! }, 'no'));
      else seenNo.set(rec.no, sheetRows[i]);
    }
    const status: RowStatus = msgs.some((m) => m.level === 'error') ? 'rejected' : msgs.some((m) => m.level === 'warning') ? 'warning' : 'accepted';
    const minute = rec.time ? parseScenarioTime(rec.time) : rec.condition ? 0 : null;
    return {
      sheetRow: sheetRows[i], no: rec.no ? Number(rec.no) : null, status, messages: msgs,
      row: {
        time: rec.time ?? '', minute, condition: rec.condition ?? '', method: rec.method ?? '', from: rec.from ?? '', to: rec.to ?? '',
        message: { id: rec.message_id ?? '', en: rec.message_en ?? '' }, expectedActions: splitActions(rec.expected_action), expectedText: rec.expected_text ?? '',
        deadline: rec.deadline ? Number(rec.deadline) : null, effect: rec.effect ?? '', notes: rec.notes ?? '',
      },
    };
  });
  // Rows without a number get the next free ones, in sheet order.
  let next = Math.max(0, ...rows.map((r) => r.no ?? 0)) + 1;
  for (const r of rows) if (r.no === null) { r.no = next++; records[rows.indexOf(r)].no = String(r.no); }
  const sheetError = sheetProblems.some((p) => p.level === 'error');
  if (sheetError) for (const r of rows) if (r.status !== 'rejected') { r.status = 'rejected'; r.messages.push(im('sheet_broken', 'error', lang)); }
  const mselRows: MselRow[] = [];
  rows.forEach((r, i) => {
    if (r.status === 'rejected') return;
    const built = checkMselRecords([records[i]], file, null, r.sheetRow).rows[0];
    if (built) mselRows.push(built);
  });
  return {
    file, format: sheet.format, encoding: sheet.encoding, separator: sheet.separator, decimalComma: sheet.decimalComma,
    headerRow: headerIdx + 1, columns, rows,
    accepted: rows.filter((r) => r.status === 'accepted').length,
    warnings: rows.filter((r) => r.status === 'warning').length,
    rejected: rows.filter((r) => r.status === 'rejected').length,
    unmapped: { columns: unmappedColumns, to: [...unmappedTo], methods: [...unmappedMethods] }, guessedTo,
    problems: sheetProblems, mselRows,
    records: rows.map((r, i) => (r.status === 'rejected' ? null : records[i])).filter((x): x is MselRecord => x !== null),
  };
}

/** The mapping with every value the report could not map added with an empty target, for the facilitator to fill. */
export function mappingTemplate(report: ImportReport, current: MselMapping = {}): MselMapping {
  const out: MselMapping = { ...current, columns: { ...current.columns }, to: { ...current.to }, methods: { ...current.methods }, actions: { ...current.actions } };
  for (const c of report.unmapped.columns) out.columns![c] ??= 'notes';
  for (const t of report.unmapped.to) out.to![t] ??= report.guessedTo[t] ?? '';
  for (const m of report.unmapped.methods) out.methods![m] ??= '';
  return out;
}
