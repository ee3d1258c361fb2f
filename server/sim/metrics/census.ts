// One pass over the households that every metric reads: who was in danger, who was caught in the water, who was
// warned and when, who reached safety and when. Pure: reads the world, changes nothing.
import { HouseholdState as S } from '../household.ts';
import type { World } from '../world-state.ts';

export interface Census {
  tick: number;
  minutesPerTick: number;
  alertTick: number;
  population: number;
  sheltered: number;
  rescued: number;
  moving: number;
  stranded: number;
  injured: number;
  dead: number;
  /** People ever caught in hazardous water outside a shelter. */
  exposed: number;
  /** At risk: households whose home hazardous water has reached so far, or that were caught in it elsewhere. */
  atRiskHouseholds: number;
  atRiskPeople: number;
  atRiskExposedPeople: number;
  /** At-risk people who left home before the water reached it and were never caught in hazardous water. */
  atRiskLeftInTimePeople: number;
  /** At-risk people in a shelter now. */
  atRiskShelteredPeople: number;
  /** People-equivalents of harm among the at-risk (see lifeSafety). */
  harm: number;
  /** Person-minutes stranded in hazardous water (all households). */
  strandedPersonMinutes: number;
  /** At-risk households safe now (sheltered or rescued), flat [tick reached safety, people, …]. */
  safeTicks: number[];
  /** People of those. */
  safePeople: number;
  atRiskVulnerablePeople: number;
  /** At-risk people warned by the team ≥ WARNING_LEAD_MIN before the water reached them. */
  warnedInTimePeople: number;
  /** At-risk households the team warned (reached by now): people, and of those safe without being caught. */
  warnedAtRiskPeople: number;
  warnedAtRiskSafePeople: number;
  warnedAtRiskVulnerablePeople: number;
  warnedAtRiskVulnerableSafePeople: number;
  /** Areas (indices) with at least one household in danger so far. */
  riskAreas: boolean[];
  /** Per area: households, and ticks at which a team warning reached each household (only those reached by now). */
  areaHouseholds: number[];
  areaWarnedTicks: number[][];
}

/** Warning lead: a household counts as warned in time when a team warning reached it this many minutes before the
 *  water did (docs/scoring.md: warning reach; ETA − 10 min). */
export const WARNING_LEAD_MIN = 10;
/** Minutes stranded in hazardous water that count as much harm as an injury (docs/scoring.md: life safety). */
export const HARM_MINUTES = 60;

export function takeCensus(w: World): Census {
  const hh = w.households;
  const sc = w.scenario;
  const minutesPerTick = sc.tickSeconds / 60;
  const lead = WARNING_LEAD_MIN / minutesPerTick;
  const c: Census = {
    tick: w.tick, minutesPerTick, alertTick: sc.officialAlertTick, population: w.population,
    sheltered: 0, rescued: 0, moving: 0, stranded: 0, injured: 0, dead: 0, exposed: 0,
    atRiskHouseholds: 0, atRiskPeople: 0, atRiskExposedPeople: 0, atRiskShelteredPeople: 0, atRiskLeftInTimePeople: 0, harm: 0, strandedPersonMinutes: 0,
    safeTicks: [], safePeople: 0, atRiskVulnerablePeople: 0, warnedInTimePeople: 0,
    warnedAtRiskPeople: 0, warnedAtRiskSafePeople: 0, warnedAtRiskVulnerablePeople: 0, warnedAtRiskVulnerableSafePeople: 0,
    riskAreas: w.hoods.map(() => false), areaHouseholds: w.hoods.map(() => 0), areaWarnedTicks: w.hoods.map(() => []),
  };
  for (let i = 0; i < hh.count; i++) {
    const st = hh.state[i], n = hh.size[i], k = hh.hood[i];
    if (st === S.Sheltered) c.sheltered += n;
    else if (st === S.Rescued) c.rescued += n;
    else if (st === S.Moving || st === S.Leaving) c.moving += n;
    else if (st === S.Stranded) c.stranded += n;
    else if (st === S.Injured) c.injured += n;
    else if (st === S.Dead) c.dead += n;
    const exposed = hh.exposed[i] === 1;
    if (exposed) c.exposed += n;
    c.strandedPersonMinutes += hh.hazardMinutes[i] * n;
    c.areaHouseholds[k]++;
    const warned = hh.warnedTick[i] >= 0 && hh.warnedTick[i] <= w.tick;
    if (warned) c.areaWarnedTicks[k].push(hh.warnedTick[i]);
    const danger = hh.dangerTick[i];
    if (danger < 0 && !exposed) continue;
    // In danger: from here on, only the at-risk.
    c.riskAreas[k] = true;
    c.atRiskHouseholds++;
    c.atRiskPeople += n;
    const vulnerable = hh.vulnerable[i] === 1;
    if (vulnerable) c.atRiskVulnerablePeople += n;
    if (exposed) c.atRiskExposedPeople += n;
    if (st === S.Sheltered) c.atRiskShelteredPeople += n;
    // Left home: when it set off (or, carried by a truck, when it reached the shelter).
    const left = hh.departTick[i] >= 0 ? hh.departTick[i] : hh.safeTick[i];
    if (!exposed && left >= 0 && left <= w.tick && (hh.wetTick[i] < 0 || left < hh.wetTick[i])) c.atRiskLeftInTimePeople += n;
    const hurt = st === S.Injured || st === S.Dead;
    c.harm += n * (hurt ? 1 : Math.min(1, hh.hazardMinutes[i] / HARM_MINUTES));
    const safe = (st === S.Sheltered || st === S.Rescued) && hh.safeTick[i] >= 0;
    if (safe) { c.safeTicks.push(hh.safeTick[i], n); c.safePeople += n; }
    // The water reached them when their home became dangerous or when they were caught, whichever came first.
    const waterTick = danger >= 0 && (hh.exposedTick[i] < 0 || danger <= hh.exposedTick[i]) ? danger : hh.exposedTick[i] >= 0 ? hh.exposedTick[i] : w.tick;
    if (warned && hh.warnedTick[i] <= waterTick - lead) c.warnedInTimePeople += n;
    if (warned) {
      c.warnedAtRiskPeople += n;
      if (!exposed) c.warnedAtRiskSafePeople += n;
      if (vulnerable) {
        c.warnedAtRiskVulnerablePeople += n;
        if (!exposed) c.warnedAtRiskVulnerableSafePeople += n;
      }
    }
  }
  return c;
}

/** Tick by which `share` of `total` people were reached, from flat [tick, people, …] pairs; null = not yet. */
export function tickOfShare(pairs: number[], total: number, share: number): number | null {
  if (total <= 0) return null;
  const need = Math.ceil(total * share);
  const order: number[] = [];
  for (let k = 0; k < pairs.length; k += 2) order.push(k);
  order.sort((a, b) => pairs[a] - pairs[b]);
  let sum = 0;
  for (const k of order) {
    sum += pairs[k + 1];
    if (sum >= need) return pairs[k];
  }
  return null;
}
