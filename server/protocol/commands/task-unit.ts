// task_unit: send a field unit to an area, or queue it behind its current task; with `facility`, send an ambulance
// or truck to carry a puskesmas' or hospital's patients (server/sim/health-facility.ts).
import type { CommandSpec } from './spec.ts';

export const taskUnit = {
  type: 'task_unit',
  fields: {
    unitId: { kind: 'id', ref: 'unit' },
    area: { kind: 'id', ref: 'area' },
    /** Queue the task behind the unit's current one instead of being refused as busy. */
    queue: { kind: 'bool', optional: true },
    /** A health facility in the area whose patients the unit (ambulance or truck) carries to their evacuation target. */
    facility: { kind: 'id', ref: 'facility', optional: true },
  },
  // Units are tasked by logistics and the NGO liaison (cluster coordination, Kep. BNPB 308/2024, docs/domain.md#law).
  roles: ['commander', 'logistics', 'ngo_liaison'],
  refusals: ['unknown_unit', 'unknown_area', 'unit_unavailable', 'unit_not_arrived', 'ngo_not_coordinated', 'unit_busy', 'queue_full', 'unknown_facility', 'wrong_capability', 'facility_empty'],
  group: 'unit',
} as const satisfies CommandSpec;
