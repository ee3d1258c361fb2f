// resupply_shelter: supplies through the logistics cluster; needs an emergency status (dana siap pakai,
// UU 24/2007, docs/domain.md#law).
import { shelterIndex, type CommandModule } from './types.ts';

/** Minutes for a resupply to arrive at a shelter through the logistics cluster (design choice). */
export const RESUPPLY_DELAY_MIN = 45;

export const resupplyShelter: CommandModule<'resupply_shelter'> = {
  type: 'resupply_shelter',
  check(w, cmd) {
    const s = shelterIndex(w, cmd.shelterId);
    if (s < 0) return { code: 'unknown_shelter', detail: cmd.shelterId };
    if (!w.shelters[s].open) return { code: 'shelter_closed', detail: cmd.shelterId };
    if (!w.status) return { code: 'no_emergency_status', detail: 'siaga_darurat' };
    return null;
  },
  apply(w, cmd) {
    const sh = w.shelters[shelterIndex(w, cmd.shelterId)];
    // Omitted amounts: one day for the occupants (at least 100 people or the capacity), at Sphere rates.
    const people = Math.max(sh.occupants, Math.min(sh.capacity, 100));
    sh.deliveries.push({
      tick: w.tick + Math.round((RESUPPLY_DELAY_MIN * 60) / w.scenario.tickSeconds),
      water: cmd.water ?? people * 15,
      food: cmd.food ?? people,
      hygiene: cmd.hygiene ?? Math.ceil(people / 4),
      toilets: cmd.toilets ?? Math.ceil(people / 50),
    });
    w.events.push({ tick: w.tick, kind: 'resupply_ordered', shelter: cmd.shelterId });
  },
};
