// Scenario folders as files: read all into memory, write back, point scenario.yaml at an MSEL file, and the
// scenario context an MSEL is checked against (the scenario with its current MSEL left out).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { checkScenario, dirSource, memorySource, mselContext, type ScenarioSource } from '../scenario/check-scenario.ts';
import type { Diagnostic } from '../scenario/diagnostic.ts';
import { MSEL_COLUMNS, type MselContext } from '../scenario/msel-rows.ts';

/** Files a scenario folder may hold (text only; anything else is left out of versions and zips). */
export const SCENARIO_FILE = /^[a-z0-9][a-z0-9._-]*\.(yaml|yml|asc|csv|json|md)$/i;

export function readScenarioFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (SCENARIO_FILE.test(name) && statSync(p).isFile()) files[name] = readFileSync(p, 'utf8');
  }
  return files;
}

export function writeScenarioFolder(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    if (!SCENARIO_FILE.test(name)) throw new Error(`${name}: not a scenario file name`);
    writeFileSync(join(dir, name), text);
  }
}

/** scenario.yaml text with `msel:` set (comments and layout kept). */
export function withMselFile(yamlText: string, file: string): string {
  const doc = parseDocument(yamlText);
  if (doc.get('msel') === file) return yamlText;
  doc.set('msel', file);
  return String(doc);
}

export function setMselFile(dir: string, file: string): void {
  const p = join(dir, 'scenario.yaml');
  const text = readFileSync(p, 'utf8');
  const next = withMselFile(text, file);
  if (next !== text) writeFileSync(p, next);
}

/** A source that shows the scenario with an empty MSEL, so a broken MSEL does not hide the rest. */
export function withoutMsel(src: ScenarioSource): ScenarioSource {
  return { label: src.label, read: (f) => (/\.csv$/i.test(f) ? MSEL_COLUMNS.join(',') + '\n' : src.read(f)) };
}

export function contextOf(src: ScenarioSource): { context: MselContext | null; diagnostics: Diagnostic[] } {
  const r = checkScenario(src, { ignoreMsel: true });
  return { context: r.loaded ? mselContext(r.loaded) : null, diagnostics: r.diagnostics };
}

export function loadContextOf(dir: string): { context: MselContext | null; diagnostics: Diagnostic[] } {
  if (!existsSync(join(dir, 'scenario.yaml'))) return { context: null, diagnostics: [{ level: 'error', file: 'scenario.yaml', code: 'yaml_missing', params: { dir } }] };
  return contextOf(dirSource(dir));
}

export { memorySource };
