// Snapshots built once and shared: during a reconnect storm 120 teammates ask for the same team's snapshot
// within the same second. A snapshot request (a promise: the drill may answer from a drill host worker thread,
// server/drill/drill-link.ts) and its packed bytes are kept per drill, team and role until the drill next sends
// anything to a team (a frame, a feed item: socketOutput calls touch); touch drops the drill's entries at once, so a
// running drill holds at most the snapshots asked for within one frame.
//
// Why a cached promise never makes a joiner miss a frame: a joiner enters its rooms before it asks here
// (socket-server.ts). A promise handed out at time t was asked for after the last frame sent before t (touch drops
// older ones), and the drill answers requests and sends frames in one order (the same thread, or the same worker
// port), so the snapshot's tick is at least the tick of every frame sent before t, and every frame after it reaches
// the joiner through the rooms. Frames a joiner receives before its answer build on older ticks and are stale for
// it; if one ever built on a newer tick the client's view-diff would see a gap and ask for view:resync.
import type { DrillLink } from '../drill/drill-link.ts';
import type { ViewSnapshot } from '../protocol/messages.ts';
import { packJson } from './broadcast.ts';

/** One answered snapshot and its `{snapshot}` deflated once for every teammate in the same role. */
export class SnapshotEntry {
  private packed?: Buffer;
  constructor(readonly snapshot: ViewSnapshot) {}
  pack(): Buffer {
    this.packed ??= packJson(JSON.stringify({ snapshot: this.snapshot }));
    return this.packed;
  }
}

/** Every team's snapshot (the control room's drill:watch answer), `{snapshots}` deflated once. */
export class SnapshotSet {
  private packed?: Buffer;
  constructor(readonly snapshots: ViewSnapshot[]) {}
  pack(): Buffer {
    this.packed ??= packJson(JSON.stringify({ snapshots: this.snapshots }));
    return this.packed;
  }
}

interface DrillEntries {
  byTeamRole: Map<string, Promise<SnapshotEntry>>;
  /** Keyed by the team ids joined with '|'. */
  all: Map<string, Promise<SnapshotSet>>;
}

export class SnapshotCache {
  private readonly drills = new Map<string, DrillEntries>();
  builds = 0;
  hits = 0;

  /** Something was sent to a team of this drill: its cached snapshots (answered or still asked for) are stale. */
  touch(code: string): void {
    this.drills.delete(code);
  }

  private of(code: string): DrillEntries {
    let e = this.drills.get(code);
    if (!e) this.drills.set(code, (e = { byTeamRole: new Map(), all: new Map() }));
    return e;
  }

  /** A failed request is not kept: the next joiner asks again. Only the entry still cached under `key` is dropped. */
  private keep<T>(code: string, map: (e: DrillEntries) => Map<string, Promise<T>>, key: string, p: Promise<T>): Promise<T> {
    map(this.of(code)).set(key, p);
    p.catch(() => {
      const e = this.drills.get(code);
      if (e && map(e).get(key) === p) map(e).delete(key);
    });
    return p;
  }

  get(link: DrillLink, teamId: string, role?: string): Promise<SnapshotEntry> {
    const key = `${teamId}|${role ?? ''}`;
    const hit = this.of(link.code).byTeamRole.get(key);
    if (hit) { this.hits++; return hit; }
    this.builds++;
    // Asked for synchronously here (not after an await), so the request leaves before any later frame can.
    return this.keep(link.code, (e) => e.byTeamRole, key, link.snapshot(teamId, role).then((s) => new SnapshotEntry(s)));
  }

  /** Every team's snapshot for the control room; each team's from the shared per-team entries. */
  all(link: DrillLink, teamIds: string[]): Promise<SnapshotSet> {
    const key = teamIds.join('|');
    const hit = this.of(link.code).all.get(key);
    if (hit) return hit;
    const parts = teamIds.map((t) => this.get(link, t));
    return this.keep(link.code, (e) => e.all, key, Promise.all(parts).then((es) => new SnapshotSet(es.map((e) => e.snapshot))));
  }

  /** Drills with snapshots held now (for /api/metrics). */
  get size(): number {
    return this.drills.size;
  }
}
