// Reads a scenario folder (scenarios/<id>/) into the plain data the engine takes. Every check lives in
// check-scenario.ts; this file throws the errors it finds (loadScenario) or reports them per folder
// (loadScenarioLibrary, used at server start-up). Node I/O lives here, never in server/sim.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readAsciiGrid } from './ascii-grid.ts';
import { checkScenario, dirSource, type CheckResult, type LoadedScenario } from './check-scenario.ts';
import { renderDiagnostic, shortText, type CheckLang, type Diagnostic, type RenderedDiagnostic } from './diagnostic.ts';

export type { LoadedScenario } from './check-scenario.ts';
export type { MselRow } from './msel-rows.ts';
export { rasterizeLine } from './check-scenario.ts';

export class ScenarioError extends Error {
  constructor(message: string, readonly diagnostics: Diagnostic[] = []) { super(message); }
}

/** Strict ESRI ASCII reading for callers that want a grid or an exception (tests, scripts). */
export function parseAsciiGrid(text: string, file: string): { width: number; height: number; cellSize: number; values: Float64Array } {
  const { grid, problems } = readAsciiGrid(text);
  const p = problems[0];
  if (p?.kind === 'header_missing') throw new ScenarioError(`${file}: header line "${p.key}" is missing or not a positive number`);
  if (p?.kind === 'row_length') throw new ScenarioError(`${file}: row ${p.row} has ${p.found} values, expected ncols = ${p.expected}`);
  if (p?.kind === 'row_count') throw new ScenarioError(`${file}: ${p.found} rows, expected nrows = ${p.expected}`);
  if (p?.kind === 'bad_value') throw new ScenarioError(`${file}: row ${p.row} has "${p.value}", expected a number`);
  if (p?.kind === 'non_square') throw new ScenarioError(`${file}: dx ${p.dx} and dy ${p.dy} differ; Gladi needs square cells`);
  if (!grid) throw new ScenarioError(`${file}: not an ESRI ASCII grid`);
  if (grid.nodataCount) throw new ScenarioError(`${file}: ${grid.nodataCount} NODATA cells, first at (${grid.firstNodata![0]}, ${grid.firstNodata![1]}); no NODATA inside the town`);
  return { width: grid.width, height: grid.height, cellSize: grid.cellSize, values: grid.values };
}

/** Loads and checks a scenario folder; throws a ScenarioError naming every error (English, one per line). */
export function loadScenario(dir: string): LoadedScenario {
  const r = checkScenario(dirSource(dir));
  if (!r.loaded) throw errorOf(r);
  return r.loaded;
}

export function errorOf(r: CheckResult, lang: CheckLang = 'en'): ScenarioError {
  const errors = r.diagnostics.filter((d) => d.level === 'error');
  return new ScenarioError(errors.map((d) => shortText(d, lang)).join('\n'), r.diagnostics);
}

/** A folder that did not load, with everything the checker found (for the home page and the console). */
export interface FailedScenario {
  folder: string;
  id: string | null;
  diagnostics: Diagnostic[];
}

export interface ScenarioLibrary {
  scenarios: Map<string, LoadedScenario>;
  /** One line per failed folder, for the console. */
  errors: string[];
  failed: FailedScenario[];
  /** Warnings of the scenarios that did load, by id. */
  warnings: Map<string, Diagnostic[]>;
}

/**
 * Every folder under `root` that holds a scenario.yaml, checked and loaded; a broken one is reported, not fatal.
 * Two folders with the same id: the folder named after the id keeps it (else the first by name); the other is
 * refused, so a copy never silently replaces a built-in scenario.
 */
export function loadScenarioLibrary(root: string): ScenarioLibrary {
  const scenarios = new Map<string, LoadedScenario>();
  const failed: FailedScenario[] = [];
  const warnings = new Map<string, Diagnostic[]>();
  if (!existsSync(root)) {
    return { scenarios, errors: [`${root}: folder not found`], failed: [{ folder: root, id: null, diagnostics: [{ level: 'error', file: root, code: 'library_missing', params: { dir: root } }] }], warnings };
  }
  const folders = readdirSync(root).sort().filter((name) => existsSync(join(root, name, 'scenario.yaml')));
  const results = folders.map((name) => ({ name, r: checkScenario(dirSource(join(root, name))) }));
  // Which folder owns each id.
  const owner = new Map<string, string>();
  for (const { name, r } of results) {
    if (!r.id) continue;
    const cur = owner.get(r.id);
    if (!cur || (name === r.id && cur !== r.id)) owner.set(r.id, name);
  }
  for (const { name, r } of results) {
    const diags = [...r.diagnostics];
    if (r.id && owner.get(r.id) !== name) {
      diags.unshift({ level: 'error', file: 'scenario.yaml', field: 'id', code: 'dup_scenario_id', params: { id: r.id, other: owner.get(r.id)!, folder: name } });
    }
    if (r.loaded && diags[0]?.code !== 'dup_scenario_id') {
      scenarios.set(r.loaded.scenario.id, r.loaded);
      const w = diags.filter((d) => d.level === 'warning');
      if (w.length) warnings.set(r.loaded.scenario.id, w);
    } else {
      failed.push({ folder: basename(name), id: r.id, diagnostics: diags });
    }
  }
  const errors = failed.map((f) => `${f.folder}: ${f.diagnostics.filter((d) => d.level === 'error').map((d) => shortText(d, 'en')).join('; ')}`);
  return { scenarios, errors, failed, warnings };
}

/** A failed scenario as the home page shows it: errors first, rendered in both languages. */
export function failedSummary(f: FailedScenario): { folder: string; id: string | null; errors: { id: RenderedDiagnostic; en: RenderedDiagnostic }[] } {
  return {
    folder: f.folder, id: f.id,
    errors: f.diagnostics.filter((d) => d.level === 'error').map((d) => ({ id: renderDiagnostic(d, 'id'), en: renderDiagnostic(d, 'en') })),
  };
}
