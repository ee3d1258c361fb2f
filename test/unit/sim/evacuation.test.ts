// Residents: departure delays, walking speeds by group, trust and compliance, congestion, warned vs unwarned.
import { describe, expect, it } from 'vitest';
import { crowdFactor, groupFactor, HouseholdState as S, MEMBER_CHILD, MEMBER_DISABLED, MEMBER_ELDERLY, WALK_SPEED } from '../../../server/sim/household.ts';
import { createRng, rayleigh } from '../../../server/sim/prng.ts';
import { createWorld, step, type World } from '../../../server/sim/index.ts';
import { town } from './fixtures.ts';

function countStates(w: World, hood: number, states: number[]): number {
  let n = 0;
  for (let i = 0; i < w.households.count; i++) if (w.households.hood[i] === hood && states.includes(w.households.state[i])) n++;
  return n;
}

describe('departure delay', () => {
  it('follows the Rayleigh distribution F(t) = 1 − exp(−t²/2s²) with the given mean (KS test, n = 20 000)', () => {
    const rng = createRng(7);
    const mean = 20, s = mean * Math.sqrt(2 / Math.PI), n = 20000;
    const xs = Array.from({ length: n }, () => rayleigh(rng, mean)).sort((a, b) => a - b);
    let d = 0;
    xs.forEach((x, i) => { const F = 1 - Math.exp(-(x * x) / (2 * s * s)); d = Math.max(d, Math.abs(F - (i + 1) / n), Math.abs(F - i / n)); });
    expect(d).toBeLessThan(1.36 / Math.sqrt(n)); // KS critical value at α = 0.05
    expect(xs.reduce((a, b) => a + b, 0) / n).toBeCloseTo(mean, 0);
    // …and is not an exponential of the same mean (the test can fail).
    let dExp = 0;
    xs.forEach((x, i) => { dExp = Math.max(dExp, Math.abs(1 - Math.exp(-x / mean) - (i + 1) / n)); });
    expect(dExp).toBeGreaterThan(1.36 / Math.sqrt(n));
  });
});

describe('walking', () => {
  it('vulnerable groups walk slower: children ×0.8, elderly ×0.7, disabled ×0.5 (TUNAMI-EVAC)', () => {
    expect(groupFactor(0)).toBe(1);
    expect(groupFactor(MEMBER_CHILD)).toBe(0.8);
    expect(groupFactor(MEMBER_CHILD | MEMBER_ELDERLY)).toBe(0.7);
    expect(groupFactor(MEMBER_ELDERLY | MEMBER_DISABLED)).toBe(0.5);
    // In the world: households with an elderly/disabled member reach the shelter later on average.
    const sc = town({ neighbourhoods: [{ id: 'a', name: 'A', polygon: [[0, 0], [6, 0], [6, 30], [0, 30]], households: 300, householdSize: 4, vulnerableShare: 0.5, trust: 1, vehicleShare: 0 }] });
    const w = createWorld(sc, 3);
    step(w, [{ type: 'warn', areas: ['a'], channel: 'siren', level: 'awas' }, { type: 'evacuate', areas: ['a'], shelterId: 'shelter' }]);
    for (let t = 0; t < 200; t++) step(w, []);
    const hh = w.households;
    const avg = (pred: (i: number) => boolean) => { let s = 0, n = 0; for (let i = 0; i < hh.count; i++) if (hh.safeTick[i] >= 0 && pred(i)) { s += hh.safeTick[i] - hh.departTick[i]; n++; } return s / n; };
    const slow = avg((i) => (hh.members[i] & (MEMBER_ELDERLY | MEMBER_DISABLED)) !== 0);
    const fit = avg((i) => hh.members[i] === 0);
    expect(slow).toBeGreaterThan(fit * 1.2);
  });

  it('congestion slows walking (Weidmann: speed falls with density, near zero at 5.4 p/m²)', () => {
    expect(crowdFactor(1, 20)).toBe(1);
    expect(crowdFactor(100, 20)).toBeLessThan(crowdFactor(20, 20));
    expect(crowdFactor(20 * 6 * 5.4, 20)).toBeLessThanOrEqual(0.05);
    expect(WALK_SPEED * crowdFactor(300, 20)).toBeLessThan(0.8);
  });

  it('a dense crowd takes longer to evacuate the same route than a sparse one', () => {
    const run = (households: number) => {
      // One-cell-wide corridor (road) from the area to the shelter: everyone shares it.
      const sc = town({
        width: 60, height: 5,
        landUse: (x, y) => (y === 2 ? 4 : x < 6 ? 3 : 0),
        elevation: (x, y) => (y === 2 || x < 6 ? 5 : 5),
        neighbourhoods: [{ id: 'a', name: 'A', polygon: [[0, 0], [6, 0], [6, 5], [0, 5]], households, householdSize: 5, vulnerableShare: 0, trust: 1, vehicleShare: 0 }],
        shelters: [{ id: 'shelter', name: 'S', x: 58, y: 2, floorArea: 1e6 }],
      });
      // The sea code 0 here is only "not walkable" (sea level far below): nobody drowns.
      const w = createWorld(sc, 5);
      step(w, [{ type: 'warn', areas: ['a'], channel: 'siren', level: 'awas' }, { type: 'evacuate', areas: ['a'], shelterId: 'shelter' }]);
      const hh = w.households;
      // Everyone leaves at once (no refusals, no delay spread): isolate congestion.
      for (let i = 0; i < hh.count; i++) { hh.state[i] = S.Leaving; hh.target[i] = 0; hh.departTick[i] = 1; }
      for (let t = 0; t < 400; t++) step(w, []);
      const ticks = Array.from(hh.safeTick).filter((t) => t >= 0).sort((a, b) => a - b);
      expect(ticks.length).toBe(hh.count);
      return ticks[Math.floor(0.9 * ticks.length) - 1];
    };
    const sparse = run(10), dense = run(600);
    expect(dense).toBeGreaterThan(sparse * 1.5);
  });
});

