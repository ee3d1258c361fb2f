// One drill: the coordinator of its worlds, clock, injects, feed, history and views. Parallel mode gives every team
// its own world from the same scenario and seed; joint mode puts all teams in one world. The drill talks to the
// network only through DrillOutput and to storage only through Store; the parts live in their own modules:
// drill-clock.ts (clock), drill-injects.ts (MSEL at run time), drill-feed.ts (feed and timelines), drill-history.ts
// (applied and refused commands, score series), drill-views.ts (snapshots and frames), keyframes.ts,
// drill-replay.ts (log → worlds), drill-debrief.ts.
import type { Command } from '../sim/index.ts';
import { hashWorld } from '../sim/index.ts';
import { ENGINE_VERSION } from '../sim/index.ts';
import { applyCommand, checkCommand, createFloodShare, createWorld, step, type World } from '../sim/index.ts';
import type { LoadedScenario, MselRow } from '../scenario/load-scenario.ts';
import type { Debrief, DrillMode, DrillState, DrillStatus, InjectOp, MselRowState, Note, ReadOnlyInfo, ViewSnapshot } from '../protocol/messages.ts';
import { S2C } from '../protocol/messages.ts';
import { mayAct, type GateDrill } from '../protocol/rights-gate.ts';
import type { TeamRole } from '../protocol/rights.ts';
import { DEFAULT_POLICY, type Checkpoint, type DrillPolicy, type LogEntry, type Seat, type Store } from '../store/store.ts';
import { buildDebrief } from './drill-debrief.ts';
import { CLOCK_ALLOWED, DrillClock, type ClockAction } from './drill-clock.ts';
import { commandItem, DrillFeed, eventItem } from './drill-feed.ts';
import { DrillHistory, type RefusedCommand } from './drill-history.ts';
import { InjectBoard } from './drill-injects.ts';
import type { DrillOutput } from './drill-output.ts';
import { groupByTick, type LoggedCommand } from './drill-replay.ts';
import { decodeKeyframe, encodeKeyframe, KeyframeJob, KEYFRAME_EVERY, KEYFRAME_PHASES, keyframeUsable, readKeyframeHeader } from './keyframes.ts';
import { snapshotScenario } from './scenario-snapshot.ts';
import { DrillViews } from './drill-views.ts';
import { drillStateOf } from './drill-state.ts';

export type { DrillOutput } from './drill-output.ts';
export { KEYFRAME_EVERY, KEYFRAME_PHASES } from './keyframes.ts';

/** Feed items a snapshot carries (the newest): what a player scrolls back through after a reload. */
const SNAPSHOT_FEED = 200;

export type CommandResult =
  | { ok: true; tick: number; duplicate: boolean }
  | { ok: false; code: 'refused' | 'wrong_state' | 'forbidden'; message: string; refusal?: { code: string; detail?: string } };

interface Pending {
  commands: { command: Command; teamId: string; by: string }[];
  ops: InjectOp[];
}

/** What a keyframe carries besides the worlds: everything derived from the log up to its tick. */
interface DrillMemory {
  injects: ReturnType<InjectBoard['save']>;
  history: ReturnType<DrillHistory['save']>;
  timelines: ReturnType<DrillFeed['save']>;
  /** Commands and inject actions logged for the tick under way (some worlds had reached it), not yet applied. */
  pending: [string, Pending][];
  /** Log entries stamped at or after the keyframe's tick whose effect is already in it: replay skips them. */
  absorbed: number[];
}

/** Outcome of a restore: checkpoints compared on the way, the first that differed, whether a keyframe was used. */
export interface RestoreResult {
  keyframeUsed: boolean;
  compared: number;
  mismatch: { tick: number; worldId: string; engineVersion: number } | null;
}

export interface DrillOptions {
  code: string;
  loaded: LoadedScenario;
  seed: number;
  mode: DrillMode;
  status?: DrillStatus;
  speed?: number;
  /** Content hash of `loaded` (scenario-snapshot.ts); computed when absent. */
  scenarioHash?: string;
  policy?: DrillPolicy;
}

