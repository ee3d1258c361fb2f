// Metrics (each 0–1) and the score built from them. Every metric carries the numbers behind it so a
// debrief can explain it (a score nobody can explain is worthless). Formulas follow docs/domain.md#metrics;
// thresholds not sourced there are design choices named next to them.
import { HouseholdState as S } from './household.ts';
import { SPHERE_PEOPLE_PER_TOILET } from './shelter.ts';
import type { World } from './world.ts';

export type MetricId =
  | 'residentsSafe' | 'timeToWarning' | 'lifeSafety' | 'warningReach' | 'evacuation90' | 'vulnerableParity'
  | 'shelterSpace' | 'wash' | 'shelterHealth' | 'coordination' | 'commandTempo' | 'publicTrust' | 'sitrepAccuracy';

export interface MetricValue {
  id: MetricId;
  /** 0–1, higher is better. */
  value: number;
  /** The raw figure shown next to it (share, minutes, …) or null when not yet known. */
  raw: number | null;
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
  metrics: MetricValue[];
  score: number;
}

/** Linear 1 → 0 between best and worst (docs/domain.md#metrics: time to warning 1 at ≤ best, 0 at ≥ worst). */
function ramp(x: number, best: number, worst: number): number {
  if (x <= best) return 1;
  if (x >= worst) return 0;
  return 1 - (x - best) / (worst - best);
}

/** Minutes after the alert by which `share` of the given households were safe (null = not yet reached). */
function timeToShare(ticks: number[], total: number, share: number): number | null {
  if (total <= 0) return 0;
  const need = Math.ceil(total * share);
  if (ticks.length < need) return null;
  ticks.sort((a, b) => a - b);
  return ticks[need - 1];
}

