// The socket thread's handle on a drill that lives in a drill host worker thread (drill-host.ts). What the socket
// thread reads every message (status, tick, speed, policy, notes, rights) is mirrored here from what the host
// pushes; the online flags are kept here; everything else is a request answered by the host. An answer that
// changed the drill's meta carries it and it is applied before the promise resolves. When the drill ends it is
// handed back to the socket thread (drill-registry.ts) and this handle forwards to the local drill from then on.
import type { Command } from '../sim/index.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import type { Debrief, DrillMode, DrillState, InjectOp, MselRowState, Note, ViewSnapshot } from '../protocol/messages.ts';
import type { GateDrill } from '../protocol/rights-gate.ts';
import type { DrillPolicy, Seat, Store } from '../store/store.ts';
import type { ClockAction } from '../drill/drill-clock.ts';
import { Drill, type CommandResult } from '../drill/drill.ts';
import { NO_OUTPUT } from '../drill/drill-output.ts';
import type { ClockResult, DrillLink, DrillMeta, InjectResult, LocalLink } from '../drill/drill-link.ts';
import { drillStateOf } from '../drill/drill-state.ts';
import type { HostOp, OpenResult } from './host-protocol.ts';

/** Where a hosted link sends its requests: the host thread it lives on now (it may change if a host dies). */
export interface HostChannel {
  request(op: HostOp, code: string | undefined, args: unknown[]): Promise<unknown>;
}

export interface HostedDrillInfo {
  code: string;
  loaded: LoadedScenario;
  seed: number;
  mode: DrillMode;
  scenarioHash: string;
  meta: DrillMeta;
}

export class HostedLink implements DrillLink {
  readonly code: string;
  readonly loaded: LoadedScenario;
  readonly mode: DrillMode;
  readonly teamWorld = new Map<string, string>();
  private meta: DrillMeta;
  private readonly noteList: Note[] = [];
  private readonly online = new Map<string, number>();
  /** The local drill's link after the end handoff: every call goes there. */
  private local: LocalLink | null = null;
  private readCopy: { key: string; drill: Promise<Drill> } | null = null;
  /** Settles when the host has opened the drill (requests sent meanwhile queue behind the open in the host). */
  opened: Promise<void> = Promise.resolve();

  constructor(private readonly info: HostedDrillInfo, public channel: HostChannel, private readonly store: Store) {
    this.code = info.code;
    this.loaded = info.loaded;
    this.mode = info.mode;
    this.meta = info.meta;
    for (const t of info.loaded.scenario.teams) this.teamWorld.set(t.id, info.mode === 'joint' ? 'joint' : t.id);
  }

  /** Asks the (current) host to open the drill; meta and notes come back from the store's truth. */
  open(): Promise<void> {
    this.opened = this.channel.request('open', this.code, []).then((r) => {
      const o = r as OpenResult;
      this.applyMeta(o.meta);
      this.noteList.length = 0;
      this.noteList.push(...o.notes);
    });
    // Failures are reported to whoever waits on a request; the open itself must not be an unhandled rejection.
    this.opened.catch((e) => console.error(`[gladi] drill ${this.code} could not be opened in its host:`, (e as Error).message));
    return this.opened;
  }

  applyMeta(m: DrillMeta): void {
    this.meta = m;
  }

  /** From now on the drill is the socket thread's own (it ended): forward everything there. */
  handTo(local: LocalLink): void {
    this.local = local;
    for (const [h, n] of this.online) for (let i = 0; i < n; i++) local.setOnline(h, 1);
  }

  get handedTo(): LocalLink | null { return this.local; }
  /** True until the drill is handed back to the socket thread (it ended). */
  get hosted(): boolean { return this.local === null; }

  get scenario() { return this.loaded.scenario; }
  get status() { return this.local?.status ?? this.meta.status; }
  get tick() { return this.local?.tick ?? this.meta.tick; }
  get speed() { return this.local?.speed ?? this.meta.speed; }
  get archived() { return this.local?.archived ?? this.meta.archived; }
  get policy(): DrillPolicy { return this.local?.policy ?? this.meta.policy; }
  get readOnly() { return this.local ? this.local.readOnly : this.meta.readOnly; }
  get notes(): readonly Note[] { return this.local?.notes ?? this.noteList; }

