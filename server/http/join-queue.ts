// Joins rate-shaped: a drill:join (seat lookup, snapshot, ack) waits in a queue and at most JOINS_PER_SLICE per
// drill are served every JOIN_SLICE_MS, within JOIN_BUDGET_MS of work per slice. A reconnect storm then becomes a
// steady stream the event loop and the sockets' write buffers can absorb, instead of one burst that holds every
// snapshot in memory at once; ticks and acks of other drills go on between slices. A join whose socket has gone
// while it waited is dropped unanswered.
export const JOIN_SLICE_MS = 20;
/** 40 joins per 20 ms per drill: 600 players are seated in ~0.3 s of queue time when nothing else is busy. */
export const JOINS_PER_SLICE = 40;
/** Work per slice over all drills, so the clock and other messages get the rest of the event loop. */
export const JOIN_BUDGET_MS = 12;

interface Job { run(): void; alive(): boolean }

export class JoinQueue {
  private readonly queues = new Map<string, Job[]>();
  private timer: NodeJS.Timeout | null = null;
  served = 0;
  dropped = 0;
  /** Longest the queue has been, for /api/metrics. */
  peak = 0;

  get length(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  push(code: string, job: Job): void {
    let q = this.queues.get(code);
    if (!q) this.queues.set(code, (q = []));
    q.push(job);
    this.peak = Math.max(this.peak, this.length);
    if (!this.timer) this.timer = setTimeout(() => this.pump(), 0);
  }

  private pump(): void {
    this.timer = null;
    const stop = performance.now() + JOIN_BUDGET_MS;
    for (const [code, q] of this.queues) {
      for (let n = 0; n < JOINS_PER_SLICE && q.length && performance.now() < stop; ) {
        const job = q.shift()!;
        if (!job.alive()) { this.dropped++; continue; }
        job.run();
        this.served++;
        n++;
      }
      if (!q.length) this.queues.delete(code);
    }
    if (this.queues.size) this.timer = setTimeout(() => this.pump(), JOIN_SLICE_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
