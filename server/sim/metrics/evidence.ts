// The events behind each metric, read from the world's records (exposure.ts, the coordination ledger, sitreps):
// which warnings reached whom and when, which households were caught in the water where and when and for how long,
// which deployments duplicated, when each command step came, each sitrep against the truth. Computed on demand
// (the debrief's click on a metric), never per tick. Pure.
import { CHANNELS } from '../command-options.ts';
import { HOUSEHOLD_STATE_NAMES } from '../household.ts';
import type { World } from '../world-state.ts';
import { FORMULAS, METRIC_IDS, type MetricId } from './definitions.ts';
import type { SitrepRecord } from '../sitrep.ts';

/** Households listed one by one in the exposure evidence (the rest are in the per-area totals). */
export const EVIDENCE_HOUSEHOLDS_MAX = 300;

export interface WarningAreaEvidence {
  area: string;
  name: string;
  households: number;
  /** Some home in the area had hazardous water (the area's households are the exposed population). */
  atRisk: boolean;
  /** Tick water first stood in the area (−1 = never so far). */
  floodedTick: number;
  /** Per channel: households a warning on it reached first, and when (first and last arrival). */
  channels: { channel: string; households: number; firstTick: number; lastTick: number }[];
  /** Households a team warning has reached by now, and the tick 90 % of the area's households were reached. */
  reached: number;
  reached90Tick: number | null;
  /** People of the at-risk households warned ≥ 10 min before the water reached them, and of all at-risk people. */
  warnedInTimePeople: number;
  atRiskPeople: number;
}

export interface ExposureAreaEvidence {
  area: string;
  name: string;
  atRiskPeople: number;
  leftInTimePeople: number;
  exposedPeople: number;
  injured: number;
  dead: number;
  strandedPersonMinutes: number;
  firstExposedTick: number;
  lastExposedTick: number;
}

export interface StrandedHousehold {
  household: number;
  area: string;
  /** Cell where it was caught. */
  x: number;
  y: number;
  tick: number;
  people: number;
  vulnerable: boolean;
  minutesStranded: number;
  /** Its state now: rescued, sheltered, injured, dead, stranded, … */
  now: string;
}

export type MetricDetail =
  | { kind: 'warnings'; areas: WarningAreaEvidence[] }
  | { kind: 'exposure'; areas: ExposureAreaEvidence[]; households: StrandedHousehold[]; householdsTotal: number }
  | { kind: 'evacuation'; curve: { minute: number; safePeople: number }[]; atRiskPeople: number; vulnerableAtRiskPeople: number; vulnerableCurve: { minute: number; safePeople: number }[] }
  | { kind: 'shelters'; shelters: { id: string; name: string; open: boolean; occupants: number; capacity: number; water: number; toilets: number; healthRisk: number; peakRisk: number; crowdedMinutes: number; waterShortMinutes: number }[] }
  | { kind: 'coordination'; tasked: number; routed: number; selfDeployed: number; duplicates: World['coordination']['duplicateLog']; unmetAreas: string[]; uncoveredAreaMinutes: number; duplicatedUnitMinutes: number }
  | { kind: 'tempo'; steps: { step: 'status' | 'posko' | 'meeting'; tick: number | null }[]; meetings: number[] }
  | { kind: 'trust'; areas: { area: string; name: string; start: number; now: number; people: number }[]; hoaxes: { id: string; tick: number; clarifiedTick: number }[]; complaints: { id: string; tick: number; topic: string; answeredTick: number }[] }
  | { kind: 'sitreps'; reports: SitrepRecord[] };

export interface MetricExplanation {
  id: MetricId;
  formula: (typeof FORMULAS)[MetricId];
  detail: MetricDetail;
}

