// Scripted teams on every built-in scenario (issue 11): a team that does nothing scores below 25, a prompt and
// sound one at least 75, an in-between one in between. They play through a real drill (schema, rights, the
// engine's check, the log); a command the rights table or the engine refuses changes nothing.
// Full-length runs of every scenario are `npm run scores` (about a minute each); here pariaman-rob is played to
// its end and every other built-in scenario for its first 90 minutes after the alert, judged as a drill ended then.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPolicies } from '../../server/policy/runner.ts';
import type { Policy } from '../../server/policy/types.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', 'scenarios');
const OTHERS = readdirSync(ROOT).filter((d) => d !== 'pariaman-rob' && existsSync(join(ROOT, d, 'scenario.yaml'))).sort();

describe('scripted policies', () => {
  it('pariaman-rob to the end: idle < 25, idle < late < expert, expert ≥ 75', () => {
    const run = runPolicies(loadScenario(join(ROOT, 'pariaman-rob')), ['idle', 'late', 'expert'], { seed: 1 });
    const [idle, late, expert] = ['idle', 'late', 'expert'].map((p) => run.teams.find((t) => t.policy === p)!);
    expect(run.ticks).toBe(240);
    expect(idle.accepted).toBe(0);
    expect(idle.score).toBeLessThan(25);
    expect(expert.score).toBeGreaterThanOrEqual(75);
    expect(idle.score).toBeLessThan(late.score);
    expect(late.score).toBeLessThan(expert.score);
    // The expert only gives commands its roles may give, and its expectations are met or anticipated.
    expect(expert.refused.filter((r) => r.reason === 'forbidden')).toEqual([]);
    expect(expert.expectations.every((e) => e.result === 'met' || e.result === 'anticipated')).toBe(true);
    expect(idle.expectations.every((e) => e.result === 'missed')).toBe(true);
  }, 600_000);

  it.each(OTHERS)('%s, first 90 minutes after the alert: idle < 25 < expert, within the rights', (dir) => {
    const loaded = loadScenario(join(ROOT, dir));
    const sc = loaded.scenario;
    const ticks = sc.officialAlertTick + Math.round((90 * 60) / sc.tickSeconds);
    const run = runPolicies(loaded, ['idle', 'expert'], { seed: 1, ticks });
    const [idle, expert] = run.teams;
    expect(idle.score).toBeLessThan(25);
    expect(expert.score).toBeGreaterThan(idle.score + 25);
    expect(expert.refused.filter((r) => r.reason === 'forbidden')).toEqual([]);
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
