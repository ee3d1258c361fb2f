// Metrics (each 0–1, or null when it does not apply yet) and the score built from them. Every metric starts from
// what is true at that moment: no reach before a warning, no shelter marks for shelters nobody needed. Each carries
// its formula, weight and the named inputs behind it; explainMetrics() (metrics/evidence.ts) adds the events.
// Definitions, thresholds and their sources: docs/scoring.md.
import { takeCensus, tickOfShare, type Census } from './metrics/census.ts';
import { FORMULAS, METRIC_IDS, type Formula, type MetricId } from './metrics/definitions.ts';
import { SPHERE_PEOPLE_PER_TOILET } from './shelter.ts';
import type { World } from './world-state.ts';

export { METRIC_IDS, FORMULAS, type MetricId, type Formula } from './metrics/definitions.ts';

export interface MetricValue {
  id: MetricId;
  /** 0–1, higher is better; null = not applicable (yet): nothing earned during the drill, and at the end its weight
   *  goes to the metrics that apply (see computeMetrics). */
  value: number | null;
  /** The figure shown next to it (share, minutes, count) or null when not known yet. */
  raw: number | null;
  /** Weight in the scenario's score (scoreWeights; 0 = shown, not scored). */
  weight: number;
  /** Share of the score this metric carries now: its weight over all weights during the drill, over the weights of
   *  the metrics that apply once it has ended. */
  effectiveWeight: number;
  formula: Formula;
  /** The named numbers the value was computed from. */
  inputs: Record<string, number | null>;
}

export interface Metrics {
  tick: number;
  population: number;
  sheltered: number;
  rescued: number;
  moving: number;
  stranded: number;
  injured: number;
  dead: number;
  exposed: number;
  /** People whose home hazardous water reached so far, or who were caught in it. */
  atRisk: number;
  metrics: MetricValue[];
  /** 0–100. During the drill a metric that does not apply yet earns nothing (Σ weight × value ÷ Σ weight); once the
   *  drill has ended, metrics that never applied are left out and their weight goes to the others. */
  score: number;
  /** True when the score is the final one (weights of metrics that never applied redistributed). */
  final: boolean;
}

/** Share of the exposed population a warning must reach for "time to warning" (docs/scoring.md). */
export const WARNING_REACH_SHARE = 0.9;
/** Evacuation time limits when the scenario gives none (minutes after the alert; design choice for a flood with
 *  about an hour of lead time, docs/scoring.md). */
export const EVACUATION_BEST_MIN = 60, EVACUATION_WORST_MIN = 180;
/** Vulnerable parity reads 1 at this ratio (docs/scoring.md, after the E90 ratio target of ≥ 0.8). */
export const PARITY_TARGET = 0.8;
/** Command tempo: each step full marks within this many minutes of the alert, none after the second. */
export const TEMPO_BEST_MIN = 15, TEMPO_WORST_MIN = 90;
/** Sitreps are expected once per this many minutes from the alert unless the scenario says otherwise
 *  (metrics.sitrepPeriodMinutes; docs/scoring.md). */
export const SITREP_PERIOD_MIN = 60;

/** Linear 1 → 0 between best and worst. */
export function ramp(x: number, best: number, worst: number): number {
  if (x <= best) return 1;
  if (x >= worst) return 0;
  return 1 - (x - best) / (worst - best);
}

const minutesAfterAlert = (c: Census, tick: number) => Math.max(0, tick - c.alertTick) * c.minutesPerTick;

type Part = { value: number | null; raw: number | null; inputs: Record<string, number | null> };

