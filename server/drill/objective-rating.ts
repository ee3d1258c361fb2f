// A suggested HSEEP rating per objective and team, from the objective's evidence: the metrics it names and the
// expectations of the MSEL rows it names (docs/scoring.md#objectives). The evaluator confirms or overrides it.
// HSEEP scale (FEMA, Homeland Security Exercise and Evaluation Program, 2020, ch. 5): P performed without
// challenges, S with some challenges, M with major challenges, U unable to be performed.
import type { Objective } from '../sim/scenario.ts';
import { RESULT_CREDIT, type ActionResult } from './expectation.ts';

export type Rating = 'P' | 'S' | 'M' | 'U';

/** Lowest evidence score (0–1) for each rating; below M is U. Gladi's design choice, documented in docs/scoring.md. */
export const RATING_THRESHOLDS = { P: 0.85, S: 0.65, M: 0.4 } as const;
/** Share of the evidence score that comes from the metrics when the objective has both metrics and injects
 *  (the rest from the injects): outcomes and responsiveness count alike (design choice). */
export const METRIC_SHARE = 0.5;

export interface MetricEvidence {
  id: string;
  /** 0–1, or null when it does not apply (left out of the mean). */
  value: number | null;
  raw: number | null;
  formulaKey: string | null;
}

export interface InjectEvidence {
  no: number;
  /** The judgement, or not_fired when the row never fired in this world (left out). */
  result: ActionResult | 'not_fired';
  /** met/anticipated 1, partly ½, missed 0; null = left out (open, undelivered, not fired). */
  credit: number | null;
  actions: { label: string; result: ActionResult; doneTick: number | null; by: string | null }[];
}

export interface ObjectiveSuggestion {
  objectiveId: string;
  teamId: string;
  /** null: no evidence applies yet, so nothing to suggest. */
  rating: Rating | null;
  /** 0–1 evidence score behind the rating, and its two parts. */
  score: number | null;
  metricScore: number | null;
  injectScore: number | null;
  evidence: { metrics: MetricEvidence[]; injects: InjectEvidence[] };
}

export function ratingOf(score: number | null): Rating | null {
  if (score === null) return null;
  if (score >= RATING_THRESHOLDS.P) return 'P';
  if (score >= RATING_THRESHOLDS.S) return 'S';
  if (score >= RATING_THRESHOLDS.M) return 'M';
  return 'U';
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** What the rating reads of an inject judgement (judgeExpectations' result, or the debrief's copy of it). */
export interface JudgedInject {
  no: number;
  result: ActionResult;
  actions?: { label: string; result: ActionResult; doneTick: number | null; by: string | null }[];
}

/** The suggestion for one objective and team, from the team's metrics and inject judgements. */
export function suggestRating(
  objective: Pick<Objective, 'id' | 'metrics' | 'injects'>, teamId: string,
  metrics: readonly { id: string; value: number | null; raw: number | null; formula?: { key: string } }[], expectations: readonly JudgedInject[],
): ObjectiveSuggestion {
  const mEvidence: MetricEvidence[] = objective.metrics.map((id) => {
    const m = metrics.find((x) => x.id === id);
    return { id, value: m?.value ?? null, raw: m?.raw ?? null, formulaKey: m?.formula?.key ?? null };
  });
  const iEvidence: InjectEvidence[] = objective.injects.map((no) => {
    const j = expectations.find((e) => e.no === no);
    if (!j) return { no, result: 'not_fired', credit: null, actions: [] };
    return {
      no, result: j.result, credit: RESULT_CREDIT[j.result],
      actions: (j.actions ?? []).map((a) => ({ label: a.label, result: a.result, doneTick: a.doneTick, by: a.by })),
    };
  });
  const metricScore = mean(mEvidence.flatMap((e) => (e.value === null ? [] : [e.value])));
  const injectScore = mean(iEvidence.flatMap((e) => (e.credit === null ? [] : [e.credit])));
  const score = metricScore !== null && injectScore !== null
    ? METRIC_SHARE * metricScore + (1 - METRIC_SHARE) * injectScore
    : metricScore ?? injectScore;
  return { objectiveId: objective.id, teamId, rating: ratingOf(score), score, metricScore, injectScore, evidence: { metrics: mEvidence, injects: iEvidence } };
}
