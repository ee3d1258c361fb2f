// open_shelter: open a closed shelter.
import { shelterIndex, type CommandModule } from './types.ts';

export const openShelter: CommandModule<'open_shelter'> = {
  type: 'open_shelter',
  check(w, cmd) {
    const s = shelterIndex(w, cmd.shelterId);
    if (s < 0) return { code: 'unknown_shelter', detail: cmd.shelterId };
    return w.shelters[s].open ? { code: 'shelter_open', detail: cmd.shelterId } : null;
  },
  apply(w, cmd) {
    w.shelters[shelterIndex(w, cmd.shelterId)].open = true;
    w.events.push({ tick: w.tick, kind: 'shelter_opened', shelter: cmd.shelterId });
  },
};
