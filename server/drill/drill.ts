// One drill: its worlds (one per team in parallel mode), its clock, its log, and what it sends to whom.
// It talks to the network only through DrillOutput, and to storage only through Store.
import type { Command } from '../sim/command.ts';
import { hashWorld } from '../sim/hash.ts';
import { computeMetrics } from '../sim/metrics.ts';
import { checkCommand, createWorld, step, type World, type WorldEvent } from '../sim/world.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import type { Debrief, DebriefTeam, DrillState, DrillStatus, FeedItem, ViewSnapshot } from '../protocol/messages.ts';
import { S2C } from '../protocol/messages.ts';
import type { LogEntry, Seat, Store } from '../store/store.ts';
import { diffViews, mapInfo, projectTeamView, type ProjectedView } from './view.ts';

export interface DrillOutput {
  toTeam(code: string, teamId: string, event: string, payload: unknown, volatile?: boolean): void;
  toFacilitators(code: string, event: string, payload: unknown, volatile?: boolean): void;
}

/** Score series sampling interval in ticks (debrief charts). */
const SERIES_EVERY = 5;
/** Feed items kept per team for the debrief timeline. */
const TIMELINE_LIMIT = 2000;

export type CommandResult =
  | { ok: true; tick: number; duplicate: boolean }
  | { ok: false; code: 'refused' | 'wrong_state'; message: string; refusal?: { code: string; detail?: string } };

export class Drill {
  readonly code: string;
  readonly loaded: LoadedScenario;
  readonly seed: number;
  status: DrillStatus;
  speed: number;
  readonly worlds = new Map<string, World>();
  private readonly lastSent = new Map<string, ProjectedView>();
  private readonly pending = new Map<string, { command: Command; entry: LogEntry }[]>();
  readonly timelines = new Map<string, FeedItem[]>();
  readonly series = new Map<string, DebriefTeam['series']>();
  private readonly online = new Map<string, number>(); // seat token hash → open sockets
  private owed = 0;

  constructor(
    private readonly store: Store,
    private readonly out: DrillOutput,
    code: string,
    loaded: LoadedScenario,
    seed: number,
    status: DrillStatus = 'lobby',
    speed = 1,
  ) {
    this.code = code;
    this.loaded = loaded;
    this.seed = seed;
    this.status = status;
    this.speed = speed;
    for (const t of loaded.scenario.teams) {
      this.worlds.set(t.id, createWorld(loaded.scenario, seed));
      this.pending.set(t.id, []);
      this.timelines.set(t.id, []);
      this.series.set(t.id, []);
    }
    for (const [teamId, w] of this.worlds) this.lastSent.set(teamId, projectTeamView(w, teamId));
  }

  get tick(): number {
    return this.worlds.values().next().value!.tick;
  }

  get scenario() {
    return this.loaded.scenario;
  }

  /** Rebuild from the log: the same engine over the same commands gives the same worlds (DESIGN.md). */
  replay(log: LogEntry[], untilTick: number): void {
    const byTick = new Map<number, LogEntry[]>();
    let last = untilTick;
    for (const e of log) {
      if (e.kind !== 'command') continue;
      if (!byTick.has(e.tick)) byTick.set(e.tick, []);
      byTick.get(e.tick)!.push(e);
      if (e.tick > last) last = e.tick;
    }
    const end = Math.min(last, this.scenario.durationTicks);
    while (this.tick < end) {
      const entries = byTick.get(this.tick) ?? [];
      for (const e of entries) this.pending.get(e.teamId!)?.push({ command: (e.payload as { command: Command }).command, entry: e });
      this.advance(false);
    }
    // Commands logged for the tick the clock had reached when the process stopped apply at the next step.
    for (const e of byTick.get(this.tick) ?? []) this.pending.get(e.teamId!)?.push({ command: (e.payload as { command: Command }).command, entry: e });
    for (const [teamId, w] of this.worlds) this.lastSent.set(teamId, projectTeamView(w, teamId));
  }

  state(seats: Seat[]): DrillState {
    return {
      code: this.code,
      scenarioId: this.scenario.id,
      title: this.scenario.title,
      status: this.status,
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

  snapshot(teamId: string): ViewSnapshot {
    const w = this.worlds.get(teamId)!;
    return { map: mapInfo(this.scenario), view: projectTeamView(w, teamId).view };
  }

  hashes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [teamId, w] of this.worlds) out[teamId] = hashWorld(w);
    return out;
  }

  /** Clock control. Each change is logged before it takes effect. */
  clock(action: 'start' | 'pause' | 'resume' | 'speed' | 'end', speed?: number): { ok: true } | { ok: false; message: string } {
    const allowed: Record<typeof action, DrillStatus[]> = {
      start: ['lobby'], pause: ['running'], resume: ['paused'], speed: ['lobby', 'running', 'paused'], end: ['lobby', 'running', 'paused'],
    };
    if (!allowed[action].includes(this.status)) return { ok: false, message: `cannot ${action} a drill that is ${this.status}` };
    if (action === 'speed' && speed === undefined) return { ok: false, message: 'speed: a number of ticks per second is required' };
    this.store.append({ code: this.code, tick: this.tick, kind: 'clock', teamId: null, clientId: null, actor: 'facilitator', payload: { action, speed } });
    if (action === 'start' || action === 'resume') this.status = 'running';
    if (action === 'pause') this.status = 'paused';
    if (action === 'speed') this.speed = speed!;
    if (action === 'end') this.finish();
    this.store.updateDrill(this.code, { status: this.status, speed: this.speed, tick: this.tick });
    return { ok: true };
  }

