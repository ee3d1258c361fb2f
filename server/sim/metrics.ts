// Metrics (each 0–1) and the score built from them. Every metric carries the numbers behind it so a
// debrief can explain it (DESIGN.md: a score nobody can explain is worthless).
import { HouseholdState as S } from './household.ts';
import type { World } from './world.ts';

export interface MetricValue {
  id: 'residentsSafe' | 'timeToWarning';
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
  exposed: number;
  metrics: MetricValue[];
  score: number;
}

/** Linear 1 → 0 between best and worst (DOMAIN.md: time to warning 1 at ≤ best, 0 at ≥ worst). */
function ramp(x: number, best: number, worst: number): number {
  if (x <= best) return 1;
  if (x >= worst) return 0;
  return 1 - (x - best) / (worst - best);
}

export function computeMetrics(w: World): Metrics {
  const hh = w.households;
  let sheltered = 0, rescued = 0, moving = 0, stranded = 0, exposed = 0;
  for (let i = 0; i < hh.count; i++) {
    const s = hh.state[i], n = hh.size[i];
    if (s === S.Sheltered) sheltered += n;
    else if (s === S.Rescued) rescued += n;
    else if (s === S.Moving || s === S.Leaving) moving += n;
    else if (s === S.Stranded) stranded += n;
    if (hh.exposed[i]) exposed += n;
  }
  const sc = w.scenario;
  const minutesPerTick = sc.tickSeconds / 60;
  // Residents safe: everyone who has not been caught in hazardous water outside a shelter, plus those rescued.
  const safe = w.population - exposed + rescued;
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
  const metrics: MetricValue[] = [
    { id: 'residentsSafe', value: residentsSafe, raw: residentsSafe },
    { id: 'timeToWarning', value: ttwValue, raw: ttw },
  ];
  let wsum = 0, total = 0;
  for (const m of metrics) {
    const wgt = sc.scoreWeights[m.id] ?? 0;
    wsum += wgt;
    total += wgt * m.value;
  }
  const score = wsum > 0 ? Math.round((1000 * total) / wsum) / 10 : 0;
  return { tick: w.tick, population: w.population, sheltered, rescued, moving, stranded, exposed, metrics, score };
}