const hashCache = new WeakMap<LoadedScenario, string>();
function contentHash(loaded: LoadedScenario): string {
  let h = hashCache.get(loaded);
  if (!h) { h = snapshotScenario(loaded).hash; hashCache.set(loaded, h); }
  return h;
}

export class Drill {
  readonly code: string;
  readonly loaded: LoadedScenario;
  readonly seed: number;
  readonly mode: DrillMode;
  /** Content hash of the scenario snapshot this drill plays (never the folder on disk). */
  readonly scenarioHash: string;
  status: DrillStatus;
  speed: number;
  archived = false;
  policy: DrillPolicy;
  /** Set when this engine cannot replay the drill's log as it was played: the drill is shown, never advanced. */
  readOnly: ReadOnlyInfo | null = null;
  /** Called once when the drill ends on this server (set by the registry: the debrief builds its replay then). */
  onEnded: ((d: Drill) => void) | null = null;
  /** World per world id: the team id in parallel mode, 'joint' in joint mode. */
  readonly worlds = new Map<string, World>();
  readonly teamWorld = new Map<string, string>();
  readonly notes: Note[] = [];
  private readonly injects: InjectBoard;
  private readonly feed: DrillFeed;
  private readonly history = new DrillHistory();
  private readonly clockState = new DrillClock();
  private pending = new Map<string, Pending>();
  private readonly views: DrillViews;
  /** Parallel worlds seeing the same hazard compute the flood once per tick (server/sim/hazard-group.ts). */
  readonly floodShare = createFloodShare();
  /** Flood advances computed and taken from a groupmate (for /api/metrics). */
  get floodStats(): { computed: number; shared: number } { return this.floodShare.stats; }
  private readonly online = new Map<string, number>();
  /** Entries taken in (logged live or replayed) that are stamped at or after the drill's tick: see DrillMemory. */
  private takenIn: { seq: number; tick: number }[] = [];
  private readonly keyframePhase: number;
  /** A keyframe captured at the end of a tick, being packed a part at a time (stepOwed). */
  private keyframeJob: KeyframeJob | null = null;

