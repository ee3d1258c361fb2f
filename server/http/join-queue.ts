// Joins rate-shaped: a drill:join (seat lookup, snapshot, ack) waits in a queue and at most JOINS_PER_SLICE per
// drill are started every JOIN_SLICE_MS, within JOIN_BUDGET_MS of work per slice. A reconnect storm then becomes a
// steady stream the event loop and the sockets' write buffers can absorb, instead of one burst that holds every
// snapshot in memory at once; ticks and acks of other drills go on between slices. A join whose socket has gone
// while it waited is dropped unanswered. A join may wait for its drill (a snapshot asked of a drill host worker:
// server/drill/drill-link.ts): at most JOINS_IN_FLIGHT joins are started and not yet answered at any time, so a
// slow drill holds back new joins instead of piling up requests and answers in memory.
export const JOIN_SLICE_MS = 20;
/** 40 joins per 20 ms per drill: 600 players are seated in ~0.3 s of queue time when nothing else is busy. */
export const JOINS_PER_SLICE = 40;
/** Work per slice over all drills, so the clock and other messages get the rest of the event loop. */
export const JOIN_BUDGET_MS = 12;
/** Joins started and not yet answered, over all drills: a few slices' worth (teammates share one snapshot
 *  request per frame in snapshot-cache.ts, so this bounds the answers held, not the snapshots built). */
export const JOINS_IN_FLIGHT = 200;

export interface JoinJob {
  /** Does the join; a promise when it waits for the drill. Errors are the job's to answer (it is not told here). */
  run(): void | Promise<void>;
  alive(): boolean;
}

export class JoinQueue {
  private readonly queues = new Map<string, JoinJob[]>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  served = 0;
  dropped = 0;
  /** Longest the queue has been, for /api/metrics. */
  peak = 0;
  /** Joins started and not yet finished. */
  inFlight = 0;
  /** Most joins in flight at once, for /api/metrics. */
  peakInFlight = 0;

  constructor(private readonly maxInFlight = JOINS_IN_FLIGHT) {}

  get length(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  push(code: string, job: JoinJob): void {
    let q = this.queues.get(code);
    if (!q) this.queues.set(code, (q = []));
    q.push(job);
    this.peak = Math.max(this.peak, this.length);
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.timer && !this.stopped) this.timer = setTimeout(() => this.pump(), ms);
  }

  private start(job: JoinJob): void {
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    const done = () => {
      this.inFlight--;
      // Room again after a full house: the next slice may start more.
      if (this.queues.size) this.schedule(JOIN_SLICE_MS);
    };
    let r: void | Promise<void>;
    try {
      r = job.run();
    } catch (e) {
      console.error('[gladi] a queued join failed:', e);
      done();
      return;
    }
    if (r instanceof Promise) r.then(done, (e) => { console.error('[gladi] a queued join failed:', e); done(); });
    else done();
  }

  private pump(): void {
    this.timer = null;
    const stop = performance.now() + JOIN_BUDGET_MS;
    for (const [code, q] of this.queues) {
      for (let n = 0; n < JOINS_PER_SLICE && q.length && this.inFlight < this.maxInFlight && performance.now() < stop; ) {
        const job = q.shift()!;
        if (!job.alive()) { this.dropped++; continue; }
        this.start(job);
        this.served++;
        n++;
      }
      if (!q.length) this.queues.delete(code);
    }
    if (this.queues.size) this.schedule(JOIN_SLICE_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
