// publish_clarification: answer a rumour on social media; fast answers restore more trust (social.ts).
import { adjustTrust, TRUST } from '../social.ts';
import type { CommandModule } from './types.ts';

/** A clarification within this many minutes of the rumour counts as fast (design choice). */
export const FAST_CLARIFICATION_MIN = 30;

export const publishClarification: CommandModule<'publish_clarification'> = {
  type: 'publish_clarification',
  check(w, cmd) {
    const p = w.posts.find((x) => x.id === cmd.postId);
    if (!p) return { code: 'unknown_post', detail: cmd.postId };
    if (p.kind !== 'hoax') return { code: 'not_a_rumour', detail: cmd.postId };
    return p.clarifiedTick >= 0 ? { code: 'already_clarified', detail: cmd.postId } : null;
  },
  apply(w, cmd) {
    const p = w.posts.find((x) => x.id === cmd.postId)!;
    p.clarifiedTick = w.tick;
    w.lastPublicTick = w.tick;
    const fast = (w.tick - p.tick) * w.scenario.tickSeconds <= FAST_CLARIFICATION_MIN * 60;
    for (const k of p.areas) adjustTrust(w, k, fast ? TRUST.fastClarification : TRUST.slowClarification);
    w.events.push({ tick: w.tick, kind: 'clarification', id: p.id, ...(cmd.message ? { message: cmd.message } : {}) });
  },
};
