// request_support: call the province or BNPB; needs tanggap darurat (dana siap pakai, docs/domain.md#law).
import type { CommandModule } from './types.ts';

export const requestSupport: CommandModule<'request_support'> = {
  type: 'request_support',
  check(w) {
    if (w.status !== 'tanggap_darurat') return { code: 'no_emergency_status', detail: 'tanggap_darurat' };
    if (w.supportRequestedTick >= 0) return { code: 'support_already_requested' };
    return null;
  },
  apply(w, cmd) {
    w.supportRequestedTick = w.tick;
    for (const u of w.units) if (!u.available && u.onRequest) u.readyTick = w.tick + Math.round((u.responseDelay * 60) / w.scenario.tickSeconds);
    w.events.push({ tick: w.tick, kind: 'support_requested', id: cmd.from });
  },
};
