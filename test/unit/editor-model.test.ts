// The editor's model of a scenario and the shared zip: a round trip changes nothing the engine reads and keeps the
// YAML comments; an edit shows up in the files; a zip holds the folder layout and refuses other files and bombs.
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { filesToModel, modelToFiles } from '../../server/authoring/editor-model.ts';
import { readScenarioFolder } from '../../server/authoring/scenario-files.ts';
import { unzipScenario, zipScenario, ZipError } from '../../server/authoring/scenario-zip.ts';
import { snapshotScenario } from '../../server/drill/scenario-snapshot.ts';
import { checkScenario, memorySource } from '../../server/scenario/check-scenario.ts';

const DIR = resolve(import.meta.dirname, '..', '..', 'scenarios', 'pariaman-rob');
const hashOf = (files: Record<string, string>) => {
  const r = checkScenario(memorySource('t', files));
  if (!r.loaded) throw new Error(r.diagnostics.filter((d) => d.level === 'error').map((d) => d.code).join(', '));
  return snapshotScenario(r.loaded).hash;
};

describe('editor model', () => {
  const files = readScenarioFolder(DIR);

  it('round-trips the built-in scenario without changing what the engine reads, comments kept', () => {
    const m = filesToModel(files);
    expect(m.grid).toMatchObject({ cellSize: expect.any(Number) });
    expect((m.scenario.landUse as { walkCost: unknown }[]).some((c) => c.walkCost === 'inf')).toBe(true);
    const back = modelToFiles(JSON.parse(JSON.stringify(m)));
    expect(hashOf(back)).toBe(hashOf(files));
    const firstComment = files['scenario.yaml'].split('\n').find((l) => l.trim().startsWith('#'))!;
    expect(back['scenario.yaml']).toContain(firstComment.trim());
  });

  it('writes edits to places, land use and the MSEL into the files', () => {
    const m = filesToModel(files);
    const s = m.scenario as { shelters: { id: string; x: number }[]; neighbourhoods: unknown[] };
    s.shelters[0].x += 1;
    m.grid!.landUse[0] = m.grid!.landUse[1];
    m.msel.push({ no: '90', time: 'H+0:05', method: 'radio', from: 'Lurah', to: 'all', message_id: 'Uji, dengan koma "dan kutip"\nbaris dua' });
    const back = modelToFiles(m);
    const r = checkScenario(memorySource('t', back));
    expect(r.loaded!.scenario.shelters[0].x).toBe((filesToModel(files).scenario as typeof s).shelters[0].x + 1);
    expect(r.loaded!.msel.find((x) => x.no === 90)!.message.id).toBe('Uji, dengan koma "dan kutip"\nbaris dua');
  });
});

describe('scenario zip', () => {
  it('holds the folder layout and opens back to the same scenario', () => {
    const files = readScenarioFolder(DIR);
    const { files: back, skipped } = unzipScenario(zipScenario('pariaman-rob', files));
    expect(skipped).toEqual([]);
    expect(Object.keys(back).sort()).toEqual(Object.keys(files).sort());
    expect(hashOf(back)).toBe(hashOf(files));
  });

  it('takes files at the root too, leaves out what is not a scenario file, and refuses a zip without scenario.yaml', () => {
    const files = readScenarioFolder(DIR);
    const entries: Record<string, Uint8Array> = { '../evil.sh': strToU8('rm -rf /'), 'bin/tool.exe': strToU8('MZ') };
    for (const [k, v] of Object.entries(files)) entries[k] = strToU8(v);
    const { files: back, skipped } = unzipScenario(zipSync(entries));
    expect(skipped.sort()).toEqual(['../evil.sh', 'bin/tool.exe']);
    expect(back['scenario.yaml']).toBe(files['scenario.yaml']);
    expect(() => unzipScenario(zipSync({ 'readme.md': strToU8('x') }))).toThrow(ZipError);
    expect(() => unzipScenario(strToU8('not a zip'))).toThrow(/not a readable zip/);
  });
});
