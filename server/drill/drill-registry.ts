// All drills of this server: creation, lookup (from memory or rebuilt from the store), recovery after a restart,
// and the one clock that drives every running drill.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { DrillMode } from '../protocol/messages.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import { ENGINE_VERSION } from '../sim/index.ts';
import type { DrillRecord, Store } from '../store/store.ts';
import type { FloodPool } from '../workers/flood-pool.ts';
import { Drill, type DrillOutput } from './drill.ts';
import { LocalLink, type DrillLink } from './drill-link.ts';
import { recoverDrill } from './drill-replay.ts';
import { restoreScenario, snapshotScenario } from './scenario-snapshot.ts';

/** Join-code alphabet without look-alikes (no 0/O, 1/I/L): 31 symbols, 6 characters ≈ 8.9·10⁸ codes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** The clock wakes this often and advances owed ticks, one world at a time, round-robin over drills, in slices of
 *  at most CLOCK_BUDGET_MS; between slices socket messages are answered (ack latency stays low however many drills
 *  run). 6 ms: a slice of 15 ms put the load test's ack p99 at 50–70 ms (docs/load.md). */
export const CLOCK_INTERVAL_MS = 20;
export const CLOCK_BUDGET_MS = 6;

export function newJoinCode(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Recent per-tick costs (ms), for /api/metrics and the load test. */
export class TickStats {
  private readonly samples: number[] = [];
  add(ms: number) {
    this.samples.push(ms);
    if (this.samples.length > 20_000) this.samples.splice(0, 10_000);
  }
  percentile(p: number): number {
    if (this.samples.length === 0) return 0;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  }
  get count() { return this.samples.length; }
  reset() { this.samples.length = 0; }
}

export class DrillRegistry {
  private readonly drills = new Map<string, Drill>();
  private readonly links = new WeakMap<Drill, LocalLink>();
  /** Milliseconds one drill takes to advance one tick (all its worlds, views and frames), and one world alone. */
  readonly tickStats = new TickStats();
  readonly worldStats = new TickStats();
  private readonly tickWork = new Map<Drill, number>();
  private timer: NodeJS.Timeout | null = null;
  /** The next clock slice when work was left over (setImmediate). */
  private slice: NodeJS.Immediate | null = null;
  /** Round-robin start, so no drill is always last. */
  private nextDrill = 0;
  /** Worker threads computing each drill's next flood ahead of time (server/workers/flood-pool.ts), if any. */
  private floods: FloodPool | null = null;
  private readonly floodAsked = new Set<Drill>();
  private lastPump = 0;
  /** Told when a drill of this server ends (the debrief builds its replay ahead: server/debrief/service.ts). */
  private readonly endListeners: ((d: Drill) => void)[] = [];

  constructor(
    readonly store: Store,
    readonly scenarios: Map<string, LoadedScenario>,
    private readonly out: DrillOutput,
  ) {}

  create(scenarioId: string, opts: { seed?: number; mode?: DrillMode } = {}): { drill: Drill; token: string } {
    const loaded = this.scenarios.get(scenarioId);
    if (!loaded) throw new Error(`unknown scenario ${scenarioId}`);
    let code = newJoinCode();
    while (this.store.getDrill(code)) code = newJoinCode();
    const token = newToken();
    const seed = opts.seed ?? randomInt(2 ** 31 - 1);
    const mode = opts.mode ?? 'parallel';
    // The scenario as it is now, frozen: this drill replays from it whatever later happens to the folder.
    const snap = snapshotScenario(loaded);
    this.store.putScenarioSnapshot(snap.hash, scenarioId, snap.body);
    this.store.createDrill({
      code, scenarioId, seed, mode, status: 'lobby', speed: 1, tick: 0,
      facilitatorTokenHash: hashToken(token), evaluatorCode: randomBytes(5).toString('hex').toUpperCase(),
      createdAt: new Date().toISOString(), archived: false, engineVersion: ENGINE_VERSION, scenarioHash: snap.hash,
    });
    const drill = new Drill(this.store, this.out, { code, loaded, seed, mode, scenarioHash: snap.hash });
    drill.onEnded = (d) => this.ended(d);
    this.drills.set(code, drill);
    return { drill, token };
  }

  /** A new drill for the sockets: hosted in a drill host worker when there are any, else in this thread. */
  createLive(scenarioId: string, opts: { seed?: number; mode?: DrillMode } = {}): { link: DrillLink; token: string } {
    const { drill, token } = this.create(scenarioId, opts);
    return { link: this.live(drill.code)!, token };
  }

  /** The scenario a drill plays: its stored snapshot. A drill from before snapshots gets one from the folder now. */
  private scenarioOf(rec: DrillRecord): { loaded: LoadedScenario; hash: string } | null {
    if (rec.scenarioHash) {
      const snap = this.store.getScenarioSnapshot(rec.scenarioHash);
      if (snap) return { loaded: restoreScenario(snap.body, this.scenarios.get(rec.scenarioId)?.dir ?? ''), hash: rec.scenarioHash };
    }
    const loaded = this.scenarios.get(rec.scenarioId);
    if (!loaded) return null;
    const snap = snapshotScenario(loaded);
    this.store.putScenarioSnapshot(snap.hash, rec.scenarioId, snap.body);
    this.store.updateDrill(rec.code, { scenarioHash: snap.hash });
    return { loaded, hash: snap.hash };
  }

  /** A drill by join code: from memory, or rebuilt from its scenario snapshot and log (drill-replay.ts). Null when unknown. */
  get(code: string): Drill | null {
    const live = this.drills.get(code);
    if (live) return live;
    const rec = this.store.getDrill(code);
    if (!rec) return null;
    const sc = this.scenarioOf(rec);
    if (!sc) return null;
    const drill = new Drill(this.store, this.out, {
      code: rec.code, loaded: sc.loaded, seed: rec.seed, mode: rec.mode, status: rec.status, speed: rec.speed, scenarioHash: sc.hash, policy: rec.policy,
    });
    recoverDrill(drill, this.store, rec);
    // Set after recovery: a drill found ended in the store is not announced again (its replay is built on demand).
    drill.onEnded = (d) => this.ended(d);
    this.drills.set(code, drill);
    return drill;
  }

  /** The socket thread's handle on a drill (drill-link.ts), wherever it runs. Null when unknown. */
  live(code: string): DrillLink | null {
    const d = this.get(code);
    if (!d) return null;
    let link = this.links.get(d);
    if (!link) this.links.set(d, (link = new LocalLink(d)));
    return link;
  }

  /** A Drill in this thread to read (the debrief's modules): the drill itself, or a copy of a hosted one. */
  async read(code: string): Promise<Drill | null> {
    return (await this.live(code)?.read()) ?? null;
  }

  /** After a restart: rebuild every drill that was running or paused, so it continues where the log says. */
  recover(): Drill[] {
    const out: Drill[] = [];
    for (const rec of this.store.listDrills()) {
      if (rec.status === 'running' || rec.status === 'paused') {
        const d = this.get(rec.code);
        if (d) out.push(d);
      }
    }
    return out;
  }

  /** `fn` is called when a drill ends on this server from now on (not for drills already ended in the store). */
  whenEnded(fn: (d: Drill) => void): void {
    this.endListeners.push(fn);
  }

  private ended(d: Drill): void {
    for (const fn of this.endListeners) {
      try { fn(d); } catch (e) { console.error(`[gladi] after the end of drill ${d.code}:`, e); }
    }
  }

  list(): Drill[] {
    return [...this.drills.values()];
  }

  /** Floods computed ahead in worker threads from now on (null: all on this thread). */
  useFloodPool(pool: FloodPool | null): void {
    this.floods = pool;
  }

  /** A tick is complete: ask a worker for the drill's next flood, so its worlds need not compute it here. */
  private askFloodAhead(d: Drill): void {
    // Every world has passed the tick just completed: the advances kept for it are of no more use.
    d.floodShare.clear();
    if (!this.floods || this.floodAsked.has(d) || d.status !== 'running') return;
    const w = d.worlds.values().next().value;
    if (!w) return;
    d.floodAhead = true;
    this.floodAsked.add(d);
    const tick = w.tick;
    void this.floods.ahead(w).then((r) => {
      this.floodAsked.delete(d);
      // Too late (the world has stepped on) or the drill ended: the answer is of no use, and costs nothing.
      if (r && w.tick === tick && r.tick === tick && d.status === 'running') d.floodShare.offer(r.dt, r.seaLevel, r.pre, r.post);
    });
  }

  startClock(): void {
    if (this.timer) return;
    this.lastPump = performance.now();
    this.timer = setInterval(() => this.pump(), CLOCK_INTERVAL_MS);
  }

  /** One slice of the clock: owed ticks accrue, then worlds advance one at a time, round-robin over drills, for at
   *  most CLOCK_BUDGET_MS. When work is left the next slice runs right after pending socket I/O (setImmediate), so a
   *  message waits at most one slice plus one world step, however many drills run. */
  private pump(): void {
    const now = performance.now();
    const seconds = (now - this.lastPump) / 1000;
    this.lastPump = now;
    const drills = [...this.drills.values()];
    for (const d of drills) d.accrue(seconds);
    const stop = now + CLOCK_BUDGET_MS;
    let left = false;
    for (let k = 0, idle = 0; idle < drills.length; k++) {
      const d = drills[(this.nextDrill + k) % drills.length];
      if (!d.due) { idle++; continue; }
      if (performance.now() >= stop) { left = true; break; }
      idle = 0;
      try {
        const t0 = performance.now();
        d.stepOwed();
        const ms = performance.now() - t0;
        this.worldStats.add(ms);
        const sum = (this.tickWork.get(d) ?? 0) + ms;
        if (d.midTick) this.tickWork.set(d, sum);
        else { this.tickStats.add(sum); this.tickWork.delete(d); this.askFloodAhead(d); }
      } catch (e) {
        // A fault in one drill must not stop the others: pause it and say so; the log is intact.
        console.error(`[gladi] drill ${d.code} paused after an internal error:`, e);
        d.status = 'paused';
        this.store.updateDrill(d.code, { status: 'paused', tick: d.tick });
      }
    }
    this.nextDrill = drills.length ? (this.nextDrill + 1) % drills.length : 0;
    if (left && !this.slice && this.timer) this.slice = setImmediate(() => { this.slice = null; this.pump(); });
  }

  stopClock(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.slice) clearImmediate(this.slice);
    this.timer = null;
    this.slice = null;
  }
}
