// close_shelter: close an empty shelter; orders to it are withdrawn.
import { shelterIndex, type CommandModule } from './types.ts';

export const closeShelter: CommandModule<'close_shelter'> = {
  type: 'close_shelter',
  check(w, cmd) {
    const s = shelterIndex(w, cmd.shelterId);
    if (s < 0) return { code: 'unknown_shelter', detail: cmd.shelterId };
    if (!w.shelters[s].open) return { code: 'shelter_closed', detail: cmd.shelterId };
    return w.shelters[s].occupants > 0 ? { code: 'shelter_occupied', detail: cmd.shelterId } : null;
  },
  apply(w, cmd) {
    const s = shelterIndex(w, cmd.shelterId);
    w.shelters[s].open = false;
    for (const hood of w.hoods) if (hood.orderShelter === s) hood.orderShelter = -1;
    w.events.push({ tick: w.tick, kind: 'shelter_closed', shelter: cmd.shelterId });
  },
};