  constructor(private readonly store: Store, private readonly out: DrillOutput, opts: DrillOptions) {
    this.code = opts.code;
    this.loaded = opts.loaded;
    this.seed = opts.seed;
    this.mode = opts.mode;
    this.status = opts.status ?? 'lobby';
    this.speed = opts.speed ?? 1;
    this.scenarioHash = opts.scenarioHash ?? contentHash(opts.loaded);
    this.policy = { ...DEFAULT_POLICY, ...opts.policy };
    let h = 0;
    for (const ch of this.code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    this.keyframePhase = KEYFRAME_PHASES[h % KEYFRAME_PHASES.length];
    const sc = this.loaded.scenario;
    this.injects = new InjectBoard(sc, this.loaded.msel);
    this.feed = new DrillFeed(this.code, this.out, sc.teams.map((t) => t.id));
    this.views = new DrillViews(this.code, this.out);
    for (const t of sc.teams) {
      const worldId = this.mode === 'joint' ? 'joint' : t.id;
      this.teamWorld.set(t.id, worldId);
      if (!this.worlds.has(worldId)) {
        this.worlds.set(worldId, createWorld(sc, this.seed));
        this.injects.addWorld(worldId);
        this.history.addWorld(worldId);
        this.pending.set(worldId, { commands: [], ops: [] });
      }
    }
    this.refreshLastSent();
  }

  get scenario() { return this.loaded.scenario; }
  /** Ticks every world has completed (worlds advance one at a time, so some may be one tick ahead). */
  get tick(): number {
    let t = Infinity;
    for (const w of this.worlds.values()) if (w.tick < t) t = w.tick;
    return t;
  }

  /** What the rights gate (server/protocol/rights-gate.ts) needs to know of this drill. */
  get gate(): GateDrill {
    return {
      status: this.status, mode: this.mode, release: this.policy.release, joinLocked: this.policy.joinLocked, lateJoin: this.policy.lateJoin,
      teamCommands: Object.fromEntries(this.scenario.teams.map((t) => [t.id, t.commands])),
    };
  }

  teamsOf(worldId: string): string[] {
    return this.scenario.teams.filter((t) => this.teamWorld.get(t.id) === worldId).map((t) => t.id);
  }

  worldOf(teamId: string): World {
    return this.worlds.get(this.teamWorld.get(teamId)!)!;
  }

  private refreshLastSent(): void {
    this.views.reset(this.worlds);
  }

  /** Every write to the log goes through here: stamped with the engine version and the scenario content hash. */
  private log(entry: Omit<LogEntry, 'seq' | 'at' | 'engineVersion' | 'scenarioHash'>): void {
    const e = this.store.append({ ...entry, engineVersion: ENGINE_VERSION, scenarioHash: this.scenarioHash }) as LogEntry | null;
    if (e?.seq) this.takenIn.push({ seq: e.seq, tick: e.tick });
  }

  // ---------- persistence: replay, keyframes, checkpoints ----------

  /**
   * Rebuilds from the log, starting from a keyframe when one is given and usable (same engine version, same
   * scenario): same engine, same log ⇒ same worlds, timelines, series and expectations. May be called again with
   * later entries to go on (the debrief's replay does so tick by tick). `checkpoints` (world hashes another engine
   * version recorded) are compared on the way; the first that differs is returned.
   */
  restore(log: LogEntry[], untilTick: number, keyframe: { tick: number; blob: Buffer } | null, checkpoints: Checkpoint[] = []): RestoreResult {
    const result: RestoreResult = { keyframeUsed: false, compared: 0, mismatch: null };
    let absorbed = new Set<number>();
    if (keyframe && keyframeUsable(keyframe.blob, this.scenarioHash)) {
      absorbed = this.loadKeyframe(keyframe.blob);
      result.keyframeUsed = true;
    }
    // The keyframe's own header says which tick it holds (the store's row is only an index).
    const fromTick = result.keyframeUsed ? readKeyframeHeader(keyframe!.blob)!.tick : -Infinity;
    const world: LogEntry[] = [];
    for (const e of log) {
      if (e.kind === 'note') { this.notes.push(e.payload as Note); continue; }
      if (e.kind === 'refused' && e.teamId) { this.history.refused(e.teamId, e.payload as RefusedCommand); continue; }
      if (e.kind === 'clock' && (e.payload as { action: string }).action === 'archive') this.archived = true;
      if ((e.kind === 'command' || e.kind === 'inject') && e.tick >= fromTick && !absorbed.has(e.seq)) world.push(e);
    }
    const byTick = groupByTick(world);
    const last = world.reduce((m, e) => Math.max(m, e.tick), untilTick);
    const check = new Map<number, Checkpoint[]>();
    for (const c of checkpoints) check.set(c.tick, [...(check.get(c.tick) ?? []), c]);
    const end = Math.min(last, this.scenario.durationTicks);
    while (this.tick < end) {
      this.queue(byTick.get(this.tick) ?? []);
      for (const [worldId, w] of this.worlds) this.advanceWorld(worldId, w, false);
      this.floodShare.clear();
      for (const c of check.get(this.tick) ?? []) {
        result.compared++;
        const mine = this.hashes();
        const worldId = Object.keys(c.hashes).find((id) => mine[id] !== c.hashes[id]);
        if (worldId !== undefined && !result.mismatch) result.mismatch = { tick: this.tick, worldId, engineVersion: c.engineVersion };
      }
    }
    // Entries logged at the tick the clock had reached when the process stopped: commands apply now, as they did
    // live (before any command submitted after the restart); inject actions at the next step.
    this.queue(byTick.get(this.tick) ?? []);
    for (const [worldId, w] of this.worlds) this.applyNow(worldId, w, this.pending.get(worldId)!.commands.splice(0));
    this.takenIn = this.takenIn.filter((x) => x.tick >= this.tick);
    this.refreshLastSent();
    return result;
  }

  /** Log entries of one tick into the worlds' queues, as they were queued live. */
  private queue(entries: LogEntry[]): void {
    for (const e of entries) {
      if (e.seq) this.takenIn.push({ seq: e.seq, tick: e.tick });
      const worldId = e.teamId ? this.teamWorld.get(e.teamId) : undefined;
      if (e.kind === 'command') {
        const p = e.payload as LoggedCommand;
        if (worldId) this.pending.get(worldId)!.commands.push({ command: p.command, teamId: e.teamId!, by: p.by ?? '' });
      } else {
        // An inject action is logged once per world it targets, stamped with that world's tick.
        const op = e.payload as InjectOp;
        this.injects.noteNumber(op);
        if (worldId) this.pending.get(worldId)?.ops.push(op);
      }
    }
  }

  keyframe(): Buffer {
    return encodeKeyframe(...this.keyframeParts());
  }

  private keyframeParts(): [{ engineVersion: number; scenarioHash: string; tick: number }, Map<string, World>, DrillMemory] {
    const memory: DrillMemory = {
      injects: this.injects.save(), history: this.history.save(), timelines: this.feed.save(),
      pending: [...this.pending], absorbed: this.takenIn.filter((x) => x.tick >= this.tick).map((x) => x.seq),
    };
    return [{ engineVersion: ENGINE_VERSION, scenarioHash: this.scenarioHash, tick: this.tick }, this.worlds, memory];
  }

  /** Loads a keyframe; returns the log entries whose effect it already holds. */
  private loadKeyframe(blob: Buffer): Set<number> {
    const { worlds, memory } = decodeKeyframe<DrillMemory>(blob, this.scenario);
    for (const [id, w] of worlds) this.worlds.set(id, w);
    this.injects.load(memory.injects);
    this.history.load(memory.history);
    this.feed.load(memory.timelines);
    this.pending = new Map(memory.pending);
    return new Set(memory.absorbed);
  }

  /** World hashes now, as this engine computed them: lets a later engine version check its replay of this drill. */
  private checkpoint(): void {
    this.store.putCheckpoint(this.code, { tick: this.tick, engineVersion: ENGINE_VERSION, hashes: this.hashes() });
  }

  // ---------- people and views ----------

  state(seats: Seat[]): DrillState {
    return drillStateOf(this, seats, (h) => (this.online.get(h) ?? 0) > 0);
  }

  setOnline(tokenHash: string, delta: 1 | -1): void {
    this.online.set(tokenHash, Math.max(0, (this.online.get(tokenHash) ?? 0) + delta));
  }

  /** A full view for a team joining or coming back: the current state, with the water exactly as the deltas that
   *  follow will assume it, and the team's recent feed (a role sees only what it was sent). */
  snapshot(teamId: string, role?: string): ViewSnapshot {
    const worldId = this.teamWorld.get(teamId)!;
    return this.views.snapshot(this.scenario, worldId, this.worlds.get(worldId)!, teamId, this.feed.recent(teamId, role, SNAPSHOT_FEED));
  }

  hashes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [worldId, w] of this.worlds) out[worldId] = hashWorld(w);
    return out;
  }

  msel(): MselRowState[] {
    return this.injects.rows();
  }

  // ---------- facilitator actions ----------

  /** Clock control. Each change is logged before it takes effect. A read-only drill may only be paused, ended or archived. */
  clock(action: ClockAction, speed?: number): { ok: true } | { ok: false; message: string } {
    if (!CLOCK_ALLOWED[action].includes(this.status)) return { ok: false, message: `cannot ${action} a drill that is ${this.status}` };
    if (this.readOnly && (action === 'start' || action === 'resume' || action === 'speed')) return { ok: false, message: readOnlyMessage(this.readOnly) };
    if (action === 'speed' && speed === undefined) return { ok: false, message: 'speed: a number of ticks per second is required' };
    this.log({ code: this.code, tick: this.tick, kind: 'clock', teamId: null, clientId: null, actor: 'facilitator', payload: { action, speed } });
    if (action === 'start' || action === 'resume') this.status = 'running';
    if (action === 'pause') {
      // Complete a tick under way: a paused drill shows (and hashes) every world at the same tick.
      for (const worldId of this.clockState.takeRest()) this.advanceWorld(worldId, this.worlds.get(worldId)!, true);
      this.status = 'paused';
    }
    if (action === 'speed') this.speed = speed!;
    if (action === 'archive') { this.archived = true; this.store.updateDrill(this.code, { archived: true }); }
    if (action === 'end') this.finish();
    this.store.updateDrill(this.code, { status: this.status, speed: this.speed, tick: this.tick });
    return { ok: true };
  }

  /** The facilitator's rules (debrief release, joining): logged, kept in the drill record. */
  setPolicy(patch: Partial<DrillPolicy>): DrillPolicy {
    this.policy = { ...this.policy, ...patch };
    this.log({ code: this.code, tick: this.tick, kind: 'policy', teamId: null, clientId: null, actor: 'facilitator', payload: patch });
    this.store.updateDrill(this.code, { policy: this.policy });
    return this.policy;
  }

  private finish(): void {
    // Complete a tick under way so every world ends at the same tick (and replay ends where live did).
    if (!this.readOnly) for (const worldId of this.clockState.takeRest()) this.advanceWorld(worldId, this.worlds.get(worldId)!, true);
    this.status = 'ended';
    if (!this.readOnly) this.checkpoint();
    this.store.updateDrill(this.code, { status: 'ended', tick: this.tick });
    const msg = { code: this.code };
    for (const t of this.scenario.teams) this.out.toTeam(this.code, t.id, S2C.drillEnded, msg);
    this.out.toFacilitators(this.code, S2C.drillEnded, msg);
    this.onEnded?.(this);
  }

  /** Fire, delay or skip an MSEL row, or add an ad-hoc inject: logged now; skip and delay apply at once, the rest
   *  at the start of the next step. */
  injectOp(op: InjectOp): { ok: true; no: number } | { ok: false; message: string } {
    if (this.status === 'ended') return { ok: false, message: 'the drill has ended' };
    if (this.readOnly) return { ok: false, message: readOnlyMessage(this.readOnly) };
    const problem = this.injects.check(op, (id) => this.teamWorld.has(id));
    if (problem) return { ok: false, message: problem };
    const logged = this.injects.numbered(op);
    this.injects.noteNumber(logged);
    // One entry per target world, stamped with that world's own tick, so replay applies it exactly where live did.
    const targets = op.teamId ? [this.teamWorld.get(op.teamId)!] : [...this.worlds.keys()];
    for (const worldId of targets) {
      const tick = this.worlds.get(worldId)!.tick;
      this.log({ code: this.code, tick, kind: 'inject', teamId: this.teamsOf(worldId)[0], clientId: null, actor: 'facilitator', payload: logged });
      // Skip and delay change only the schedule: applied now, so the control room shows them at once even while
      // paused. Replay applies them at the start of the same tick, before anything reads the schedule: same result.
      if (logged.op === 'skip' || logged.op === 'delay') this.injects.reschedule(logged, worldId, tick);
      else this.pending.get(worldId)!.ops.push(logged);
    }
    if (logged.op === 'skip' || logged.op === 'delay') this.out.toFacilitators(this.code, S2C.mselState, this.msel());
    return { ok: true, no: logged.op === 'adhoc' ? logged.row.no : logged.no };
  }

  /** An evaluator's or facilitator's observation; part of the log, shown in the debrief. */
  addNote(note: Note): void {
    this.log({ code: this.code, tick: this.tick, kind: 'note', teamId: note.teamId ?? null, clientId: null, actor: note.by, payload: note });
    this.notes.push(note);
    this.out.toFacilitators(this.code, S2C.note, note);
  }

  /**
   * A team's command: the team's responsibility checked (joint mode), then the engine's own check, then logged
   * durably, then acknowledged. Applied at the start of the next step. A clientId seen before returns the first
   * answer. A refusal is logged too (kind 'refused', never replayed) so the debrief can list it.
   */
  submit(seat: Seat, clientId: string, command: Command): CommandResult {
    const earlier = this.store.findCommand(this.code, clientId);
    if (earlier) {
      if (earlier.teamId !== seat.teamId) return { ok: false, code: 'forbidden', message: 'clientId: already used by another team' };
      return { ok: true, tick: earlier.tick, duplicate: true };
    }
    if (this.status === 'ended') return { ok: false, code: 'wrong_state', message: 'the drill has ended' };
    if (this.status === 'lobby') return { ok: false, code: 'wrong_state', message: 'the drill has not started yet' };
    if (this.readOnly) return { ok: false, code: 'wrong_state', message: readOnlyMessage(this.readOnly) };
    const team = this.scenario.teams.find((t) => t.id === seat.teamId)!;
    const worldId = this.teamWorld.get(seat.teamId)!;
    const w = this.worlds.get(worldId)!;
    // The team's responsibilities in a joint drill, through the one rights gate (the role was checked there too).
    const verdict = mayAct({ role: 'player', teamId: seat.teamId, seatRole: seat.role as TeamRole, name: seat.name, tokenHash: seat.tokenHash }, command.type, this.gate);
    if (!verdict.ok && verdict.reason === 'team_not_responsible') {
      this.logRefusal(seat, w.tick, clientId, command, 'forbidden');
      return { ok: false, code: 'forbidden', message: `in this joint drill, ${team.name} is not responsible for "${command.type}"` };
    }
    const refusal = checkCommand(w, command);
    if (refusal) {
      this.logRefusal(seat, w.tick, clientId, command, 'refused', refusal);
      return { ok: false, code: 'refused', message: `refused: ${refusal.code}${refusal.detail ? ` (${refusal.detail})` : ''}`, refusal };
    }
    const payload: LoggedCommand = { command, by: seat.name, role: seat.role };
    this.log({ code: this.code, tick: w.tick, kind: 'command', teamId: seat.teamId, clientId, actor: seat.tokenHash, payload });
    // Applied to the world now, at its current tick: the next command is checked against the world as it will be
    // (issue 8). Same result as applying it at the start of the next step, which is what replay does.
    this.applyNow(worldId, w, [{ command, teamId: seat.teamId, by: seat.name }]);
    // Teammates hear of it now; the timeline keeps it when it applies (live and replay alike: see advanceWorld).
    for (const t of this.teamsOf(worldId)) this.feed.send(t, commandItem(seat.teamId, w.tick, command, seat.name));
    return { ok: true, tick: w.tick, duplicate: false };
  }

  private logRefusal(seat: Seat, tick: number, clientId: string, command: Command, reason: RefusedCommand['reason'], refusal?: { code: string; detail?: string }): void {
    const r: RefusedCommand & { clientId: string; command: Command } = {
      tick, type: command.type, by: seat.name, role: seat.role, reason, ...(refusal ? { refusal } : {}), clientId, command,
    };
    // The client id stays in the payload, not the column: a corrected retry with the same id must not be a "duplicate".
    this.log({ code: this.code, tick, kind: 'refused', teamId: seat.teamId, clientId: null, actor: seat.tokenHash, payload: r });
    this.history.refused(seat.teamId, r);
  }

  // ---------- the clock ----------

  /** The clock's share: real seconds elapsed become ticks owed at the drill's speed. */
  accrue(seconds: number): void {
    if (this.status !== 'running' || this.readOnly) return;
    this.clockState.accrue(seconds, this.speed);
  }

  /** True while some worlds have advanced this tick and others not yet. */
  get midTick(): boolean {
    return this.clockState.midTick || this.keyframeJob !== null;
  }

  /** True when a tick is owed or one is half done, or a keyframe is being packed. */
  get due(): boolean {
    return this.keyframeJob !== null || (this.status === 'running' && !this.readOnly && this.clockState.due);
  }

  /**
   * Advances one world by one owed tick: the clock's unit of work, small enough that socket messages are answered
   * between worlds. When the last world of the tick is done: keyframe when due, the end, the tick in the store.
   */
  stepOwed(): void {
    if (!this.due) return;
    // A keyframe taken at the end of the last tick is packed one part per call (keyframes.ts: KeyframeJob), so the
    // clock answers requests between parts instead of stopping ~30 ms for the whole keyframe.
    if (this.keyframeJob) {
      if (this.keyframeJob.packNext()) this.storeKeyframe();
      return;
    }
    const worldId = this.clockState.nextWorld(this.worlds.keys());
    this.advanceWorld(worldId, this.worlds.get(worldId)!, true);
    if (this.clockState.midTick) return;
    // Every world has passed this tick: the flood advances kept for it are of no more use (memory, docs/load.md#memory).
    this.floodShare.clear();
    if ((this.tick + this.keyframePhase) % KEYFRAME_EVERY === 0) {
      this.takenIn = this.takenIn.filter((x) => x.tick >= this.tick);
      this.keyframeJob = KeyframeJob.capture(...this.keyframeParts());
      this.checkpoint();
    }
    if (this.tick >= this.scenario.durationTicks) { this.storeKeyframe(); this.finish(); }
    else this.store.updateDrill(this.code, { tick: this.tick });
  }

  /** The keyframe being packed, finished now if parts are left, into the store. */
  private storeKeyframe(): void {
    const job = this.keyframeJob;
    if (!job) return;
    this.keyframeJob = null;
    this.store.putKeyframe(this.code, { tick: job.header.tick, blob: job.finish(), engineVersion: ENGINE_VERSION, scenarioHash: this.scenarioHash });
  }

  /** One world, one tick: the commands it applies (into the timeline), facilitator inject actions and injects due,
   *  the engine step, then (live) the frame to its teams. */
  private advanceWorld(worldId: string, w: World, live: boolean): void {
    const p = this.pending.get(worldId)!;
    const teams = this.teamsOf(worldId);
    // Commands first (live they were applied when accepted; replayed ones are queued), then inject actions.
    this.applyNow(worldId, w, p.commands.splice(0));
    const fired = this.injects.fireDue(worldId, w, p.ops.splice(0), teams);
    for (const d of fired.deliveries) this.feed.push(d.teamId, d.item, live, d.role);
    const events = step(w, [], this.worlds.size > 1 ? this.floodShare : undefined);
    for (const ev of events) for (const t of teams) this.feed.push(t, eventItem(t, ev), live);
    this.history.sample(worldId, w);
    if (live) {
      this.views.frame(worldId, w, teams);
      if (fired.fired > 0) this.out.toFacilitators(this.code, S2C.mselState, this.msel());
    }
  }

  /** Applies team commands to a world at its current tick, in order, into the history and the timeline. */
  private applyNow(worldId: string, w: World, cmds: Pending['commands']): void {
    const teams = this.teamsOf(worldId);
    for (const c of cmds) {
      this.history.applied(worldId, { tick: w.tick, type: c.command.type, teamId: c.teamId, command: c.command, by: c.by });
      const item = commandItem(c.teamId, w.tick, c.command, c.by);
      for (const t of teams) this.feed.keep(t, { ...item });
      applyCommand(w, c.command);
    }
  }

  debrief(): Debrief {
    return buildDebrief({
      code: this.code, scenario: this.scenario, mode: this.mode, status: this.status, tick: this.tick, notes: this.notes,
      readOnly: this.readOnly, teamWorld: this.teamWorld, worlds: this.worlds, injects: this.injects, history: this.history, feed: this.feed,
      seats: this.store.listSeats(this.code),
    });
  }
}

export function readOnlyMessage(r: ReadOnlyInfo): string {
  return r.reason === 'engine_changed'
    ? `read-only: this drill was played with engine version ${r.recordedWith ?? 'unknown'} and this server's engine (${r.engine}) replays it differently (from tick ${r.tick}); it can be viewed, not continued`
    : `read-only: this drill was played with engine version ${r.recordedWith ?? 'unknown'} and cannot be checked against this server's engine (${r.engine}); it can be viewed, not continued`;
}

export type { MselRow };
