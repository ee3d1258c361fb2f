// resupply_shelter: supplies for a shelter through the logistics cluster.
import type { CommandSpec } from './spec.ts';

export const resupplyShelter = {
  type: 'resupply_shelter',
  fields: {
    shelterId: { kind: 'id', ref: 'shelter' },
    /** Litres of water, person-days of food, hygiene kits, portable toilets; omitted = one day for the occupants. */
    water: { kind: 'int', min: 0, max: 1_000_000, optional: true },
    food: { kind: 'int', min: 0, max: 100_000, optional: true },
    hygiene: { kind: 'int', min: 0, max: 100_000, optional: true },
    toilets: { kind: 'int', min: 0, max: 1000, optional: true },
  },
  // Supplies are logistics' and the shelter desk's work; health watches shelter conditions.
  roles: ['commander', 'logistics', 'shelter', 'health'],
  refusals: ['unknown_shelter', 'shelter_closed', 'no_emergency_status'],
  group: 'shelter',
} as const satisfies CommandSpec;
