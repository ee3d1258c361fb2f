// Headless run of one world: npm run sim -- <scenario-dir> [--seed N] [--ticks T] [--commands file.json] [--every K] [--hash] [--json]
// With --policy idle|late|expert a scripted team plays the scenario through a real drill (server/policy/runner.ts).
// The commands file is a JSON array of {tick, command}; commands of one tick are applied in file order.
// The last line printed is the final state hash (with --hash), so scripts can compare runs with `tail -1`.
import { readFileSync } from 'node:fs';
import { commandSchema, type Command } from '../server/sim/index.ts';
import { massError } from '../server/sim/index.ts';
import { hashWorld } from '../server/sim/index.ts';
import { computeMetrics } from '../server/sim/index.ts';
import { createWorld, step } from '../server/sim/index.ts';
import { loadScenario } from '../server/scenario/load-scenario.ts';
import { isPolicyName, POLICY_NAMES, type PolicyName } from '../server/policy/index.ts';
import { runPolicies } from '../server/policy/runner.ts';
import { dryRun, formatDryRun, loadForDryRun } from '../server/authoring/dry-run.ts';
import { dirSource } from '../server/scenario/check-scenario.ts';

function usage(msg?: string): never {
  if (msg) console.error(`sim: ${msg}`);
  console.error('usage: npm run sim -- <scenario-dir> [--seed N] [--ticks T] [--commands file.json | --policy idle|late|expert] [--msel] [--every K] [--hash] [--json]');
  process.exit(2);
}

const args = process.argv.slice(2);
let dir: string | undefined;
let seed = 1;
let ticks: number | undefined;
let commandsFile: string | undefined;
let every = 30;
let printHash = false;
let json = false;
let policy: string | undefined;
let withMsel = false; // --msel: dry run of the MSEL (server/authoring/dry-run.ts)
for (let k = 0; k < args.length; k++) {
  const a = args[k];
  const val = () => { const v = args[++k]; if (v === undefined) usage(`${a} needs a value`); return v; };
  if (a === '--seed') seed = Number(val());
  else if (a === '--ticks') ticks = Number(val());
  else if (a === '--commands') commandsFile = val();
  else if (a === '--every') every = Number(val());
  else if (a === '--hash') printHash = true;
  else if (a === '--json') json = true;
  else if (a === '--policy') policy = val();
  else if (a === '--msel') withMsel = true;
  else if (a === '--help' || a === '-h') usage();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (!dir) dir = a;
  else usage(`unexpected argument ${a}`);
}
if (!dir) usage('scenario directory missing');
if (!Number.isInteger(seed) || seed < 0) usage('--seed must be a non-negative integer');

if (policy !== undefined && !isPolicyName(policy)) usage(`--policy must be one of ${POLICY_NAMES.join(', ')}`);
if (policy !== undefined && commandsFile) usage('--policy and --commands cannot be used together');

if (withMsel) {
  const lang = process.env.LANG?.startsWith('en') ? 'en' : 'id';
  const l = loadForDryRun(dirSource(dir), lang);
  if (!l.loaded) { for (const e of l.errors) console.error(e); process.exit(1); }
  const report = dryRun(l.loaded, { policy: policy as PolicyName | undefined, seed, badRows: l.badRows, lang });
  if (json) console.log(JSON.stringify(report));
  else for (const line of formatDryRun(report, lang)) console.log(line);
  process.exit(report.badRows.length ? 1 : 0);
}
const loaded = loadScenario(dir);
const { scenario } = loaded;
if (policy !== undefined) {
  const run = runPolicies(loaded, [policy as PolicyName], { seed, ticks });
  const team = run.teams[0];
  const m = team.metrics;
  const expectations = team.expectations.map((e) => ({ no: e.no, result: e.result, actions: e.actions.map((a) => `${a.label}:${a.result}`) }));
  if (json) {
    console.log(JSON.stringify({
      scenario: run.scenario, seed, policy, ticks: run.ticks, ms: run.ms, score: team.score,
      metrics: Object.fromEntries(m.metrics.map((x) => [x.id, x.value === null ? null : Math.round(x.value * 1000) / 1000])),
      outcome: { population: m.population, atRisk: m.atRisk, sheltered: m.sheltered, rescued: m.rescued, exposed: m.exposed, injured: m.injured, dead: m.dead },
      accepted: team.accepted, refused: team.refused.length, expectations, hash: team.hash,
    }));
  } else {
    console.log(`${run.scenario} seed ${seed} policy ${policy}: score ${team.score} after ${run.ticks} ticks (${run.ms} ms), ${team.accepted} commands, ${team.refused.length} refused`);
    for (const x of m.metrics) console.log(`  ${x.id.padEnd(17)} ${x.value === null ? '   –' : x.value.toFixed(2)}  weight ${x.weight}`);
    for (const e of expectations) console.log(`  inject #${e.no}: ${e.result} (${e.actions.join(', ')})`);
    for (const r of team.refused) console.log(`  refused at tick ${r.tick}: ${r.type} (${r.reason})`);
  }
  if (printHash) console.log(team.hash);
  process.exit(0);
}
const total = ticks ?? scenario.durationTicks;
if (!Number.isInteger(total) || total < 0) usage('--ticks must be a non-negative integer');

