// The engine's public entry (server/sim/index.ts): versioned snapshots that restore to the same future at any tick,
// typed errors for another engine version or another scenario, and the keyframe rule as code.
import { deserialize, serialize } from 'node:v8';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../server/scenario/load-scenario.ts';
import {
  assertKeyframeInterval, createWorld, ENGINE_VERSION, EngineVersionMismatch, hashWorld, KEYFRAME_TICK_MULTIPLE, restore, ROUTE_REFRESH_TICKS,
  ScenarioMismatch, snapshot, step, type Command, type World, type WorldSnapshot,
} from '../../../server/sim/index.ts';

const { scenario } = loadScenario(resolve(import.meta.dirname, '../../../scenarios/pariaman-rob'));
const plan = (w: World): Command[] => {
  if (w.tick === 2) return [{ type: 'warn', areas: scenario.neighbourhoods.map((n) => n.id), channel: 'siren', level: 'siaga' }];
  if (w.tick === 4) return [{ type: 'task_unit', unitId: scenario.ngos[0].units[0].id, area: scenario.neighbourhoods[0].id }];
  return [];
};
const run = (w: World, until: number) => { while (w.tick < until) step(w, plan(w)); };
/** Through v8 serialisation, as keyframes are stored. */
const roundTrip = (s: WorldSnapshot): WorldSnapshot => deserialize(serialize(s)) as WorldSnapshot;

describe('engine entry', () => {
  it('restores a snapshot to the same future, on and off the route refresh windows', () => {
    const live = createWorld(scenario, 7);
    run(live, 30);
    const end = 30;
    const reference = createWorld(scenario, 7);
    run(reference, end);
    for (const at of [KEYFRAME_TICK_MULTIPLE, 13]) {
      const w = createWorld(scenario, 7);
      run(w, at);
      const snap = roundTrip(snapshot(w, { scenarioHash: 'abc' }));
      expect(snap).toMatchObject({ engineVersion: ENGINE_VERSION, scenarioHash: 'abc', tick: at });
      const revived = restore(snap, scenario, { scenarioHash: 'abc' });
      expect(hashWorld(revived)).toBe(hashWorld(w));
      run(revived, end);
      expect(hashWorld(revived), `snapshot at ${at}`).toBe(hashWorld(reference));
    }
    expect(hashWorld(live)).toBe(hashWorld(reference));
  });

  it('refuses a snapshot of another engine version or another scenario with typed errors', () => {
    const w = createWorld(scenario, 1);
    const snap = snapshot(w, { scenarioHash: 'one' });
    const old = { ...roundTrip(snap), engineVersion: ENGINE_VERSION - 1 };
    expect(() => restore(old, scenario)).toThrow(EngineVersionMismatch);
    try { restore(old, scenario); } catch (e) { expect(e).toMatchObject({ found: ENGINE_VERSION - 1, expected: ENGINE_VERSION }); }
    expect(() => restore(roundTrip(snap), scenario, { scenarioHash: 'two' })).toThrow(ScenarioMismatch);
  });

  it('holds keyframe intervals to multiples of the unit route refresh', () => {
    expect(KEYFRAME_TICK_MULTIPLE).toBe(ROUTE_REFRESH_TICKS);
    expect(() => assertKeyframeInterval(30, 0, 10, 20)).not.toThrow();
    expect(() => assertKeyframeInterval(15)).toThrow(/multiple of 10/);
    expect(() => assertKeyframeInterval(30, 5)).toThrow(/5/);
  });
});
