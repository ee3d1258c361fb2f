// Snapshots built once and shared: during a reconnect storm 120 teammates ask for the same team's snapshot
// within the same second. A snapshot (and its packed bytes) is kept per drill, team and role until the drill
// next sends anything to a team (a frame, a feed item: socketOutput calls touch), so a cached one never misses
// something the deltas that follow assume the client has.
import type { Drill } from '../drill/drill.ts';
import type { ViewSnapshot } from '../protocol/messages.ts';
import { packJson } from './broadcast.ts';

interface Entry {
  version: number;
  snapshot: ViewSnapshot;
  packed?: Buffer;
}

export class SnapshotCache {
  private readonly versions = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();
  private readonly packedAll = new Map<string, { version: number; packed: Buffer }>();
  builds = 0;
  hits = 0;

  /** Something was sent to a team of this drill: its cached snapshots are stale. */
  touch(code: string): void {
    this.versions.set(code, (this.versions.get(code) ?? 0) + 1);
  }

  get(d: Drill, teamId: string, role?: string): Entry {
    const key = `${d.code}|${teamId}|${role ?? ''}`;
    const version = this.versions.get(d.code) ?? 0;
    const e = this.entries.get(key);
    if (e && e.version === version) { this.hits++; return e; }
    const fresh: Entry = { version, snapshot: d.snapshot(teamId, role) };
    this.builds++;
    this.entries.set(key, fresh);
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
    const version = this.versions.get(d.code) ?? 0;
    const e = this.packedAll.get(d.code);
    if (e && e.version === version) return e.packed;
    const packed = packJson(JSON.stringify({ snapshots: teamIds.map((t) => this.get(d, t).snapshot) }));
    this.packedAll.set(d.code, { version, packed });
    return packed;
  }

  /** Forget a drill (ended, archived). */
  drop(code: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(code + '|')) this.entries.delete(key);
    this.packedAll.delete(code);
    this.versions.delete(code);
  }

  get size(): number {
    return this.entries.size;
  }
}
