// Exercise objectives for the debrief and the AAR: each tied to a core capability and to the metrics that are its
// evidence; per team a suggested HSEEP rating (P/S/M/U) from that evidence, and the evaluator's confirmed or
// overridden rating with a note (the Exercise Evaluation Guide, stored as the 'ratings' document).
// HSEEP rating scale: Performed without challenges / with some challenges / with major challenges / Unable to be
// performed (FEMA, Homeland Security Exercise and Evaluation Program, 2020, ch. 5 and the EEG template).
import type { Drill } from '../drill/drill.ts';
import type { Store } from '../store/store.ts';
import { computeMetrics } from '../sim/index.ts';
import { getDoc, putDoc } from './docs.ts';

export type Rating = 'P' | 'S' | 'M' | 'U';
export const RATINGS: Rating[] = ['P', 'S', 'M', 'U'];
type Localized = { id: string; en: string };

export interface ObjectiveDef {
  id: string;
  name: Localized;
  capability: Localized;
  metricIds: string[];
}

/** Used when the scenario names no objectives of its own: the three capabilities every Gladi flood drill exercises
 *  (core capabilities from FEMA's National Preparedness Goal, 2nd ed. 2015). */
export const DEFAULT_OBJECTIVES: ObjectiveDef[] = [
  {
    id: 'peringatan', name: { id: 'Peringatkan semua warga berisiko tepat waktu', en: 'Warn every at-risk resident in time' },
    capability: { id: 'Peringatan Dini', en: 'Public Information and Warning' }, metricIds: ['timeToWarning', 'warningReach', 'publicTrust'],
  },
  {
    id: 'evakuasi', name: { id: 'Evakuasi dan tampung warga dengan aman', en: 'Evacuate and shelter residents safely' },
    capability: { id: 'Evakuasi / Layanan Pengungsian', en: 'Mass Care Services' },
    metricIds: ['residentsSafe', 'lifeSafety', 'evacuation90', 'vulnerableParity', 'shelterSpace', 'wash', 'shelterHealth'],
  },
  {
    id: 'koordinasi', name: { id: 'Koordinasikan respons lewat posko', en: 'Coordinate the response through the posko' },
    capability: { id: 'Koordinasi', en: 'Operational Coordination' }, metricIds: ['coordination', 'commandTempo', 'sitrepAccuracy'],
  },
];

/** Suggested rating from the mean of the objective's metrics that apply (0–1). Thresholds are Gladi's design choice
 *  (docs/debrief.md): ≥ 0.85 P, ≥ 0.65 S, ≥ 0.40 M, below U; no applicable metric ⇒ no suggestion. */
export function suggestRating(mean: number | null): Rating | null {
  if (mean === null) return null;
  if (mean >= 0.85) return 'P';
  if (mean >= 0.65) return 'S';
  if (mean >= 0.4) return 'M';
  return 'U';
}

export interface EvaluatorRating { rating: Rating; note: string; by: string; at: string }
export type RatingsDoc = Record<string, EvaluatorRating>;
export const ratingKey = (objectiveId: string, teamId: string) => `${objectiveId}:${teamId}`;

export interface ObjectiveTeam {
  teamId: string;
  suggested: Rating | null;
  /** The evaluator's rating (confirmed or overridden), null until one is given. */
  rating: EvaluatorRating | null;
  mean: number | null;
  evidence: { metricId: string; value: number | null; raw: number | null; weight: number }[];
  /** Expectations of injects tied to this objective's metrics' actions (all of the team's, summarised). */
  expectations: { met: number; anticipated: number; partly: number; missed: number };
}

export interface ObjectiveResult extends ObjectiveDef {
  teams: ObjectiveTeam[];
}

/** The scenario's own objectives when it names them (scenario.objectives), else the defaults. */
export function objectiveDefs(d: Drill): ObjectiveDef[] {
  const own = (d.scenario as unknown as { objectives?: { id: string; name?: Localized; title?: Localized; capability: Localized | string; metrics?: string[]; metricIds?: string[] }[] }).objectives;
  if (!Array.isArray(own) || own.length === 0) return DEFAULT_OBJECTIVES;
  return own.map((o) => ({
    id: o.id,
    name: o.name ?? o.title ?? { id: o.id, en: o.id },
    capability: typeof o.capability === 'string' ? { id: o.capability, en: o.capability } : o.capability,
    metricIds: o.metricIds ?? o.metrics ?? [],
  }));
}

export function objectivesOf(d: Drill, store: Store): ObjectiveResult[] {
  const ratings = getDoc<RatingsDoc>(store, 'ratings', d.code, {});
  const debrief = d.debrief();
  return objectiveDefs(d).map((def) => ({
    ...def,
    teams: d.scenario.teams.map((t) => {
      const m = computeMetrics(d.worldOf(t.id));
      const evidence = def.metricIds.flatMap((id) => {
        const x = m.metrics.find((y) => y.id === id);
        if (!x) return [];
        const weight = (x as { weight?: number }).weight ?? 1;
        return [{ metricId: id, value: (x.value as number | null) ?? null, raw: x.raw, weight }];
      });
      const applying = evidence.filter((e) => e.value !== null);
      const mean = applying.length ? applying.reduce((s, e) => s + (e.value as number), 0) / applying.length : null;
      const exps = debrief.teams.find((x) => x.id === t.id)?.expectations ?? [];
      const count = (r: string) => exps.filter((e) => (e.result as string) === r).length;
      return {
        teamId: t.id, suggested: suggestRating(mean), rating: ratings[ratingKey(def.id, t.id)] ?? null, mean, evidence,
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