  get gate(): GateDrill {
    if (this.local) return this.local.gate;
    return {
      status: this.status, mode: this.mode, release: this.policy.release, joinLocked: this.policy.joinLocked, lateJoin: this.policy.lateJoin,
      teamCommands: Object.fromEntries(this.scenario.teams.map((t) => [t.id, t.commands])),
    };
  }

  state(seats: Seat[]): DrillState {
    if (this.local) return this.local.state(seats);
    return drillStateOf(this, seats, (h) => (this.online.get(h) ?? 0) > 0);
  }

  setOnline(tokenHash: string, delta: 1 | -1): void {
    if (this.local) return this.local.setOnline(tokenHash, delta);
    this.online.set(tokenHash, Math.max(0, (this.online.get(tokenHash) ?? 0) + delta));
  }

  private ask<T>(op: HostOp, args: unknown[]): Promise<T> {
    return this.channel.request(op, this.code, args) as Promise<T>;
  }

  async submit(seat: Seat, clientId: string, command: Command): Promise<CommandResult> {
    if (this.local) return this.local.submit(seat, clientId, command);
    return this.ask('submit', [seat, clientId, command]);
  }
  async clock(action: ClockAction, speed?: number): Promise<ClockResult> {
    if (this.local) return this.local.clock(action, speed);
    return this.ask('clock', [action, speed]);
  }
  async injectOp(op: InjectOp): Promise<InjectResult> {
    if (this.local) return this.local.injectOp(op);
    return this.ask('injectOp', [op]);
  }
  async addNote(note: Note): Promise<void> {
    if (this.local) return this.local.addNote(note);
    await this.ask('addNote', [note]);
    // The local drill (after a handoff meanwhile) has it from the log already.
    if (!this.local) this.noteList.push(note);
  }
  async setPolicy(patch: Partial<DrillPolicy>): Promise<DrillPolicy> {
    if (this.local) return this.local.setPolicy(patch);
    return this.ask('setPolicy', [patch]);
  }
  async snapshot(teamId: string, role?: string): Promise<ViewSnapshot> {
    if (this.local) return this.local.snapshot(teamId, role);
    return this.ask('snapshot', [teamId, role]);
  }
  async msel(): Promise<MselRowState[]> {
    if (this.local) return this.local.msel();
    return this.ask('msel', []);
  }
  async debrief(): Promise<Debrief> {
    if (this.local) return this.local.debrief();
    return this.ask('debrief', []);
  }
  async hashes(): Promise<Record<string, string>> {
    if (this.local) return this.local.hashes();
    return this.ask('hashes', []);
  }

  /** A read-only copy in this thread at the host's current tick, from a keyframe the host encodes now; cached
   *  while the drill's tick and status are unchanged. Never in a clock, sends nothing. */
  read(): Promise<Drill> {
    if (this.local) return this.local.read();
    const key = `${this.meta.tick}:${this.meta.status}:${this.noteList.length}`;
    if (this.readCopy?.key === key) return this.readCopy.drill;
    const drill = this.makeCopy();
    this.readCopy = { key, drill };
    drill.catch(() => { if (this.readCopy?.drill === drill) this.readCopy = null; });
    return drill;
  }

  private async makeCopy(): Promise<Drill> {
    const kf = await this.ask<{ tick: number; blob: Uint8Array }>('keyframe', []);
    const blob = Buffer.from(kf.blob.buffer, kf.blob.byteOffset, kf.blob.byteLength);
    const m = this.meta;
    const d = new Drill(this.store, NO_OUTPUT, {
      code: this.code, loaded: this.loaded, seed: this.info.seed, mode: this.mode, status: m.status, speed: m.speed,
      scenarioHash: this.info.scenarioHash, policy: m.policy,
    });
    // The keyframe holds the worlds and everything derived from the log; notes and refused commands come from the
    // log itself (they never change a world).
    const aside = this.store.readLog(this.code).filter((e) => e.kind === 'note' || e.kind === 'refused');
    d.restore(aside, kf.tick, { tick: kf.tick, blob });
    d.archived = m.archived;
    d.readOnly = m.readOnly;
    return d;
  }
}
