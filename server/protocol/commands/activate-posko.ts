// activate_posko: the command post (Perka BNPB 3/2016, docs/domain.md#law).
import type { CommandSpec } from './spec.ts';

export const activatePosko = {
  type: 'activate_posko',
  fields: {},
  roles: ['commander'],
  refusals: ['posko_active'],
  group: 'post',
} as const satisfies CommandSpec;
