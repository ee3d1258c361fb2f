// What a drill's debrief needs beyond the worlds themselves, all derived from the log: the commands each world
// applied and when (for inject expectations), the score series (charts) and the refused commands (kind 'refused'
// in the log, never replayed into a world). Rebuilt identically by replay (docs/architecture.md#derived-state).
import { computeMetrics } from '../sim/index.ts';
import type { Command, World } from '../sim/index.ts';
import type { DebriefTeam } from '../protocol/messages.ts';

/** Score series sampling interval in ticks (debrief charts). */
export const SERIES_EVERY = 5;
/** Refused commands kept per team for the debrief. */
export const REFUSALS_LIMIT = 1000;

export interface AppliedCommand {
  tick: number;
  type: string;
  teamId: string;
  /** The command itself and who gave it (for expectations that name an area, unit or shelter). */
  command?: Command;
  by?: string;
}

/** A command the server or the engine refused, as logged. */
export interface RefusedCommand {
  tick: number;
  type: string;
  by: string;
  role: string;
  /** forbidden (the team may not, joint mode) or refused (the engine said no, with its refusal code). */
  reason: 'forbidden' | 'refused';
  refusal?: { code: string; detail?: string };
}

export class DrillHistory {
  private commands = new Map<string, AppliedCommand[]>();
  private series = new Map<string, DebriefTeam['series']>();
  private refusals = new Map<string, RefusedCommand[]>();

  addWorld(worldId: string): void {
    this.commands.set(worldId, []);
    this.series.set(worldId, []);
  }

  applied(worldId: string, c: AppliedCommand): void {
    this.commands.get(worldId)!.push(c);
  }

  commandsOf(worldId: string): AppliedCommand[] {
    return this.commands.get(worldId) ?? [];
  }

  /** After a step: a point of the score series every SERIES_EVERY ticks. */
  sample(worldId: string, w: World): void {
    if (w.tick % SERIES_EVERY !== 0) return;
    const m = computeMetrics(w);
    this.series.get(worldId)!.push({ tick: w.tick, score: m.score, safeShare: m.metrics[0].value, sheltered: m.sheltered });
  }

  seriesOf(worldId: string): DebriefTeam['series'] {
    return [...(this.series.get(worldId) ?? [])];
  }

  refused(teamId: string, r: RefusedCommand): void {
    const list = this.refusals.get(teamId) ?? [];
    if (list.length < REFUSALS_LIMIT) list.push(r);
    this.refusals.set(teamId, list);
  }

  refusalsOf(teamId: string): RefusedCommand[] {
    return [...(this.refusals.get(teamId) ?? [])];
  }

  /** Commands and series go into keyframes; refusals are rebuilt from the whole log on every restore. */
  save(): { commands: [string, AppliedCommand[]][]; series: [string, DebriefTeam['series']][] } {
    return { commands: [...this.commands], series: [...this.series] };
  }

  load(saved: ReturnType<DrillHistory['save']>): void {
    this.commands = new Map(saved.commands);
    this.series = new Map(saved.series);
  }
}
