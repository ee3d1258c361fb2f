// Households on the move: deciding to leave, walking or riding towards a shelter through crowds and traffic,
// arriving (or being turned away), and harm in hazardous water (docs/engine.md#residents).
import { cellSpeed } from './flood.ts';
import {
  CAR_SPEED, crowdFactor, HouseholdState as S, MOTORBIKE_PCU, MOTORBIKE_SPEED, trafficFactor, VEHICLE_ABANDON_DEPTH, VEHICLE_CAR,
  VEHICLE_NONE, walkSpeed,
} from './household.ts';
import { nextFloat, rayleigh } from './prng.ts';
import { nextCell } from './routing.ts';
import { nearestShelter } from './shelter.ts';
import { addComplaint, adjustTrust, TRUST } from './social.ts';
import { complianceProbability, meanDepartureDelay } from './warning.ts';
import {
  DEATH_PER_MIN_ALL, FLOODED_DEPTH, HAZARD_DEPTH, HAZARD_DEPTH_VELOCITY, HR_DANGER_ALL, HR_DANGER_MOST, HR_DANGER_SOME, INJURY_PER_MIN_ALL,
  INJURY_PER_MIN_MOST, INJURY_PER_MIN_SOME, SELF_EVACUATION_DEPTH, SHELTER_HARD_LIMIT, VULNERABLE_HARM_FACTOR, type World,
} from './world-state.ts';

/** Count walkers and vehicles per cell (congestion is felt next tick by everyone in the cell). */
function countCrowds(w: World): void {
  const hh = w.households;
  w.crowd.fill(0);
  w.traffic.fill(0);
  for (let i = 0; i < hh.count; i++) {
    if (hh.state[i] !== S.Moving) continue;
    const v = hh.vehicle[i];
    if (v === VEHICLE_NONE) w.crowd[hh.cell[i]] += hh.size[i];
    else w.traffic[hh.cell[i]] += v === VEHICLE_CAR ? 1 : MOTORBIKE_PCU;
  }
}

/** Metres household i covers this tick: walking by its slowest member and the crowd, or riding in traffic. */
function travelSpeed(w: World, i: number): number {
  const hh = w.households;
  const c = hh.cell[i];
  const cs = w.scenario.cellSize;
  const v = hh.vehicle[i];
  if (v !== VEHICLE_NONE) {
    const free = v === VEHICLE_CAR ? CAR_SPEED : MOTORBIKE_SPEED;
    // Off the road network vehicles crawl (cost multiplier squared: paddy, gang, beach).
    const cost = w.cellCost[c];
    return (free / (cost * cost)) * trafficFactor(w.traffic[c], cs);
  }
  return walkSpeed(hh, i) * crowdFactor(w.crowd[c], cs);
}

function arrive(w: World, i: number, s: number): boolean {
  const hh = w.households;
  const sh = w.shelters[s];
  if (!sh.open || sh.occupants + hh.size[i] > sh.capacity * SHELTER_HARD_LIMIT) {
    // Turned away: a broken promise if the team sent them there.
    const k = hh.hood[i];
    if (w.hoods[k].orderShelter === s) adjustTrust(w, k, TRUST.turnedAway);
    addComplaint(w, k, 'turned_away', s);
    w.events.push({ tick: w.tick, kind: 'turned_away', area: w.scenario.neighbourhoods[k].id, shelter: w.scenario.shelters[s].id, count: hh.size[i] });
    hh.target[i] = nearestShelter(w, hh.cell[i]);
    if (hh.target[i] === s) hh.target[i] = -1;
    return false;
  }
  hh.state[i] = S.Sheltered;
  hh.safeTick[i] = w.tick;
  sh.occupants += hh.size[i];
  sh.households++;
  return true;
}