  private finish(): void {
    this.status = 'ended';
    this.owed = 0;
    this.store.updateDrill(this.code, { status: 'ended', tick: this.tick });
    const msg = { code: this.code };
    for (const t of this.scenario.teams) this.out.toTeam(this.code, t.id, S2C.drillEnded, msg);
    this.out.toFacilitators(this.code, S2C.drillEnded, msg);
  }

  /**
   * A team's command: checked by the engine, logged durably, then acknowledged. It is applied at the start of the
   * next step, stamped with the tick that step computes. A clientId seen before returns the first answer.
   */
  submit(seat: Seat, clientId: string, command: Command): CommandResult {
    const earlier = this.store.findCommand(this.code, clientId);
    if (earlier) return { ok: true, tick: earlier.tick, duplicate: true };
    if (this.status === 'ended') return { ok: false, code: 'wrong_state', message: 'the drill has ended' };
    const w = this.worlds.get(seat.teamId)!;
    const refusal = checkCommand(w, command);
    if (refusal) return { ok: false, code: 'refused', message: `refused: ${refusal.code}${refusal.detail ? ` (${refusal.detail})` : ''}`, refusal };
    const entry = this.store.append({
      code: this.code, tick: w.tick, kind: 'command', teamId: seat.teamId, clientId, actor: seat.tokenHash,
      payload: { command, by: seat.name, role: seat.role },
    });
    this.pending.get(seat.teamId)!.push({ command, entry });
    this.pushFeed(seat.teamId, { teamId: seat.teamId, tick: w.tick, kind: 'command', event: { kind: command.type, ...describeCommand(command) }, by: seat.name }, true);
    return { ok: true, tick: w.tick, duplicate: false };
  }

  /** Called by the registry's clock with the real seconds elapsed. Advances as many ticks as the speed owes. */
  pump(seconds: number): void {
    if (this.status !== 'running') return;
    this.owed += seconds * this.speed;
    let steps = 0;
    while (this.owed >= 1 && steps < 5 && this.status === 'running') {
      this.owed -= 1;
      steps++;
      this.advance(true);
      if (this.tick >= this.scenario.durationTicks) this.finish();
    }
    if (this.owed > 5) this.owed = 5; // never try to catch up more than a few ticks after a stall
    if (steps > 0 && this.status === 'running') this.store.updateDrill(this.code, { tick: this.tick });
  }

  /** One tick for every world: injects due, commands, engine step, then frames to the teams. */
  private advance(live: boolean): void {
    const tick = this.tick;
    const minute = (tick * this.scenario.tickSeconds) / 60;
    const nextMinute = ((tick + 1) * this.scenario.tickSeconds) / 60;
    const injects = this.loaded.msel.filter((r) => r.minute >= minute && r.minute < nextMinute);
    for (const [teamId, w] of this.worlds) {
      for (const r of injects) {
        this.pushFeed(teamId, { teamId, tick, kind: 'inject', from: r.from, method: r.method, text: r.message }, live);
      }
      const cmds = this.pending.get(teamId)!.splice(0).map((p) => p.command);
      const events = step(w, cmds);
      for (const ev of events) if (ev.kind !== 'refused' || live) this.pushFeed(teamId, eventFeed(teamId, ev), live);
      if (w.tick % SERIES_EVERY === 0) {
        const m = computeMetrics(w);
        this.series.get(teamId)!.push({ tick: w.tick, score: m.score, safeShare: m.metrics[0].value, sheltered: m.sheltered });
      }
      if (live) {
        const next = projectTeamView(w, teamId);
        const delta = diffViews(this.lastSent.get(teamId)!, next);
        this.lastSent.set(teamId, next);
        // Reliable, not volatile: each delta builds on the one before, so a dropped frame would corrupt the view.
        this.out.toTeam(this.code, teamId, S2C.viewDelta, delta);
        this.out.toFacilitators(this.code, S2C.viewDelta, delta);
      }
    }
  }

  private pushFeed(teamId: string, item: FeedItem, live: boolean): void {
    const tl = this.timelines.get(teamId)!;
    if (tl.length < TIMELINE_LIMIT) tl.push(item);
    if (live) {
      this.out.toTeam(this.code, teamId, S2C.feed, item);
      this.out.toFacilitators(this.code, S2C.feed, item);
    }
  }

  debrief(): Debrief {
    const sc = this.scenario;
    return {
      code: this.code,
      title: sc.title,
      status: this.status,
      endedAtTick: this.tick,
      officialAlertTick: sc.officialAlertTick,
      teams: sc.teams.map((t) => {
        const w = this.worlds.get(t.id)!;
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
          series: [...this.series.get(t.id)!],
          timeline: [...this.timelines.get(t.id)!],
        };
      }),
    };
  }
}

function describeCommand(c: Command): FeedItem['event'] {
  switch (c.type) {
    case 'warn': return { kind: c.type, area: c.areas.join(', '), channel: c.channel, level: c.level };
    case 'evacuate': return { kind: c.type, area: c.areas.join(', '), shelter: c.shelterId };
    case 'task_unit': return { kind: c.type, unit: c.unitId, area: c.area };
    default: return { kind: (c as { type: string }).type };
  }
}

function eventFeed(teamId: string, ev: WorldEvent): FeedItem {
  return {
    teamId, tick: ev.tick, kind: 'event',
    event: { kind: ev.kind, area: ev.area, shelter: ev.shelter, unit: ev.unit, count: ev.count, channel: ev.channel, level: ev.level, refusal: ev.refusal },
  };
}
