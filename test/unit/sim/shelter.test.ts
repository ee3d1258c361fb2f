// Shelters: Sphere space and supplies; overcrowding and shortfalls raise health risk; resupply needs a status.
import { describe, expect, it } from 'vitest';
import { HouseholdState as S } from '../../../server/sim/household.ts';
import { checkCommand, createWorld, step, type World } from '../../../server/sim/index.ts';
import { town } from './fixtures.ts';

function fill(w: World, people: number) {
  const hh = w.households;
  let n = 0;
  for (let i = 0; i < hh.count && n < people; i++) { hh.state[i] = S.Sheltered; hh.cell[i] = w.shelters[0].cell; w.shelters[0].occupants += hh.size[i]; n += hh.size[i]; }
}

describe('shelters', () => {
  it('capacity is floor area / 3.5 m² (Sphere)', () => {
    const w = createWorld(town({ shelters: [{ id: 'shelter', name: 'S', x: 35, y: 15, floorArea: 700 }] }), 1);
    expect(w.shelters[0].capacity).toBe(200);
  });

  it('a shelter over capacity carries a higher health risk than one within it', () => {
    const risk = (people: number) => {
      const w = createWorld(town({ shelters: [{ id: 'shelter', name: 'S', x: 35, y: 15, floorArea: 700, stock: { water: 1e6, food: 1e6, hygiene: 1e4, toilets: 100 } }] }), 1);
      fill(w, people);
      for (let t = 0; t < 180; t++) step(w, []);
      return w.shelters[0].healthRisk;
    };
    const within = risk(150), over = risk(300);
    expect(over).toBeGreaterThan(within + 0.1);
    expect(within).toBeLessThan(0.05);
  });

  it('water runs out at 15 L per person per day and the shortfall raises risk and a complaint; resupply needs a status', () => {
    const w = createWorld(town({ shelters: [{ id: 'shelter', name: 'S', x: 35, y: 15, floorArea: 3500, stock: { water: 100 * 15 / 24, food: 1e6, hygiene: 1e4, toilets: 100 } }] }), 1);
    fill(w, 100);
    const people = w.shelters[0].occupants;
    for (let t = 0; t < 30; t++) step(w, []);
    // One hour of water for ~100 people: after 30 minutes about half is left.
    expect(w.shelters[0].water).toBeCloseTo((100 * 15) / 24 - (people * 15 * 30) / 1440, 3);
    for (let t = 0; t < 120; t++) step(w, []);
    expect(w.shelters[0].water).toBe(0);
    expect(w.shelters[0].healthRisk).toBeGreaterThan(0.1);
    expect(w.complaints.some((c) => c.topic === 'shelter_supplies')).toBe(true);
    expect(checkCommand(w, { type: 'resupply_shelter', shelterId: 'shelter' })?.code).toBe('no_emergency_status');
    step(w, [{ type: 'declare_status', status: 'siaga_darurat' }, { type: 'resupply_shelter', shelterId: 'shelter', water: 5000 }]);
    for (let t = 0; t < 50; t++) step(w, []);
    expect(w.shelters[0].water).toBeGreaterThan(4000);
  });

  it('a closed shelter refuses evacuation orders until opened, and cannot be closed while occupied', () => {
    const w = createWorld(town({ shelters: [{ id: 'shelter', name: 'S', x: 35, y: 15, floorArea: 3500, open: false }] }), 1);
    expect(checkCommand(w, { type: 'evacuate', areas: ['a'], shelterId: 'shelter' })?.code).toBe('shelter_closed');
    step(w, [{ type: 'open_shelter', shelterId: 'shelter' }]);
    expect(checkCommand(w, { type: 'evacuate', areas: ['a'], shelterId: 'shelter' })).toBeNull();
    fill(w, 10);
    expect(checkCommand(w, { type: 'close_shelter', shelterId: 'shelter' })?.code).toBe('shelter_occupied');
  });
});
