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
import { evaluateExpectations } from './inject.ts';

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
        expectations: evaluateExpectations(p.injects.scheduleOf(worldId), p.history.commandsOf(worldId), w.tick, sc.tickSeconds),
        series: p.history.seriesOf(worldId),
        timeline: p.feed.timeline(t.id),
        refusals: p.history.refusalsOf(t.id).map(({ tick, type, by, role, reason, refusal }) => ({ tick, type, by, role, reason, ...(refusal ? { refusal } : {}) })),
      };
    }),
  };
}
