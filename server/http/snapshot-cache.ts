// Snapshots built once and shared: during a reconnect storm 120 teammates ask for the same team's snapshot
// within the same second. A snapshot (and its packed bytes) is kept per drill, team and role until the drill
// next sends anything to a team (a frame, a feed item: socketOutput calls touch), so a cached one never misses
// something the deltas that follow assume the client has; touch drops the drill's snapshots at once, so a running
// drill holds at most the snapshots asked for within one frame.
import type { Drill } from '../drill/drill.ts';
import type { ViewSnapshot } from '../protocol/messages.ts';
import { packJson } from './broadcast.ts';

interface Entry {
  snapshot: ViewSnapshot;
  packed?: Buffer;
}

interface DrillEntries {
  byTeamRole: Map<string, Entry>;
  /** Every team's snapshot deflated together (the control room's drill:watch answer). */
  all?: Buffer;
}

export class SnapshotCache {
  private readonly drills = new Map<string, DrillEntries>();
  builds = 0;
  hits = 0;

  /** Something was sent to a team of this drill: its cached snapshots are stale. */
  touch(code: string): void {
    this.drills.delete(code);
  }

  private of(code: string): DrillEntries {
    let e = this.drills.get(code);
    if (!e) this.drills.set(code, (e = { byTeamRole: new Map() }));
    return e;
  }

  get(d: Drill, teamId: string, role?: string): Entry {
    const m = this.of(d.code).byTeamRole;
    const key = `${teamId}|${role ?? ''}`;
    const e = m.get(key);
    if (e) { this.hits++; return e; }
    const fresh: Entry = { snapshot: d.snapshot(teamId, role) };
    this.builds++;
    m.set(key, fresh);
    return fresh;
  }

  /** `{snapshot}` deflated once for every teammate in the same role. */
  pack(d: Drill, teamId: string, role?: string): Buffer {
    const e = this.get(d, teamId, role);
    e.packed ??= packJson(JSON.stringify({ snapshot: e.snapshot }));
    return e.packed;
  }

  /** `{snapshots}` of every team (the control room), deflated once. */
  packAll(d: Drill, teamIds: string[]): Buffer {
    const e = this.of(d.code);
    e.all ??= packJson(JSON.stringify({ snapshots: teamIds.map((t) => this.get(d, t).snapshot) }));
    return e.all;
  }

  /** Drills with snapshots held now (for /api/metrics). */
  get size(): number {
    return this.drills.size;
  }
}
