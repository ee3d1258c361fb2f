// The socket thread's handle on one drill, wherever the drill runs. A drill that is being played lives in a drill
// host worker thread (server/workers/drill-host.ts: its worlds advance there); an ended drill, a tool's drill, or
// every drill when GLADI_DRILL_WORKERS=0 lives in this thread (LocalLink). Callers on the socket thread see one
// interface: what they read every message (status, tick, rights) is kept here synchronously, mirrored from the
// drill; everything that touches the worlds is a request answered asynchronously (docs/architecture.md).
import type { Command } from '../sim/index.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import type { Debrief, DrillMode, DrillState, DrillStatus, InjectOp, MselRowState, Note, ReadOnlyInfo, ViewSnapshot } from '../protocol/messages.ts';
import type { GateDrill } from '../protocol/rights-gate.ts';
import type { DrillPolicy, Seat } from '../store/store.ts';
import type { ClockAction } from './drill-clock.ts';
export { drillStateOf } from './drill-state.ts';
import type { CommandResult, Drill } from './drill.ts';

/** What the socket thread keeps of a drill without asking it: changes are pushed by the drill as they happen. */
export interface DrillMeta {
  code: string;
  status: DrillStatus;
  tick: number;
  speed: number;
  archived: boolean;
  policy: DrillPolicy;
  readOnly: ReadOnlyInfo | null;
}

export type ClockResult = { ok: true; status: DrillStatus; tick: number; speed: number } | { ok: false; message: string };
export type InjectResult = { ok: true; no: number } | { ok: false; message: string };

export interface DrillLink {
  readonly code: string;
  readonly loaded: LoadedScenario;
  readonly scenario: LoadedScenario['scenario'];
  readonly mode: DrillMode;
  /** World id per team id (the team id in parallel mode, 'joint' in joint mode). */
  readonly teamWorld: ReadonlyMap<string, string>;
  /** True when the drill runs in a drill host worker thread. */
  readonly hosted: boolean;
  // Mirrored, read synchronously.
  readonly status: DrillStatus;
  readonly tick: number;
  readonly speed: number;
  readonly archived: boolean;
  readonly policy: DrillPolicy;
  readonly readOnly: ReadOnlyInfo | null;
  readonly notes: readonly Note[];
  /** What the rights gate (server/protocol/rights-gate.ts) needs. */
  readonly gate: GateDrill;
  /** The drill state for these seats; online flags are kept on the socket thread. */
  state(seats: Seat[]): DrillState;
  setOnline(tokenHash: string, delta: 1 | -1): void;
  // Requests to the drill.
  submit(seat: Seat, clientId: string, command: Command): Promise<CommandResult>;
  clock(action: ClockAction, speed?: number): Promise<ClockResult>;
  injectOp(op: InjectOp): Promise<InjectResult>;
  addNote(note: Note): Promise<void>;
  setPolicy(patch: Partial<DrillPolicy>): Promise<DrillPolicy>;
  snapshot(teamId: string, role?: string): Promise<ViewSnapshot>;
  msel(): Promise<MselRowState[]>;
  debrief(): Promise<Debrief>;
  hashes(): Promise<Record<string, string>>;
  /** A Drill in this thread for the debrief's modules to read: the drill itself when local; for a hosted drill a
   *  read-only copy at its current tick, made from a keyframe the host encodes on request. */
  read(): Promise<Drill>;
}

/** A drill in this thread: every request is answered at once from the Drill itself. */
export class LocalLink implements DrillLink {
  readonly hosted = false;
  constructor(readonly drill: Drill) {}
  get code() { return this.drill.code; }
  get loaded() { return this.drill.loaded; }
  get scenario() { return this.drill.scenario; }
  get mode() { return this.drill.mode; }
  get teamWorld() { return this.drill.teamWorld; }
  get status() { return this.drill.status; }
  get tick() { return this.drill.tick; }
  get speed() { return this.drill.speed; }
  get archived() { return this.drill.archived; }
  get policy() { return this.drill.policy; }
  get readOnly() { return this.drill.readOnly; }
  get notes() { return this.drill.notes; }
  get gate() { return this.drill.gate; }
  state(seats: Seat[]): DrillState { return this.drill.state(seats); }
  setOnline(tokenHash: string, delta: 1 | -1): void { this.drill.setOnline(tokenHash, delta); }
  async submit(seat: Seat, clientId: string, command: Command) { return this.drill.submit(seat, clientId, command); }
  async clock(action: ClockAction, speed?: number): Promise<ClockResult> {
    const r = this.drill.clock(action, speed);
    return r.ok ? { ok: true, status: this.drill.status, tick: this.drill.tick, speed: this.drill.speed } : r;
  }
  async injectOp(op: InjectOp) { return this.drill.injectOp(op); }
  async addNote(note: Note) { this.drill.addNote(note); }
  async setPolicy(patch: Partial<DrillPolicy>) { return this.drill.setPolicy(patch); }
  async snapshot(teamId: string, role?: string) { return this.drill.snapshot(teamId, role); }
  async msel() { return this.drill.msel(); }
  async debrief() { return this.drill.debrief(); }
  async hashes() { return this.drill.hashes(); }
  async read() { return this.drill; }
}