export function stepHouseholds(w: World): void {
  const hh = w.households;
  const { width, height, cellSize, tickSeconds } = w.scenario;
  const h = w.flood.h;
  const minutesPerTick = tickSeconds / 60;
  const strandedByHood = new Map<number, number>();
  const hurtByHood = new Map<number, number>();
  countCrowds(w);
  for (let i = 0; i < hh.count; i++) {
    let st = hh.state[i];
    if (st === S.Sheltered || st === S.Rescued || st === S.Dead) continue;
    const hood = w.hoods[hh.hood[i]];
    const trust = hood.trust;

    // Water at the door is the strongest warning of all.
    if (st === S.Home && h[hh.cell[i]] >= FLOODED_DEPTH) {
      hh.awareTick[i] = w.tick;
    }
    if (st === S.Home && hh.awareTick[i] >= 0 && hh.awareTick[i] <= w.tick) { st = S.Aware; }
    if (st === S.Aware && hh.departTick[i] !== -2) {
      const waterAtDoor = h[hh.cell[i]] >= SELF_EVACUATION_DEPTH;
      if (hood.orderShelter >= 0 || waterAtDoor) {
        const level = hood.level ?? 'siaga';
        // Both draws always happen, keeping the random stream independent of the outcome.
        const obey = nextFloat(w.rng) < complianceProbability(trust, level);
        const delay = rayleigh(w.rng, waterAtDoor ? 10 : meanDepartureDelay(trust, level));
        if (obey || waterAtDoor) {
          st = S.Leaving;
          hh.departTick[i] = w.tick + Math.round(delay / minutesPerTick);
          hh.target[i] = hood.orderShelter >= 0 ? hood.orderShelter : nearestShelter(w, hh.cell[i]);
        } else {
          // Stays for now; reconsiders only when the water comes.
          hh.departTick[i] = -2;
        }
      }
    }
    if (st === S.Aware && hh.departTick[i] === -2 && h[hh.cell[i]] >= SELF_EVACUATION_DEPTH) {
      hh.departTick[i] = w.tick;
      hh.target[i] = nearestShelter(w, hh.cell[i]);
      st = S.Leaving;
    }
    if (st === S.Leaving && hh.departTick[i] <= w.tick) st = S.Moving;
    if (st === S.Moving) {
      hh.state[i] = st;
      if (hh.target[i] < 0 || !w.shelters[hh.target[i]].open) hh.target[i] = nearestShelter(w, hh.cell[i]);
      const s = hh.target[i];
      if (s >= 0) {
        // Vehicles stall in water deeper than VEHICLE_ABANDON_DEPTH: the household walks on.
        if (hh.vehicle[i] !== VEHICLE_NONE && !w.bridge[hh.cell[i]] && h[hh.cell[i]] > VEHICLE_ABANDON_DEPTH) hh.vehicle[i] = VEHICLE_NONE;
        const field = w.fields[s];
        let budget = hh.progress[i] + travelSpeed(w, i) * tickSeconds;
        let cell = hh.cell[i];
        const maxCarry = cellSize * 1.5;
        while (budget > 0) {
          if (cell === w.shelters[s].cell) break;
          const nxt = nextCell(width, height, field, cell);
          if (nxt === cell) break;
          const diag = nxt % width !== cell % width && Math.floor(nxt / width) !== Math.floor(cell / width);
          const cost = diag ? cellSize * Math.SQRT2 : cellSize;
          if (budget < cost) break;
          budget -= cost;
          cell = nxt;
        }
        hh.progress[i] = budget > maxCarry ? maxCarry : budget;
        hh.cell[i] = cell;
        if (cell === w.shelters[s].cell && arrive(w, i, s)) continue;
      }
      st = hh.state[i];
    }
    if (st !== S.Sheltered) {
      const c = hh.cell[i];
      const d = w.bridge[c] ? 0 : h[c]; // on a bridge deck the river runs underneath
      const v = d > 0.01 ? cellSpeed(w.flood, c) : 0;
      const hazardous = d >= HAZARD_DEPTH || d * v > HAZARD_DEPTH_VELOCITY;
      if (hazardous && st !== S.Stranded && st !== S.Injured) {
        st = S.Stranded;
        if (!hh.exposed[i]) { hh.exposed[i] = 1; strandedByHood.set(hh.hood[i], (strandedByHood.get(hh.hood[i]) ?? 0) + 1); }
      } else if (!hazardous && st === S.Stranded && d < 0.2) {
        // Water has gone down: the household walks on to safety.
        st = S.Moving;
        if (hh.target[i] < 0) hh.target[i] = nearestShelter(w, c);
      }
      // Harm: flood hazard rating HR = d·(v + 0.5) (FD2321); only outside, only in the danger bands.
      const hr = d * (v + 0.5);
      if (hr > HR_DANGER_SOME && (st === S.Stranded || st === S.Moving || st === S.Injured)) {
        const vf = hh.vulnerable[i] ? VULNERABLE_HARM_FACTOR : 1;
        // Per-minute rates over a tick: compounded when a tick lasts several minutes (multi-day scenarios), so a
        // probability never passes 1.
        const overTick = (perMin: number) => (minutesPerTick === 1 ? perMin * vf : 1 - Math.pow(1 - Math.min(1, perMin * vf), minutesPerTick));
        const pInjure = overTick(hr > HR_DANGER_ALL ? INJURY_PER_MIN_ALL : hr > HR_DANGER_MOST ? INJURY_PER_MIN_MOST : INJURY_PER_MIN_SOME);
        const pDeath = hr > HR_DANGER_ALL ? overTick(DEATH_PER_MIN_ALL) : 0;
        const u = nextFloat(w.hazardRng);
        if (u < pDeath) { st = S.Dead; w.casualties.dead += hh.size[i]; hurtByHood.set(hh.hood[i], (hurtByHood.get(hh.hood[i]) ?? 0) + hh.size[i]); }
        else if (st !== S.Injured && u < pDeath + pInjure) { st = S.Injured; w.casualties.injured += hh.size[i]; hurtByHood.set(hh.hood[i], (hurtByHood.get(hh.hood[i]) ?? 0) + hh.size[i]); }
        if (!hh.exposed[i]) hh.exposed[i] = 1;
      }
    }
    hh.state[i] = st;
  }
  for (const [k, count] of strandedByHood) w.events.push({ tick: w.tick, kind: 'stranded', area: w.scenario.neighbourhoods[k].id, count });
  for (const [k, count] of hurtByHood) w.events.push({ tick: w.tick, kind: 'casualties', area: w.scenario.neighbourhoods[k].id, count });
}
