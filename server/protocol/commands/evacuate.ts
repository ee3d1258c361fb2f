// evacuate: order neighbourhoods to one open shelter.
import type { CommandSpec } from './spec.ts';

export const evacuate = {
  type: 'evacuate',
  fields: {
    areas: { kind: 'ids', ref: 'area', min: 1, max: 50 },
    shelterId: { kind: 'id', ref: 'shelter' },
  },
  // Evacuation orders go with the shelter (Dinas Sosial) desk.
  roles: ['commander', 'shelter'],
  refusals: ['unknown_area', 'unknown_shelter', 'shelter_closed', 'shelter_full'],
  group: 'warning',
} as const satisfies CommandSpec;
