// hold_coordination_meeting: NGOs present join the cluster at the posko (Kep. BNPB 308/2024, docs/domain.md#law).
import type { CommandSpec } from './spec.ts';

export const holdCoordinationMeeting = {
  type: 'hold_coordination_meeting',
  fields: {},
  // The commander chairs coordination meetings with the NGO liaison.
  roles: ['commander', 'ngo_liaison'],
  refusals: ['no_posko', 'meeting_too_soon'],
  group: 'post',
} as const satisfies CommandSpec;
