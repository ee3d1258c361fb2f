// A drill's debrief: per team, the score and metrics with the figures behind them, inject expectations, the score
// series, the timeline and the refused commands, all derived from the worlds and the log (so the same after a
// restart). Who may read which part is decided by the rights gate (server/protocol/rights-gate.ts).
import { computeMetrics } from '../sim/index.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { World } from '../sim/index.ts';
import type { Debrief, DrillMode, DrillStatus, Note, ReadOnlyInfo } from '../protocol/messages.ts';
import type { DrillFeed } from './drill-feed.ts';
import type { DrillHistory } from './drill-history.ts';
import type { InjectBoard } from './drill-injects.ts';
import { judgeExpectations } from './expectation.ts';

export interface DebriefParts {
  code: string;
  scenario: Scenario;
  mode: DrillMode;
  status: DrillStatus;
  tick: number;
  notes: readonly Note[];
  readOnly: ReadOnlyInfo | null;
  teamWorld: ReadonlyMap<string, string>;
  worlds: ReadonlyMap<string, World>;
  injects: InjectBoard;
  history: DrillHistory;
  feed: DrillFeed;
  /** Who holds which seat: an inject to a role nobody in the team holds was never delivered (expectation.ts). */
  seats?: readonly { teamId: string; role: string }[];
}

export function buildDebrief(p: DebriefParts): Debrief {
  const sc = p.scenario;
  return {
    code: p.code,
    title: sc.title,
    mode: p.mode,
    status: p.status,
    endedAtTick: p.tick,
    officialAlertTick: sc.officialAlertTick,
    ...(p.readOnly ? { readOnly: p.readOnly } : {}),
    notes: [...p.notes],
    teams: sc.teams.map((t) => {
      const worldId = p.teamWorld.get(t.id)!;
      const w = p.worlds.get(worldId)!;
      // An ended drill's score is final even when the facilitator ended it early (metrics.ts: weights redistributed).
      const m = computeMetrics(w, { final: p.status === 'ended' });
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
        expectations: judgeExpectations({
          teamId: t.id, schedule: p.injects.scheduleOf(worldId), nowTick: w.tick, tickSeconds: sc.tickSeconds,
          commands: p.history.commandsOf(worldId).map((c) => ({ tick: c.tick, command: c.command ?? { type: c.type }, by: c.by })),
          roles: p.seats ? p.seats.filter((s) => s.teamId === t.id).map((s) => s.role) : null,
        }),
        series: p.history.seriesOf(worldId),
        timeline: p.feed.timeline(t.id),
        refusals: p.history.refusalsOf(t.id).map(({ tick, type, by, role, reason, refusal }) => ({ tick, type, by, role, reason, ...(refusal ? { refusal } : {}) })),
      };
    }),
  };
}
