// Replay of a drill on the server, for the debrief: the worlds rebuilt at any tick from the nearest in-memory
// keyframe plus the log. The engine is deterministic (docs/engine.md), so the world replayed at tick T has the state
// hash the live world had at T. A replay drives the same Drill class the live server uses (same inject scheduling,
// same command order), with a store that writes nothing and an output that sends nothing.
import type { DrillMode } from '../protocol/messages.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import { computeMetrics } from '../sim/index.ts';
import type { LogEntry, Store } from '../store/store.ts';
import { Drill, type DrillOutput } from '../drill/drill.ts';
import { ROUTE_REFRESH_TICKS } from '../sim/index.ts';

/** A keyframe is kept in memory every this many ticks while the replay is first built: a seek then replays at most
 *  REPLAY_KEYFRAME_EVERY − 1 ticks per world. A multiple of ROUTE_REFRESH_TICKS (keyframes leave route caches out,
 *  see Drill.keyframe). 10 ticks × 3 worlds ≈ 0.15 s at ~200 world-ticks/s (docs/benchmarks.md). */
export const REPLAY_KEYFRAME_EVERY = 10;
if (REPLAY_KEYFRAME_EVERY % ROUTE_REFRESH_TICKS !== 0) throw new Error('REPLAY_KEYFRAME_EVERY must be a multiple of ROUTE_REFRESH_TICKS');
/** Outcome figures are sampled this often (ticks) for the debrief's curves and metrics.csv. */
export const OUTCOME_EVERY = 5;

/** What a replay needs: the scenario, seed, mode and the log (entries in log order). */
export interface ReplaySource {
  code: string;
  loaded: LoadedScenario;
  seed: number;
  mode: DrillMode;
  log: LogEntry[];
  /** Last tick to replay to (the drill's tick when it ended). */
  endTick: number;
  /** Start from this keyframe instead of tick 0 (a branch: the parent's world at the fork). */
  start?: { tick: number; blob: Buffer };
}

/** One sample of a world's outcome, for curves and metrics.csv. */
export interface OutcomeSample {
  tick: number;
  score: number;
  /** People sheltered or rescued (safe). */
  safe: number;
  sheltered: number;
  rescued: number;
  stranded: number;
  injured: number;
  dead: number;
  exposed: number;
  /** Mean public trust over neighbourhoods, 0–1. */
  trust: number;
  /** Each metric's 0–1 value by id. */
  metrics: Record<string, number | null>;
}

/** A store that keeps nothing: the replay must never write to the drill's real log. */
const NULL_STORE = new Proxy({}, { get: () => () => null }) as Store;
const NULL_OUT: DrillOutput = { toTeam() {}, toRole() {}, toFacilitators() {} };

/** A Drill object used only as the replay engine. */
function replayDrill(src: ReplaySource): Drill {
  return new Drill(NULL_STORE, NULL_OUT, { code: src.code, loaded: src.loaded, seed: src.seed, mode: src.mode, status: 'ended' });
}

/** Entries that change a world: commands and inject actions (notes and clock changes do not). */
const isWorldEntry = (e: LogEntry) => e.kind === 'command' || e.kind === 'inject';

export class Replay {
  readonly keyframes = new Map<number, Buffer>();
  /** Per world id: outcome samples every OUTCOME_EVERY ticks (and at the end). */
  readonly outcomes = new Map<string, OutcomeSample[]>();
  /** Per world id: the state hash at every tick, recorded while building (tests and the export). */
  readonly hashes = new Map<string, string[]>();
  readonly startTick: number;
  private readonly worldLog: LogEntry[];
  private byTick = new Map<number, LogEntry[]>();
  /** The last drill each seek returned, per world asked for ('*': every world), for stepping on when playing. */
  private readonly last = new Map<string, { tick: number; drill: Drill }>();

  private constructor(readonly src: ReplaySource) {
    this.startTick = src.start?.tick ?? 0;
    this.worldLog = src.log.filter(isWorldEntry);
    for (const e of this.worldLog) {
      if (!this.byTick.has(e.tick)) this.byTick.set(e.tick, []);
      this.byTick.get(e.tick)!.push(e);
    }
  }

  get endTick(): number { return this.src.endTick; }

