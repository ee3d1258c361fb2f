// Who is online, told to the control room as small coalesced deltas. A join or a dropped connection marks its
// team changed; every PRESENCE_FLUSH_MS the changed teams' player lists go to the drill's facilitators and
// evaluators in one message. Players do not receive the roster at all (their page does not show it). Before, every
// join and every disconnect sent the whole DrillState to every socket of the drill: 600 reconnecting players made
// 600 × 600 messages (docs/load.md).
import type { DrillRegistry } from '../drill/drill-registry.ts';
import { S2C, type DrillPresence } from '../protocol/messages.ts';
import type { Broadcaster } from './broadcast.ts';

/** At most one presence message per drill per this many ms: a storm of 600 reconnects makes a handful. */
export const PRESENCE_FLUSH_MS = 250;

export class Presence {
  private readonly dirty = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Presence messages sent, for /api/metrics. */
  sent = 0;

  constructor(private readonly reg: DrillRegistry, private readonly out: Broadcaster, private readonly room: (code: string) => string) {}

  changed(code: string, teamId: string): void {
    if (this.stopped) return;
    let teams = this.dirty.get(code);
    if (!teams) this.dirty.set(code, (teams = new Set()));
    teams.add(teamId);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), PRESENCE_FLUSH_MS);
  }

  get pendingDrills(): number {
    return this.dirty.size;
  }

  flush(): void {
    this.timer = null;
    const dirty = [...this.dirty];
    this.dirty.clear();
    for (const [code, teams] of dirty) {
      try {
        // The link's state is kept on this thread (drill-link.ts): no request to the drill.
        const link = this.reg.live(code);
        if (!link) continue;
        const seats = this.reg.store.listSeats(code).filter((s) => teams.has(s.teamId));
        const state = link.state(seats);
        const msg: DrillPresence = { code, teams: state.teams.filter((t) => teams.has(t.id)).map((t) => ({ id: t.id, players: t.players })) };
        this.out.emit(this.room(code), S2C.drillPresence, msg);
        this.sent++;
      } catch (e) {
        console.error(`[gladi] presence of drill ${code} not sent:`, e);
      }
    }
  }

  /** On shutdown: sockets closing after this change nothing (the store is about to close). */
  stop(): void {
    this.stopped = true;
    this.dirty.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
