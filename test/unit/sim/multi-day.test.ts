// Scenarios that tick in larger steps (30 minutes) and last days: walking, water and shelter needs follow the
// scenario clock, not the tick count.
import { describe, expect, it } from 'vitest';
import { HouseholdState } from '../../../server/sim/household.ts';
import { healthTarget, SPHERE_PEOPLE_PER_TOILET_LATER } from '../../../server/sim/shelter.ts';
import { createWorld, step } from '../../../server/sim/index.ts';
import { applyCommand } from '../../../server/sim/commands/index.ts';
import { town } from './fixtures.ts';

const thirtyMinuteTown = () => {
  const sc = town({
    durationTicks: 4 * 48,
    neighbourhoods: [{ id: 'a', name: 'A', polygon: [[0, 0], [10, 0], [10, 30], [0, 30]], households: 50, householdSize: 4, vulnerableShare: 0.3, trust: 0.9 }],
    shelters: [{ id: 'shelter', name: 'Shelter', x: 35, y: 15, floorArea: 3500, stock: { water: 15 * 2000, food: 2000, hygiene: 60, toilets: 4 } }],
  });
  sc.tickSeconds = 1800;
  return sc;
};

describe('30-minute ticks over days', () => {
  it('people reach the shelter in about the same scenario time as with one-minute ticks', () => {
    const sc = thirtyMinuteTown();
    const w = createWorld(sc, 1);
    applyCommand(w, { type: 'warn', areas: ['a'], channel: 'door', level: 'awas' });
    applyCommand(w, { type: 'evacuate', areas: ['a'], shelterId: 'shelter' });
    for (let t = 0; t < 8; t++) step(w, []); // four hours
    let sheltered = 0;
    for (let i = 0; i < w.households.count; i++) if (w.households.state[i] === HouseholdState.Sheltered) sheltered++;
    expect(sheltered).toBeGreaterThan(40);
  });

  it('a shelter uses 15 L per person per day over two days, and the later toilet ratio and the stay raise the risk', () => {
    const sc = thirtyMinuteTown();
    const w = createWorld(sc, 1);
    const sh = w.shelters[0];
    sh.occupants = 400;
    const water0 = sh.water;
    for (let t = 0; t < 96; t++) step(w, []); // 48 hours
    expect(water0 - sh.water).toBeCloseTo(400 * 15 * 2, 0);
    // 4 toilets cover 200 people at 1 per 50 but only 80 at 1 per 20: the target rises once the stay passes two days.
    const first = healthTarget(sh, 0, 0, 0.5);
    const later = healthTarget(sh, 0, 0, 3);
    expect(later).toBeGreaterThan(first);
    expect(SPHERE_PEOPLE_PER_TOILET_LATER).toBe(20);
    expect(sh.healthRisk).toBeGreaterThan(0);
  });
});
