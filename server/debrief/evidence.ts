// The evidence behind each metric of a team, for a click in the debrief: the metric's own explanation (value, raw
// figure, weight, formula and named inputs, as server/sim/metrics.ts computes them) plus the world events of the drill
// that moved it (which warnings reached whom, where people were stranded or hurt, which tasks and meetings happened).
import type { Drill } from '../drill/drill.ts';
import type { FeedItem } from '../protocol/messages.ts';
import { computeMetrics, explainMetrics, type MetricDetail } from '../sim/index.ts';

/** World event kinds (server/sim/world.ts) that bear on each metric. */
export const EVENTS_BY_METRIC: Record<string, string[]> = {
  residentsSafe: ['stranded', 'casualties', 'flooded', 'order'],
  lifeSafety: ['casualties', 'stranded'],
  timeToWarning: ['warning', 'flooded'],
  warningReach: ['warning', 'flooded'],
  evacuation90: ['order', 'turned_away', 'stranded'],
  vulnerableParity: ['warning', 'order', 'stranded'],
  shelterSpace: ['shelter_opened', 'shelter_closed', 'turned_away', 'order'],
  wash: ['resupply_ordered', 'shelter_opened'],
  shelterHealth: ['resupply_ordered', 'turned_away'],
  coordination: ['unit_tasked', 'unit_queued', 'meeting', 'posko'],
  commandTempo: ['status', 'posko', 'meeting'],
  publicTrust: ['clarification', 'complaint_answered', 'warning'],
  sitrepAccuracy: ['sitrep'],
};

export interface MetricEvidence {
  id: string;
  value: number | null;
  raw: number | null;
  weight: number | null;
  effectiveWeight: number | null;
  formula: { key: string; text: { id: string; en: string } } | null;
  inputs: Record<string, number | null>;
  events: FeedItem[];
  /** The world's own records behind the metric: warnings by area and channel, households caught in the water
   *  (where, when, how long), duplicated deployments, sitreps against the truth… (server/sim/metrics/evidence.ts). */
  detail: MetricDetail | null;
}

export function evidenceOf(d: Drill, teamId: string): { score: number; metrics: MetricEvidence[] } {
  const w = d.worldOf(teamId);
  const m = computeMetrics(w, { final: d.status === 'ended' });
  const details = new Map(explainMetrics(w).map((e) => [e.id as string, e.detail]));
  const timeline = d.debrief().teams.find((t) => t.id === teamId)?.timeline ?? [];
  return {
    score: m.score,
    metrics: m.metrics.map((x) => {
      const more = x as unknown as { weight?: number; effectiveWeight?: number; formula?: MetricEvidence['formula']; inputs?: Record<string, number | null> };
      const kinds = EVENTS_BY_METRIC[x.id] ?? [];
      return {
        id: x.id, value: (x.value as number | null) ?? null, raw: x.raw, weight: more.weight ?? null, effectiveWeight: more.effectiveWeight ?? null,
        formula: more.formula ?? null, inputs: more.inputs ?? {},
        events: timeline.filter((i) => i.kind === 'event' && i.event && kinds.includes(i.event.kind)).slice(0, 200),
        detail: details.get(x.id) ?? null,
      };
    }),
  };
}
