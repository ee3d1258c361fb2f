// One drill: its worlds, clock, injects, log and what it sends to whom. Parallel mode gives every team its own
// world from the same scenario and seed; joint mode puts all teams in one world. The drill talks to the network
// only through DrillOutput and to storage only through Store.
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Command } from '../sim/command.ts';
import { applyEffect, type InjectEffect } from '../sim/effect.ts';
import { reattachKernelViews, withoutKernelViews } from '../sim/flood.ts';
import { hashWorld } from '../sim/hash.ts';
import { computeMetrics } from '../sim/metrics.ts';
import { checkCommand, createWorld, step, type World, type WorldEvent } from '../sim/world.ts';
import type { LoadedScenario, MselRow } from '../scenario/load-scenario.ts';
import type { Debrief, DebriefTeam, DrillMode, DrillState, DrillStatus, FeedItem, InjectOp, MselRowState, Note, ViewSnapshot } from '../protocol/messages.ts';
import { S2C } from '../protocol/messages.ts';
import { TEAM_ROLES } from '../protocol/rights.ts';
import type { LogEntry, Seat, Store } from '../store/store.ts';
import { conditionHolds, evaluateExpectations, type ScheduledInject } from './inject.ts';
import { diffViews, mapInfo, projectTeamView, type ProjectedView } from './view.ts';

export interface DrillOutput {
  toTeam(code: string, teamId: string, event: string, payload: unknown): void;
  toRole(code: string, teamId: string, role: string, event: string, payload: unknown): void;
  toFacilitators(code: string, event: string, payload: unknown): void;
}

/** Score series sampling interval in ticks (debrief charts). */
const SERIES_EVERY = 5;
/** Feed items kept per team for the debrief timeline. */
const TIMELINE_LIMIT = 3000;
/** Feed items a snapshot carries (the newest): what a player scrolls back through after a reload. */
const SNAPSHOT_FEED = 200;
/** A keyframe (snapshot of every world) is written this often, so recovery replays at most this many ticks. A
 *  multiple of the engine's ROUTE_REFRESH_TICKS, so route caches need not be saved. */
export const KEYFRAME_EVERY = 30;
/** Drills write their keyframes at one of these offsets (from their join code), so drills started together do
 *  not all write at the same second (each write blocks the event loop for tens of milliseconds). Multiples of
 *  ROUTE_REFRESH_TICKS too. */
export const KEYFRAME_PHASES = [0, 10, 20];
/** Ad-hoc injects are numbered from here, after the MSEL's own rows. */
const ADHOC_FIRST_NO = 1000;

export type CommandResult =
  | { ok: true; tick: number; duplicate: boolean }
  | { ok: false; code: 'refused' | 'wrong_state' | 'forbidden'; message: string; refusal?: { code: string; detail?: string } };

interface Pending {
  commands: { command: Command; teamId: string }[];
  ops: InjectOp[];
}

/** Everything derived from the log that a keyframe must carry besides the worlds themselves. */
interface DrillMemory {
  schedules: [string, ScheduledInject[]][];
  commandHistory: [string, { tick: number; type: string; teamId: string }[]][];
  timelines: [string, FeedItem[]][];
  series: [string, DebriefTeam['series']][];
  nextAdhoc: number;
}

export class Drill {
  readonly code: string;
  readonly loaded: LoadedScenario;
  readonly seed: number;
  readonly mode: DrillMode;
  status: DrillStatus;
  speed: number;
  archived = false;
  /** World per world id: the team id in parallel mode, 'joint' in joint mode. */
  readonly worlds = new Map<string, World>();
  readonly teamWorld = new Map<string, string>();
  private schedules = new Map<string, ScheduledInject[]>();
  private commandHistory = new Map<string, { tick: number; type: string; teamId: string }[]>();
  private timelines = new Map<string, FeedItem[]>();
  private series = new Map<string, DebriefTeam['series']>();
  private readonly pending = new Map<string, Pending>();
  private readonly lastSent = new Map<string, ProjectedView>();
  readonly notes: Note[] = [];
  private readonly online = new Map<string, number>();
  private nextAdhoc = ADHOC_FIRST_NO;
  private owed = 0;
  /** Worlds still to advance in the tick under way (empty between ticks). */
  private partial: string[] = [];
  private readonly keyframePhase: number;

