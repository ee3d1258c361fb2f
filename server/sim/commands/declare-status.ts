// declare_status: the emergency status, forward only (UU 24/2007, docs/domain.md#law).
import { EMERGENCY_STATUSES } from '../../protocol/commands/options.ts';
import type { CommandModule } from './types.ts';

export const declareStatus: CommandModule<'declare_status'> = {
  type: 'declare_status',
  check(w, cmd) {
    if (w.status === cmd.status) return { code: 'status_unchanged', detail: cmd.status };
    const from = w.status ? EMERGENCY_STATUSES.indexOf(w.status) : -1;
    const to = EMERGENCY_STATUSES.indexOf(cmd.status);
    // Forward only; transisi follows tanggap darurat.
    if (to < from || (cmd.status === 'transisi_darurat' && w.status !== 'tanggap_darurat')) return { code: 'invalid_status_transition', detail: `${w.status ?? 'none'}→${cmd.status}` };
    return null;
  },
  apply(w, cmd) {
    w.status = cmd.status;
    w.statusTick = w.tick;
    if (w.firstStatusTick < 0) w.firstStatusTick = w.tick;
    w.events.push({ tick: w.tick, kind: 'status', id: cmd.status });
  },
};
