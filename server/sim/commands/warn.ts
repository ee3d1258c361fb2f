// warn: a warning to neighbourhoods through one channel at one level (docs/domain.md#warnings).
import { recordWarned } from '../exposure.ts';
import { HouseholdState as S, MEMBER_DISABLED, MEMBER_ELDERLY, MEMBER_INFANT } from '../household.ts';
import { nextFloat } from '../prng.ts';
import { adjustTrust, TRUST } from '../social.ts';
import { CHANNEL_PROFILES, DOOR_MINUTES_PER_HOUSEHOLD } from '../warning.ts';
import type { World } from '../world-state.ts';
import { areaIndex, unknownArea, type CommandModule } from './types.ts';

const LEVEL_ORDER = ['waspada', 'siaga', 'awas'];

/** Makes households of area k aware over the coming minutes; returns how many the warning reaches. */
function warnArea(w: World, k: number, channel: keyof typeof CHANNEL_PROFILES): number {
  const hh = w.households;
  const profile = CHANNEL_PROFILES[channel];
  const hood = w.hoods[k];
  const minutesPerTick = w.scenario.tickSeconds / 60;
  let reached = 0;
  if (channel === 'door') {
    // Volunteers go house to house, vulnerable households first, DOOR_MINUTES_PER_HOUSEHOLD each.
    const order: number[] = [];
    for (let pass = 0; pass < 2; pass++) for (let i = 0; i < hh.count; i++) if (hh.hood[i] === k && (hh.vulnerable[i] ? 0 : 1) === pass) order.push(i);
    const start = Math.max(w.tick, hood.doorFreeTick);
    const perTick = Math.max(1, hood.volunteers) / (DOOR_MINUTES_PER_HOUSEHOLD / minutesPerTick);
    let j = 0;
    for (const i of order) {
      const u = nextFloat(w.rng);
      if (hh.state[i] !== S.Home || u >= profile.reach) continue;
      const t = start + Math.floor(j / perTick);
      j++;
      if (hh.awareTick[i] < 0 || t < hh.awareTick[i]) hh.awareTick[i] = t;
      recordWarned(hh, i, t, channel);
      reached++;
    }
    hood.doorFreeTick = start + Math.ceil(j / perTick);
  } else {
    for (let i = 0; i < hh.count; i++) {
      if (hh.hood[i] !== k) continue;
      // Every household draws, reached or not, so the stream does not depend on earlier outcomes.
      const u = nextFloat(w.rng);
      const delay = -Math.log(1 - nextFloat(w.rng)) * profile.meanDelay;
      if (hh.state[i] !== S.Home) continue;
      if (profile.needsPhone && !hh.phone[i]) continue;
      const vulnerable = (hh.members[i] & (MEMBER_ELDERLY | MEMBER_DISABLED | MEMBER_INFANT)) !== 0;
      if (u >= profile.reach * (vulnerable ? profile.vulnerableReach : 1)) continue;
      const t = w.tick + Math.round(delay / minutesPerTick);
      if (hh.awareTick[i] < 0 || t < hh.awareTick[i]) hh.awareTick[i] = t;
      recordWarned(hh, i, t, channel);
      reached++;
    }
  }
  return reached;
}

export const warn: CommandModule<'warn'> = {
  type: 'warn',
  check: (w, cmd) => unknownArea(w, cmd.areas),
  apply(w, cmd) {
    if (w.firstWarningTick < 0) w.firstWarningTick = w.tick;
    w.lastPublicTick = w.tick;
    for (const area of cmd.areas) {
      const k = areaIndex(w, area);
      const hood = w.hoods[k];
      if (hood.warnedTick < 0) {
        hood.warnedTick = w.tick;
        // A warning before the water raises trust; one after the area flooded is a broken promise (social.ts).
        adjustTrust(w, k, hood.floodedTick < 0 ? TRUST.timelyWarning : TRUST.lateWarning);
      }
      if (!hood.level || LEVEL_ORDER.indexOf(cmd.level) > LEVEL_ORDER.indexOf(hood.level)) hood.level = cmd.level;
      if (!hood.channels.includes(cmd.channel)) hood.channels.push(cmd.channel);
      const reached = warnArea(w, k, cmd.channel);
      w.events.push({ tick: w.tick, kind: 'warning', area, channel: cmd.channel, level: cmd.level, count: reached, ...(cmd.message ? { message: cmd.message } : {}) });
    }
  },
};
