// The scenario as the browser editor handles it: scenario.yaml as plain data (comments kept on the way back),
// the two grids as number arrays, the MSEL as rows of Gladi's columns, other files passed through.
import { parseDocument } from 'yaml';
import { readAsciiGrid, writeAsciiGrid } from '../scenario/ascii-grid.ts';
import { MSEL_COLUMNS, readMselCsv, type MselRecord } from '../scenario/msel-rows.ts';

export interface EditorGrid {
  width: number;
  height: number;
  cellSize: number;
  xll: number;
  yll: number;
  /** Row-major, north row first; null = NODATA. */
  elevation: (number | null)[];
  landUse: (number | null)[];
}

export interface EditorModel {
  /** scenario.yaml as data; walkCost ".inf" is the string "inf" (JSON has no Infinity). */
  scenario: Record<string, unknown>;
  /** The original scenario.yaml text, so comments survive a save. */
  yamlText: string;
  grid: EditorGrid | null;
  msel: MselRecord[];
  /** Any other file of the folder (msel-mapping.json, notes). */
  files: Record<string, string>;
}

const toJson = (v: unknown): unknown => {
  if (typeof v === 'number' && !Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Array.isArray(v)) return v.map(toJson);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
};
const fromJson = (v: unknown): unknown => {
  if (v === 'inf') return Infinity;
  if (Array.isArray(v)) return v.map(fromJson);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromJson(x)]));
  return v;
};

export function filesToModel(files: Record<string, string>): EditorModel {
  const yamlText = files['scenario.yaml'] ?? '';
  let scenario: Record<string, unknown> = {};
  try {
    const doc = parseDocument(yamlText);
    const js = doc.toJS() as unknown;
    if (js && typeof js === 'object' && !doc.errors.length) scenario = toJson(js) as Record<string, unknown>;
  } catch { /* the checker reports YAML errors */ }
  const gridNames = (scenario.grid ?? {}) as { elevation?: string; landUse?: string };
  const elevText = files[gridNames.elevation ?? 'elevation.asc'], useText = files[gridNames.landUse ?? 'landuse.asc'];
  let grid: EditorGrid | null = null;
  if (elevText && useText) {
    const e = readAsciiGrid(elevText).grid, u = readAsciiGrid(useText).grid;
    if (e && u && e.width === u.width && e.height === u.height) {
      const arr = (g: Float64Array, d: number) => Array.from(g, (v) => (Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : null));
      grid = { width: e.width, height: e.height, cellSize: e.cellSize, xll: e.xll, yll: e.yll, elevation: arr(e.values, 2), landUse: arr(u.values, 0) };
    }
  }
  const mselName = typeof scenario.msel === 'string' ? scenario.msel : null;
  const msel = mselName && files[mselName] ? readMselCsv(files[mselName], mselName).records : [];
  const rest: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) if (k !== 'scenario.yaml' && k !== gridNames.elevation && k !== gridNames.landUse && k !== mselName) rest[k] = v;
  return { scenario, yamlText, grid, msel, files: rest };
}

const cell = (v: string | undefined) => { const s = v ?? ''; return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };

export function modelToFiles(m: EditorModel): Record<string, string> {
  const doc = parseDocument(m.yamlText || '{}');
  const data = fromJson(m.scenario) as Record<string, unknown>;
  if (m.msel.length && typeof data.msel !== 'string') data.msel = 'msel.csv';
  for (const [k, v] of Object.entries(data)) doc.set(k, v);
  const contents = doc.contents as { items?: { key: { value?: unknown } | string }[] } | null;
  for (const item of [...(contents?.items ?? [])]) {
    const key = typeof item.key === 'object' && item.key ? String(item.key.value) : String(item.key);
    if (!(key in data)) doc.delete(key);
  }
  const files: Record<string, string> = { ...m.files, 'scenario.yaml': String(doc) };
  const gridNames = (data.grid ?? {}) as { elevation?: string; landUse?: string };
  if (m.grid) {
    const g = m.grid;
    const num = (a: (number | null)[]) => a.map((v) => (v === null ? NaN : v));
    files[gridNames.elevation ?? 'elevation.asc'] = writeAsciiGrid({ width: g.width, height: g.height, cellSize: g.cellSize, xll: g.xll, yll: g.yll }, num(g.elevation), 2);
    files[gridNames.landUse ?? 'landuse.asc'] = writeAsciiGrid({ width: g.width, height: g.height, cellSize: g.cellSize, xll: g.xll, yll: g.yll }, num(g.landUse), 0);
  }
  if (typeof data.msel === 'string') {
    const cols = MSEL_COLUMNS.filter((c) => (c !== 'expected_text' && c !== 'notes') || m.msel.some((r) => r[c]));
    files[data.msel] = [cols.join(','), ...m.msel.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
  }
  return files;
}
