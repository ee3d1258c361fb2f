// warn: a warning to neighbourhoods through one channel at one level, with the words the player writes.
import { CHANNELS, WARNING_LEVELS } from './options.ts';
import { MESSAGE_MAX, type CommandSpec } from './spec.ts';

export const warn = {
  type: 'warn',
  fields: {
    areas: { kind: 'ids', ref: 'area', min: 1, max: 50 },
    channel: { kind: 'enum', options: CHANNELS },
    level: { kind: 'enum', options: WARNING_LEVELS },
    message: { kind: 'text', max: MESSAGE_MAX, optional: true },
  },
  roles: ['commander', 'communications'],
  refusals: ['unknown_area'],
  group: 'warning',
} as const satisfies CommandSpec;
