// The debrief service: one replay per drill, built once (in slices, so live drills keep their clock) and kept in a
// small in-memory cache; the team map view at any tick; outcome curves for every team.
import type { Drill } from '../drill/drill.ts';
import type { DrillRegistry } from '../drill/drill-registry.ts';
import { mapInfo, projectTeamView } from '../drill/view.ts';
import type { ViewSnapshot } from '../protocol/messages.ts';
import { getDoc } from './docs.ts';
import { Replay, type OutcomeSample } from './replay.ts';

/** Replays kept in memory (a 6-hour, three-world drill keeps 36 keyframes, ~30 MB: npm run replay -- --bench). */
const CACHE_SIZE = 3;

/** A branch's link to its parent and the parent's world at the fork (docs.ts kind 'branch'). */
export interface BranchLink {
  parent: string;
  forkTick: number;
  /** Which world of the parent the branch started from (parallel mode: a team id). */
  worldId: string | null;
  policy: string | null;
  createdAt: string;
}

export class DebriefService {
  private readonly cache = new Map<string, { key: string; replay: Promise<Replay> }>();

  constructor(readonly reg: DrillRegistry) {}

  drill(code: string): Drill | null {
    return this.reg.get(code);
  }

  /** The replay of a drill up to its current tick (rebuilt when the drill has moved on since). */
  replay(d: Drill): Promise<Replay> {
    const log = this.reg.store.readLog(d.code);
    // Notes, hot-wash answers and clock changes do not change the worlds: only the tick and world entries matter.
    const key = `${d.tick}:${log.filter((e) => e.kind === 'command' || e.kind === 'inject').length}`;
    const hit = this.cache.get(d.code);
    if (hit && hit.key === key) {
      this.cache.delete(d.code);
      this.cache.set(d.code, hit);
      return hit.replay;
    }
    const replay = this.startOf(d.code).then((start) =>
      Replay.build({ code: d.code, loaded: d.loaded, seed: d.seed, mode: d.mode, log, endTick: d.tick, ...(start ? { start } : {}) }));
    this.cache.set(d.code, { key, replay });
    replay.catch(() => this.cache.delete(d.code));
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return replay;
  }

  /** A branch starts from its parent's worlds at the fork: rebuilt from the parent's log (the log is the truth). */
  async startOf(code: string): Promise<{ tick: number; blob: Buffer } | null> {
    // An imported branch has no parent here: its export carried the worlds at the fork.
    const kept = getDoc<{ tick: number; blob: string } | null>(this.reg.store, 'start', code, null);
    if (kept) return { tick: kept.tick, blob: Buffer.from(kept.blob, 'base64') };
    const link = getDoc<BranchLink | null>(this.reg.store, 'branch', code, null);
    if (!link) return null;
    const parent = this.reg.get(link.parent);
    if (!parent) throw new Error(`branch ${code}: parent drill ${link.parent} not found`);
    const pr = await this.replay(parent);
    return { tick: link.forkTick, blob: pr.at(link.forkTick).keyframe() };
  }

  /** A team's map view as it was at `tick`, the same projection the team saw live. */
  async viewAt(d: Drill, teamId: string, tick: number): Promise<{ snapshot: ViewSnapshot; hash: string; seekMs: number }> {
    const r = await this.replay(d);
    const t0 = performance.now();
    const worldId = d.teamWorld.get(teamId)!;
    const at = r.at(tick, worldId);
    const view = projectTeamView(at.worlds.get(worldId)!, teamId, true).view;
    return { snapshot: { map: mapInfo(d.scenario), view }, hash: at.hashes()[worldId], seekMs: performance.now() - t0 };
  }

  /** Outcome samples per team (joint mode: every team shares the one world's curve). */
  async outcomes(d: Drill): Promise<Record<string, OutcomeSample[]>> {
    const r = await this.replay(d);
    const out: Record<string, OutcomeSample[]> = {};
    for (const t of d.scenario.teams) out[t.id] = r.outcomes.get(d.teamWorld.get(t.id)!) ?? [];
    return out;
  }
}
