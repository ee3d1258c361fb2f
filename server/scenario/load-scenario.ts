// Reads a scenario folder (scenarios/<id>/) into the plain data the engine takes, with errors that name the
// file and the field. Node I/O lives here, never in server/sim.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { COMMAND_TYPES } from '../sim/command.ts';
import { parseEffect, type InjectEffect } from '../sim/effect.ts';
import { parseCondition, type InjectCondition } from '../drill/inject.ts';
import type { Scenario } from '../sim/scenario.ts';
import { interpolate } from '../sim/world.ts';
import { parseScenarioTime } from './scenario-time.ts';

export class ScenarioError extends Error {}

const localized = z.strictObject({ id: z.string().min(1), en: z.string().min(1) });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');
const cellXY = z.number().int().nonnegative();

const scenarioFile = z.strictObject({
  id: slug,
  title: localized,
  summary: localized,
  grid: z.strictObject({ elevation: z.string(), landUse: z.string() }),
  landUse: z.array(z.strictObject({
    code: z.number().int().min(0).max(255),
    name: z.string(),
    manningN: z.number().min(0.01).max(0.5),
    walkCost: z.union([z.number().positive(), z.literal(Infinity)]), // .inf = cannot walk here
    isSea: z.boolean().default(false),
    startsWet: z.boolean().default(false),
    habitable: z.boolean().default(false),
    bridge: z.boolean().default(false),
    isRoad: z.boolean().optional(),
  })).min(1),
  clock: z.strictObject({
    tickSeconds: z.number().int().min(1).max(3600),
    durationMinutes: z.number().int().min(1).max(7 * 24 * 60),
    officialAlertMinute: z.number().min(0),
  }),
  seaLevel: z.array(z.strictObject({ minute: z.number().min(0), level: z.number().min(-20).max(30) })).min(1),
  /** Optional parts added to seaLevel (tide + surge + tsunami), each a series of its own. */
  seaLevelParts: z.partialRecord(z.enum(['tide', 'surge', 'tsunami']), z.array(z.strictObject({ minute: z.number().min(0), level: z.number().min(-20).max(30) })).min(1)).optional(),
  rivers: z.array(z.strictObject({
    id: slug,
    name: z.string().min(1),
    /** Cells where the river enters the grid. */
    inflow: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).min(1),
    hydrograph: z.array(z.strictObject({ minute: z.number().min(0), discharge: z.number().min(0).max(100_000) })).min(1),
  })).default([]),
  rainfall: z.array(z.strictObject({ minute: z.number().min(0), mmPerHour: z.number().min(0).max(500) })).default([]),
  embankments: z.array(z.strictObject({
    id: slug,
    name: z.string().min(1),
    /** Polyline in cell coordinates; every cell it crosses is part of the embankment. */
    line: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).min(2),
    crest: z.number().min(-20).max(100),
    breach: z.strictObject({ minute: z.number().min(0).optional(), onOvertop: z.boolean().default(false), level: z.number().min(-20).max(100) }).optional(),
  })).default([]),
  neighbourhoods: z.array(z.strictObject({
    id: slug,
    name: z.string().min(1),
    polygon: z.array(z.tuple([z.number(), z.number()])).min(3),
    households: z.number().int().min(0).max(100_000),
    householdSize: z.number().min(1).max(15),
    vulnerableShare: z.number().min(0).max(1),
    trust: z.number().min(0).max(1),
    vehicleShare: z.number().min(0).max(1).optional(),
    phoneShare: z.number().min(0).max(1).optional(),
    volunteers: z.number().int().min(0).max(1000).optional(),
  })).min(1),
  shelters: z.array(z.strictObject({
    id: slug, name: z.string().min(1), x: cellXY, y: cellXY, floorArea: z.number().positive(),
    open: z.boolean().optional(),
    stock: z.strictObject({ water: z.number().min(0), food: z.number().min(0), hygiene: z.number().min(0), toilets: z.number().min(0) }).partial().optional(),
  })).min(1),
  ngos: z.array(z.strictObject({
    id: slug,
    name: z.string().min(1),
    units: z.array(z.strictObject({ id: slug, kind: z.enum(['boat', 'truck', 'medical', 'kitchen']), x: z.number().min(0), y: z.number().min(0), capacity: z.number().int().positive() })),
    responseDelay: z.number().min(0).max(24 * 60).optional(),
    selfDeploy: z.boolean().optional(),
    onRequest: z.boolean().optional(),
  })).default([]),
  rumours: z.array(z.strictObject({ id: slug, minute: z.number().min(0), areas: z.array(slug).default([]), text: localized })).default([]),
  teams: z.array(z.strictObject({ id: slug, name: z.string().min(1), commands: z.array(z.enum(COMMAND_TYPES as [string, ...string[]])).optional() })).min(1).max(10),
  metrics: z.strictObject({ timeToWarningBest: z.number().min(0), timeToWarningWorst: z.number().positive() }),
  scoreWeights: z.record(z.string(), z.number().min(0)),
  msel: z.string().optional(),
});

