// Dry run of a scenario with its MSEL: when each row fires and for whom, rows that never fire, rows whose
// targets do not exist, and the water depth over time at the places the MSEL names.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dryRun, formatDryRun, loadForDryRun } from '../../server/authoring/dry-run.ts';
import { dirSource } from '../../server/scenario/check-scenario.ts';

const BUILT_IN = resolve(import.meta.dirname, '..', '..', 'scenarios', 'pariaman-rob');
const root = mkdtempSync(join(tmpdir(), 'gladi-dry-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('dry run', () => {
  it('reports firing times and recipients, rows that never fire, rows with missing targets, and depth at the named places', () => {
    const dir = join(root, 'pariaman-rob');
    cpSync(BUILT_IN, dir, { recursive: true });
    const before = readFileSync(join(dir, 'msel.csv'), 'utf8').trimEnd();
    const badRow = before.split('\n').length + 3; // spreadsheet row of no 93 (header = row 1)
    writeFileSync(join(dir, 'msel.csv'), before + '\n'
      + '91,H+0:20,,radio,Camat,tim-b,"Hanya untuk Tim B",,,,\n'
      + '92,,depth(jati) >= 3,radio,Lurah Jati,all,"Jati tenggelam",,,,\n'
      + '93,H+0:50,,phone,BPBD Provinsi,all,"Perahu tambahan",,,,unit_unavailable(perahu-hantu)\n');
    const l = loadForDryRun(dirSource(dir), 'en');
    expect(l.loaded).not.toBeNull();
    expect(l.badRows).toEqual([{ row: badRow, no: '93', messages: [expect.stringMatching(/^effect: unit "perahu-hantu" is not in the scenario/)] }]);
    const r = dryRun(l.loaded!, { minutes: 90, badRows: l.badRows, lang: 'en' });
    const row = (no: number) => r.rows.find((x) => x.no === no)!;
    expect(row(1).fired.map((f) => f.minute)).toEqual([10, 10, 10]);
    expect(row(1).fired.every((f) => f.deliveries >= 1)).toBe(true);
    expect(row(1).recipients[0]).toMatch(/every player of the 3 teams/);
    // To one team: fires in the (shared) world, delivered to Tim B only.
    expect(row(91).fired.map((f) => f.deliveries)).toEqual([0, 1, 0]);
    expect(row(91).recipients).toEqual(['every player of Tim B']);
    expect(row(5).recipients[0]).toMatch(/NGO liaison role in each team/);
    // Karan Aur floods knee-deep by H+1:10; Jati (inland) never gets 3 m; rows after H+1:30 have not come yet.
    expect(row(4).fired[0].minute).toBeGreaterThan(30);
    expect(row(4).fired[0].minute).toBeLessThanOrEqual(90);
    expect(r.neverFired).toContain(92);
    expect(r.neverFired).toContain(6); // the school does not fill up in 90 minutes without players
    expect(r.neverFired).not.toContain(4);
    const karan = r.depth.places.find((p) => p.id === 'karan-aur')!;
    expect(r.depth.minutes.slice(0, 3)).toEqual([0, 10, 20]);
    expect(karan.depth[0]).toBe(0);
    expect(Math.max(...karan.depth)).toBeGreaterThanOrEqual(0.3);
    expect(r.depth.places.map((p) => p.id).sort()).toEqual(['jati', 'karan-aur', 'sdn-05']);
    expect(r.seaLevel[0]).toBeCloseTo(0.9, 2);
    const text = formatDryRun(r, 'en').join('\n');
    expect(text).toMatch(/#91 H\+0:20 → tim-b: tim-a H\+0:20/);
    expect(text).toMatch(/Never fired: .*#92/);
    expect(text).toContain(`Row ${badRow} (no 93) left out: effect: unit "perahu-hantu"`);
    expect(text).toMatch(/area karan-aur/);
  }, 60_000);
});
