// The socket thread's side of the drill host worker threads (drill-host.ts): starts them, places each hosted drill
// on the host with the fewest worlds, routes requests and answers by id, passes what the drills send to the real
// output (Socket.IO rooms), applies pushed meta to the drills' links, and tells the registry when a drill ends. A
// host that dies is replaced and its drills are reopened from the store (the log is durable).
// See docs/architecture.md#drill-host-threads.
import { Worker } from 'node:worker_threads';
import type { DrillOutput } from '../drill/drill-output.ts';
import type { DrillMeta } from '../drill/drill-link.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import type { DrillRecord, Store } from '../store/store.ts';
import type { HostData, HostMessage, HostOp, HostStats } from './host-protocol.ts';
import { HostedLink, type HostChannel } from './hosted-link.ts';

const WORKER_FILE = new URL('./drill-host-boot.mjs', import.meta.url);
/** Host restarts allowed within a minute before a failing host is given up. */
const RESTART_LIMIT = 3;

/** One host worker thread and what waits on it. */
class HostThread implements HostChannel {
  readonly worker: Worker;
  readonly codes = new Set<string>();
  worlds = 0;
  closing = false;
  private nextId = 1;
  private readonly waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();

  constructor(readonly no: number, data: HostData, onMessage: (m: HostMessage) => void, onExit: (t: HostThread, code: number) => void) {
    this.worker = new Worker(WORKER_FILE, { workerData: data });
    this.worker.on('message', (m: HostMessage) => {
      if (m.kind !== 'reply') return onMessage(m);
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) {
        // The meta an answer changed is applied before whoever asked goes on.
        if (m.meta) onMessage({ kind: 'meta', meta: m.meta });
        w.ok(m.result);
      } else w.fail(new Error(m.error));
    });
    this.worker.on('error', (e) => console.error(`[gladi] drill host ${this.no} failed:`, e));
    this.worker.on('exit', (code) => {
      this.failAll(new Error(`drill host ${this.no} stopped`));
      onExit(this, code);
    });
  }

  request(op: HostOp, code: string | undefined, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      try {
        this.worker.postMessage({ id, op, code, args });
      } catch (e) {
        this.waiting.delete(id);
        fail(e as Error);
      }
    });
  }

  failAll(e: Error): void {
    for (const w of this.waiting.values()) w.fail(e);
    this.waiting.clear();
  }
}

export interface HostsStats {
  hosts: number;
  perHost: (HostStats & { host: number })[];
}

export class DrillHosts {
  private readonly threads: HostThread[] = [];
  private readonly links = new Map<string, HostedLink>();
  private closed = false;
  private made = 0;
  private restarts: number[] = [];

  constructor(
    size: number,
    private readonly data: HostData,
    private readonly out: DrillOutput,
    private readonly store: Store,
    /** A hosted drill ended (its end keyframe is in the store). */
    private readonly onEnded: (code: string) => void,
  ) {
    for (let i = 0; i < size; i++) this.threads.push(this.spawn());
  }

  get size(): number { return this.threads.length; }

  private spawn(): HostThread {
    return new HostThread(++this.made, this.data, (m) => this.onMessage(m), (t, code) => this.onExit(t, code));
  }

  private onMessage(m: HostMessage): void {
    switch (m.kind) {
      case 'emits':
        for (const e of m.list) {
          try {
            if (e.to === 'team') this.out.toTeam(e.code, e.teamId!, e.event, e.payload);
            else if (e.to === 'role') this.out.toRole(e.code, e.teamId!, e.role!, e.event, e.payload);
            else this.out.toFacilitators(e.code, e.event, e.payload);
          } catch (err) {
            console.error(`[gladi] drill ${e.code}: ${e.event} not sent:`, err);
          }
        }
        return;
      case 'meta': this.links.get(m.meta.code)?.applyMeta(m.meta as DrillMeta); return;
      case 'ended': this.onEnded(m.code); return;
    }
  }

  /** A host stopped. On purpose (closing): nothing to do. Otherwise its drills reopen on a fresh host. */
  private onExit(t: HostThread, code: number): void {
    const k = this.threads.indexOf(t);
    if (k < 0 || t.closing || this.closed) return;
    // A host that cannot stay up (it fails to boot, or every drill kills it): after RESTART_LIMIT restarts within a
    // minute it is not replaced; its drills' requests fail with an error and new drills go to the other hosts, or
    // to the socket thread when none is left (drill-registry.ts).
    const now = Date.now();
    this.restarts = this.restarts.filter((x) => now - x < 60_000);
    if (this.restarts.length >= RESTART_LIMIT) {
      console.error(`[gladi] drill host ${t.no} stopped (exit ${code}) after ${RESTART_LIMIT} restarts within a minute: not replaced; its ${t.codes.size} drill(s) stay unavailable until a restart of the server`);
      this.threads.splice(k, 1);
      return;
    }
    this.restarts.push(now);
    console.error(`[gladi] drill host ${t.no} stopped (exit ${code}); reopening its ${t.codes.size} drill(s) from the store on a new host`);
    const fresh = this.spawn();
    this.threads[k] = fresh;
    for (const c of t.codes) {
      const link = this.links.get(c);
      if (!link || link.handedTo) continue;
      link.channel = fresh;
      fresh.codes.add(c);
      fresh.worlds += new Set(link.teamWorld.values()).size;
      void link.open().catch(() => {});
    }
  }

  link(code: string): HostedLink | null {
    return this.links.get(code) ?? null;
  }

  all(): HostedLink[] {
    return [...this.links.values()];
  }

  /** Hosts a drill of the store on the host with the fewest worlds; the host opens it (requests queue behind). */
  host(rec: DrillRecord, loaded: LoadedScenario, scenarioHash: string): HostedLink {
    const t = this.threads.reduce((a, b) => (b.worlds < a.worlds ? b : a));
    const link = new HostedLink({
      code: rec.code, loaded, seed: rec.seed, mode: rec.mode, scenarioHash,
      meta: { code: rec.code, status: rec.status, tick: rec.tick, speed: rec.speed, archived: rec.archived, policy: rec.policy, readOnly: null },
    }, t, this.store);
    this.links.set(rec.code, link);
    t.codes.add(rec.code);
    t.worlds += new Set(link.teamWorld.values()).size;
    void link.open().catch(() => {});
    return link;
  }

  /** The drill is no longer hosted (handed back after its end): the host lets it go. */
  release(code: string): void {
    const link = this.links.get(code);
    if (!link) return;
    this.links.delete(code);
    const t = this.threads.find((x) => x === link.channel);
    if (t) {
      t.codes.delete(code);
      t.worlds -= new Set(link.teamWorld.values()).size;
      void t.request('drop', code, []).catch(() => {});
    }
  }

  /** Resolves when every host answers and every hosted drill is open (or failed to open, which is logged). */
  async ready(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.request('stats', undefined, []).catch(() => {})));
    await Promise.all([...this.links.values()].map((l) => l.opened.catch(() => {})));
  }

  async stats(): Promise<HostsStats> {
    const perHost = await Promise.all(this.threads.map(async (t) => ({ host: t.no, ...((await t.request('stats', undefined, [])) as HostStats) })));
    return { hosts: this.threads.length, perHost };
  }

  /** Stops every host: clocks stopped, each drill's tick stored, stores closed, threads ended. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.threads.map(async (t) => {
      t.closing = true;
      await Promise.race([t.request('close', undefined, []).catch(() => {}), new Promise((ok) => setTimeout(ok, 5000))]);
      await t.worker.terminate();
    }));
    this.threads.length = 0;
  }
}
