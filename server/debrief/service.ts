// The debrief service: one replay per drill, built once (in slices, so live drills keep their clock) and kept in a
// small in-memory cache; the team map view at any tick; outcome curves for every team.
import type { Drill } from '../drill/drill.ts';
import type { DrillRegistry } from '../drill/drill-registry.ts';
import { mapInfo, projectTeamView } from '../drill/view.ts';
import type { ViewSnapshot } from '../protocol/messages.ts';
import { getDoc } from './docs.ts';
import { Replay, type OutcomeSample } from './replay.ts';

/** A replay built by the server gives the event loop a turn after every tick (three worlds: 7–40 ms per slice on
 *  this 2-core machine, against 45–95 ms for five-tick slices, for the same build time: docs/debrief.md). */
const SLICES = { chunk: 1, yieldEvery: 1 } as const;

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

/** Where a drill's replay stands in this service: not built (or dropped from the cache), being built, ready. */
export type ReplayState = 'none' | 'building' | 'ready';

export class DebriefService {
  private readonly cache = new Map<string, { key: string; replay: Promise<Replay>; ready: boolean }>();
  /** Replays started (Replay.build calls), for tests and the bench: a seek during a build must not start another. */
  builds = 0;
  /** Drills that ended here, waiting to have their replay built ahead, one at a time (most recent last). */
  private readonly ahead: { d: Drill; endedAt: number }[] = [];
  private aheadRunning = false;
  /** Per drill built ahead: milliseconds from its end to its replay being ready (the bench and docs/debrief.md). */
  readonly endToReadyMs = new Map<string, number>();

  /** With `ahead` (the default) a drill's replay is built as soon as it ends on this server, before anyone asks. */
  constructor(readonly reg: DrillRegistry, opts: { ahead?: boolean } = {}) {
    if (opts.ahead ?? true) reg.whenEnded((d) => this.prepare(d));
  }

  /** Where the replay of `code` stands (for its current tick and log). */
  state(code: string): ReplayState {
    const hit = this.cache.get(code);
    return !hit ? 'none' : hit.ready ? 'ready' : 'building';
  }

  /**
   * A drill has just ended: queue its replay to be built in the background. Builds ahead run one at a time (several
   * drills ending together do not build at once) and only the CACHE_SIZE most recent ones wait: older ones would be
   * dropped from the cache anyway and are built on their first request, as after a restart. A request arriving while
   * the build runs waits for that same build (the cache holds its promise).
   */
  prepare(d: Drill): void {
    if (!this.ahead.some((x) => x.d === d)) this.ahead.push({ d, endedAt: performance.now() });
    while (this.ahead.length > CACHE_SIZE) this.ahead.shift();
    if (!this.aheadRunning) void this.buildAhead();
  }

  private async buildAhead(): Promise<void> {
    this.aheadRunning = true;
    try {
      while (this.ahead.length) {
        // A turn first: the end path (the clock's ack, drill:ended to every team) finishes before the build starts.
        await new Promise((ok) => setImmediate(ok));
        const next = this.ahead.shift();
        if (!next) break;
        const { d, endedAt } = next;
        try {
          await this.replay(d);
          this.endToReadyMs.set(d.code, performance.now() - endedAt);
        } catch (e) {
          console.error(`[gladi] replay of drill ${d.code} could not be built ahead; it will be built on request:`, e);
        }
      }
    } finally {
      this.aheadRunning = false;
    }
  }

  /** A drill to read in this thread (DrillRegistry.read: itself when ended or local, a copy of a hosted one). */
  drill(code: string): Promise<Drill | null> {
    return this.reg.read(code);
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
    this.builds++;
    const replay = this.startOf(d.code).then((start) =>
      Replay.build({ code: d.code, loaded: d.loaded, seed: d.seed, mode: d.mode, log, endTick: d.tick, ...(start ? { start } : {}) }, SLICES));
    const entry = { key, replay, ready: false };
    this.cache.set(d.code, entry);
    replay.then(() => { entry.ready = true; }, () => { if (this.cache.get(d.code) === entry) this.cache.delete(d.code); });
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
    const parent = await this.reg.read(link.parent);
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
