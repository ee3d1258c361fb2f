// request_support: call the province or BNPB for help (needs tanggap darurat).
import type { CommandSpec } from './spec.ts';

export const SUPPORT_FROM = ['province', 'bnpb'] as const;

export const requestSupport = {
  type: 'request_support',
  fields: { from: { kind: 'enum', options: SUPPORT_FROM } },
  roles: ['commander'],
  refusals: ['no_emergency_status', 'support_already_requested'],
  group: 'post',
} as const satisfies CommandSpec;