function warnings(w: World): MetricDetail {
  const hh = w.households;
  const sc = w.scenario;
  const lead = 10 / (sc.tickSeconds / 60);
  const areas: WarningAreaEvidence[] = sc.neighbourhoods.map((nb, k) => ({
    area: nb.id, name: nb.name, households: 0, atRisk: false, floodedTick: w.hoods[k].floodedTick, channels: [], reached: 0, reached90Tick: null,
    warnedInTimePeople: 0, atRiskPeople: 0,
  }));
  const ticks: number[][] = areas.map(() => []);
  for (let i = 0; i < hh.count; i++) {
    const a = areas[hh.hood[i]];
    a.households++;
    const atRisk = hh.dangerTick[i] >= 0 || hh.exposed[i] === 1;
    if (atRisk) { a.atRisk = true; a.atRiskPeople += hh.size[i]; }
    const t = hh.warnedTick[i];
    if (t < 0 || t > w.tick) continue;
    a.reached++;
    ticks[hh.hood[i]].push(t);
    const ch = CHANNELS[hh.warnedChannel[i] - 1] ?? 'unknown';
    let c = a.channels.find((x) => x.channel === ch);
    if (!c) { c = { channel: ch, households: 0, firstTick: t, lastTick: t }; a.channels.push(c); }
    c.households++;
    c.firstTick = Math.min(c.firstTick, t);
    c.lastTick = Math.max(c.lastTick, t);
    if (atRisk) {
      const d = hh.dangerTick[i] >= 0 ? hh.dangerTick[i] : hh.exposedTick[i];
      if (t <= d - lead) a.warnedInTimePeople += hh.size[i];
    }
  }
  areas.forEach((a, k) => {
    const need = Math.ceil(a.households * 0.9);
    const sorted = ticks[k].sort((x, y) => x - y);
    a.reached90Tick = need > 0 && sorted.length >= need ? sorted[need - 1] : null;
  });
  return { kind: 'warnings', areas };
}

function exposure(w: World): MetricDetail {
  const hh = w.households;
  const sc = w.scenario;
  const areas: ExposureAreaEvidence[] = sc.neighbourhoods.map((nb) => ({
    area: nb.id, name: nb.name, atRiskPeople: 0, leftInTimePeople: 0, exposedPeople: 0, injured: 0, dead: 0, strandedPersonMinutes: 0, firstExposedTick: -1, lastExposedTick: -1,
  }));
  const households: StrandedHousehold[] = [];
  for (let i = 0; i < hh.count; i++) {
    const n = hh.size[i];
    const a = areas[hh.hood[i]];
    const exposed = hh.exposed[i] === 1;
    if (hh.dangerTick[i] < 0 && !exposed) continue;
    a.atRiskPeople += n;
    const left = hh.departTick[i] >= 0 ? hh.departTick[i] : hh.safeTick[i];
    if (!exposed && left >= 0 && left <= w.tick && (hh.wetTick[i] < 0 || left < hh.wetTick[i])) a.leftInTimePeople += n;
    if (hh.state[i] === 7) a.injured += n;
    if (hh.state[i] === 8) a.dead += n;
    a.strandedPersonMinutes += hh.hazardMinutes[i] * n;
    if (!exposed) continue;
    a.exposedPeople += n;
    const t = hh.exposedTick[i];
    if (a.firstExposedTick < 0 || t < a.firstExposedTick) a.firstExposedTick = t;
    if (t > a.lastExposedTick) a.lastExposedTick = t;
    const cell = hh.exposedCell[i] >= 0 ? hh.exposedCell[i] : hh.cell[i];
    households.push({
      household: i, area: a.area, x: cell % sc.width, y: Math.floor(cell / sc.width), tick: t, people: n, vulnerable: hh.vulnerable[i] === 1,
      minutesStranded: Math.round(hh.hazardMinutes[i]), now: HOUSEHOLD_STATE_NAMES[hh.state[i]] ?? String(hh.state[i]),
    });
  }
  households.sort((p, q) => p.tick - q.tick || p.household - q.household);
  return { kind: 'exposure', areas, households: households.slice(0, EVIDENCE_HOUSEHOLDS_MAX), householdsTotal: households.length };
}

