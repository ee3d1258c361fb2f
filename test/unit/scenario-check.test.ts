// The scenario checker: every silent case from issue 9 becomes an error, warning or info with file, place and a
// fix, in Bahasa Indonesia and English; the library refuses a copy that reuses a built-in id.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkScenario, dirSource } from '../../server/scenario/check-scenario.ts';
import { formatDiagnostic, renderDiagnostic, type Diagnostic } from '../../server/scenario/diagnostic.ts';
import { loadScenarioLibrary } from '../../server/scenario/load-scenario.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUILT_IN = join(ROOT, 'scenarios', 'pariaman-rob');
const temps: string[] = [];
afterEach(() => { for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true }); });

function copy(name = 'pariaman-rob'): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'gladi-check-'));
  temps.push(root);
  const dir = join(root, name);
  cpSync(BUILT_IN, dir, { recursive: true });
  return { root, dir };
}
function edit(dir: string, file: string, f: (t: string) => string): void {
  const p = join(dir, file);
  const before = readFileSync(p, 'utf8');
  const after = f(before);
  expect(after, `edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(p, after);
}
const codes = (ds: Diagnostic[], level?: Diagnostic['level']) => ds.filter((d) => !level || d.level === level).map((d) => d.code);

describe('scenario checker', () => {
  it('passes the built-in scenario with no error or warning, and names the defaults it relies on', () => {
    const r = checkScenario(dirSource(BUILT_IN));
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    expect(codes(r.diagnostics, 'warning')).toEqual([]);
    expect(codes(r.diagnostics, 'info')).toEqual(expect.arrayContaining(['default_vehicle', 'default_phone', 'default_volunteers', 'default_stock']));
    expect(r.loaded?.scenario.id).toBe('pariaman-rob');
  });

  it('lists every problem of a broken scenario at once, each with file, place and a fix in both languages', () => {
    const { dir } = copy();
    edit(dir, 'scenario.yaml', (t) => t
      .replace('polygon: [[17, 4], [44, 4], [44, 40], [17, 40]]', 'polygon: [[0, 0], [6, 0], [6, 6], [0, 6]]') // kampung-pondok out at sea
      .replace('{ id: sdn-05, name: SD Negeri 05 Pariaman, x: 82, y: 28', '{ id: sdn-05, name: SD Negeri 05 Pariaman, x: 3, y: 28') // shelter in the sea
      .replace('{ id: pmi-medis-1, kind: medical, x: 90, y: 60', '{ id: pmi-medis-1, kind: medical, x: 2, y: 60') // base in the sea
      .replace('  residentsSafe: 0.2', '  residentSafe: 0.2')); // typo in a weight
    const r = checkScenario(dirSource(dir));
    expect(r.loaded).toBeNull();
    const errors = r.diagnostics.filter((d) => d.level === 'error');
    expect(codes(errors)).toEqual(expect.arrayContaining(['hood_no_habitable', 'hood_no_walkable', 'hood_in_sea', 'thing_in_sea']));
    expect(errors.filter((d) => d.code === 'thing_in_sea').map((d) => d.params.id).sort()).toEqual(['pmi-medis-1', 'sdn-05']);
    const hood = errors.find((d) => d.code === 'hood_no_habitable')!;
    expect(hood.file).toBe('scenario.yaml');
    expect(hood.line).toBeGreaterThan(50);
    expect(hood.field).toBe('neighbourhoods.0.polygon');
    expect(renderDiagnostic(hood, 'id').message).toMatch(/kampung-pondok.*(0, 0).*laut/);
    expect(renderDiagnostic(hood, 'en').message).toMatch(/kampung-pondok.*households would be put on cell \(0, 0\)/);
    for (const d of errors) {
      const [id, en] = [renderDiagnostic(d, 'id'), renderDiagnostic(d, 'en')];
      expect(id.fix.length, d.code).toBeGreaterThan(5);
      expect(en.fix.length, d.code).toBeGreaterThan(5);
      expect(id.message).not.toMatch(/\{\w+\}|at .*\.ts:\d+/); // every parameter filled, no stack trace
    }
  });

  it('catches a score weight typo only once the rest loads, with the likely metric', () => {
    const { dir } = copy();
    edit(dir, 'scenario.yaml', (t) => t.replace('  residentsSafe: 0.2', '  residentSafe: 0.2'));
    const r = checkScenario(dirSource(dir));
    const d = r.diagnostics.find((x) => x.code === 'unknown_weight')!;
    expect(d.level).toBe('error');
    expect(d.params).toMatchObject({ value: 'residentSafe', near: 'residentsSafe' });
    expect(d.field).toBe('scoreWeights.residentSafe');
  });

  it('refuses a grid in degrees, an absurd size, NODATA over the sea, and accepts dx/dy headers', () => {
    const { dir } = copy();
    edit(dir, 'elevation.asc', (t) => t.replace('cellsize 20', 'cellsize 0.000277').replace('xllcorner 0', 'xllcorner 100.1').replace('yllcorner 0', 'yllcorner -0.6'));
    expect(codes(checkScenario(dirSource(dir)).diagnostics, 'error')).toContain('grid_degrees');

    const big = copy().dir;
    edit(big, 'elevation.asc', (t) => t.replace('ncols 120\nnrows 90', 'ncols 2000\nnrows 1000'));
    expect(codes(checkScenario(dirSource(big)).diagnostics, 'error')).toEqual(expect.arrayContaining(['grid_too_big']));

    const nodata = copy().dir;
    // The first value of every row becomes NODATA (the west edge, as a DEMNAS clip leaves the sea).
    edit(nodata, 'elevation.asc', (t) => t.split('\n').map((l, k) => (k >= 6 && l.trim() ? l.replace(/^\s*\S+/, '-9999') : l)).join('\n'));
    const nd = checkScenario(dirSource(nodata)).diagnostics.find((d) => d.code === 'grid_nodata_elevation')!;
    const rows = Number(/nrows\s+(\d+)/.exec(readFileSync(join(nodata, 'elevation.asc'), 'utf8'))![1]);
    expect(nd.params).toMatchObject({ n: rows, x: 0, y: 0 });
    expect(renderDiagnostic(nd, 'en').fix).toMatch(/import-gis/);

    const dxdy = copy().dir;
    for (const f of ['elevation.asc', 'landuse.asc']) edit(dxdy, f, (t) => t.replace('cellsize 20', 'dx 20\ndy 20'));
    const ok = checkScenario(dirSource(dxdy));
    expect(codes(ok.diagnostics, 'error')).toEqual([]);
    expect(ok.loaded!.scenario.cellSize).toBe(20);
  });

  it('checks MSEL targets: unknown area, unit, shelter, recipient and method, and conditions that can never hold', () => {
    const { dir } = copy();
    // An MSEL of its own (the built-in one changes as the town grows): one problem per row.
    writeFileSync(join(dir, 'msel.csv'), [
      'no,time,condition,method,from,to,message_id,message_en,expected_action,deadline,effect',
      '1,H+0:10,,phone,BMKG,all,"Peringatan",,warn,15,unit_unavailable(pmi-boat-9)',
      '2,H+0:20,,telegram,RT,all,"Pesan",,,,',
      '3,,depth(karan-auur) >= 0.3,radio,Tagana,all,"Genangan",,,,',
      '4,H+1:30,,radio,PMI,Dinas Sosial,"Perahu siap",,,,',
      '5,,occupancy(sdn-5) >= 0.9,phone,Sekolah,shelter,"Penuh",,,,',
      '6,H+1,sea_level >= 50,phone,BMKG,all,"Air naik",,,,',
      '7,H+1,stranded >= 900000,phone,BMKG,all,"Banyak terjebak",,,,',
      '8,H+99,,phone,BMKG,all,"Terlambat",,,,',
    ].join('\n') + '\n');
    const r = checkScenario(dirSource(dir));
    const at = (row: number) => r.diagnostics.filter((d) => d.file === 'msel.csv' && d.row === row).map((d) => d.code);
    expect(at(2)).toContain('msel_unknown_unit');
    expect(at(3)).toContain('msel_method');
    expect(at(4)).toContain('msel_unknown_area');
    expect(at(5)).toContain('msel_to');
    expect(at(6)).toContain('msel_unknown_shelter');
    expect(at(7)).toContain('msel_condition_sea');
    expect(at(8)).toContain('msel_condition_never');
    expect(at(9)).toContain('msel_time_after_end');
    expect(renderDiagnostic(r.diagnostics.find((d) => d.code === 'msel_to')!, 'id').fix).toMatch(/commander/);
    expect(r.loaded).toBeNull();
  });

  it('keeps the built-in scenario when a copied folder reuses its id, and reports the copy', () => {
    for (const copyName of ['aa-copy', 'zz-copy']) {
      const { root } = copy();
      cpSync(BUILT_IN, join(root, copyName), { recursive: true });
      edit(join(root, copyName), 'scenario.yaml', (t) => t.replace('en: Tidal flood on the Pariaman coast', 'en: A copy'));
      const lib = loadScenarioLibrary(root);
      expect([...lib.scenarios.keys()]).toEqual(['pariaman-rob']);
      expect(lib.scenarios.get('pariaman-rob')!.dir).toBe(join(root, 'pariaman-rob'));
      expect(lib.failed.map((f) => f.folder)).toEqual([copyName]);
      expect(lib.failed[0].diagnostics[0]).toMatchObject({ code: 'dup_scenario_id', params: { id: 'pariaman-rob', other: 'pariaman-rob' } });
    }
  });

  it('npm run check prints every problem in Bahasa Indonesia (or English) and exits 1, without a stack trace', () => {
    const { dir } = copy();
    edit(dir, 'scenario.yaml', (t) => t.replace('trust: 0.6', 'trust: 1.6').replace('householdSize: 4.4', 'householdSize: "banyak"'));
    const run = (...extra: string[]) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'check.ts'), dir, ...extra], { encoding: 'utf8', cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        return { code: err.status, out: err.stdout + err.stderr };
      }
    };
    const id = run();
    expect(id.code).toBe(1);
    expect(id.out).toMatch(/GALAT scenario\.yaml baris \d+: neighbourhoods\.0\.trust/);
    expect(id.out).toMatch(/GALAT scenario\.yaml baris \d+: neighbourhoods\.1\.householdSize/);
    expect(id.out).toMatch(/2 galat/);
    expect(id.out).not.toMatch(/at .*\.ts:\d+:\d+/);
    const en = run('--lang', 'en', '--json');
    const json = JSON.parse(en.out.trim().split('\n').pop()!);
    expect(json).toMatchObject({ ok: false, errors: 2 });
    expect(json.diagnostics[0].fix).toMatch(/value/);
    expect(formatDiagnostic(checkScenario(dirSource(dir)).diagnostics[0], 'en')).toMatch(/^ERROR scenario\.yaml line \d+/);
  }, 30_000); // spawns the CLI (tsx start-up)
});
