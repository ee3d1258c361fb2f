// Loading scenarios: the built-in one loads; broken files give errors that name the file, the row and the field.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioLibrary, parseAsciiGrid } from '../../server/scenario/load-scenario.ts';
import { formatScenarioTime, parseScenarioTime } from '../../server/scenario/scenario-time.ts';

const BUILT_IN = resolve(import.meta.dirname, '..', '..', 'scenarios', 'pariaman-rob');
const temps: string[] = [];
afterEach(() => { for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true }); });

/** A copy of the built-in scenario with one file changed. */
function variant(file: string, edit: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'gladi-scn-'));
  temps.push(root);
  const dir = join(root, 'pariaman-rob');
  cpSync(BUILT_IN, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('scenario loader', () => {
  it('loads the built-in Pariaman scenario with its grid, areas, shelters and MSEL', () => {
    const { scenario, msel } = loadScenario(BUILT_IN);
    expect(scenario.width * scenario.height).toBe(scenario.elevation.length);
    expect(scenario.neighbourhoods.length).toBeGreaterThanOrEqual(3);
    expect(scenario.shelters.length).toBeGreaterThanOrEqual(2);
    expect(scenario.ngos.some((n) => n.units.some((u) => u.kind === 'boat'))).toBe(true);
    expect(scenario.landUseClasses.find((c) => c.isSea)).toBeDefined();
    expect(msel.find((r) => r.no === 1)!.minute).toBe(10);
    expect(msel.find((r) => r.no === 4)!.condition).toEqual({ kind: 'depth', area: 'karan-aur', op: '>=', value: 0.3 });
  });

  it('names the field when scenario.yaml is wrong', () => {
    const dir = variant('scenario.yaml', (t) => t.replace('trust: 0.6', 'trust: 1.6'));
    expect(() => loadScenario(dir)).toThrow(/scenario\.yaml line \d+: neighbourhoods\.0\.trust: .*1/);
    const dir2 = variant('scenario.yaml', (t) => t.replace('tickSeconds: 60', 'tickSeconds: "sixty"'));
    expect(() => loadScenario(dir2)).toThrow(/clock\.tickSeconds/);
  });

  it('names the row and column when a grid is wrong', () => {
    const dir = variant('landuse.asc', (t) => t.replace(/\n0 0 0/, '\n0 0 9'));
    expect(() => loadScenario(dir)).toThrow(/landuse\.asc: code 9 is in 1 cell\(s\) \(first at cell \(2, 0\)\)/);
    expect(() => parseAsciiGrid('ncols 2\nnrows 2\ncellsize 10\n1 2\n3\n', 'x.asc')).toThrow(/x\.asc: row 2 has 1 values, expected ncols = 2/);
    expect(() => parseAsciiGrid('ncols 2\nnrows 2\ncellsize 10\n1 2\n', 'x.asc')).toThrow(/1 rows, expected nrows = 2/);
    expect(() => parseAsciiGrid('nrows 2\ncellsize 10\n1 2\n', 'x.asc')).toThrow(/"ncols" is missing/);
  });

  it('names the MSEL row when a time, condition or effect is wrong', () => {
    const bad = (from: string, to: string) => variant('msel.csv', (t) => t.replace(from, to));
    expect(() => loadScenario(bad('1,H+0:10,', '1,ten past,'))).toThrow(/msel\.csv row 2: time: time "ten past"/);
    expect(() => loadScenario(bad('depth(karan-aur) >= 0.3', 'depth(karan-aur) > 0.3'))).toThrow(/msel\.csv row 5: condition/);
    expect(() => loadScenario(bad(',warn,15,\n', ',warn,15,surge(lots)\n'))).toThrow(/msel\.csv row 2: effect/);
    expect(() => loadScenario(bad(',warn,15,\n', ',shout,15,\n'))).toThrow(/msel\.csv row 2: expected_action: expected action "shout"/);
  });

  it('sums tide, surge and tsunami parts into the coastal level, and reads rivers and embankments', () => {
    const dir = variant('scenario.yaml', (t) => t.replace('# Polygons in cell coordinates', [
      'seaLevelParts:',
      '  surge: [{ minute: 0, level: 0 }, { minute: 100, level: 0.5 }]',
      '  tsunami: [{ minute: 50, level: 0 }, { minute: 55, level: 2 }, { minute: 60, level: 0 }]',
      'embankments:',
      '  - { id: tanggul, name: Tanggul, line: [[20, 10], [23, 12]], crest: 2.5, breach: { onOvertop: true, level: 1.2 } }',
      '# Polygons in cell coordinates',
    ].join('\n')));
    const { scenario } = loadScenario(dir);
    const at = (m: number) => scenario.seaLevel.find((p) => p.t === m)!.value;
    // Base series at minute 55 is 1.1 + (1.45 − 1.1)·25/30; surge 0.275; tsunami 2.
    expect(at(55)).toBeCloseTo(1.1 + 0.35 * (25 / 30) + 0.275 + 2, 6);
    expect(at(100)).toBeCloseTo(1.85 + (2.15 - 1.85) * (10 / 30) + 0.5, 6);
    expect(scenario.rivers![0].cells).toEqual([52 * 120 + 119, 53 * 120 + 119, 54 * 120 + 119]);
    const e = scenario.embankments![0];
    expect(e.cells[0]).toBe(10 * 120 + 20);
    expect(e.cells[e.cells.length - 1]).toBe(12 * 120 + 23);
    // 4-connected: consecutive cells share an edge, so water cannot slip through diagonally.
    for (let k = 1; k < e.cells.length; k++) expect([1, 120]).toContain(Math.abs(e.cells[k] - e.cells[k - 1]));
    expect(e.breachOnOvertop).toBe(true);
  });

  it('skips a broken scenario in a library and reports it, keeping the good ones', () => {
    const dir = variant('scenario.yaml', (t) => t.replace('id: pariaman-rob', 'id: Pariaman Rob!'));
    const root = resolve(dir, '..');
    cpSync(BUILT_IN, join(root, 'good-copy'), { recursive: true });
    const { scenarios, errors } = loadScenarioLibrary(root);
    expect([...scenarios.keys()]).toEqual(['pariaman-rob']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^pariaman-rob: scenario\.yaml line 3: id:/);
  });
});

describe('scenario time', () => {
  it('reads the MSEL forms and writes H+h:mm', () => {
    expect(parseScenarioTime('H+0:45')).toBe(45);
    expect(parseScenarioTime('h+2')).toBe(120);
    expect(parseScenarioTime('D+1 H+3:15')).toBe(24 * 60 + 195);
    expect(parseScenarioTime('90')).toBe(90);
    expect(parseScenarioTime('H+1:75')).toBeNull();
    expect(parseScenarioTime('tomorrow')).toBeNull();
    expect(formatScenarioTime(125)).toBe('H+2:05');
  });
});
