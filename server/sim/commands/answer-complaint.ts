// answer_complaint: answer a LAPOR! complaint (docs/domain.md#law); raises trust in the complainant's area.
import { adjustTrust, TRUST } from '../social.ts';
import type { CommandModule } from './types.ts';

export const answerComplaint: CommandModule<'answer_complaint'> = {
  type: 'answer_complaint',
  check(w, cmd) {
    const c = w.complaints.find((x) => x.id === cmd.complaintId);
    if (!c) return { code: 'unknown_complaint', detail: cmd.complaintId };
    return c.answeredTick >= 0 ? { code: 'already_answered', detail: cmd.complaintId } : null;
  },
  apply(w, cmd) {
    const c = w.complaints.find((x) => x.id === cmd.complaintId)!;
    c.answeredTick = w.tick;
    w.lastPublicTick = w.tick;
    if (c.hood >= 0) adjustTrust(w, c.hood, TRUST.answeredComplaint);
    w.events.push({ tick: w.tick, kind: 'complaint_answered', id: c.id, ...(cmd.message ? { message: cmd.message } : {}) });
  },
};
