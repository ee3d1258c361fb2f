// Worker threads that compute floods ahead of time, so the socket thread's clock rarely computes one itself
// (docs/load.md#worker-threads). A drill's flood for its next tick is asked for as soon as a tick is complete; the
// answer goes into the drill's FloodShare, where a world's step takes it only if its grid matches bit for bit
// (server/sim/hazard-group.ts). A worker that fails or is slow costs nothing but the saving: the step then computes
// the flood itself, as a headless run or a replay always does.
import { Worker } from 'node:worker_threads';
import { floodAhead, hazardPart, type FloodAhead, type Scenario, type World } from '../sim/index.ts';

const WORKER_FILE = new URL('./flood-worker-boot.mjs', import.meta.url);

export interface FloodPoolStats {
  workers: number;
  asked: number;
  answered: number;
  failed: number;
  inFlight: number;
}

export class FloodPool {
  private readonly workers: { w: Worker; scenarios: Set<string>; busy: number }[] = [];
  private readonly waiting = new Map<number, (r: FloodAhead | null) => void>();
  private readonly keys = new WeakMap<Scenario, string>();
  private nextId = 1;
  private nextKey = 1;
  readonly stats: FloodPoolStats = { workers: 0, asked: 0, answered: 0, failed: 0, inFlight: 0 };

  /** `size` worker threads (0: none; ahead() then answers null). They load TypeScript through tsx, as the server does. */
  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      try {
        const w = new Worker(WORKER_FILE);
        const slot = { w, scenarios: new Set<string>(), busy: 0 };
        w.on('message', (m: { id: number; ok: boolean; result?: FloodAhead; error?: string }) => {
          slot.busy--;
          this.settle(m.id, m.ok ? m.result! : null);
        });
        w.on('error', (e) => {
          console.error('[gladi] flood worker failed, floods stay on the main thread:', e.message);
          const k = this.workers.indexOf(slot);
          if (k >= 0) this.workers.splice(k, 1);
          this.stats.workers = this.workers.length;
          // Its answers will not come: the steps waiting for none of them compute their own floods.
          for (const id of [...this.waiting.keys()]) this.settle(id, null);
        });
        w.unref();
        this.workers.push(slot);
      } catch (e) {
        console.error('[gladi] no flood worker:', (e as Error).message);
      }
    }
    this.stats.workers = this.workers.length;
  }

  private settle(id: number, r: FloodAhead | null): void {
    const f = this.waiting.get(id);
    if (!f) return;
    this.waiting.delete(id);
    this.stats.inFlight--;
    if (r) this.stats.answered++; else this.stats.failed++;
    f(r);
  }

  /** The next tick's flood of world `w`, computed in a worker (null when there is none or it failed). */
  ahead(w: World): Promise<FloodAhead | null> {
    if (this.workers.length === 0) return Promise.resolve(null);
    let key = this.keys.get(w.scenario);
    if (!key) this.keys.set(w.scenario, (key = `s${this.nextKey++}`));
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    if (!slot.scenarios.has(key)) {
      slot.w.postMessage({ kind: 'scenario', key, scenario: w.scenario });
      slot.scenarios.add(key);
    }
    const id = this.nextId++;
    this.stats.asked++;
    this.stats.inFlight++;
    slot.busy++;
    return new Promise((ok) => {
      this.waiting.set(id, ok);
      slot.w.postMessage({ kind: 'ahead', id, key, part: hazardPart(w) });
    });
  }

  async close(): Promise<void> {
    for (const id of [...this.waiting.keys()]) this.settle(id, null);
    await Promise.all(this.workers.map((s) => s.w.terminate()));
    this.workers.length = 0;
    this.stats.workers = 0;
  }
}

/** The same computation in this thread (tests compare it with the worker's). */
export const floodAheadHere = (w: World): FloodAhead => floodAhead(structuredClone(hazardPart(w)), w.scenario);