function evacuation(w: World): MetricDetail {
  const hh = w.households;
  const sc = w.scenario;
  const minutesPerTick = sc.tickSeconds / 60;
  const safeAt = new Map<number, number>(), safeAtV = new Map<number, number>();
  let atRisk = 0, atRiskV = 0;
  for (let i = 0; i < hh.count; i++) {
    if (hh.dangerTick[i] < 0 && !hh.exposed[i]) continue;
    atRisk += hh.size[i];
    if (hh.vulnerable[i]) atRiskV += hh.size[i];
    const st = hh.state[i];
    if ((st === 4 || st === 6) && hh.safeTick[i] >= 0) {
      const m = Math.round(hh.safeTick[i] * minutesPerTick);
      safeAt.set(m, (safeAt.get(m) ?? 0) + hh.size[i]);
      if (hh.vulnerable[i]) safeAtV.set(m, (safeAtV.get(m) ?? 0) + hh.size[i]);
    }
  }
  const cumulative = (m: Map<number, number>) => {
    let sum = 0;
    return [...m].sort((a, b) => a[0] - b[0]).map(([minute, n]) => ({ minute, safePeople: (sum += n) }));
  };
  return { kind: 'evacuation', curve: cumulative(safeAt), atRiskPeople: atRisk, vulnerableAtRiskPeople: atRiskV, vulnerableCurve: cumulative(safeAtV) };
}

function detailOf(w: World, id: MetricId): MetricDetail {
  const sc = w.scenario;
  switch (id) {
    case 'timeToWarning': case 'warningReach': return warnings(w);
    case 'residentsSafe': case 'lifeSafety': return exposure(w);
    case 'evacuation90': case 'vulnerableParity': return evacuation(w);
    case 'shelterSpace': case 'wash': case 'shelterHealth':
      return {
        kind: 'shelters',
        shelters: w.shelters.map((s, k) => ({
          id: sc.shelters[k].id, name: sc.shelters[k].name, open: s.open, occupants: s.occupants, capacity: s.capacity, water: Math.round(s.water),
          toilets: s.toilets, healthRisk: s.healthRisk, peakRisk: s.peakRisk, crowdedMinutes: s.crowdedMinutes, waterShortMinutes: s.waterShortMinutes,
        })),
      };
    case 'coordination': {
      const l = w.coordination;
      return {
        kind: 'coordination', tasked: l.tasked, routed: l.routed, selfDeployed: l.selfDeployed, duplicates: [...l.duplicateLog],
        unmetAreas: l.unmetAreas.map((k) => sc.neighbourhoods[k].id), uncoveredAreaMinutes: l.uncoveredAreaMinutes, duplicatedUnitMinutes: l.duplicatedUnitMinutes,
      };
    }
    case 'commandTempo':
      return {
        kind: 'tempo',
        steps: [
          { step: 'status', tick: w.firstStatusTick >= 0 ? w.firstStatusTick : null },
          { step: 'posko', tick: w.poskoTick >= 0 ? w.poskoTick : null },
          { step: 'meeting', tick: w.meetingTicks.length ? w.meetingTicks[0] : null },
        ],
        meetings: [...w.meetingTicks],
      };
    case 'publicTrust':
      return {
        kind: 'trust',
        areas: sc.neighbourhoods.map((nb, k) => ({ area: nb.id, name: nb.name, start: nb.trust, now: w.hoods[k].trust, people: Math.round(nb.households * nb.householdSize) })),
        hoaxes: w.posts.filter((p) => p.kind === 'hoax').map((p) => ({ id: p.id, tick: p.tick, clarifiedTick: p.clarifiedTick })),
        complaints: w.complaints.map((c) => ({ id: c.id, tick: c.tick, topic: c.topic, answeredTick: c.answeredTick })),
      };
    case 'sitrepAccuracy':
      return { kind: 'sitreps', reports: w.sitreps.map((r) => ({ ...r, reported: { ...r.reported }, truth: { ...r.truth } })) };
  }
}

/** Every metric's events, or one metric's. */
export function explainMetrics(w: World, only?: MetricId): MetricExplanation[] {
  return (only ? [only] : [...METRIC_IDS]).map((id) => ({ id, formula: FORMULAS[id], detail: detailOf(w, id) }));
}