  /**
   * Replays the whole drill once, tick by tick, keeping a keyframe every REPLAY_KEYFRAME_EVERY ticks and the
   * outcome samples. Every `yieldEvery` ticks (at the end of a chunk) it gives the event loop a turn (a 6-hour
   * drill takes seconds to replay and must not stall the live drills); 0 builds synchronously.
   */
  static async build(src: ReplaySource, opts: { yieldEvery?: number; hashes?: boolean; chunk?: 1 | typeof OUTCOME_EVERY } = {}): Promise<Replay> {
    const r = new Replay(src);
    const d = replayDrill(src);
    if (src.start) d.restore([], src.start.tick, src.start);
    const record = (tick: number) => {
      const hashes = opts.hashes ? d.hashes() : null;
      for (const [worldId, w] of d.worlds) {
        if (hashes) {
          const list = r.hashes.get(worldId) ?? [];
          list[tick] = hashes[worldId];
          r.hashes.set(worldId, list);
        }
        if (tick % OUTCOME_EVERY === 0 || tick === src.endTick) {
          const list = r.outcomes.get(worldId) ?? [];
          list.push(sample(w, tick));
          r.outcomes.set(worldId, list);
        }
      }
      if (tick % REPLAY_KEYFRAME_EVERY === 0 && tick !== r.startTick) r.keyframes.set(tick, d.keyframe());
    };
    record(r.startTick);
    const yieldEvery = opts.yieldEvery ?? 5;
    // A turn after setting up the worlds too (a cold start costs as much as a slice of ticks: npm run replay -- --bench).
    if (yieldEvery > 0) await new Promise((ok) => setImmediate(ok));
    // Ticks replayed per call: every tick when hashes are recorded (tests) or `chunk` is 1 (the server: shorter
    // slices between turns, same build time, docs/debrief.md), else OUTCOME_EVERY (one view refresh per call).
    // Chunks end on multiples of the step, so samples and keyframes fall on them.
    const chunk = opts.hashes ? 1 : opts.chunk ?? OUTCOME_EVERY;
    let since = 0;
    for (let t = r.startTick; t < src.endTick;) {
      const next = Math.min(src.endTick, t + chunk - (t % chunk));
      const entries: LogEntry[] = [];
      for (let u = t; u < next; u++) entries.push(...(r.byTick.get(u) ?? []));
      // Entries stamped u apply at the start of the step from u to u + 1 (Drill.restore queues them, then steps).
      d.restore(entries, next, null);
      record(next);
      since += next - t;
      t = next;
      if (yieldEvery > 0 && since >= yieldEvery) { since = 0; await new Promise((ok) => setImmediate(ok)); }
    }
    // Decisions taken at the very minute the drill ended applied at once, as they did live.
    const last = r.byTick.get(src.endTick);
    if (last?.length) {
      d.restore(last, src.endTick, null);
      for (const list of r.outcomes.values()) if (list.at(-1)?.tick === src.endTick) list.pop();
      record(src.endTick);
    }
    return r;
  }

  /**
   * The drill as it was at `tick`, rebuilt from the nearest keyframe at or before it: the worlds after the step to
   * `tick`, before the decisions taken at that minute (at the end tick: with them, as the drill ended). With
   * `worldId`, only that world is stepped (a team's map needs only its own world: in parallel mode a third of the
   * work); the other worlds stay as the keyframe had them. The drill returned may be stepped on by a later call for
   * the same world (playing forward): read it at once.
   */
  at(tick: number, worldId?: string): Drill {
    const T = Math.max(this.startTick, Math.min(Math.floor(tick), this.src.endTick));
    let k = T - (T % REPLAY_KEYFRAME_EVERY);
    while (k > this.startTick && !this.keyframes.has(k)) k -= REPLAY_KEYFRAME_EVERY;
    // Playing forward: the last world asked for, when it lies between the keyframe and T, steps on from where it is.
    const slot = worldId ?? '*';
    const last = this.last.get(slot);
    if (last && last.tick <= T && last.tick >= k && last.tick < this.src.endTick) {
      if (last.tick < T) {
        const upTo = T === this.src.endTick ? T + 1 : T;
        last.drill.restore(this.worldLog.filter((e) => e.tick >= last.tick && e.tick < upTo), T, null);
        last.tick = T;
      }
      return last.drill;
    }
    const d = this.fresh(T, k, worldId);
    this.last.set(slot, { tick: T, drill: d });
    return d;
  }

  private fresh(T: number, k: number, worldId?: string): Drill {
    const d = replayDrill(this.src);
    const kf = k > this.startTick ? { tick: k, blob: this.keyframes.get(k)! } : this.src.start ?? null;
    const from = kf?.tick ?? 0;
    const upTo = T === this.src.endTick ? T + 1 : T;
    const entries = this.worldLog.filter((e) => e.tick >= from && e.tick < upTo);
    if (!worldId || !d.worlds.has(worldId)) {
      d.restore(entries, T, kf);
      return d;
    }
    d.restore([], from, kf);
    for (const id of [...d.worlds.keys()]) if (id !== worldId) d.worlds.delete(id);
    d.restore(entries, T, null);
    return d;
  }
}

function sample(w: Drill['worlds'] extends Map<string, infer W> ? W : never, tick: number): OutcomeSample {
  const m = computeMetrics(w);
  let trust = 0;
  for (const h of w.hoods) trust += h.trust;
  const metrics: Record<string, number | null> = {};
  for (const x of m.metrics) metrics[x.id] = x.value;
  return {
    tick, score: m.score, safe: m.sheltered + m.rescued, sheltered: m.sheltered, rescued: m.rescued, stranded: m.stranded,
    injured: m.injured, dead: m.dead, exposed: m.exposed, trust: w.hoods.length ? trust / w.hoods.length : 0, metrics,
  };
}
