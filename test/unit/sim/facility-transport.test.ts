// Patients leave a health facility as fast as the transport at hand carries them (server/sim/health-facility.ts,
// docs/engine.md#health-facilities): the facility's own ambulances, plus the ambulances and trucks the team tasks to
// it with task_unit. Tasking an ambulance empties the facility sooner; a boat cannot be tasked to carry patients.
import { describe, expect, it } from 'vitest';
import { applyCommand, checkCommand } from '../../../server/sim/commands/index.ts';
import { OWN_AMBULANCES, PATIENTS_PER_TRIP, ROAD_CIRCUITY, TRIP_HANDLING_MIN, vehiclePatientsPerHour } from '../../../server/sim/health-facility.ts';
import { createWorld, step } from '../../../server/sim/index.ts';
import type { World } from '../../../server/sim/world-state.ts';
import type { Scenario } from '../../../server/sim/scenario.ts';
import { town } from './fixtures.ts';

function make(): Scenario {
  const sc = town({
    elevation: () => 5,
    neighbourhoods: [{ id: 'a', name: 'A', polygon: [[0, 0], [40, 0], [40, 30], [0, 30]], households: 5, householdSize: 3, vulnerableShare: 0, trust: 0.5 }],
    shelters: [{ id: 'gor', name: 'GOR', x: 35, y: 15, floorArea: 3500 }],
    ngos: [{ id: 'pmi', name: 'PMI', responseDelay: 5, units: [
      { id: 'pmi-ambulans-1', kind: 'medical', x: 12, y: 15, capacity: 6 },
      { id: 'pmi-perahu-1', kind: 'boat', x: 12, y: 16, capacity: 8 },
    ] }],
  });
  sc.facilities = [{ id: 'rs', name: 'RSUD', kind: 'hospital', x: 5, y: 15, beds: 60, patients: 40 }];
  return sc;
}

/** Orders the evacuation (and, with `ambulance`, tasks PMI's ambulance to it) and returns the tick it emptied. */
function emptiedAt(ambulance: boolean): { tick: number; w: World } {
  const w = createWorld(make(), 1);
  const run = (cmd: Parameters<typeof applyCommand>[1]) => { expect(checkCommand(w, cmd)).toBeNull(); applyCommand(w, cmd); };
  run({ type: 'activate_posko' });
  run({ type: 'hold_coordination_meeting' });
  run({ type: 'evacuate_facility', facilityId: 'rs', to: 'gor' });
  if (ambulance) run({ type: 'task_unit', unitId: 'pmi-ambulans-1', area: 'a', facility: 'rs' });
  for (let t = 0; t < 600; t++) {
    step(w, []);
    if (w.hazards.facilities[0].patients === 0) return { tick: w.tick, w };
  }
  return { tick: Infinity, w };
}

describe('transport tasked to a health facility', () => {
  it('a vehicle moves its load per round trip over the road distance', () => {
    // 600 m away: 2 × 600 × 1.3 m at 5 m/s is 5.2 min, plus the handling time.
    const trip = (2 * 600 * ROAD_CIRCUITY) / 5 / 60 + TRIP_HANDLING_MIN;
    expect(vehiclePatientsPerHour('ambulance', 600)).toBeCloseTo((PATIENTS_PER_TRIP.ambulance * 60) / trip, 9);
    expect(vehiclePatientsPerHour('truck', 600)).toBeCloseTo(3 * vehiclePatientsPerHour('ambulance', 600), 9);
    expect(vehiclePatientsPerHour('ambulance', 2000)).toBeLessThan(vehiclePatientsPerHour('ambulance', 600));
  });

  it('a hospital with an ambulance tasked empties faster than with its own ambulances alone', () => {
    const alone = emptiedAt(false), helped = emptiedAt(true);
    expect(Number.isFinite(alone.tick)).toBe(true);
    expect(helped.tick).toBeLessThan(alone.tick);
    // Own: two ambulances; tasked: one more once it is there, so about two thirds of the time or less.
    expect(helped.tick).toBeLessThan(0.8 * alone.tick);
    expect(OWN_AMBULANCES.hospital).toBe(2);
    expect(helped.w.shelters[0].occupants).toBeGreaterThanOrEqual(40);
    // The ambulance went to the hospital, worked there, and is released once it is empty (next tick).
    step(helped.w, []);
    const u = helped.w.units.find((x) => x.id === 'pmi-ambulans-1')!;
    expect(u.facility).toBe(-1);
    expect(['returning', 'base']).toContain(u.phase);
  });

  it('a boat cannot be tasked to carry patients; an unknown facility is named', () => {
    const w = createWorld(make(), 1);
    applyCommand(w, { type: 'activate_posko' });
    applyCommand(w, { type: 'hold_coordination_meeting' });
    expect(checkCommand(w, { type: 'task_unit', unitId: 'pmi-perahu-1', area: 'a', facility: 'rs' })?.code).toBe('wrong_capability');
    expect(checkCommand(w, { type: 'task_unit', unitId: 'pmi-ambulans-1', area: 'a', facility: 'rs-x' })).toEqual({ code: 'unknown_facility', detail: 'rs-x' });
  });
});
