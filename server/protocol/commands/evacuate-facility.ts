// evacuate_facility: move a puskesmas' or hospital's in-patients to another facility or a shelter (Dinas Kesehatan,
// health cluster; server/sim/health-facility.ts).
import type { CommandSpec } from './spec.ts';

export const evacuateFacility = {
  type: 'evacuate_facility',
  fields: {
    facilityId: { kind: 'id', ref: 'facility' },
    /** Another facility's id or a shelter's id. */
    to: { kind: 'id', ref: 'place' },
  },
  roles: ['commander', 'health'],
  refusals: ['unknown_facility', 'facility_empty', 'facility_evacuating', 'shelter_closed'],
  group: 'shelter',
} as const satisfies CommandSpec;
