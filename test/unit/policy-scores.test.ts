// Scripted teams on every built-in scenario (issue 11): a team that does nothing scores below 25, a prompt and
// sound one at least 75, an in-between one in between. They play through a real drill (schema, rights, the
// engine's check, the log); a command the rights table or the engine refuses changes nothing.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPolicies } from '../../server/policy/runner.ts';
import type { Policy } from '../../server/policy/types.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', 'scenarios');
const BUILT_IN = readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'scenario.yaml'))).sort();

describe('scripted policies on every built-in scenario', () => {
  it.each(BUILT_IN)('%s: idle < 25, idle < late < expert, expert ≥ 75', (dir) => {
    const run = runPolicies(loadScenario(join(ROOT, dir)), ['idle', 'late', 'expert'], { seed: 1 });
    const [idle, late, expert] = ['idle', 'late', 'expert'].map((p) => run.teams.find((t) => t.policy === p)!);
    expect(idle.accepted).toBe(0);
    expect(idle.score).toBeLessThan(25);
    expect(expert.score).toBeGreaterThanOrEqual(75);
    expect(idle.score).toBeLessThan(late.score);
    expect(late.score).toBeLessThan(expert.score);
    // The expert only gives commands its roles may give.
    expect(expert.refused.filter((r) => r.reason === 'forbidden')).toEqual([]);
    expect(expert.accepted).toBeGreaterThan(5);
  }, 600_000);
});

describe('policies go through the players\' path', () => {
  it('a command the role may not give, or the engine refuses, is refused and changes nothing', () => {
    const loaded = loadScenario(join(ROOT, 'pariaman-rob'));
    const rogue = (): Policy => ({
      name: 'rogue',
      act: ({ tick }) => tick === 12 ? [
        { role: 'health', command: { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'awas' } },
        { role: 'commander', command: { type: 'request_support', from: 'bnpb' } },
        { role: 'shelter', command: { type: 'evacuate', areas: ['pasir'], shelterId: 'gor-pariaman' } },
      ] : [],
    });
    const run = runPolicies(loaded, ['idle', rogue], { seed: 1, ticks: 20 });
    const [idle, bad] = run.teams;
    expect(bad.refused.map((r) => r.reason)).toEqual(['forbidden', 'no_emergency_status', 'shelter_closed']);
    expect(bad.accepted).toBe(0);
    expect(bad.hash).toBe(idle.hash);
  }, 60_000);
});
