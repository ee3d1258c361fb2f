// An in-between response (docs/scoring.md#policies): the team hesitates for LATE_START_MIN after the official
// alert, then warns every area on one channel, orders the areas at risk to the nearest open shelter, sends a boat
// only where many people are already in the water, sets up the posko and status late, never meets the NGOs, and
// sends one incomplete sitrep. Reads only its view, the scenario's published data and its injects.
import type { Scenario } from '../sim/index.ts';
import { planTown } from './plan.ts';
import { TeamMemory, sitrepFromView } from './common.ts';
import type { Policy, PolicyAction } from './types.ts';

/** Minutes after the alert before the late team acts at all (design choice: the first hour of Zulfa et al.'s
 *  "waiting to see" behaviour, shortened to keep the drill playable). */
export const LATE_START_MIN = 40;

export function latePolicy(sc: Scenario): Policy {
  const plan = planTown(sc);
  // No shelter is opened: only the ones already open are used.
  for (const id of plan.toOpen) {
    const open = sc.shelters.filter((s) => s.open !== false);
    const anyOpen = open[0]?.id;
    for (const [area, shelter] of plan.shelterOf) if (shelter === id && anyOpen) plan.shelterOf.set(area, anyOpen);
  }
  const mem = new TeamMemory(sc);
  const perMin = 60 / sc.tickSeconds;
  const at = (min: number) => sc.officialAlertTick + Math.round(min * perMin);
  return {
    name: 'late',
    refused: (a) => mem.noteRefused(a),
    act(obs) {
      const v = obs.view;
      const t = obs.tick;
      const out: PolicyAction[] = [];
      if (t === at(LATE_START_MIN)) out.push({ role: 'communications', command: { type: 'warn', areas: v.areas.map((a) => a.id), channel: 'siren', level: 'siaga' } });
      if (t >= at(LATE_START_MIN + 10)) out.push(...mem.evacuations(plan, v, 'shelter'));
      if (t >= at(LATE_START_MIN)) out.push(...mem.rescue(v, plan, 'ngo_liaison', { minStranded: 20 }));
      if (t === at(LATE_START_MIN + 30)) {
        out.push({ role: 'commander', command: { type: 'declare_status', status: 'siaga_darurat' } });
        out.push({ role: 'commander', command: { type: 'activate_posko' } });
      }
      if (t === at(LATE_START_MIN + 60)) {
        const s = sitrepFromView(v);
        out.push({ role: 'communications', command: { type: 'submit_sitrep', sheltered: s.sheltered } });
      }
      return mem.filter(out, t);
    },
  };
}