  constructor(
    private readonly store: Store,
    private readonly out: DrillOutput,
    opts: { code: string; loaded: LoadedScenario; seed: number; mode: DrillMode; status?: DrillStatus; speed?: number },
  ) {
    this.code = opts.code;
    this.loaded = opts.loaded;
    this.seed = opts.seed;
    this.mode = opts.mode;
    this.status = opts.status ?? 'lobby';
    this.speed = opts.speed ?? 1;
    let h = 0;
    for (const ch of this.code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    this.keyframePhase = KEYFRAME_PHASES[h % KEYFRAME_PHASES.length];
    const sc = this.loaded.scenario;
    for (const t of sc.teams) {
      const worldId = this.mode === 'joint' ? 'joint' : t.id;
      this.teamWorld.set(t.id, worldId);
      this.timelines.set(t.id, []);
      if (!this.worlds.has(worldId)) {
        this.worlds.set(worldId, createWorld(sc, this.seed));
        this.schedules.set(worldId, this.loaded.msel.map((row) => ({ row, dueTick: this.minuteToTick(row.minute), status: 'pending', firedTick: -1 })));
        this.commandHistory.set(worldId, []);
        this.series.set(worldId, []);
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

  private minuteToTick(minute: number): number {
    return Math.round((minute * 60) / this.scenario.tickSeconds);
  }

  teamsOf(worldId: string): string[] {
    return this.scenario.teams.filter((t) => this.teamWorld.get(t.id) === worldId).map((t) => t.id);
  }

  worldOf(teamId: string): World {
    return this.worlds.get(this.teamWorld.get(teamId)!)!;
  }

  private refreshLastSent(): void {
    for (const [worldId, w] of this.worlds) this.lastSent.set(worldId, projectTeamView(w, worldId));
  }

  // ---------- persistence: replay and keyframes ----------

  /** Rebuild from the log, starting from a keyframe when one is given: same engine, same log ⇒ same worlds. */
  restore(log: LogEntry[], untilTick: number, keyframe: { tick: number; blob: Buffer } | null): void {
    let fromTick = 0;
    if (keyframe) {
      this.loadKeyframe(keyframe.blob);
      fromTick = keyframe.tick;
    }
    const byTick = new Map<number, LogEntry[]>();
    let last = untilTick;
    for (const e of log) {
      if (e.kind === 'note') { this.notes.push(e.payload as Note); continue; }
      if (e.kind === 'clock' && (e.payload as { action: string }).action === 'archive') this.archived = true;
      if ((e.kind !== 'command' && e.kind !== 'inject') || e.tick < fromTick) continue;
      if (!byTick.has(e.tick)) byTick.set(e.tick, []);
      byTick.get(e.tick)!.push(e);
      if (e.tick > last) last = e.tick;
    }
    const queue = (entries: LogEntry[]) => {
      for (const e of entries) {
        if (e.kind === 'command') {
          const worldId = this.teamWorld.get(e.teamId!);
          if (worldId) this.pending.get(worldId)!.commands.push({ command: (e.payload as { command: Command }).command, teamId: e.teamId! });
        } else {
          // An inject action is logged once per world it targets, stamped with that world's tick.
          const worldId = e.teamId ? this.teamWorld.get(e.teamId) : undefined;
          this.queueOp(e.payload as InjectOp, worldId);
        }
      }
    };
    const end = Math.min(last, this.scenario.durationTicks);
    while (this.tick < end) {
      queue(byTick.get(this.tick) ?? []);
      this.advance(false);
    }
    // Entries logged at the tick the clock had reached when the process stopped apply at the next step.
    queue(byTick.get(this.tick) ?? []);
    this.refreshLastSent();
  }

  keyframe(): Buffer {
    // The flood grid's kernel arrays are views into one buffer: keep that buffer once and re-create the views on load.
    // Unit route fields are a cache rebuilt identically after load (ROUTE_REFRESH_TICKS divides KEYFRAME_EVERY and every phase).
    const worlds = [...this.worlds].map(([id, w]) => [id, { ...w, scenario: null, events: [], flood: withoutKernelViews(w.flood), unitRoutes: new Map() }]);
    const memory: DrillMemory = {
      schedules: [...this.schedules], commandHistory: [...this.commandHistory], timelines: [...this.timelines],
      series: [...this.series], nextAdhoc: this.nextAdhoc,
    };
    // Deflated: typed arrays full of zeros and repeats shrink about 8× (4.3 MB → 0.5 MB for three Pariaman worlds),
    // and the smaller write costs less than the compression.
    return deflateRawSync(serialize({ worlds, memory }), { level: 1 });
  }

  private loadKeyframe(blob: Buffer): void {
    const { worlds, memory } = deserialize(inflateRawSync(blob)) as { worlds: [string, World][]; memory: DrillMemory };
    for (const [id, w] of worlds) {
      w.scenario = this.scenario;
      reattachKernelViews(w.flood);
      this.worlds.set(id, w);
    }
    this.schedules = new Map(memory.schedules);
    this.commandHistory = new Map(memory.commandHistory);
    this.timelines = new Map(memory.timelines);
    this.series = new Map(memory.series);
    this.nextAdhoc = memory.nextAdhoc;
  }

  // ---------- people and views ----------

  state(seats: Seat[]): DrillState {
    return {
      code: this.code,
      scenarioId: this.scenario.id,
      title: this.scenario.title,
      mode: this.mode,
      status: this.status,
      archived: this.archived,
      tick: this.tick,
      durationTicks: this.scenario.durationTicks,
      speed: this.speed,
      teams: this.scenario.teams.map((t) => ({
        id: t.id,
        name: t.name,
        players: seats.filter((s) => s.teamId === t.id).map((s) => ({ name: s.name, role: s.role, online: (this.online.get(s.tokenHash) ?? 0) > 0 })),
      })),
    };
  }

  setOnline(tokenHash: string, delta: 1 | -1): void {
    this.online.set(tokenHash, Math.max(0, (this.online.get(tokenHash) ?? 0) + delta));
  }

  /** A full view for a team joining or coming back: the current state, with the water exactly as the deltas that
   *  follow will assume it. */
  snapshot(teamId: string, role?: string): ViewSnapshot {
    const view = projectTeamView(this.worldOf(teamId), teamId, true).view;
    const sent = this.lastSent.get(this.teamWorld.get(teamId)!);
    if (sent && sent.view.tick === view.tick) view.water = Buffer.from(sent.water).toString('base64');
    // The team's recent feed, so a reload or a reconnect restores "Kabar masuk" (a role sees only what it was sent).
    const tl = this.timelines.get(teamId) ?? [];
    const feed = tl.filter((x) => !x.toRole || !role || x.toRole === role).slice(-SNAPSHOT_FEED);
    return { map: mapInfo(this.scenario), view, feed };
  }

  hashes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [worldId, w] of this.worlds) out[worldId] = hashWorld(w);
    return out;
  }

  msel(): MselRowState[] {
    // Ad-hoc rows may exist in one world only, so rows are matched by number, not position.
    const rows = new Map<number, ScheduledInject['row']>();
    for (const list of this.schedules.values()) for (const s of list) if (!rows.has(s.row.no)) rows.set(s.row.no, s.row);
    return [...rows.values()].sort((a, b) => a.no - b.no).map((row) => ({
      no: row.no,
      minute: row.minute,
      condition: row.condition ? JSON.stringify(row.condition) : null,
      method: row.method,
      from: row.from,
      to: row.to,
      message: row.message,
      expectedAction: row.expectedAction,
      effect: row.effect ? row.effect.kind : null,
      byWorld: [...this.schedules].flatMap(([worldId, list]) => {
        const s = list.find((x) => x.row.no === row.no);
        return s ? [{ worldId, status: s.status, dueTick: s.dueTick, firedTick: s.firedTick }] : [];
      }),
    }));
  }

  // ---------- facilitator actions ----------

  /** Clock control. Each change is logged before it takes effect. */
  clock(action: 'start' | 'pause' | 'resume' | 'speed' | 'end' | 'archive', speed?: number): { ok: true } | { ok: false; message: string } {
    const allowed: Record<typeof action, DrillStatus[]> = {
      start: ['lobby'], pause: ['running'], resume: ['paused'], speed: ['lobby', 'running', 'paused'], end: ['lobby', 'running', 'paused'], archive: ['ended'],
    };
    if (!allowed[action].includes(this.status)) return { ok: false, message: `cannot ${action} a drill that is ${this.status}` };
    if (action === 'speed' && speed === undefined) return { ok: false, message: 'speed: a number of ticks per second is required' };
    this.store.append({ code: this.code, tick: this.tick, kind: 'clock', teamId: null, clientId: null, actor: 'facilitator', payload: { action, speed } });
    if (action === 'start' || action === 'resume') this.status = 'running';
    if (action === 'pause') this.status = 'paused';
    if (action === 'speed') this.speed = speed!;
    if (action === 'archive') { this.archived = true; this.store.updateDrill(this.code, { archived: true }); }
    if (action === 'end') this.finish();
    this.store.updateDrill(this.code, { status: this.status, speed: this.speed, tick: this.tick });
    return { ok: true };
  }

  private finish(): void {
    // Complete a tick under way so every world ends at the same tick (and replay ends where live did).
    for (const worldId of this.partial.splice(0)) this.advanceWorld(worldId, this.worlds.get(worldId)!, true);
    this.status = 'ended';
    this.owed = 0;
    this.store.updateDrill(this.code, { status: 'ended', tick: this.tick });
    const msg = { code: this.code };
    for (const t of this.scenario.teams) this.out.toTeam(this.code, t.id, S2C.drillEnded, msg);
    this.out.toFacilitators(this.code, S2C.drillEnded, msg);
  }

  /** Fire, delay or skip an MSEL row, or add an ad-hoc inject: logged now, applied at the start of the next step. */
  injectOp(op: InjectOp): { ok: true; no: number } | { ok: false; message: string } {
    if (this.status === 'ended') return { ok: false, message: 'the drill has ended' };
    if (op.teamId && !this.teamWorld.has(op.teamId)) return { ok: false, message: `teamId: no team "${op.teamId}"` };
    if (op.op !== 'adhoc') {
      const row = this.schedules.values().next().value!.find((s) => s.row.no === op.no);
      if (!row) return { ok: false, message: `no: no MSEL row ${op.no}` };
    } else {
      const to = op.row.to;
      if (to !== 'all' && !this.teamWorld.has(to) && !(TEAM_ROLES as readonly string[]).includes(to)) {
        return { ok: false, message: `row.to: "${to}" — expected all, a team id or a role (${TEAM_ROLES.join(', ')})` };
      }
      const problem = op.row.effect ? this.checkEffect(op.row.effect) : null;
      if (problem) return { ok: false, message: `row.effect: ${problem}` };
    }
    const logged: InjectOp = op.op === 'adhoc' ? { ...op, row: { ...op.row, no: this.nextAdhoc } } : op;
    // One entry per target world, stamped with that world's own tick, so replay applies it exactly where live did.
    const targets = op.teamId ? [this.teamWorld.get(op.teamId)!] : [...this.worlds.keys()];
    for (const worldId of targets) {
      this.store.append({
        code: this.code, tick: this.worlds.get(worldId)!.tick, kind: 'inject', teamId: this.teamsOf(worldId)[0],
        clientId: null, actor: 'facilitator', payload: logged,
      });
      // Skip and delay change only the schedule: applied now, so the control room shows them at once even while
      // paused. Replay applies them at the start of the same tick, before anything reads the schedule: same result.
      if (logged.op === 'skip' || logged.op === 'delay') this.scheduleOp(logged, worldId);
      else this.queueOp(logged, worldId);
    }
    if (logged.op === 'skip' || logged.op === 'delay') this.out.toFacilitators(this.code, S2C.mselState, this.msel());
    return { ok: true, no: logged.op === 'adhoc' ? logged.row.no : logged.no };
  }

  private checkEffect(e: InjectEffect): string | null {
    if (e.kind === 'unit_unavailable' && !this.scenario.ngos.some((n) => n.units.some((u) => u.id === e.unitId))) return `no unit "${e.unitId}"`;
    return null;
  }

  /** A skip or delay of an MSEL row in one world (a delay counts from the later of its due time and now). */
  private scheduleOp(op: InjectOp, worldId: string): void {
    if (op.op !== 'skip' && op.op !== 'delay') return;
    const s = this.schedules.get(worldId)?.find((x) => x.row.no === op.no);
    if (!s || s.status !== 'pending') return;
    if (op.op === 'skip') s.status = 'skipped';
    else if (op.op === 'delay') s.dueTick = Math.max(s.dueTick, this.worlds.get(worldId)!.tick) + this.minuteToTick(op.minutes);
  }

  private queueOp(op: InjectOp, worldId: string | undefined): void {
    if (op.op === 'adhoc') this.nextAdhoc = Math.max(this.nextAdhoc, op.row.no + 1);
    if (worldId) this.pending.get(worldId)?.ops.push(op);
  }

  /** An evaluator's or facilitator's observation; part of the log, shown in the debrief. */
  addNote(note: Note): void {
    this.store.append({ code: this.code, tick: this.tick, kind: 'note', teamId: note.teamId ?? null, clientId: null, actor: note.by, payload: note });
    this.notes.push(note);
    this.out.toFacilitators(this.code, S2C.note, note);
  }

  /**
   * A team's command: rights for the team checked, then the engine's own check, then logged durably, then
   * acknowledged. Applied at the start of the next step. A clientId seen before returns the first answer.
   */
  submit(seat: Seat, clientId: string, command: Command): CommandResult {
    const earlier = this.store.findCommand(this.code, clientId);
    if (earlier) {
      if (earlier.teamId !== seat.teamId) return { ok: false, code: 'forbidden', message: 'clientId: already used by another team' };
      return { ok: true, tick: earlier.tick, duplicate: true };
    }
    if (this.status === 'ended') return { ok: false, code: 'wrong_state', message: 'the drill has ended' };
    if (this.status === 'lobby') return { ok: false, code: 'wrong_state', message: 'the drill has not started yet' };
    const team = this.scenario.teams.find((t) => t.id === seat.teamId)!;
    if (this.mode === 'joint' && team.commands && !team.commands.includes(command.type)) {
      return { ok: false, code: 'forbidden', message: `in this joint drill, ${team.name} is not responsible for "${command.type}"` };
    }
    const worldId = this.teamWorld.get(seat.teamId)!;
    const w = this.worlds.get(worldId)!;
    const refusal = checkCommand(w, command);
    if (refusal) return { ok: false, code: 'refused', message: `refused: ${refusal.code}${refusal.detail ? ` (${refusal.detail})` : ''}`, refusal };
    this.store.append({
      code: this.code, tick: w.tick, kind: 'command', teamId: seat.teamId, clientId, actor: seat.tokenHash,
      payload: { command, by: seat.name, role: seat.role },
    });
    this.pending.get(worldId)!.commands.push({ command, teamId: seat.teamId });
    const item: FeedItem = { teamId: seat.teamId, tick: w.tick, kind: 'command', event: describeCommand(command), by: seat.name };
    for (const t of this.teamsOf(worldId)) this.pushFeed(t, { ...item }, true);
    return { ok: true, tick: w.tick, duplicate: false };
  }

  // ---------- the clock ----------

  /** The clock's share: real seconds elapsed become ticks owed at the drill's speed (at most a few after a stall). */
  accrue(seconds: number): void {
    if (this.status !== 'running') return;
    this.owed = Math.min(this.owed + seconds * this.speed, 5);
  }

  /** True while some worlds have advanced this tick and others not yet. */
  get midTick(): boolean {
    return this.partial.length > 0;
  }

  /** True when a tick is owed or one is half done. */
  get due(): boolean {
    return this.status === 'running' && (this.partial.length > 0 || this.owed >= 1);
  }

  /**
   * Advances one world by one owed tick: the clock's unit of work, small enough that socket messages are answered
   * between worlds. When the last world of the tick is done: keyframe when due, the end, the tick in the store.
   */
  stepOwed(): void {
    if (!this.due) return;
    if (this.partial.length === 0) {
      this.owed -= 1;
      this.partial = [...this.worlds.keys()];
    }
    const worldId = this.partial.shift()!;
    this.advanceWorld(worldId, this.worlds.get(worldId)!, true);
    if (this.partial.length > 0) return;
    if ((this.tick + this.keyframePhase) % KEYFRAME_EVERY === 0) this.store.putKeyframe(this.code, this.tick, this.keyframe());
    if (this.tick >= this.scenario.durationTicks) this.finish();
    else this.store.updateDrill(this.code, { tick: this.tick });
  }

  /** One tick for every world: facilitator inject actions, injects due, team commands, engine step, then frames. */
  private advance(live: boolean): void {
    for (const [worldId, w] of this.worlds) this.advanceWorld(worldId, w, live);
  }

  private advanceWorld(worldId: string, w: World, live: boolean): void {
    const tick = w.tick;
    const p = this.pending.get(worldId)!;
    const schedule = this.schedules.get(worldId)!;
    const fireNow = new Set<number>();
    for (const op of p.ops.splice(0)) {
      if (op.op === 'adhoc') {
        schedule.push({ row: { ...op.row, minute: (tick * this.scenario.tickSeconds) / 60 }, dueTick: tick, status: 'pending', firedTick: -1 });
        fireNow.add(op.row.no);
        continue;
      }
      if (op.op === 'fire') {
        const s = schedule.find((x) => x.row.no === op.no);
        if (s && s.status === 'pending') fireNow.add(op.no);
      } else this.scheduleOp(op, worldId);
    }
    for (const s of schedule) {
      if (s.status !== 'pending') continue;
      const due = fireNow.has(s.row.no) || (s.dueTick <= tick && (!s.row.condition || conditionHolds(w, s.row.condition)));
      if (due) this.fire(worldId, w, s, live);
    }
    const cmds = p.commands.splice(0);
    const history = this.commandHistory.get(worldId)!;
    for (const c of cmds) history.push({ tick, type: c.command.type, teamId: c.teamId });
    const events = step(w, cmds.map((c) => c.command));
    for (const ev of events) for (const t of this.teamsOf(worldId)) this.pushFeed(t, eventFeed(t, ev), live);
    if (w.tick % SERIES_EVERY === 0) {
      const m = computeMetrics(w);
      this.series.get(worldId)!.push({ tick: w.tick, score: m.score, safeShare: m.metrics[0].value, sheltered: m.sheltered });
    }
    if (live) {
      const next = projectTeamView(w, worldId);
      const delta = diffViews(this.lastSent.get(worldId)!, next);
      this.lastSent.set(worldId, next);
      // Reliable, not volatile: each delta builds on the one before, so a dropped frame would corrupt the view.
      for (const t of this.teamsOf(worldId)) {
        const d = { ...delta, teamId: t };
        this.out.toTeam(this.code, t, S2C.viewDelta, d);
        this.out.toFacilitators(this.code, S2C.viewDelta, d);
      }
    }
  }

  private fire(worldId: string, w: World, s: ScheduledInject, live: boolean): void {
    s.status = 'fired';
    s.firedTick = w.tick;
    let problem: string | null = null;
    if (s.row.effect) problem = applyEffect(w, s.row.effect);
    const to = s.row.to;
    const role = (TEAM_ROLES as readonly string[]).includes(to) ? to : null;
    for (const t of this.teamsOf(worldId)) {
      if (to !== 'all' && !role && to !== t) continue;
      const item: FeedItem = {
        teamId: t, tick: w.tick, kind: 'inject', no: s.row.no, from: s.row.from, method: s.row.method, text: s.row.message,
        ...(role ? { toRole: role } : {}),
        ...(s.row.effect ? { effect: s.row.effect.kind } : {}),
        ...(problem ? { problem } : {}),
      };
      this.pushFeed(t, item, live, role);
    }
    if (live) this.out.toFacilitators(this.code, S2C.mselState, this.msel());
  }

  private pushFeed(teamId: string, item: FeedItem, live: boolean, role: string | null = null): void {
    const tl = this.timelines.get(teamId)!;
    if (tl.length < TIMELINE_LIMIT) tl.push(item);
    if (!live) return;
    if (role) this.out.toRole(this.code, teamId, role, S2C.feed, item);
    else this.out.toTeam(this.code, teamId, S2C.feed, item);
    this.out.toFacilitators(this.code, S2C.feed, item);
  }

  debrief(): Debrief {
    const sc = this.scenario;
    return {
      code: this.code,
      title: sc.title,
      mode: this.mode,
      status: this.status,
      endedAtTick: this.tick,
      officialAlertTick: sc.officialAlertTick,
      notes: [...this.notes],
      teams: sc.teams.map((t) => {
        const worldId = this.teamWorld.get(t.id)!;
        const w = this.worlds.get(worldId)!;
        const m = computeMetrics(w);
        return {
          id: t.id,
          name: t.name,
          score: m.score,
          metrics: m.metrics.map((x) => ({ id: x.id, value: x.value, raw: x.raw })),
          population: m.population,
          sheltered: m.sheltered,
          rescued: m.rescued,
          exposed: m.exposed,
          firstWarningMinute: w.firstWarningTick >= 0 ? (w.firstWarningTick * sc.tickSeconds) / 60 : null,
          expectations: evaluateExpectations(this.schedules.get(worldId)!, this.commandHistory.get(worldId)!, w.tick, sc.tickSeconds),
          series: [...this.series.get(worldId)!],
          timeline: [...this.timelines.get(t.id)!],
        };
      }),
    };
  }
}

function describeCommand(c: Command): FeedItem['event'] {
  const base: Record<string, unknown> = { kind: c.type };
  if ('areas' in c && Array.isArray(c.areas)) base.area = c.areas.join(', ');
  if ('area' in c && typeof c.area === 'string') base.area = c.area;
  if ('shelterId' in c) base.shelter = c.shelterId;
  if ('unitId' in c) base.unit = c.unitId;
  if ('channel' in c) base.channel = c.channel;
  if ('level' in c) base.level = c.level;
  // What the player wrote (a warning's text, a clarification, a complaint answer) shows in the team's feed.
  if ('message' in c && typeof c.message === 'string' && c.message) base.text = c.message;
  return base as FeedItem['event'];
}

function eventFeed(teamId: string, ev: WorldEvent): FeedItem {
  const { tick, ...rest } = ev;
  return { teamId, tick, kind: 'event', event: rest as FeedItem['event'] };
}

export type { MselRow };
