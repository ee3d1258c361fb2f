// All drills of this server: creation, lookup (from memory or rebuilt from the store), recovery after a restart,
// and where each drill runs: a drill being played lives in a drill host worker thread when there are any
// (server/workers/drill-hosts.ts, GLADI_DRILL_WORKERS); an ended drill, a tool's drill or a branch played live lives
// in this thread, advanced by this thread's clock (drill-pump.ts). See docs/architecture.md#drill-host-threads.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { DrillMode } from '../protocol/messages.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import { ENGINE_VERSION } from '../sim/index.ts';
import type { DrillRecord, Store } from '../store/store.ts';
import { DrillHosts, type HostsStats } from '../workers/drill-hosts.ts';
import { Drill, type DrillOutput } from './drill.ts';
import { LocalLink, type DrillLink } from './drill-link.ts';
import { DrillPump } from './drill-pump.ts';
import { recoverDrill } from './drill-replay.ts';
import { restoreScenario, snapshotScenario } from './scenario-snapshot.ts';

export { CLOCK_BUDGET_MS, CLOCK_INTERVAL_MS, TickStats } from './drill-pump.ts';

/** Join-code alphabet without look-alikes (no 0/O, 1/I/L): 31 symbols, 6 characters ≈ 8.9·10⁸ codes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
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


export class DrillRegistry {
  /** Drills in this thread. */
  private readonly drills = new Map<string, Drill>();
  private readonly links = new WeakMap<Drill, LocalLink>();
  /** Drill host worker threads (null: every drill in this thread). */
  private hosts: DrillHosts | null = null;
  /** Scenario snapshots by content hash, shared by the drills that play them (the engine only reads a scenario). */
  private readonly snapshots = new Map<string, LoadedScenario>();
  /** This thread's clock, for its local drills. */
  private readonly pump = new DrillPump(() => [...this.drills.values()], {
    faulted: (d, e) => {
      console.error(`[gladi] drill ${d.code} paused after an internal error:`, e);
      this.store.updateDrill(d.code, { status: 'paused', tick: d.tick });
    },
  });
  /** Told when a drill of this server ends (the debrief builds its replay ahead: server/debrief/service.ts). */
  private readonly endListeners: ((d: Drill) => void)[] = [];

  constructor(
    readonly store: Store,
    readonly scenarios: Map<string, LoadedScenario>,
    private readonly out: DrillOutput,
  ) {}

  /** Milliseconds one local drill takes to advance one tick, and one world alone (hosts keep their own). */
  get tickStats() { return this.pump.tickStats; }
  get worldStats() { return this.pump.worldStats; }

  /** Starts `count` drill host worker threads on the store's data dir (a SqliteStore there): drills created or
   *  opened for the sockets from now on are hosted there. 0: none. */
  startHosts(count: number, dataDir: string, dbFile?: string): void {
    if (this.hosts || count <= 0) return;
    const scenarioDirs = Object.fromEntries([...this.scenarios].map(([id, l]) => [id, l.dir]));
    this.hosts = new DrillHosts(count, { dataDir, dbFile, scenarioDirs }, this.out, this.store, (code) => this.handBack(code));
  }

  get hostCount(): number { return this.hosts?.size ?? 0; }

  private newRecord(scenarioId: string, opts: { seed?: number; mode?: DrillMode }) {
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
    return { code, token, loaded, seed, mode, hash: snap.hash };
  }

  /** A new drill in this thread (tools, tests; the sockets use createLive). */
  create(scenarioId: string, opts: { seed?: number; mode?: DrillMode } = {}): { drill: Drill; token: string } {
    const { code, token, loaded, seed, mode, hash } = this.newRecord(scenarioId, opts);
    const drill = new Drill(this.store, this.out, { code, loaded, seed, mode, scenarioHash: hash });
    drill.onEnded = (d) => this.ended(d);
    this.drills.set(code, drill);
    return { drill, token };
  }

  /** A new drill for the sockets: hosted in a drill host worker when there are any, else in this thread. */
  createLive(scenarioId: string, opts: { seed?: number; mode?: DrillMode } = {}): { link: DrillLink; token: string } {
    if (!this.hosts || this.hosts.size === 0) {
      const { drill, token } = this.create(scenarioId, opts);
      return { link: this.localLink(drill), token };
    }
    const { code, token } = this.newRecord(scenarioId, opts);
    return { link: this.live(code)!, token };
  }

  /** The scenario a drill plays: its stored snapshot. A drill from before snapshots gets one from the folder now. */
  private scenarioOf(rec: DrillRecord): { loaded: LoadedScenario; hash: string } | null {
    if (rec.scenarioHash) {
      const kept = this.snapshots.get(rec.scenarioHash);
      if (kept) return { loaded: kept, hash: rec.scenarioHash };
      const snap = this.store.getScenarioSnapshot(rec.scenarioHash);
      if (snap) {
        const loaded = restoreScenario(snap.body, this.scenarios.get(rec.scenarioId)?.dir ?? '');
        this.snapshots.set(rec.scenarioHash, loaded);
        return { loaded, hash: rec.scenarioHash };
      }
    }
    const loaded = this.scenarios.get(rec.scenarioId);
    if (!loaded) return null;
    const snap = snapshotScenario(loaded);
    this.store.putScenarioSnapshot(snap.hash, rec.scenarioId, snap.body);
    this.store.updateDrill(rec.code, { scenarioHash: snap.hash });
    return { loaded, hash: snap.hash };
  }

  /** A drill in this thread by join code: from memory, or rebuilt from its scenario snapshot and log
   *  (drill-replay.ts). Null when unknown, and null while the drill is hosted in a worker thread (use live/read). */
  get(code: string): Drill | null {
    const local = this.drills.get(code);
    if (local) return local;
    if (this.hosts?.link(code)) return null;
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

  private localLink(d: Drill): LocalLink {
    let link = this.links.get(d);
    if (!link) this.links.set(d, (link = new LocalLink(d)));
    return link;
  }

  /** The socket thread's handle on a drill (drill-link.ts), wherever it runs: one already open; else a drill of the
   *  store that has not ended is hosted on the least loaded host (when there are hosts), any other opens here. */
  live(code: string): DrillLink | null {
    const local = this.drills.get(code);
    if (local) return this.localLink(local);
    const hosted = this.hosts?.link(code);
    if (hosted) return hosted;
    const rec = this.store.getDrill(code);
    if (!rec) return null;
    if (this.hosts && this.hosts.size > 0 && rec.status !== 'ended') {
      const sc = this.scenarioOf(rec);
      if (!sc) return null;
      return this.hosts.host(rec, sc.loaded, sc.hash);
    }
    const d = this.get(code);
    return d ? this.localLink(d) : null;
  }

  /** A Drill in this thread to read (the debrief's modules): the drill itself, or a copy of a hosted one. */
  async read(code: string): Promise<Drill | null> {
    return (await this.live(code)?.read()) ?? null;
  }

  /** After a restart: reopen every drill that was running or paused, so it continues where the log says (hosted
   *  when there are hosts). */
  recover(): DrillLink[] {
    const out: DrillLink[] = [];
    for (const rec of this.store.listDrills()) {
      if (rec.status === 'running' || rec.status === 'paused') {
        const d = this.live(rec.code);
        if (d) out.push(d);
      }
    }
    return out;
  }

  /** `fn` is called when a drill ends on this server from now on (not for drills already ended in the store), with
   *  the drill in this thread (a hosted drill is handed back first). */
  whenEnded(fn: (d: Drill) => void): void {
    this.endListeners.push(fn);
  }

  private ended(d: Drill): void {
    for (const fn of this.endListeners) {
      try { fn(d); } catch (e) { console.error(`[gladi] after the end of drill ${d.code}:`, e); }
    }
  }

  /** A hosted drill ended: reopen it here from the store (its host wrote a keyframe at the end tick), point its link
   *  here, tell the listeners, then let the host drop it. Requests meanwhile were answered by the host. */
  private handBack(code: string): void {
    const hosted = this.hosts?.link(code);
    if (!hosted || hosted.handedTo) return;
    let d: Drill | null = null;
    try {
      const rec = this.store.getDrill(code);
      const sc = rec && this.scenarioOf(rec);
      if (rec && sc) {
        d = new Drill(this.store, this.out, {
          code, loaded: sc.loaded, seed: rec.seed, mode: rec.mode, status: rec.status, speed: rec.speed, scenarioHash: sc.hash, policy: rec.policy,
        });
        recoverDrill(d, this.store, rec);
        d.onEnded = (x) => this.ended(x);
      }
    } catch (e) {
      console.error(`[gladi] drill ${code} could not be reopened after its end:`, e);
      d = null;
    }
    if (!d) return; // stays hosted: the host keeps answering
    this.drills.set(code, d);
    hosted.handTo(this.localLink(d));
    this.hosts!.release(code);
    this.ended(d);
  }

  /** Drills in this thread. */
  list(): Drill[] {
    return [...this.drills.values()];
  }

  /** Every open drill's handle: this thread's and the hosted ones. */
  linkList(): DrillLink[] {
    return [...[...this.drills.values()].map((d) => this.localLink(d)), ...(this.hosts?.all() ?? [])];
  }

  /** Resolves when the hosts have started and every hosted drill is open (after recover(): before serving). */
  async ready(): Promise<void> {
    await this.hosts?.ready();
  }

  /** The hosts' own figures (null without hosts). */
  async hostStats(): Promise<HostsStats | null> {
    return this.hosts ? this.hosts.stats() : null;
  }

  startClock(): void {
    this.pump.start();
  }

  stopClock(): void {
    this.pump.stop();
  }

  /** Stops the clocks and the hosts (each hosted drill's tick stored by its host, their stores closed). */
  async close(): Promise<void> {
    this.stopClock();
    await this.hosts?.close();
    for (const d of this.drills.values()) if (d.status === 'running' || d.status === 'paused') this.store.updateDrill(d.code, { tick: d.tick });
  }
}
