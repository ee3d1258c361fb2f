// publish_clarification: answer a rumour on social media, with the words the player writes (Diskominfo).
import { MESSAGE_MAX, type CommandSpec } from './spec.ts';

export const publishClarification = {
  type: 'publish_clarification',
  fields: {
    postId: { kind: 'id', ref: 'post' },
    message: { kind: 'text', max: MESSAGE_MAX, optional: true },
  },
  roles: ['commander', 'communications'],
  refusals: ['unknown_post', 'not_a_rumour', 'already_clarified'],
  group: 'public',
} as const satisfies CommandSpec;
