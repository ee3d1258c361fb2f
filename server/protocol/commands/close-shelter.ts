// close_shelter: close an empty shelter (Dinas Sosial desk).
import type { CommandSpec } from './spec.ts';

export const closeShelter = {
  type: 'close_shelter',
  fields: { shelterId: { kind: 'id', ref: 'shelter' } },
  roles: ['commander', 'shelter'],
  refusals: ['unknown_shelter', 'shelter_closed', 'shelter_occupied'],
  group: 'shelter',
} as const satisfies CommandSpec;
