// Exercise objectives for the debrief and the AAR: each tied to a core capability and to the metrics that are its
// evidence; per team a suggested HSEEP rating (P/S/M/U) from that evidence, and the evaluator's confirmed or
// overridden rating with a note (the Exercise Evaluation Guide, stored as the 'ratings' document).
// HSEEP rating scale: Performed without challenges / with some challenges / with major challenges / Unable to be
// performed (FEMA, Homeland Security Exercise and Evaluation Program, 2020, ch. 5 and the EEG template).
import type { Drill } from '../drill/drill.ts';
import type { Store } from '../store/store.ts';
import { computeMetrics } from '../sim/index.ts';
import { suggestRating as suggestFromEvidence, type InjectEvidence, type JudgedInject, type Rating } from '../drill/objective-rating.ts';
import { getDoc, putDoc } from './docs.ts';

export type { Rating };
export const RATINGS: Rating[] = ['P', 'S', 'M', 'U'];
type Localized = { id: string; en: string };

export interface ObjectiveDef {
  id: string;
  name: Localized;
  capability: Localized;
  metricIds: string[];
  /** MSEL rows whose expectations are evidence too. */
  injects: number[];
}

/** Used when the scenario names no objectives of its own: the three capabilities every Gladi flood drill exercises
 *  (core capabilities from FEMA's National Preparedness Goal, 2nd ed. 2015). */
export const DEFAULT_OBJECTIVES: ObjectiveDef[] = [
  {
    id: 'peringatan', name: { id: 'Peringatkan semua warga berisiko tepat waktu', en: 'Warn every at-risk resident in time' },
    capability: { id: 'Peringatan Dini', en: 'Public Information and Warning' }, metricIds: ['timeToWarning', 'warningReach', 'publicTrust'], injects: [],
  },
  {
    id: 'evakuasi', name: { id: 'Evakuasi dan tampung warga dengan aman', en: 'Evacuate and shelter residents safely' },
    capability: { id: 'Evakuasi / Layanan Pengungsian', en: 'Mass Care Services' },
    metricIds: ['residentsSafe', 'lifeSafety', 'evacuation90', 'vulnerableParity', 'shelterSpace', 'wash', 'shelterHealth'], injects: [],
  },
  {
    id: 'koordinasi', name: { id: 'Koordinasikan respons lewat posko', en: 'Coordinate the response through the posko' },
    capability: { id: 'Koordinasi', en: 'Operational Coordination' }, metricIds: ['coordination', 'commandTempo', 'sitrepAccuracy'], injects: [],
  },
];

export interface EvaluatorRating { rating: Rating; note: string; by: string; at: string }
export type RatingsDoc = Record<string, EvaluatorRating>;
export const ratingKey = (objectiveId: string, teamId: string) => `${objectiveId}:${teamId}`;

export interface ObjectiveTeam {
  teamId: string;
  suggested: Rating | null;
  /** The evaluator's rating (confirmed or overridden), null until one is given. */
  rating: EvaluatorRating | null;
  /** 0–1 evidence score behind the suggestion (server/drill/objective-rating.ts). */
  mean: number | null;
  evidence: { metricId: string; value: number | null; raw: number | null; weight: number }[];
  /** The MSEL rows the objective names, judged for this team. */
  injects: InjectEvidence[];
  /** Expectations of injects tied to this objective's metrics' actions (all of the team's, summarised). */
  expectations: { met: number; anticipated: number; partly: number; missed: number };
}

export interface ObjectiveResult extends ObjectiveDef {
  teams: ObjectiveTeam[];
}

/** The scenario's own objectives (scenario.yaml `objectives`), else the defaults. */
export function objectiveDefs(d: Drill): ObjectiveDef[] {
  const own = d.scenario.objectives;
  if (!Array.isArray(own) || own.length === 0) return DEFAULT_OBJECTIVES;
  return own.map((o) => ({ id: o.id, name: o.title, capability: o.capability, metricIds: o.metrics, injects: o.injects ?? [] }));
}

/** Per objective and team: the suggestion Gladi makes from the evidence (server/drill/objective-rating.ts, thresholds
 *  in docs/scoring.md#objectives), the evidence itself, and the evaluator's rating when given. */
export function objectivesOf(d: Drill, store: Store): ObjectiveResult[] {
  const ratings = getDoc<RatingsDoc>(store, 'ratings', d.code, {});
  const debrief = d.debrief();
  return objectiveDefs(d).map((def) => ({
    ...def,
    teams: d.scenario.teams.map((t) => {
      const m = computeMetrics(d.worldOf(t.id));
      const exps = debrief.teams.find((x) => x.id === t.id)?.expectations ?? [];
      const s = suggestFromEvidence({ id: def.id, metrics: def.metricIds, injects: def.injects }, t.id, m.metrics, exps as unknown as JudgedInject[]);
      const evidence = def.metricIds.flatMap((id) => {
        const x = m.metrics.find((y) => y.id === id);
        if (!x) return [];
        return [{ metricId: id, value: (x.value as number | null) ?? null, raw: x.raw, weight: (x as { weight?: number }).weight ?? 1 }];
      });
      const count = (r: string) => exps.filter((e) => (e.result as string) === r).length;
      return {
        teamId: t.id, suggested: s.rating, rating: ratings[ratingKey(def.id, t.id)] ?? null, mean: s.score, evidence, injects: s.evidence.injects,
        expectations: { met: count('met'), anticipated: count('anticipated'), partly: count('partly'), missed: count('missed') },
      };
    }),
  }));
}

export function putRating(d: Drill, store: Store, objectiveId: string, teamId: string, r: EvaluatorRating): void {
  const doc = getDoc<RatingsDoc>(store, 'ratings', d.code, {});
  doc[ratingKey(objectiveId, teamId)] = r;
  putDoc(store, 'ratings', d.code, doc);
  // The history keeps a drill's results (history.ts): rebuild them with this rating.
  putDoc(store, 'summary', d.code, null);
}
