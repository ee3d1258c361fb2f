// evacuate: order neighbourhoods to one open shelter; households already on their way are redirected.
import { HouseholdState as S } from '../household.ts';
import { areaIndex, shelterIndex, unknownArea, type CommandModule } from './types.ts';

export const evacuate: CommandModule<'evacuate'> = {
  type: 'evacuate',
  check(w, cmd) {
    const bad = unknownArea(w, cmd.areas);
    if (bad) return bad;
    const s = shelterIndex(w, cmd.shelterId);
    if (s < 0) return { code: 'unknown_shelter', detail: cmd.shelterId };
    if (!w.shelters[s].open) return { code: 'shelter_closed', detail: cmd.shelterId };
    if (w.shelters[s].occupants >= w.shelters[s].capacity) return { code: 'shelter_full', detail: cmd.shelterId };
    return null;
  },
  apply(w, cmd) {
    const s = shelterIndex(w, cmd.shelterId);
    const hh = w.households;
    for (const area of cmd.areas) {
      const k = areaIndex(w, area);
      w.hoods[k].orderShelter = s;
      w.hoods[k].orderTick = w.tick;
      for (let i = 0; i < hh.count; i++) if (hh.hood[i] === k && (hh.state[i] === S.Leaving || hh.state[i] === S.Moving) && hh.target[i] !== s) hh.target[i] = s;
      w.events.push({ tick: w.tick, kind: 'order', area, shelter: cmd.shelterId });
    }
  },
};
