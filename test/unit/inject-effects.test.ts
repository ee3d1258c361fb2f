// Richer MSEL effects: a hoax on the social feed, a LAPOR! complaint, a health facility flooding, a landslide;
// each changes the world and shows in the team's view; the checker names effects whose targets do not exist.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectTeamView } from '../../server/drill/view.ts';
import { checkScenario, dirSource } from '../../server/scenario/check-scenario.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { applyEffect, createWorld, parseEffect, step, type InjectEffect } from '../../server/sim/index.ts';
import { effectText } from '../../server/authoring/inject-text.ts';

const SCN = resolve(import.meta.dirname, '..', '..', 'scenarios');
const tmp = mkdtempSync(join(tmpdir(), 'gladi-fx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const effect = (text: string): InjectEffect => {
  const e = parseEffect(text);
  if (typeof e === 'string') throw new Error(e);
  return e;
};

describe('richer inject effects', () => {
  const { scenario } = loadScenario(join(SCN, 'pariaman-rob'));
  const team = scenario.teams[0].id;

  it('posts a hoax on the social feed that lowers trust where it lands until clarified', () => {
    const e = effect('hoax(karan-aur, Tanggul jebol, semua lari ke masjid!)');
    expect(e).toEqual({ kind: 'hoax', area: 'karan-aur', text: 'Tanggul jebol, semua lari ke masjid!' });
    expect(effectText(e)).toBe('hoax(karan-aur,Tanggul jebol, semua lari ke masjid!)');
    const w = createWorld(scenario, 1), quiet = createWorld(scenario, 1);
    for (let k = 0; k < 5; k++) { step(w, []); step(quiet, []); }
    expect(applyEffect(w, e)).toBeNull();
    const k = scenario.neighbourhoods.findIndex((n) => n.id === 'karan-aur');
    for (let t = 0; t < 10; t++) { step(w, []); step(quiet, []); }
    expect(w.hoods[k].trust).toBeLessThan(quiet.hoods[k].trust);
    const post = projectTeamView(w, team).view.posts.find((p) => p.text.id === 'Tanggul jebol, semua lari ke masjid!')!;
    expect(post).toMatchObject({ kind: 'hoax', areas: expect.arrayContaining(['karan-aur']), clarified: false });
    expect(applyEffect(w, effect('hoax(all, Air laut naik 5 meter)'))).toBeNull();
    expect(w.posts.at(-1)!.areas).toHaveLength(scenario.neighbourhoods.length);
    expect(applyEffect(w, effect('hoax(kampung-hantu, x)'))).toMatch(/no area "kampung-hantu"/);
  });

  it('files a LAPOR! complaint for the team to answer', () => {
    const w = createWorld(scenario, 1);
    expect(applyEffect(w, effect('complaint(pasir, shelter_supplies)'))).toBeNull();
    const c = projectTeamView(w, team).view.complaints;
    expect(c).toEqual([expect.objectContaining({ area: 'pasir', topic: 'shelter_supplies', answered: false })]);
    expect(effect('complaint(jati)')).toMatchObject({ topic: 'no_rescue' });
    expect(parseEffect('complaint(jati, bored)')).toMatch(/topic/);
  });

  it('floods a health facility so its patients must be moved, booking the water as a source', () => {
    const { scenario: tsunami } = loadScenario(join(SCN, 'pariaman-tsunami'));
    const w = createWorld(tsunami, 1);
    const before = w.flood.mass.sourceIn;
    expect(applyEffect(w, effect('facility_flood(rsud-pariaman)'))).toBeNull();
    expect(w.flood.mass.sourceIn).toBeGreaterThan(before);
    expect(w.events.filter((x) => x.kind === 'facility_flooded' && x.id === 'rsud-pariaman')).toHaveLength(1);
    const k = tsunami.facilities!.findIndex((f) => f.id === 'rsud-pariaman');
    expect(w.hazards.facilities[k]).toMatchObject({ floodedTick: 0, patients: 80 });
    step(w, []);
    expect(w.hazards.facilities[k].floodedTick).toBe(0); // reported once
    expect(applyEffect(w, effect('facility_flood(rs-tidak-ada)'))).toMatch(/no health facility/);
  });

  it('an NGO offers its units: they arrive after its response delay for the team to route', () => {
    const w = createWorld(scenario, 1);
    const ngo = scenario.ngos.find((n) => n.onRequest)!;
    const unitIds = ngo.units.map((u) => u.id);
    const view = () => projectTeamView(w, team).view.units.filter((u) => unitIds.includes(u.id));
    expect(view().every((u) => !u.available)).toBe(true);
    expect(applyEffect(w, effect(`ngo_offer(${ngo.id})`))).toBeNull();
    const arrived: string[] = [];
    for (let t = 0; t < (ngo.responseDelay ?? 10) + 2; t++) for (const e of step(w, [])) if (e.kind === 'support_arrived' && e.unit) arrived.push(e.unit);
    expect(arrived.sort()).toEqual([...unitIds].sort());
    expect(view().every((u) => u.available)).toBe(true);
    const local = scenario.ngos.find((n) => !n.onRequest)!;
    expect(applyEffect(w, effect(`ngo_offer(${local.id})`))).toMatch(/already in the region/);
    expect(applyEffect(w, effect('ngo_offer(lsm-hantu)'))).toMatch(/no NGO/);
  });

  it('the checker names effects whose zone, facility or area does not exist', () => {
    const dir = join(tmp, 'pariaman-tsunami');
    cpSync(join(SCN, 'pariaman-tsunami'), dir, { recursive: true });
    const yaml = readFileSync(join(dir, 'scenario.yaml'), 'utf8');
    const mselFile = /^msel:\s*(\S+)/m.exec(yaml)![1];
    const csv = readFileSync(join(dir, mselFile), 'utf8').trimEnd();
    const header = csv.split('\n')[0].split(',');
    const row = (no: number, effectCell: string) => header.map((c) => ({ no: String(no), time: 'H+0:20', method: 'radio', from: 'X', to: 'all', message_id: 'uji', effect: `"${effectCell}"` } as Record<string, string>)[c] ?? '').join(',');
    writeFileSync(join(dir, mselFile), [csv, row(91, 'facility_flood(rs-tidak-ada)'), row(92, 'landslide(bukit-tidak-ada)'), row(93, 'hoax(all, Air naik 5 meter)'), row(94, 'complaint(kampung-hantu)'), row(95, 'ngo_offer(lsm-hantu)')].join('\n') + '\n');
    const r = checkScenario(dirSource(dir));
    const errors = r.diagnostics.filter((d) => d.level === 'error' && d.file === mselFile);
    const last = Math.max(...errors.map((d) => d.row ?? 0));
    // Rows 91–95 are the last five spreadsheet rows; the hoax to all areas is fine.
    expect(errors.map((d) => [last - (d.row ?? 0), d.code, d.params.value])).toEqual([
      [4, 'msel_unknown_facility', 'rs-tidak-ada'], [3, 'msel_unknown_zone', 'bukit-tidak-ada'], [1, 'msel_unknown_area', 'kampung-hantu'], [0, 'msel_unknown_ngo', 'lsm-hantu'],
    ]);
  });
});