export function computeMetrics(w: World): Metrics {
  const hh = w.households;
  const sc = w.scenario;
  const minutesPerTick = sc.tickSeconds / 60;
  let sheltered = 0, rescued = 0, moving = 0, stranded = 0, exposed = 0, injured = 0, dead = 0;
  let warnedInTime = 0, atRisk = 0, atRiskV = 0;
  const safeAll: number[] = [], safeV: number[] = [];
  for (let i = 0; i < hh.count; i++) {
    const s = hh.state[i], n = hh.size[i];
    if (s === S.Sheltered) sheltered += n;
    else if (s === S.Rescued) rescued += n;
    else if (s === S.Moving || s === S.Leaving) moving += n;
    else if (s === S.Stranded) stranded += n;
    else if (s === S.Injured) injured += n;
    else if (s === S.Dead) dead += n;
    if (hh.exposed[i]) exposed += n;
    // At risk: households of areas the water reached (or will: all, until it has).
    const hood = w.hoods[hh.hood[i]];
    if (hood.floodedTick >= 0) {
      atRisk += n;
      if (hh.vulnerable[i]) atRiskV += n;
      // Warning reach: aware 10 minutes or more before the water reached the area (docs/domain.md#metrics: before ETA − 10 min).
      if (hh.awareTick[i] >= 0 && hh.awareTick[i] * minutesPerTick <= hood.floodedTick * minutesPerTick - 10) warnedInTime += n;
      if (hh.safeTick[i] >= 0 && (s === S.Sheltered || s === S.Rescued)) {
        for (let k = 0; k < n; k++) safeAll.push(hh.safeTick[i]);
        if (hh.vulnerable[i]) for (let k = 0; k < n; k++) safeV.push(hh.safeTick[i]);
      }
    }
  }
  // Residents safe: everyone who has not been caught in hazardous water outside a shelter. A rescue saves a life
  // (lifeSafety) but the person was still caught: being stranded in the water is the harm a warning prevents.
  const safe = w.population - exposed;
  const residentsSafe = w.population > 0 ? safe / w.population : 1;
  // Time to warning: minutes from the official alert to the team's first warning. Until a warning is given,
  // the clock keeps running, so the metric falls live.
  let ttw: number | null = null;
  let ttwValue: number;
  const { timeToWarningBest: best, timeToWarningWorst: worst } = sc.metrics;
  if (w.firstWarningTick >= 0) {
    ttw = Math.max(0, w.firstWarningTick - sc.officialAlertTick) * minutesPerTick;
    ttwValue = ramp(ttw, best, worst);
  } else {
    const elapsed = Math.max(0, w.tick - sc.officialAlertTick) * minutesPerTick;
    ttwValue = w.tick < sc.officialAlertTick ? 1 : ramp(elapsed, best, worst);
  }
  // Life safety = 1 − casualties / exposed (docs/domain.md#metrics).
  const lifeSafety = exposed > 0 ? 1 - (injured + dead) / exposed : 1;
  const warningReach = atRisk > 0 ? warnedInTime / atRisk : 1;
  // Evacuation 90 %: minutes after the alert until 90 % of the at-risk population was safe; scored 1 at ≤ 60 min,
  // 0 at ≥ 180 min (design choice for a rob flood with ~1 h lead time).
  const e90 = timeToShare(safeAll, atRisk, 0.9);
  const e90min = e90 === null ? null : Math.max(0, e90 - sc.officialAlertTick) * minutesPerTick;
  const e90now = Math.max(0, w.tick - sc.officialAlertTick) * minutesPerTick;
  const evacuation90 = atRisk === 0 ? 1 : ramp(e90min ?? e90now, 60, 180) * (e90min === null ? 0.5 : 1);
  // Vulnerable parity: E50 of all ÷ E50 of the vulnerable (docs/domain.md#metrics names E90; E50 is known sooner in a drill). Target ≥ 0.8.
  const e50 = timeToShare([...safeAll], atRisk, 0.5), e50v = timeToShare([...safeV], atRiskV, 0.5);
  let parity: number | null = null;
  if (e50 !== null && e50v !== null) parity = e50v <= sc.officialAlertTick ? 1 : Math.min(1, Math.max(1, e50 - sc.officialAlertTick) / Math.max(1, e50v - sc.officialAlertTick));
  const vulnerableParity = parity === null ? (atRiskV === 0 ? 1 : 0.5) : Math.min(1, parity / 0.8);
  // Shelter space: share of sheltered people with ≥ 3.5 m² (Sphere).
  let spaced = 0, inShelters = 0, waterOk = 0, toiletOk = 0, riskSum = 0;
  for (const s of w.shelters) {
    if (s.occupants <= 0) continue;
    inShelters += s.occupants;
    spaced += Math.min(s.occupants, s.capacity);
    waterOk += s.water > 0 ? s.occupants : 0;
    toiletOk += Math.min(s.occupants, s.toilets * SPHERE_PEOPLE_PER_TOILET);
    riskSum += s.healthRisk * s.occupants;
  }
  const shelterSpace = inShelters > 0 ? spaced / inShelters : 1;
  const wash = inShelters > 0 ? (waterOk + toiletOk) / (2 * inShelters) : 1;
  const shelterHealth = inShelters > 0 ? 1 - riskSum / inShelters : 1;
  // Coordination = (tasks routed through the posko − duplicated − unmet) ÷ tasks (docs/domain.md#metrics).
  const c = w.coordination;
  const tasks = c.tasked + c.selfDeployed + c.unmetAreas.length;
  const coordination = tasks > 0 ? Math.max(0, (c.routed - c.duplicated - c.unmetAreas.length) / tasks) : (c.unmetAreas.length ? 0 : 1);
  // Command tempo: status declared, posko active, coordination meeting held (UU 24/2007, Perka BNPB 3/2016; docs/domain.md#metrics), a third each.
  const commandTempo = ((w.status ? 1 : 0) + (w.poskoTick >= 0 ? 1 : 0) + (w.meetingTicks.length ? 1 : 0)) / 3;
  // Public trust: population-weighted mean trust of the neighbourhoods.
  let tsum = 0, tw = 0;
  sc.neighbourhoods.forEach((nb, k) => { const wgt = nb.households * nb.householdSize; tsum += w.hoods[k].trust * wgt; tw += wgt; });
  const publicTrust = tw > 0 ? tsum / tw : 1;
  const sitrepAccuracy = w.sitreps.length ? w.sitreps.reduce((a, s) => a + s.accuracy, 0) / w.sitreps.length : 0;

  const metrics: MetricValue[] = [
    { id: 'residentsSafe', value: residentsSafe, raw: residentsSafe },
    { id: 'timeToWarning', value: ttwValue, raw: ttw },
    { id: 'lifeSafety', value: lifeSafety, raw: injured + dead },
    { id: 'warningReach', value: warningReach, raw: warningReach },
    { id: 'evacuation90', value: evacuation90, raw: e90min },
    { id: 'vulnerableParity', value: vulnerableParity, raw: parity },
    { id: 'shelterSpace', value: shelterSpace, raw: shelterSpace },
    { id: 'wash', value: wash, raw: wash },
    { id: 'shelterHealth', value: shelterHealth, raw: inShelters > 0 ? riskSum / inShelters : 0 },
    { id: 'coordination', value: coordination, raw: c.duplicatedUnitMinutes },
    { id: 'commandTempo', value: commandTempo, raw: commandTempo },
    { id: 'publicTrust', value: publicTrust, raw: publicTrust },
    { id: 'sitrepAccuracy', value: sitrepAccuracy, raw: w.sitreps.length },
  ];
  let wsum = 0, total = 0;
  for (const m of metrics) {
    const wgt = sc.scoreWeights[m.id] ?? 0;
    wsum += wgt;
    total += wgt * m.value;
  }
  const score = wsum > 0 ? Math.round((1000 * total) / wsum) / 10 : 0;
  return { tick: w.tick, population: w.population, sheltered, rescued, moving, stranded, injured, dead, exposed, metrics, score };
}
