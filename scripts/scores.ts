// npm run scores [-- --seed N] [--scenarios DIR] [--only id,id] [--json]
// Plays the scripted teams (idle, late, expert) through a real drill on every built-in scenario and prints their
// scores. Exits 1 when a do-nothing team scores 25 or more, a sound response less than 75, or idle < late < expert
// does not hold (docs/scoring.md#policies).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { POLICY_NAMES } from '../server/policy/index.ts';
import { runPolicies, type PolicyRun } from '../server/policy/runner.ts';
import { loadScenario } from '../server/scenario/load-scenario.ts';

/** The targets of issue 11: a team that does nothing ≤ 25 (strictly below here), a prompt and sound one ≥ 75. */
export const IDLE_MAX = 25;
export const EXPERT_MIN = 75;

function usage(msg: string): never {
  console.error(`scores: ${msg}`);
  console.error('usage: npm run scores [-- --seed N] [--scenarios DIR] [--only id,id] [--json]');
  process.exit(2);
}

const args = process.argv.slice(2);
let seed = 1;
let root = resolve(import.meta.dirname, '..', 'scenarios');
let only: string[] | null = null;
let json = false;
for (let k = 0; k < args.length; k++) {
  const a = args[k];
  const val = () => { const v = args[++k]; if (v === undefined) usage(`${a} needs a value`); return v; };
  if (a === '--seed') seed = Number(val());
  else if (a === '--scenarios') root = resolve(val());
  else if (a === '--only') only = val().split(',');
  else if (a === '--json') json = true;
  else usage(`unknown option ${a}`);
}
if (!Number.isInteger(seed) || seed < 0) usage('--seed must be a non-negative integer');

const dirs = readdirSync(root).filter((d) => existsSync(join(root, d, 'scenario.yaml'))).filter((d) => !only || only.includes(d)).sort();
if (!dirs.length) usage(`no scenario folders under ${root}`);

const runs: PolicyRun[] = [];
const problems: string[] = [];
const line = (cells: (string | number)[]) => cells.map((c, k) => String(c).padStart(k === 0 ? 0 : 8).padEnd(k === 0 ? 20 : 0)).join(' ');
if (!json) console.log(line(['scenario', ...POLICY_NAMES, 'seconds']));
for (const d of dirs) {
  let run: PolicyRun;
  try {
    run = runPolicies(loadScenario(join(root, d)), [...POLICY_NAMES], { seed });
  } catch (e) {
    problems.push(`${d}: ${(e as Error).message}`);
    if (!json) console.log(line([d, 'error', '', '', '']));
    continue;
  }
  runs.push(run);
  const score = (p: string) => run.teams.find((t) => t.policy === p)!.score;
  const [idle, late, expert] = [score('idle'), score('late'), score('expert')];
  if (idle >= IDLE_MAX) problems.push(`${d}: idle scores ${idle} (must be below ${IDLE_MAX})`);
  if (expert < EXPERT_MIN) problems.push(`${d}: expert scores ${expert} (must be at least ${EXPERT_MIN})`);
  if (!(idle < late && late < expert)) problems.push(`${d}: order idle ${idle} < late ${late} < expert ${expert} does not hold`);
  if (!json) console.log(line([d, idle, late, expert, (run.ms / 1000).toFixed(1)]));
}
if (json) {
  console.log(JSON.stringify({
    seed,
    scenarios: runs.map((r) => ({
      scenario: r.scenario, ms: r.ms,
      teams: r.teams.map((t) => ({
        policy: t.policy, score: t.score, accepted: t.accepted, refused: t.refused.length,
        metrics: Object.fromEntries(t.metrics.metrics.map((m) => [m.id, m.value === null ? null : Math.round(m.value * 1000) / 1000])),
        expectations: Object.fromEntries(t.expectations.map((e) => [e.no, e.result])),
      })),
    })),
    problems,
  }));
}
for (const p of problems) console.error(`✗ ${p}`);
process.exit(problems.length ? 1 : 0);
