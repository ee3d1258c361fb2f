// activate_posko: the command post (Perka BNPB 3/2016, docs/domain.md#law).
import type { CommandModule } from './types.ts';

export const activatePosko: CommandModule<'activate_posko'> = {
  type: 'activate_posko',
  check: (w) => (w.poskoTick >= 0 ? { code: 'posko_active' } : null),
  apply(w) {
    w.poskoTick = w.tick;
    w.events.push({ tick: w.tick, kind: 'posko' });
  },
};
