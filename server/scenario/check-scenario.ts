// The scenario checker: reads a scenario (a folder, or files held in memory by the editor) and lists every
// error, warning and info at once, each with file, row or line, field, what is wrong and how to fix it.
// When there is no error it also returns the loaded scenario, so the loader, the server start-up, the editor and
// `npm run check` all go through the same checks.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { METRIC_IDS } from '../sim/index.ts';
import type { Scenario } from '../sim/scenario.ts';
import { interpolate, rasterizePolygon } from '../sim/index.ts';
import { readAsciiGrid, type AsciiGrid, type GridProblem } from './ascii-grid.ts';
import type { Diagnostic } from './diagnostic.ts';
import { checkMselRecords, readMselCsv, type MselContext, type MselRow } from './msel-rows.ts';
import { scenarioFile, type ScenarioFile } from './scenario-schema.ts';

/** Where the files of a scenario come from: a folder on disk or the editor's draft in memory. */
export interface ScenarioSource {
  /** Folder path or a label, for messages. */
  label: string;
  read(file: string): string | null;
}

export function dirSource(dir: string): ScenarioSource {
  return { label: dir, read: (f) => { const p = join(dir, f); return existsSync(p) ? readFileSync(p, 'utf8') : null; } };
}

export function memorySource(label: string, files: Record<string, string>): ScenarioSource {
  return { label, read: (f) => files[f] ?? null };
}

export interface LoadedScenario {
  scenario: Scenario;
  msel: MselRow[];
  dir: string;
}

export interface CheckResult {
  /** The scenario id from scenario.yaml, when it could be read. */
  id: string | null;
  label: string;
  diagnostics: Diagnostic[];
  /** Set only when there is no error. */
  loaded: LoadedScenario | null;
}

/** Above this many cells a tick takes too long on a facilitator's laptop (the engine's flood step is ~40 M cell-steps/s, docs/benchmarks.md). */
export const MAX_CELLS = 1_500_000;
export const WARN_CELLS = 400_000;
/** Cell edges outside this range make no sense for a town drill (metres). */
export const MIN_CELL_M = 1;
export const MAX_CELL_M = 200;

const YAML = 'scenario.yaml';

/** Engine defaults a scenario gets when it leaves a field out (server/sim: world.ts, shelter.ts, ngo.ts). */
const DEFAULTS = {
  vehicleShare: 0.5, phoneShare: 0.85, volunteers: 4, responseDelay: 10,
};