function timeToWarning(w: World, c: Census): Part {
  const { timeToWarningBest: best, timeToWarningWorst: worst } = w.scenario.metrics;
  // The exposed population: every household of the areas hazardous water has reached so far. Unknown (null)
  // until the water reaches someone.
  let households = 0;
  const ticks: number[] = [];
  c.riskAreas.forEach((risk, k) => { if (risk) { households += c.areaHouseholds[k]; for (const t of c.areaWarnedTicks[k]) ticks.push(t, 1); } });
  if (households === 0) return { value: null, raw: null, inputs: { targetHouseholds: 0, reachedHouseholds: 0, minutesTo90: null, best, worst } };
  const t90 = tickOfShare(ticks, households, WARNING_REACH_SHARE);
  const minutes = t90 === null ? null : minutesAfterAlert(c, t90);
  return {
    value: minutes === null ? 0 : ramp(minutes, best, worst),
    raw: minutes,
    inputs: { targetHouseholds: households, reachedHouseholds: ticks.length / 2, minutesTo90: minutes, best, worst },
  };
}

function evacuation90(w: World, c: Census): Part {
  const best = w.scenario.metrics.evacuationBest ?? EVACUATION_BEST_MIN;
  const worst = w.scenario.metrics.evacuationWorst ?? EVACUATION_WORST_MIN;
  if (c.atRiskPeople === 0) return { value: null, raw: null, inputs: { atRiskPeople: 0, safePeople: 0, minutesTo90: null, best, worst } };
  const t = tickOfShare(c.safeTicks, c.atRiskPeople, 0.9);
  const minutes = t === null ? null : minutesAfterAlert(c, t);
  return {
    value: minutes === null ? 0 : ramp(minutes, best, worst),
    raw: minutes,
    inputs: { atRiskPeople: c.atRiskPeople, safePeople: c.safePeople, minutesTo90: minutes, best, worst },
  };
}

function vulnerableParity(c: Census): Part {
  const inputs = {
    warnedAtRiskPeople: c.warnedAtRiskPeople, warnedAtRiskSafePeople: c.warnedAtRiskSafePeople,
    warnedVulnerablePeople: c.warnedAtRiskVulnerablePeople, warnedVulnerableSafePeople: c.warnedAtRiskVulnerableSafePeople,
  };
  if (c.warnedAtRiskVulnerablePeople === 0) return { value: null, raw: null, inputs };
  const all = c.warnedAtRiskSafePeople / c.warnedAtRiskPeople;
  const vul = c.warnedAtRiskVulnerableSafePeople / c.warnedAtRiskVulnerablePeople;
  // Nobody the team warned got out before the water: the evacuation failed for everyone, the vulnerable included.
  if (all === 0) return { value: 0, raw: 0, inputs };
  const ratio = vul / all;
  return { value: Math.min(1, ratio / PARITY_TARGET), raw: ratio, inputs };
}

function shelters(w: World, c: Census): { space: Part; wash: Part; health: Part } {
  let spaced = 0, inShelters = 0, waterOk = 0, toiletOk = 0, riskSum = 0;
  for (const s of w.shelters) {
    if (s.occupants <= 0) continue;
    inShelters += s.occupants;
    spaced += Math.min(s.occupants, s.capacity);
    waterOk += s.water > 0 ? s.occupants : 0;
    toiletOk += Math.min(s.occupants, s.toilets * SPHERE_PEOPLE_PER_TOILET);
    riskSum += s.healthRisk * s.occupants;
  }
  // Who needed shelter: the at-risk, plus anyone in a shelter who was never at risk (Sphere indicators count the
  // affected population, not only those who made it to a shelter).
  const needed = c.atRiskPeople + Math.max(0, inShelters - c.atRiskShelteredPeople);
  const inputs = { neededShelter: needed, sheltered: inShelters, withSpace: spaced, withWater: waterOk, withToilet: toiletOk };
  return {
    space: needed > 0 ? { value: spaced / needed, raw: inShelters > 0 ? spaced / inShelters : null, inputs } : { value: null, raw: null, inputs },
    wash: needed > 0 ? { value: (waterOk + toiletOk) / (2 * needed), raw: inShelters > 0 ? (waterOk + toiletOk) / (2 * inShelters) : null, inputs } : { value: null, raw: null, inputs },
    health: inShelters > 0 ? { value: 1 - riskSum / inShelters, raw: riskSum / inShelters, inputs: { sheltered: inShelters, meanRisk: riskSum / inShelters } } : { value: null, raw: null, inputs: { sheltered: 0, meanRisk: null } },
  };
}

