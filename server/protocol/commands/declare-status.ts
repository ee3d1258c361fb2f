// declare_status: the emergency status (UU 24/2007, docs/domain.md#law), forward only.
import { EMERGENCY_STATUSES } from './options.ts';
import type { CommandSpec } from './spec.ts';

export const declareStatus = {
  type: 'declare_status',
  fields: { status: { kind: 'enum', options: EMERGENCY_STATUSES } },
  // Status is the bupati's decision on the commander's advice (UU 24/2007).
  roles: ['commander'],
  refusals: ['status_unchanged', 'invalid_status_transition'],
  group: 'post',
} as const satisfies CommandSpec;