/** `ignoreMsel`: check the scenario without its MSEL (to check an MSEL being imported against it). */
export function checkScenario(src: ScenarioSource, opts: { ignoreMsel?: boolean } = {}): CheckResult {
  const ds: Diagnostic[] = [];
  const result = (id: string | null, loaded: LoadedScenario | null = null): CheckResult => ({ id, label: src.label, diagnostics: ds, loaded });
  const text = src.read(YAML);
  if (text === null) { ds.push({ level: 'error', file: YAML, code: 'yaml_missing', params: { dir: src.label } }); return result(null); }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    for (const e of doc.errors) ds.push({ level: 'error', file: YAML, line: lc.linePos(e.pos[0]).line, code: 'yaml_syntax', params: { detail: e.message.split('\n')[0] } });
    return result(null);
  }
  const raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let k = path.length; k >= 0; k--) {
      const node = doc.getIn(path.slice(0, k), true) as { range?: [number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lc.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const rawId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null;

  const parsedId = scenarioFile.safeParse(raw, { error: z.locales.id().localeError });
  if (!parsedId.success) {
    const en = scenarioFile.safeParse(raw, { error: z.locales.en().localeError });
    parsedId.error.issues.forEach((iss, k) => {
      const path = iss.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const keys = iss.code === 'unrecognized_keys' ? (iss as { keys: string[] }).keys : [];
      ds.push({
        level: 'error', file: YAML, line: lineOf(keys.length ? [...path, keys[0]] : path),
        field: path.join('.') || '(root)',
        code: iss.code === 'unrecognized_keys' ? 'yaml_unknown_key' : iss.code === 'invalid_type' && iss.input === undefined ? 'yaml_missing_field' : 'yaml_schema',
        params: { detail: iss.message, detail_en: en.success ? iss.message : en.error.issues[k]?.message ?? iss.message, keys: keys.join(', ') },
      });
    });
    // Grids can still be checked on their own.
    const grid = (raw as { grid?: { elevation?: unknown; landUse?: unknown } })?.grid;
    if (typeof grid?.elevation === 'string') readGrid(src, grid.elevation, ds, 'elevation');
    ds.push({ level: 'info', file: YAML, code: 'more_after_fix', params: {} });
    return result(rawId);
  }
  const f = parsedId.data;
  const elev = readGrid(src, f.grid.elevation, ds, 'elevation');
  const use = readGrid(src, f.grid.landUse, ds, 'landuse');
  if (!elev || !use) return result(f.id);
  if (elev.width !== use.width || elev.height !== use.height) {
    ds.push({ level: 'error', file: f.grid.landUse, code: 'grid_size_mismatch', params: { w: use.width, h: use.height, ew: elev.width, eh: elev.height, elev: f.grid.elevation } });
    return result(f.id);
  }
  const { width, height } = elev;
  const path = (p: (string | number)[]) => ({ line: lineOf(p), field: p.join('.') });
  const yerr = (p: (string | number)[], code: Diagnostic['code'], params: Diagnostic['params'] = {}) => ds.push({ level: 'error', file: YAML, ...path(p), code, params });
  const ywarn = (p: (string | number)[], code: Diagnostic['code'], params: Diagnostic['params'] = {}) => ds.push({ level: 'warning', file: YAML, ...path(p), code, params });
  const yinfo = (p: (string | number)[], code: Diagnostic['code'], params: Diagnostic['params'] = {}) => ds.push({ level: 'info', file: YAML, ...path(p), code, params });

  // ---- land-use classes and the land-use grid ----
  const classes = new Map(f.landUse.map((c) => [c.code, c]));
  f.landUse.forEach((c, k) => { if (f.landUse.findIndex((o) => o.code === c.code) !== k) yerr(['landUse', k, 'code'], 'dup_code', { code: c.code }); });
  if (!f.landUse.some((c) => c.habitable)) yerr(['landUse'], 'no_habitable_class');
  if (!f.landUse.some((c) => c.isSea)) yinfo(['landUse'], 'no_sea_class');
  const landUse = new Uint8Array(width * height);
  const unknownCodes = new Map<number, { n: number; x: number; y: number }>();
  for (let i = 0; i < landUse.length; i++) {
    const v = use.values[i];
    if (!classes.has(v)) {
      const u = unknownCodes.get(v) ?? { n: 0, x: i % width, y: Math.floor(i / width) };
      u.n++;
      unknownCodes.set(v, u);
    } else landUse[i] = v;
  }
  for (const [code, u] of unknownCodes) {
    if (Number.isNaN(code)) continue; // NODATA, reported with the grid
    ds.push({ level: 'error', file: f.grid.landUse, code: 'landuse_unknown_code', params: { code, n: u.n, x: u.x, y: u.y } });
  }
  const sea = (i: number) => classes.get(landUse[i])?.isSea ?? false;
  const walkable = (i: number) => Number.isFinite(classes.get(landUse[i])?.walkCost ?? Infinity);
  const codeName = (i: number) => classes.get(landUse[i])?.name ?? String(landUse[i]);
  const inGrid = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height;

  // ---- clock and drivers ----
  const duration = f.clock.durationMinutes;
  if (f.clock.officialAlertMinute > duration) yerr(['clock', 'officialAlertMinute'], 'alert_after_end', { minute: f.clock.officialAlertMinute, end: duration });
  if ((duration * 60) % f.clock.tickSeconds !== 0) ywarn(['clock', 'tickSeconds'], 'tick_not_dividing', { tick: f.clock.tickSeconds, end: duration });
  const lastSea = Math.max(...f.seaLevel.map((p) => p.minute));
  if (lastSea < duration) yinfo(['seaLevel'], 'series_short', { last: lastSea, end: duration });
  const byMinute = (pts: { minute: number; level: number }[]) => [...pts].sort((a, b) => a.minute - b.minute).map((p) => ({ t: p.minute, value: p.level }));
  let seaLevel = byMinute(f.seaLevel);
  const parts = Object.values(f.seaLevelParts ?? {}).map(byMinute);
  if (parts.length) {
    const minutes = [...new Set([...seaLevel, ...parts.flat()].map((p) => p.t))].sort((a, b) => a - b);
    seaLevel = minutes.map((t) => ({ t, value: [seaLevel, ...parts].reduce((sum, series) => sum + interpolate(series, t), 0) }));
  }
  const seaMax = Math.max(...seaLevel.map((p) => p.value));
  const seaMin = Math.min(...seaLevel.map((p) => p.value));

  // ---- ids used twice ----
  const dupIds = (list: { id: string }[], key: string) => list.forEach((x, k) => { if (list.findIndex((o) => o.id === x.id) !== k) yerr([key, k, 'id'], 'dup_id', { id: x.id, what: key }); });
  dupIds(f.neighbourhoods, 'neighbourhoods'); dupIds(f.shelters, 'shelters'); dupIds(f.ngos, 'ngos'); dupIds(f.teams, 'teams');
  dupIds(f.rivers, 'rivers'); dupIds(f.embankments, 'embankments'); dupIds(f.rumours, 'rumours');
  const allUnits = f.ngos.flatMap((n, a) => n.units.map((u, b) => ({ ...u, path: ['ngos', a, 'units', b] as (string | number)[] })));
  allUnits.forEach((u, k) => { if (allUnits.findIndex((o) => o.id === u.id) !== k) yerr([...u.path, 'id'], 'dup_id', { id: u.id, what: 'units' }); });

  // ---- neighbourhoods: cells, habitable, walkable ----
  const areaMinElevation = new Map<string, number>();
  f.neighbourhoods.forEach((n, k) => {
    const outside = n.polygon.filter(([x, y]) => !inGrid(x, y)).length;
    if (outside) ywarn(['neighbourhoods', k, 'polygon'], 'polygon_outside', { id: n.id, n: outside, width, height });
    const cells = rasterizePolygon(n.polygon, width, height);
    if (!cells.length) { yerr(['neighbourhoods', k, 'polygon'], 'hood_no_cells', { id: n.id }); return; }
    const habitable = cells.filter((c) => classes.get(landUse[c])?.habitable);
    const walk = cells.filter(walkable);
    if (!walk.length) yerr(['neighbourhoods', k, 'polygon'], 'hood_no_walkable', { id: n.id, cells: cells.length });
    if (!habitable.length && n.households > 0) yerr(['neighbourhoods', k, 'polygon'], 'hood_no_habitable', { id: n.id, cells: cells.length, households: n.households });
    else if (habitable.length && n.households / habitable.length > 40) ywarn(['neighbourhoods', k, 'households'], 'hood_crowded', { id: n.id, households: n.households, cells: habitable.length });
    if (cells.every(sea)) yerr(['neighbourhoods', k, 'polygon'], 'hood_in_sea', { id: n.id });
    areaMinElevation.set(n.id, Math.min(...(habitable.length ? habitable : cells).map((c) => elev.values[c])));
  });

  // ---- shelters ----
  f.shelters.forEach((s, k) => {
    if (!inGrid(s.x, s.y)) { yerr(['shelters', k], 'outside_grid', { id: s.id, x: s.x, y: s.y, width, height }); return; }
    const i = s.y * width + s.x;
    if (sea(i)) yerr(['shelters', k], 'thing_in_sea', { id: s.id, x: s.x, y: s.y });
    else if (!walkable(i)) yerr(['shelters', k], 'thing_unwalkable', { id: s.id, x: s.x, y: s.y, use: codeName(i) });
    else if (elev.values[i] < seaMax) ywarn(['shelters', k], 'shelter_low', { id: s.id, z: elev.values[i].toFixed(2), sea: seaMax.toFixed(2) });
  });
  // ---- unit bases ----
  for (const u of allUnits) {
    const x = Math.round(u.x), y = Math.round(u.y);
    if (!inGrid(x, y)) { yerr(u.path, 'outside_grid', { id: u.id, x, y, width, height }); continue; }
    const i = y * width + x;
    if (u.kind === 'boat') { if (sea(i)) ywarn(u.path, 'boat_in_sea', { id: u.id, x, y }); }
    else if (sea(i)) yerr(u.path, 'thing_in_sea', { id: u.id, x, y });
    else if (!walkable(i)) yerr(u.path, 'thing_unwalkable', { id: u.id, x, y, use: codeName(i) });
  }
  // ---- rivers, embankments, rumours ----
  f.rivers.forEach((r, k) => r.inflow.forEach(([x, y], j) => { if (!inGrid(x, y)) yerr(['rivers', k, 'inflow', j], 'outside_grid', { id: r.id, x, y, width, height }); }));
  f.embankments.forEach((e, k) => e.line.forEach(([x, y], j) => { if (!inGrid(x, y)) yerr(['embankments', k, 'line', j], 'outside_grid', { id: e.id, x, y, width, height }); }));
  // Hazards of the five towns: facilities on the map and on land, landslide rain from a known catchment, a widening
  // breach starting on its embankment.
  f.facilities.forEach((fa, k) => {
    if (!inGrid(fa.x, fa.y)) yerr(['facilities', k], 'outside_grid', { id: fa.id, x: fa.x, y: fa.y, width, height });
    else if (sea(fa.y * width + fa.x)) yerr(['facilities', k], 'thing_in_sea', { id: fa.id, x: fa.x, y: fa.y });
  });
  const catchmentIds = f.catchments.map((c) => c.id);
  f.landslides.forEach((l, k) => {
    if (l.catchment && !catchmentIds.includes(l.catchment)) yerr(['landslides', k, 'catchment'], 'unknown_catchment', { id: l.id, value: l.catchment, allowed: catchmentIds.join(', ') || '—' });
  });
  f.embankments.forEach((e, k) => {
    const at = e.breach?.widening?.at;
    if (at && e.line.every(([x, y]) => inGrid(x, y)) && !rasterizeLine(e.line, width).includes(at[1] * width + at[0])) yerr(['embankments', k, 'breach', 'widening', 'at'], 'breach_not_on_line', { id: e.id, x: at[0], y: at[1] });
  });
  const areaIds = new Set(f.neighbourhoods.map((n) => n.id));
  f.rumours.forEach((r, k) => r.areas.forEach((a, j) => { if (!areaIds.has(a)) yerr(['rumours', k, 'areas', j], 'unknown_area', { value: a, allowed: [...areaIds].join(', ') }); }));
  if (f.rumours.some((r) => r.minute > duration)) yinfo(['rumours'], 'rumour_after_end', { end: duration });

  // ---- defaults the scenario gets without saying so ----
  const usesDefault = <T>(list: T[], has: (x: T) => boolean, name: (x: T) => string) => list.filter((x) => !has(x)).map(name);
  const hoodsVeh = usesDefault(f.neighbourhoods, (n) => n.vehicleShare !== undefined, (n) => n.id);
  if (hoodsVeh.length) yinfo(['neighbourhoods'], 'default_vehicle', { ids: hoodsVeh.join(', '), value: DEFAULTS.vehicleShare });
  const hoodsPhone = usesDefault(f.neighbourhoods, (n) => n.phoneShare !== undefined, (n) => n.id);
  if (hoodsPhone.length) yinfo(['neighbourhoods'], 'default_phone', { ids: hoodsPhone.join(', '), value: DEFAULTS.phoneShare });
  const hoodsVol = usesDefault(f.neighbourhoods, (n) => n.volunteers !== undefined, (n) => n.id);
  if (hoodsVol.length) yinfo(['neighbourhoods'], 'default_volunteers', { ids: hoodsVol.join(', '), value: DEFAULTS.volunteers });
  const stockless = usesDefault(f.shelters, (s) => s.stock !== undefined, (s) => s.id);
  if (stockless.length) yinfo(['shelters'], 'default_stock', { ids: stockless.join(', ') });
  const delayless = usesDefault(f.ngos, (n) => n.responseDelay !== undefined, (n) => n.id);
  if (delayless.length) yinfo(['ngos'], 'default_delay', { ids: delayless.join(', '), value: DEFAULTS.responseDelay });

  if (ds.some((d) => d.level === 'error')) { ds.push({ level: 'info', file: YAML, code: 'more_after_fix', params: {} }); return result(f.id); }

  // ---- the scenario as the engine takes it ----
  const rivers = f.rivers.map((r) => ({
    id: r.id, name: r.name, cells: r.inflow.map(([x, y]) => y * width + x),
    hydrograph: [...r.hydrograph].sort((a, b) => a.minute - b.minute).map((p) => ({ t: p.minute, value: p.discharge })),
    ...(r.sedimentConcentration ? { sedimentConcentration: r.sedimentConcentration, sedimentFromDischarge: r.sedimentFromDischarge ?? 0 } : {}),
  }));
  const embankments = f.embankments.map((e) => {
    const wd = e.breach?.widening;
    return {
      id: e.id, name: e.name, crest: e.crest, cells: rasterizeLine(e.line, width),
      breachMinute: e.breach?.minute ?? null, breachOnOvertop: e.breach?.onOvertop ?? false, breachLevel: e.breach?.level ?? e.crest,
      ...(wd ? { widening: { cell: wd.at ? wd.at[1] * width + wd.at[0] : undefined, initialWidth: wd.initialWidth, finalWidth: wd.finalWidth, widthPerHour: wd.widthPerHour, deepenPerHour: wd.deepenPerHour } } : {}),
    };
  });
  // Hazards of the five towns (server/sim/hazards.ts): catchments, landslide zones, health facilities.
  const catchments = f.catchments.map((c) => ({
    id: c.id, name: c.name, runoffCoefficient: c.runoffCoefficient,
    ...(c.polygon ? { cells: rasterizePolygon(c.polygon, width, height) } : {}),
    rainfall: [...c.rainfall].sort((a, b) => a.minute - b.minute).map((p) => ({ t: p.minute, value: p.mmPerHour })),
  }));
  const THRESHOLDS = { caine1980: { alpha: 14.82, beta: 0.39 }, guzzetti2008: { alpha: 2.2, beta: 0.44 } }; // landslide.ts
  const landslides = f.landslides.map((l) => ({
    id: l.id, name: l.name, cells: rasterizePolygon(l.polygon, width, height), minSlopeDeg: l.minSlopeDeg,
    ...(typeof l.threshold === 'string' ? THRESHOLDS[l.threshold] : l.threshold),
    catchment: l.catchment, runoutCells: l.runoutCells, depositDepth: l.depositDepth, minute: l.minute,
  }));
  const scenario: Scenario = {
    id: f.id, title: f.title, summary: f.summary, width, height, cellSize: elev.cellSize,
    elevation: elev.values, landUse, landUseClasses: f.landUse,
    tickSeconds: f.clock.tickSeconds,
    durationTicks: Math.round((duration * 60) / f.clock.tickSeconds),
    officialAlertTick: Math.round((f.clock.officialAlertMinute * 60) / f.clock.tickSeconds),
    seaLevel, rivers,
    rainfall: [...f.rainfall].sort((a, b) => a.minute - b.minute).map((p) => ({ t: p.minute, value: p.mmPerHour })),
    embankments, neighbourhoods: f.neighbourhoods, shelters: f.shelters, ngos: f.ngos, teams: f.teams, rumours: f.rumours,
    metrics: f.metrics, scoreWeights: f.scoreWeights, ...(f.objectives.length ? { objectives: f.objectives } : {}),
    ...(catchments.length ? { catchments } : {}), ...(landslides.length ? { landslides } : {}), ...(f.facilities.length ? { facilities: f.facilities } : {}),
  };
  // Score weights against the metrics the engine computes.
  const metricIds: string[] = [...METRIC_IDS];
  let sum = 0;
  for (const [key, w] of Object.entries(f.scoreWeights)) {
    sum += w;
    if (!metricIds.includes(key)) yerr(['scoreWeights', key], 'unknown_weight', { value: key, near: nearest(key, metricIds) ?? metricIds[0], allowed: metricIds.join(', ') });
  }
  if (Math.abs(sum - 1) > 1e-6 && sum > 0) yinfo(['scoreWeights'], 'weights_sum', { sum: Number(sum.toFixed(4)) });
  if (sum === 0) yerr(['scoreWeights'], 'weights_zero');
  const unweighted = metricIds.filter((m) => !(m in f.scoreWeights));
  if (unweighted.length) yinfo(['scoreWeights'], 'weights_missing', { ids: unweighted.join(', ') });
  f.objectives.forEach((o, k) => o.metrics.forEach((m, j) => {
    if (!metricIds.includes(m)) yerr(['objectives', k, 'metrics', j], 'objective_metric', { objective: o.id, value: m, near: nearest(m, metricIds) ?? metricIds[0], allowed: metricIds.join(', ') });
  }));

  // ---- MSEL ----
  let msel: MselRow[] = [];
  if (opts.ignoreMsel) { /* the caller checks its own MSEL */ }
  else if (f.msel) {
    const text = src.read(f.msel);
    if (text === null) yerr(['msel'], 'file_missing', { file: f.msel });
    else {
      const read = readMselCsv(text, f.msel);
      ds.push(...read.diagnostics);
      const ctx: MselContext = {
        durationMinutes: duration, areas: areaIds, shelters: new Set(f.shelters.map((s) => s.id)),
        units: new Set(allUnits.map((u) => u.id)), teams: new Set(f.teams.map((t) => t.id)), width, height,
        seaMax, seaMin, otherWater: f.rivers.length > 0 || f.rainfall.some((p) => p.mmPerHour > 0) || f.embankments.length > 0,
        areaMinElevation, population: population(scenario),
        zones: new Set(f.landslides.map((l) => l.id)), facilities: new Set(f.facilities.map((x) => x.id)),
        ngos: new Set(f.ngos.map((n) => n.id)),
      };
      const checked = checkMselRecords(read.records, f.msel, ctx);
      ds.push(...checked.diagnostics);
      msel = checked.rows;
    }
  } else yinfo(['msel'], 'no_msel');
  if (!opts.ignoreMsel) f.objectives.forEach((o, k) => o.injects.forEach((no, j) => {
    if (!msel.some((r) => r.no === no)) yerr(['objectives', k, 'injects', j], 'objective_inject', { objective: o.id, value: no, file: f.msel ?? 'msel.csv' });
  }));

  const ok = !ds.some((d) => d.level === 'error');
  return result(f.id, ok ? { scenario, msel, dir: src.label } : null);
}

/** The MSEL context of a loaded scenario (for importing a spreadsheet into it). */
export function mselContext(loaded: LoadedScenario): MselContext {
  const sc = loaded.scenario;
  const habitable = new Set(sc.landUseClasses.filter((c) => c.habitable).map((c) => c.code));
  const areaMinElevation = new Map<string, number>();
  for (const n of sc.neighbourhoods) {
    const cells = rasterizePolygon(n.polygon, sc.width, sc.height).filter((c) => habitable.has(sc.landUse[c]));
    if (cells.length) areaMinElevation.set(n.id, Math.min(...cells.map((c) => sc.elevation[c])));
  }
  const levels = sc.seaLevel.map((p) => p.value);
  return {
    durationMinutes: (sc.durationTicks * sc.tickSeconds) / 60,
    areas: new Set(sc.neighbourhoods.map((n) => n.id)), shelters: new Set(sc.shelters.map((s) => s.id)),
    units: new Set(sc.ngos.flatMap((n) => n.units.map((u) => u.id))), teams: new Set(sc.teams.map((t) => t.id)),
    width: sc.width, height: sc.height, seaMax: Math.max(...levels), seaMin: Math.min(...levels),
    otherWater: (sc.rivers?.length ?? 0) > 0 || (sc.rainfall ?? []).some((p) => p.value > 0) || (sc.embankments?.length ?? 0) > 0,
    areaMinElevation, population: population(sc),
    zones: new Set((sc.landslides ?? []).map((l) => l.id)), facilities: new Set((sc.facilities ?? []).map((x) => x.id)),
    ngos: new Set(sc.ngos.map((n) => n.id)),
  };
}

/** People in the scenario, from the neighbourhoods' mean household size (the engine spreads sizes ±2 around it). */
function population(sc: Scenario): number {
  return Math.round(sc.neighbourhoods.reduce((n, h) => n + h.households * h.householdSize, 0));
}

function readGrid(src: ScenarioSource, file: string, ds: Diagnostic[], kind: 'elevation' | 'landuse'): AsciiGrid | null {
  const text = src.read(file);
  if (text === null) { ds.push({ level: 'error', file, code: 'file_missing', params: { file } }); return null; }
  const { grid, problems } = readAsciiGrid(text);
  for (const p of problems) ds.push(gridProblem(file, p));
  if (!grid) return null;
  const before = ds.length;
  const c = grid.cellSize;
  const looksLikeDegrees = c < 0.5 || (c < MIN_CELL_M && Math.abs(grid.xll) <= 180 && Math.abs(grid.yll) <= 90 && (grid.xll !== 0 || grid.yll !== 0));
  if (looksLikeDegrees) ds.push({ level: 'error', file, field: 'cellsize', code: 'grid_degrees', params: { cell: c } });
  else if (c < MIN_CELL_M || c > MAX_CELL_M) ds.push({ level: 'error', file, field: 'cellsize', code: 'grid_cell_absurd', params: { cell: c, min: MIN_CELL_M, max: MAX_CELL_M } });
  const cells = grid.width * grid.height;
  if (cells > MAX_CELLS) ds.push({ level: 'error', file, code: 'grid_too_big', params: { w: grid.width, h: grid.height, cells, max: MAX_CELLS } });
  else if (cells > WARN_CELLS) ds.push({ level: 'warning', file, code: 'grid_big', params: { w: grid.width, h: grid.height, cells } });
  if (grid.width < 5 || grid.height < 5) ds.push({ level: 'error', file, code: 'grid_too_small', params: { w: grid.width, h: grid.height } });
  if (grid.nodataCount) {
    ds.push({ level: 'error', file, code: kind === 'elevation' ? 'grid_nodata_elevation' : 'grid_nodata_landuse', params: { n: grid.nodataCount, x: grid.firstNodata![0], y: grid.firstNodata![1] } });
  }
  if (kind === 'elevation') {
    let lo = Infinity, hi = -Infinity;
    for (const v of grid.values) if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
    if (hi > 6000 || lo < -11000) ds.push({ level: 'error', file, code: 'grid_elevation_range', params: { lo: lo.toFixed(1), hi: hi.toFixed(1) } });
  }
  return ds.slice(before).some((d) => d.level === 'error') || problems.length ? null : grid;
}

function gridProblem(file: string, p: GridProblem): Diagnostic {
  switch (p.kind) {
    case 'header_missing': return { level: 'error', file, field: p.key, code: 'grid_header', params: { key: p.key } };
    case 'row_length': return { level: 'error', file, row: p.row, code: 'grid_row_length', params: { found: p.found, expected: p.expected } };
    case 'row_count': return { level: 'error', file, code: 'grid_row_count', params: { found: p.found, expected: p.expected } };
    case 'bad_value': return { level: 'error', file, row: p.row, code: 'grid_bad_value', params: { value: p.value } };
    case 'non_square': return { level: 'error', file, field: 'dx/dy', code: 'grid_non_square', params: { dx: p.dx, dy: p.dy } };
  }
}

/** Closest name by edit distance, when close enough to be a typo. */
export function nearest(word: string, names: string[]): string | null {
  let best: string | null = null, bestD = Infinity;
  for (const n of names) {
    const d = editDistance(word.toLowerCase(), n.toLowerCase());
    if (d < bestD) { bestD = d; best = n; }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Cells along a polyline (cell coordinates), 4-connected so water cannot slip through diagonally. */
export function rasterizeLine(points: [number, number][], width: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const add = (x: number, y: number) => { const i = y * width + x; if (!seen.has(i)) { seen.add(i); out.push(i); } };
  for (let k = 1; k < points.length; k++) {
    let [x, y] = points[k - 1];
    const [x1, y1] = points[k];
    add(x, y);
    while (x !== x1 || y !== y1) {
      // Step along the axis with the larger remaining share of the segment.
      const dx = x1 - x, dy = y1 - y;
      if (Math.abs(dx) * Math.abs(y1 - points[k - 1][1]) >= Math.abs(dy) * Math.abs(x1 - points[k - 1][0]) && dx !== 0) x += Math.sign(dx);
      else y += Math.sign(dy);
      add(x, y);
    }
  }
  return out;
}

export type { ScenarioFile };