function coordination(w: World): Part {
  const l = w.coordination;
  const unmet = l.unmetAreas.length;
  const tasks = l.tasked + l.selfDeployed + unmet;
  const inputs = { tasked: l.tasked, routed: l.routed, selfDeployed: l.selfDeployed, duplicated: l.duplicated, unmetAreas: unmet, duplicatedUnitMinutes: l.duplicatedUnitMinutes };
  // Nothing to coordinate: no task given or due, or no field unit in the scenario at all.
  if (tasks === 0 || w.units.length === 0) return { value: null, raw: null, inputs };
  const v = Math.max(0, (l.routed - l.duplicated - unmet) / tasks);
  return { value: v, raw: l.duplicated, inputs };
}

function commandTempo(w: World, c: Census): Part {
  const step = (tick: number) => (tick >= 0 ? ramp(minutesAfterAlert(c, tick), TEMPO_BEST_MIN, TEMPO_WORST_MIN) : 0);
  const meeting = w.meetingTicks.length ? w.meetingTicks[0] : -1;
  const inputs = {
    statusMinute: w.firstStatusTick >= 0 ? minutesAfterAlert(c, w.firstStatusTick) : null,
    poskoMinute: w.poskoTick >= 0 ? minutesAfterAlert(c, w.poskoTick) : null,
    meetingMinute: meeting >= 0 ? minutesAfterAlert(c, meeting) : null,
  };
  // Nothing is due before the official alert.
  if (c.tick <= c.alertTick) return { value: null, raw: null, inputs };
  // The first status declared counts: escalating later (siaga → tanggap darurat) is not a late start.
  const v = (step(w.firstStatusTick) + step(w.poskoTick) + step(meeting)) / 3;
  return { value: v, raw: v, inputs };
}

function publicTrust(w: World): Part {
  let sum = 0, weight = 0, start = 0;
  w.scenario.neighbourhoods.forEach((nb, k) => {
    const people = nb.households * nb.householdSize;
    sum += w.hoods[k].trust * people;
    start += nb.trust * people;
    weight += people;
  });
  if (weight === 0) return { value: null, raw: null, inputs: { meanTrust: null, startTrust: null } };
  return { value: sum / weight, raw: sum / weight, inputs: { meanTrust: sum / weight, startTrust: start / weight } };
}

/** Hourly periods from the alert: each complete one counts (0 without a report), the current one once it has a report. */
export function sitrepPeriods(w: World): { from: number; to: number; reports: World['sitreps']; value: number }[] {
  const sc = w.scenario;
  const len = Math.max(1, Math.round(((sc.metrics.sitrepPeriodMinutes ?? SITREP_PERIOD_MIN) * 60) / sc.tickSeconds));
  const out: { from: number; to: number; reports: World['sitreps']; value: number }[] = [];
  for (let from = sc.officialAlertTick; from < w.tick; from += len) {
    const to = from + len;
    const reports = w.sitreps.filter((r) => r.tick >= from && r.tick < to);
    if (to > w.tick && reports.length === 0) break;
    out.push({ from, to, reports, value: reports.length ? reports.reduce((a, r) => a + r.accuracy, 0) / reports.length : 0 });
  }
  // Reports sent before the alert count in the first period.
  const early = w.sitreps.filter((r) => r.tick < sc.officialAlertTick);
  if (early.length) {
    if (out.length === 0) out.push({ from: 0, to: sc.officialAlertTick + len, reports: [], value: 0 });
    const first = out[0];
    first.reports = [...early, ...first.reports];
    first.from = 0;
    first.value = first.reports.reduce((a, r) => a + r.accuracy, 0) / first.reports.length;
  }
  return out;
}

