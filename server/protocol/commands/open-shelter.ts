// open_shelter: open a closed shelter (Dinas Sosial desk).
import type { CommandSpec } from './spec.ts';

export const openShelter = {
  type: 'open_shelter',
  fields: { shelterId: { kind: 'id', ref: 'shelter' } },
  roles: ['commander', 'shelter'],
  refusals: ['unknown_shelter', 'shelter_open'],
  group: 'shelter',
} as const satisfies CommandSpec;