describe('warnings and trust', () => {
  it('low trust means fewer households respond to an evacuation order', () => {
    const respond = (trust: number) => {
      const sc = town({ neighbourhoods: [{ id: 'a', name: 'A', polygon: [[0, 0], [15, 0], [15, 30], [0, 30]], households: 1000, householdSize: 4, vulnerableShare: 0.3, trust }] });
      const w = createWorld(sc, 11);
      step(w, [{ type: 'warn', areas: ['a'], channel: 'siren', level: 'siaga' }, { type: 'evacuate', areas: ['a'], shelterId: 'shelter' }]);
      for (let t = 0; t < 10; t++) step(w, []);
      return countStates(w, 0, [S.Leaving, S.Moving, S.Sheltered]);
    };
    const high = respond(0.9), low = respond(0.1);
    expect(low).toBeLessThan(high * 0.8);
  });

  it('a warned neighbourhood evacuates and an unwarned one does not, before the water arrives', () => {
    const w = createWorld(town(), 2);
    step(w, [{ type: 'warn', areas: ['a'], channel: 'siren', level: 'siaga' }, { type: 'evacuate', areas: ['a'], shelterId: 'shelter' }]);
    for (let t = 0; t < 90; t++) step(w, []);
    const total = w.households.count / 2;
    expect(countStates(w, 0, [S.Moving, S.Sheltered])).toBeGreaterThan(total * 0.5);
    expect(countStates(w, 1, [S.Leaving, S.Moving, S.Sheltered])).toBe(0);
  });

  it('door-to-door reaches the vulnerable first and is slower than a siren', () => {
    const sc = town({ neighbourhoods: [{ id: 'a', name: 'A', polygon: [[0, 0], [15, 0], [15, 30], [0, 30]], households: 200, householdSize: 4, vulnerableShare: 0.3, trust: 0.7, volunteers: 2 }] });
    const w = createWorld(sc, 4);
    step(w, [{ type: 'warn', areas: ['a'], channel: 'door', level: 'siaga' }]);
    const hh = w.households;
    let vMax = 0, oMin = Infinity, last = 0;
    for (let i = 0; i < hh.count; i++) {
      if (hh.awareTick[i] < 0) continue;
      if (hh.vulnerable[i]) vMax = Math.max(vMax, hh.awareTick[i]); else oMin = Math.min(oMin, hh.awareTick[i]);
      last = Math.max(last, hh.awareTick[i]);
    }
    expect(vMax).toBeLessThanOrEqual(oMin);
    expect(last).toBeGreaterThan(200); // 2 volunteers × 3 min per household ≈ 5 h for 200 households
  });
});
