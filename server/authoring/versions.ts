// Scenario versions: a checked scenario saved in the store with the next number, its files kept whole, and the
// content hash a drill started from it records (server/drill/scenario-snapshot.ts), so a past drill's replay never
// changes when the scenario is edited. Saved scenarios are offered for new drills next to the folder ones.
import { snapshotScenario } from '../drill/scenario-snapshot.ts';
import { checkScenario, memorySource, type LoadedScenario } from '../scenario/check-scenario.ts';
import type { Diagnostic } from '../scenario/diagnostic.ts';
import type { ScenarioVersion, Store } from '../store/store.ts';
import { SCENARIO_FILE } from './scenario-files.ts';

export type SaveResult =
  | { ok: true; version: ScenarioVersion; loaded: LoadedScenario; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Label a stored version carries where a folder path would be. */
export const versionLabel = (id: string, version: number) => `versi:${id}@${version}`;

export function saveVersion(store: Store, files: Record<string, string>, opts: { note?: string; folderIds: Set<string> }): SaveResult {
  const clean: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) if (SCENARIO_FILE.test(name)) clean[name] = text;
  const r = checkScenario(memorySource('editor', clean));
  const diagnostics = [...r.diagnostics];
  if (r.id && opts.folderIds.has(r.id)) {
    diagnostics.unshift({ level: 'error', file: 'scenario.yaml', field: 'id', code: 'dup_scenario_id', params: { id: r.id, other: r.id, folder: 'editor' } });
  }
  if (!r.loaded || diagnostics.some((d) => d.level === 'error')) return { ok: false, diagnostics };
  const hash = snapshotScenario(r.loaded).hash;
  const version = store.putScenarioVersion({ scenarioId: r.loaded.scenario.id, files: clean, contentHash: hash, note: opts.note ?? '' });
  return { ok: true, version, loaded: { ...r.loaded, dir: versionLabel(version.scenarioId, version.version) }, diagnostics };
}

/** The newest version of every stored scenario that still passes the checker (for start-up). */
export function latestVersions(store: Store, folderIds: Set<string>): { loaded: LoadedScenario[]; failed: { id: string; version: number; diagnostics: Diagnostic[] }[] } {
  const seen = new Set<string>();
  const loaded: LoadedScenario[] = [];
  const failed: { id: string; version: number; diagnostics: Diagnostic[] }[] = [];
  for (const v of store.listScenarioVersions()) {
    if (seen.has(v.scenarioId) || folderIds.has(v.scenarioId)) continue;
    seen.add(v.scenarioId);
    const full = store.getScenarioVersion(v.scenarioId, v.version)!;
    const r = checkScenario(memorySource(versionLabel(v.scenarioId, v.version), full.files));
    if (r.loaded) loaded.push({ ...r.loaded, dir: versionLabel(v.scenarioId, v.version) });
    else failed.push({ id: v.scenarioId, version: v.version, diagnostics: r.diagnostics });
  }
  return { loaded, failed };
}