/** One MSEL row (HSEEP 2020 columns, docs/domain.md#hseep) as loaded; the drill server delivers it (server/drill/inject.ts). */
export interface MselRow {
  no: number;
  /** Scenario minute from which it fires (with a condition: from which the condition is watched). */
  minute: number;
  /** Fires when this holds over the team's world; null = fires at `minute`. */
  condition: InjectCondition | null;
  method: string;
  from: string;
  /** 'all', a team id, or a team role (commander, communications, …). */
  to: string;
  message: { id: string; en: string };
  expectedAction: string | null;
  /** Minutes after delivery by which the expected action is due. */
  deadlineMinutes: number | null;
  effect: InjectEffect | null;
}

export interface LoadedScenario {
  scenario: Scenario;
  msel: MselRow[];
  dir: string;
}

function describeZodError(file: string, err: z.ZodError): string {
  return err.issues.slice(0, 5).map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** ESRI ASCII grid: six header lines (ncols, nrows, xllcorner, yllcorner, cellsize, NODATA_value) then rows north to south. */
export function parseAsciiGrid(text: string, file: string): { width: number; height: number; cellSize: number; values: Float64Array } {
  const lines = text.split(/\r?\n/);
  const header: Record<string, number> = {};
  let k = 0;
  for (; k < lines.length; k++) {
    const m = /^\s*([a-zA-Z_]+)\s+(-?[\d.eE+-]+)\s*$/.exec(lines[k]);
    if (!m) break;
    header[m[1].toLowerCase()] = Number(m[2]);
  }
  for (const key of ['ncols', 'nrows', 'cellsize']) {
    if (!(header[key] > 0)) throw new ScenarioError(`${file}: header line "${key}" is missing or not a positive number`);
  }
  const width = header.ncols, height = header.nrows;
  const nodata = header.nodata_value;
  const values = new Float64Array(width * height);
  let n = 0;
  for (let row = 0; k < lines.length; k++) {
    const line = lines[k].trim();
    if (!line) continue;
    const parts = line.split(/\s+/);
    if (parts.length !== width) throw new ScenarioError(`${file}: row ${row + 1} has ${parts.length} values, expected ncols = ${width}`);
    for (const p of parts) {
      const v = Number(p);
      if (!Number.isFinite(v) || v === nodata) throw new ScenarioError(`${file}: row ${row + 1} has "${p}", expected a number (no NODATA inside the town)`);
      values[n++] = v;
    }
    row++;
  }
  if (n !== width * height) throw new ScenarioError(`${file}: ${n / width} rows, expected nrows = ${height}`);
  return { width, height, cellSize: header.cellsize, values };
}

function loadMsel(path: string, file: string, durationMinutes: number): MselRow[] {
  let records: Record<string, string>[];
  try {
    records = parseCsv(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new ScenarioError(`${file}: ${(e as Error).message}`);
  }
  const seen = new Set<number>();
  return records.map((r, idx) => {
    const line = `${file} row ${idx + 2}`;
    const condition = r.condition ? parseCondition(r.condition) : null;
    if (typeof condition === 'string') throw new ScenarioError(`${line}: condition ${condition}`);
    const minute = r.time ? parseScenarioTime(r.time) : condition ? 0 : null;
    if (minute === null) throw new ScenarioError(`${line}: time "${r.time ?? ''}" — expected H+h:mm, D+d H+h:mm or minutes (or leave it empty and give a condition)`);
    if (minute > durationMinutes) throw new ScenarioError(`${line}: time ${r.time} is after the end of the scenario`);
    if (!r.message_id) throw new ScenarioError(`${line}: message_id is empty`);
    const expected = r.expected_action?.trim() || null;
    if (expected && !(COMMAND_TYPES as string[]).includes(expected)) {
      throw new ScenarioError(`${line}: expected_action "${expected}" — expected one of ${COMMAND_TYPES.join(', ')}`);
    }
    const deadline = r.deadline ? Number(r.deadline) : null;
    if (deadline !== null && !(deadline > 0)) throw new ScenarioError(`${line}: deadline "${r.deadline}" — expected minutes after delivery, e.g. 20`);
    const effect = r.effect ? parseEffect(r.effect) : null;
    if (typeof effect === 'string') throw new ScenarioError(`${line}: effect ${effect}`);
    const no = r.no ? Number(r.no) : idx + 1;
    if (!Number.isInteger(no) || no < 1) throw new ScenarioError(`${line}: no "${r.no}" — expected a whole number ≥ 1`);
    if (seen.has(no)) throw new ScenarioError(`${line}: no ${no} is used twice`);
    seen.add(no);
    return {
      no, minute, condition,
      method: r.method || 'phone',
      from: r.from || '',
      to: r.to || 'all',
      message: { id: r.message_id, en: r.message_en || r.message_id },
      expectedAction: expected,
      deadlineMinutes: deadline,
      effect,
    };
  });
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

export function loadScenario(dir: string): LoadedScenario {
  const yamlPath = join(dir, 'scenario.yaml');
  if (!existsSync(yamlPath)) throw new ScenarioError(`${yamlPath}: not found`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(yamlPath, 'utf8'));
  } catch (e) {
    throw new ScenarioError(`scenario.yaml: ${(e as Error).message}`);
  }
  const parsed = scenarioFile.safeParse(raw);
  if (!parsed.success) throw new ScenarioError(describeZodError('scenario.yaml', parsed.error));
  const f = parsed.data;
  const elev = parseAsciiGrid(readFileSync(join(dir, f.grid.elevation), 'utf8'), f.grid.elevation);
  const use = parseAsciiGrid(readFileSync(join(dir, f.grid.landUse), 'utf8'), f.grid.landUse);
  if (elev.width !== use.width || elev.height !== use.height) {
    throw new ScenarioError(`${f.grid.landUse}: ${use.width}×${use.height} cells, expected the size of ${f.grid.elevation} (${elev.width}×${elev.height})`);
  }
  const codes = new Set(f.landUse.map((c) => c.code));
  const landUse = new Uint8Array(use.values.length);
  for (let i = 0; i < landUse.length; i++) {
    if (!codes.has(use.values[i])) throw new ScenarioError(`${f.grid.landUse}: cell (${i % use.width}, ${Math.floor(i / use.width)}) has code ${use.values[i]}, which scenario.yaml landUse does not define`);
    landUse[i] = use.values[i];
  }
  const { width, height } = elev;
  for (const s of f.shelters) {
    if (s.x >= width || s.y >= height) throw new ScenarioError(`scenario.yaml: shelters.${s.id}: (${s.x}, ${s.y}) is outside the ${width}×${height} grid`);
  }
  const areaIds = new Set(f.neighbourhoods.map((n) => n.id));
  for (const r of f.rumours) {
    const bad = r.areas.find((a) => !areaIds.has(a));
    if (bad) throw new ScenarioError(`scenario.yaml: rumours.${r.id}: area "${bad}" is not one of the neighbourhoods`);
  }
  const byMinute = (pts: { minute: number; level: number }[]) => [...pts].sort((a, b) => a.minute - b.minute).map((p) => ({ t: p.minute, value: p.level }));
  let seaLevel = byMinute(f.seaLevel);
  // Tide + surge + tsunami: sum the parts on the union of their minutes (each linear between its own points).
  const parts = Object.values(f.seaLevelParts ?? {}).map(byMinute);
  if (parts.length) {
    const minutes = [...new Set([...seaLevel, ...parts.flat()].map((p) => p.t))].sort((a, b) => a - b);
    seaLevel = minutes.map((t) => ({ t, value: [seaLevel, ...parts].reduce((sum, series) => sum + interpolate(series, t), 0) }));
  }
  const inGrid = (what: string, [x, y]: [number, number]) => {
    if (x >= width || y >= height) throw new ScenarioError(`scenario.yaml: ${what}: (${x}, ${y}) is outside the ${width}×${height} grid`);
    return y * width + x;
  };
  const rivers = f.rivers.map((r) => ({
    id: r.id, name: r.name,
    cells: r.inflow.map((p) => inGrid(`rivers.${r.id}.inflow`, p)),
    hydrograph: [...r.hydrograph].sort((a, b) => a.minute - b.minute).map((p) => ({ t: p.minute, value: p.discharge })),
  }));
  const embankments = f.embankments.map((e) => {
    e.line.forEach((p) => inGrid(`embankments.${e.id}.line`, p));
    return {
      id: e.id, name: e.name, crest: e.crest, cells: rasterizeLine(e.line, width),
      breachMinute: e.breach?.minute ?? null, breachOnOvertop: e.breach?.onOvertop ?? false,
      breachLevel: e.breach?.level ?? e.crest,
    };
  });
  const scenario: Scenario = {
    id: f.id,
    title: f.title,
    summary: f.summary,
    width, height,
    cellSize: elev.cellSize,
    elevation: elev.values,
    landUse,
    landUseClasses: f.landUse,
    tickSeconds: f.clock.tickSeconds,
    durationTicks: Math.round((f.clock.durationMinutes * 60) / f.clock.tickSeconds),
    officialAlertTick: Math.round((f.clock.officialAlertMinute * 60) / f.clock.tickSeconds),
    seaLevel,
    rivers,
    rainfall: [...f.rainfall].sort((a, b) => a.minute - b.minute).map((p) => ({ t: p.minute, value: p.mmPerHour })),
    embankments,
    neighbourhoods: f.neighbourhoods,
    shelters: f.shelters,
    ngos: f.ngos,
    teams: f.teams,
    rumours: f.rumours,
    metrics: f.metrics,
    scoreWeights: f.scoreWeights,
  };
  const msel = f.msel ? loadMsel(join(dir, f.msel), f.msel, f.clock.durationMinutes) : [];
  return { scenario, msel, dir };
}

/** Every folder under `root` that holds a scenario.yaml, loaded; a broken one is reported, not fatal. */
export function loadScenarioLibrary(root: string): { scenarios: Map<string, LoadedScenario>; errors: string[] } {
  const scenarios = new Map<string, LoadedScenario>();
  const errors: string[] = [];
  if (!existsSync(root)) return { scenarios, errors: [`${root}: folder not found`] };
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!existsSync(join(dir, 'scenario.yaml'))) continue;
    try {
      const s = loadScenario(dir);
      scenarios.set(s.scenario.id, s);
    } catch (e) {
      errors.push(`${name}: ${(e as Error).message}`);
    }
  }
  return { scenarios, errors };
}
