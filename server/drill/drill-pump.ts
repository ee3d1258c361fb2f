// The clock that advances a set of drills: owed ticks accrue, then worlds advance one at a time, round-robin over
// drills, in slices of at most CLOCK_BUDGET_MS, with a turn of the event loop between slices. The socket thread
// runs one for its local drills (drill-registry.ts); each drill host worker runs one for the drills it hosts
// (server/workers/drill-host.ts). See docs/architecture.md#drill-host-threads.
import type { Drill } from './drill.ts';

/** The clock wakes this often and advances owed ticks, one world at a time, round-robin over drills, in slices of
 *  at most CLOCK_BUDGET_MS; between slices messages are answered (ack latency stays low however many drills run).
 *  6 ms: a slice of 15 ms put the load test's ack p99 at 50–70 ms (docs/load.md). */
export const CLOCK_INTERVAL_MS = 20;
export const CLOCK_BUDGET_MS = 6;

/** Recent per-tick costs (ms), for /api/metrics and the load test. */
export class TickStats {
  private samples: number[] = [];
  /** Every sample ever added (the kept samples are capped). */
  total = 0;
  add(ms: number) {
    this.total++;
    this.samples.push(ms);
    if (this.samples.length > 20_000) this.samples.splice(0, 10_000);
  }
  percentile(p: number): number {
    return percentileOf(this.samples, p);
  }
  /** A copy of the kept samples (to merge the figures of several threads). */
  recent(): number[] {
    return [...this.samples];
  }
  get count() { return this.samples.length; }
  reset() { this.samples.length = 0; }
}

export function percentileOf(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface PumpHooks {
  /** A drill completed a tick (every world advanced). */
  tickDone?(d: Drill): void;
  /** A drill failed in a step and was paused (the caller stores the status). */
  faulted(d: Drill, e: unknown): void;
  /** Called before each world step: a drill host answers the requests waiting for it here, so a request waits
   *  at most one world step, not a whole slice. */
  between?(): void;
}

export class DrillPump {
  /** Milliseconds one drill takes to advance one tick (all its worlds, views and frames), and one world alone. */
  readonly tickStats = new TickStats();
  readonly worldStats = new TickStats();
  private readonly tickWork = new Map<Drill, number>();
  private timer: NodeJS.Timeout | null = null;
  /** The next clock slice when work was left over (setImmediate). */
  private slice: NodeJS.Immediate | null = null;
  /** Round-robin start, so no drill is always last. */
  private nextDrill = 0;
  private lastPump = 0;

  constructor(private readonly drills: () => Drill[], private readonly hooks: PumpHooks) {}

  get running(): boolean { return this.timer !== null; }

  start(): void {
    if (this.timer) return;
    this.lastPump = performance.now();
    this.timer = setInterval(() => this.pump(), CLOCK_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.slice) clearImmediate(this.slice);
    this.timer = null;
    this.slice = null;
  }

  forget(d: Drill): void {
    this.tickWork.delete(d);
  }

  /** One slice of the clock: owed ticks accrue, then worlds advance one at a time, round-robin over drills, for at
   *  most CLOCK_BUDGET_MS. When work is left the next slice runs right after pending I/O (setImmediate), so a
   *  message waits at most one slice plus one world step, however many drills run. */
  private pump(): void {
    const now = performance.now();
    const seconds = (now - this.lastPump) / 1000;
    this.lastPump = now;
    const drills = this.drills();
    for (const d of drills) d.accrue(seconds);
    const stop = now + CLOCK_BUDGET_MS;
    let left = false;
    for (let k = 0, idle = 0; idle < drills.length; k++) {
      const d = drills[(this.nextDrill + k) % drills.length];
      if (!d.due) { idle++; continue; }
      if (performance.now() >= stop) { left = true; break; }
      if (this.hooks.between) {
        this.hooks.between();
        // A request may have stopped the clock (shutdown) or changed this drill (paused, ended, dropped).
        if (!this.timer) return;
        if (!d.due) continue;
      }
      idle = 0;
      try {
        const t0 = performance.now();
        d.stepOwed();
        const ms = performance.now() - t0;
        this.worldStats.add(ms);
        const sum = (this.tickWork.get(d) ?? 0) + ms;
        if (d.midTick) this.tickWork.set(d, sum);
        else {
          this.tickStats.add(sum);
          this.tickWork.delete(d);
          this.hooks.tickDone?.(d);
        }
      } catch (e) {
        // A fault in one drill must not stop the others: pause it and say so; the log is intact.
        d.status = 'paused';
        this.hooks.faulted(d, e);
      }
    }
    this.nextDrill = drills.length ? (this.nextDrill + 1) % drills.length : 0;
    if (left && !this.slice && this.timer) this.slice = setImmediate(() => { this.slice = null; this.pump(); });
  }
}
