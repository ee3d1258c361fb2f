// One finding of the scenario checker: where (file, row or YAML line, field), what is wrong and how to fix it,
// rendered in Bahasa Indonesia (default) or English from the dictionary in check-words.ts.
import { WORDS, type WordCode } from './check-words.ts';

export type Level = 'error' | 'warning' | 'info';
export type CheckLang = 'id' | 'en';

export interface Diagnostic {
  level: Level;
  /** File inside the scenario folder (scenario.yaml, elevation.asc, msel.csv, …). */
  file: string;
  /** 1-based spreadsheet row (MSEL: the header is row 1) or grid row. */
  row?: number;
  /** 1-based line in a YAML file. */
  line?: number;
  /** Field or column (e.g. `neighbourhoods[0] kampung-pondok.trust`, `time`). */
  field?: string;
  code: WordCode;
  params: Record<string, string | number>;
}

export interface RenderedDiagnostic {
  level: Level;
  file: string;
  row?: number;
  line?: number;
  field?: string;
  code: string;
  /** What is wrong (or, for info, what the scenario gets). */
  message: string;
  /** What to do about it. */
  fix: string;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
}

export function renderDiagnostic(d: Diagnostic, lang: CheckLang = 'id'): RenderedDiagnostic {
  const w = WORDS[d.code][lang];
  return {
    level: d.level, file: d.file, row: d.row, line: d.line, field: d.field, code: d.code,
    message: fill(w.text, d.params), fix: fill(w.fix, d.params),
  };
}

const LEVEL_WORD: Record<CheckLang, Record<Level, string>> = {
  id: { error: 'GALAT', warning: 'PERINGATAN', info: 'INFO' },
  en: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
};

/** Where, as one phrase: `msel.csv row 4: time` / `scenario.yaml baris 57: shelters[1].x`. */
export function place(d: Diagnostic, lang: CheckLang = 'id'): string {
  const rowWord = lang === 'id' ? 'baris' : 'row';
  const lineWord = lang === 'id' ? 'baris' : 'line';
  let s = d.file;
  if (d.row !== undefined) s += ` ${rowWord} ${d.row}`;
  else if (d.line !== undefined) s += ` ${lineWord} ${d.line}`;
  return d.field ? `${s}: ${d.field}` : s;
}

/** One line per diagnostic for a terminal: `GALAT msel.csv baris 4: time: … → …`. */
export function formatDiagnostic(d: Diagnostic, lang: CheckLang = 'id'): string {
  const r = renderDiagnostic(d, lang);
  return `${LEVEL_WORD[lang][d.level]} ${place(d, lang)}: ${r.message}${r.fix ? `\n    → ${r.fix}` : ''}`;
}

/** Plain one-line form (no level word, no fix) kept for thrown errors: `msel.csv row 2: time: "x" …`. */
export function shortText(d: Diagnostic, lang: CheckLang = 'en'): string {
  return `${place(d, lang)}: ${renderDiagnostic(d, lang).message}`;
}

export const countLevels = (ds: Diagnostic[]) => ({
  errors: ds.filter((d) => d.level === 'error').length,
  warnings: ds.filter((d) => d.level === 'warning').length,
  infos: ds.filter((d) => d.level === 'info').length,
});