function sitrepAccuracy(w: World): Part {
  const periods = sitrepPeriods(w);
  const inputs = { reports: w.sitreps.length, periods: periods.length, periodsWithReport: periods.filter((p) => p.reports.length).length };
  if (periods.length === 0) return { value: null, raw: null, inputs };
  const v = periods.reduce((a, p) => a + p.value, 0) / periods.length;
  return { value: v, raw: w.sitreps.length, inputs };
}

/**
 * Every metric and the score of a world now. `final` (default: the scenario's last tick is reached) redistributes the
 * weight of metrics that never applied; before that they count as nothing earned yet, so a team that has done
 * nothing scores what doing nothing has earned so far, never a score made of the few metrics that apply early.
 */
export function computeMetrics(w: World, opts: { final?: boolean } = {}): Metrics {
  const final = opts.final ?? w.tick >= w.scenario.durationTicks;
  const c = takeCensus(w);
  const sh = shelters(w, c);
  const parts: Record<MetricId, Part> = {
    residentsSafe: c.atRiskPeople > 0
      ? { value: c.atRiskLeftInTimePeople / c.atRiskPeople, raw: c.atRiskLeftInTimePeople, inputs: { atRiskPeople: c.atRiskPeople, leftInTimePeople: c.atRiskLeftInTimePeople, exposedPeople: c.atRiskExposedPeople } }
      : { value: null, raw: null, inputs: { atRiskPeople: 0, leftInTimePeople: 0, exposedPeople: 0 } },
    timeToWarning: timeToWarning(w, c),
    lifeSafety: c.atRiskPeople > 0
      ? { value: Math.max(0, 1 - c.harm / c.atRiskPeople), raw: c.injured + c.dead, inputs: { atRiskPeople: c.atRiskPeople, injured: c.injured, dead: c.dead, strandedPersonMinutes: c.strandedPersonMinutes, harm: c.harm } }
      : { value: null, raw: null, inputs: { atRiskPeople: 0, injured: c.injured, dead: c.dead, strandedPersonMinutes: c.strandedPersonMinutes, harm: 0 } },
    warningReach: c.atRiskPeople > 0
      ? { value: c.warnedInTimePeople / c.atRiskPeople, raw: c.warnedInTimePeople / c.atRiskPeople, inputs: { atRiskPeople: c.atRiskPeople, warnedInTimePeople: c.warnedInTimePeople } }
      : { value: null, raw: null, inputs: { atRiskPeople: 0, warnedInTimePeople: 0 } },
    evacuation90: evacuation90(w, c),
    vulnerableParity: vulnerableParity(c),
    shelterSpace: sh.space,
    wash: sh.wash,
    shelterHealth: sh.health,
    coordination: coordination(w),
    commandTempo: commandTempo(w, c),
    publicTrust: publicTrust(w),
    sitrepAccuracy: sitrepAccuracy(w),
  };
  const weights = w.scenario.scoreWeights;
  let applicable = 0, all = 0;
  for (const id of METRIC_IDS) {
    all += weights[id] ?? 0;
    if (parts[id].value !== null) applicable += weights[id] ?? 0;
  }
  const denominator = final ? applicable : all;
  let total = 0;
  const metrics: MetricValue[] = METRIC_IDS.map((id) => {
    const p = parts[id];
    const weight = weights[id] ?? 0;
    const effectiveWeight = p.value !== null && denominator > 0 ? weight / denominator : 0;
    if (p.value !== null) total += effectiveWeight * p.value;
    return { id, value: p.value, raw: p.raw, weight, effectiveWeight, formula: FORMULAS[id], inputs: p.inputs };
  });
  return {
    tick: w.tick, population: c.population, sheltered: c.sheltered, rescued: c.rescued, moving: c.moving,
    stranded: c.stranded, injured: c.injured, dead: c.dead, exposed: c.exposed, atRisk: c.atRiskPeople,
    metrics, score: Math.round(1000 * total) / 10, final,
  };
}

export { explainMetrics, type MetricDetail, type MetricExplanation } from './metrics/evidence.ts';
