// hold_coordination_meeting: NGOs present join the cluster at the posko (Kep. BNPB 308/2024, docs/domain.md#law).
import type { CommandModule } from './types.ts';

/** Minutes between coordination meetings (design choice). */
export const MEETING_MIN_GAP = 30;

export const holdCoordinationMeeting: CommandModule<'hold_coordination_meeting'> = {
  type: 'hold_coordination_meeting',
  check(w) {
    if (w.poskoTick < 0) return { code: 'no_posko' };
    const last = w.meetingTicks[w.meetingTicks.length - 1];
    if (last !== undefined && (w.tick - last) * w.scenario.tickSeconds < MEETING_MIN_GAP * 60) return { code: 'meeting_too_soon', detail: String(MEETING_MIN_GAP) };
    return null;
  },
  apply(w) {
    w.meetingTicks.push(w.tick);
    // NGOs present in the area join the cluster: their units take tasks from the posko from now on.
    for (const n of w.scenario.ngos) if (!w.coordinatedNgos.includes(n.id) && (!n.onRequest || w.supportRequestedTick >= 0)) w.coordinatedNgos.push(n.id);
    w.events.push({ tick: w.tick, kind: 'meeting', count: w.coordinatedNgos.length });
  },
};
