// answer_complaint: answer a LAPOR! complaint (docs/domain.md#law), with the words the player writes.
import { MESSAGE_MAX, type CommandSpec } from './spec.ts';

export const answerComplaint = {
  type: 'answer_complaint',
  fields: {
    complaintId: { kind: 'id', ref: 'complaint' },
    message: { kind: 'text', max: MESSAGE_MAX, optional: true },
  },
  roles: ['commander', 'communications', 'shelter', 'health'],
  refusals: ['unknown_complaint', 'already_answered'],
  group: 'public',
} as const satisfies CommandSpec;