const byTick = new Map<number, Command[]>();
if (commandsFile) {
  const raw = JSON.parse(readFileSync(commandsFile, 'utf8')) as unknown;
  if (!Array.isArray(raw)) usage(`${commandsFile}: expected a JSON array of {tick, command}`);
  raw.forEach((row: { tick?: unknown; command?: unknown }, idx) => {
    const parsed = commandSchema.safeParse(row?.command);
    if (typeof row?.tick !== 'number' || !parsed.success) usage(`${commandsFile}[${idx}]: expected {tick: number, command: <valid command>}${parsed.success ? '' : ` — ${parsed.error.issues[0]?.message}`}`);
    const list = byTick.get(row.tick) ?? [];
    list.push(parsed.data);
    byTick.set(row.tick, list);
  });
}

const world = createWorld(scenario, seed);
const t0 = performance.now();
const fmt = (m: ReturnType<typeof computeMetrics>) =>
  `tick ${String(m.tick).padStart(4)}  sheltered ${m.sheltered}  moving ${m.moving}  stranded ${m.stranded}  injured ${m.injured}  dead ${m.dead}  ` +
  `rescued ${m.rescued}  score ${m.score}  ` + m.metrics.map((x) => `${x.id}=${x.value === null ? '-' : x.value.toFixed(2)}`).join(' ');
let refused = 0;
for (let t = 0; t < total; t++) {
  const events = step(world, byTick.get(world.tick) ?? []);
  for (const e of events) {
    if (e.kind === 'refused') { refused++; console.log(`tick ${e.tick}: refused ${e.refusal?.code}${e.refusal?.detail ? ` (${e.refusal.detail})` : ''}`); }
    else if (e.kind === 'flooded' || e.kind === 'rescue' || e.kind === 'casualties' || e.kind === 'hoax' || e.kind === 'complaint' || e.kind === 'self_deployed' || e.kind === 'support_arrived') {
      console.log(`tick ${e.tick}: ${e.kind}${e.area ? ` ${e.area}` : ''}${e.count !== undefined ? ` ×${e.count}` : ''}${e.unit ? ` by ${e.unit}` : ''}`);
    }
  }
  if (!json && every > 0 && world.tick % every === 0) console.log(fmt(computeMetrics(world)));
}
const ms = performance.now() - t0;
const m = computeMetrics(world);
if (json) {
  console.log(JSON.stringify({ scenario: scenario.id, seed, ticks: world.tick, ms: Math.round(ms), refused, massError: massError(world.flood), metrics: m }));
} else {
  if (every <= 0 || world.tick % every !== 0) console.log(fmt(m));
  console.log(`population ${world.population}  refused ${refused}  mass error ${massError(world.flood).toExponential(2)} m³  clamp ${world.flood.mass.clampAdded.toFixed(1)} m³  ${(ms / Math.max(1, total)).toFixed(2)} ms/tick`);
}
if (printHash) console.log(hashWorld(world));
