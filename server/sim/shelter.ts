// Shelters (tempat pengungsian): capacity by floor area, supplies consumed at Sphere rates, and a health-risk index
// that rises with overcrowding and shortfalls (Sphere Handbook 2018, docs/domain.md#sphere).
import type { Shelter } from './scenario.ts';
import type { World } from './world-state.ts';
import { addComplaint } from './social.ts';

/** Covered living space per person (Sphere Handbook 2018). */
export const SPHERE_M2_PER_PERSON = 3.5;
/** Water per person per day (Sphere Handbook 2018). */
export const SPHERE_WATER_L_PER_DAY = 15;
/** People per toilet at first (Sphere Handbook 2018). */
export const SPHERE_PEOPLE_PER_TOILET = 50;
/** People per toilet once a stay lasts (Sphere 2018, WASH standard 3.2: 1 per 50 at first, 1 per 20 as soon as possible). */
export const SPHERE_PEOPLE_PER_TOILET_LATER = 20;
/** Days after which the later toilet ratio applies (design choice for "as soon as possible": the third day). */
export const TOILET_LATER_AFTER_DAYS = 2;
/** Added to the health-risk target per day people have stayed, up to STAY_RISK_MAX (design choice: diarrhoea and
 *  respiratory infections rise over the first week in crowded shelters, WHO 2005 "Communicable diseases following
 *  natural disasters"). */
export const STAY_RISK_PER_DAY = 0.03, STAY_RISK_MAX = 0.15;
/** People per hygiene kit (one kit per household of ~4; design choice). */
export const PEOPLE_PER_HYGIENE_KIT = 4;
/** Health risk relaxes towards its target with this time constant (minutes; design choice). */
export const HEALTH_TAU_MIN = 60;
/** Weights of the health-risk target (design choice; overcrowding and water weigh most, after Sphere's emphasis). */
export const HEALTH_WEIGHTS = { base: 0.02, crowding: 0.4, water: 0.3, food: 0.15, toilets: 0.15, hygiene: 0.1 };

export interface Delivery { tick: number; water: number; food: number; hygiene: number; toilets: number }

export interface ShelterState {
  cell: number;
  capacity: number;
  occupants: number;
  households: number;
  open: boolean;
  /** Litres of water, person-days of food, hygiene kits, toilets. */
  water: number;
  food: number;
  hygiene: number;
  toilets: number;
  /** 0–1: chance-like index of disease outbreak and distress (diarrhoea, ARI) from conditions in the shelter. */
  healthRisk: number;
  /** Highest health risk so far (for the debrief). */
  peakRisk: number;
  /** People-minutes without Sphere water, and with less than 3.5 m² per person. */
  waterShortMinutes: number;
  crowdedMinutes: number;
  deliveries: Delivery[];
  lastComplaintTick: number;
  /** Tick the first people arrived (−1 = never occupied); days of stay raise the toilet need and the health risk. */
  occupiedTick?: number;
}

export function createShelterState(s: Shelter, width: number): ShelterState {
  const capacity = Math.floor(s.floorArea / SPHERE_M2_PER_PERSON);
  const st = s.stock ?? {};
  return {
    cell: s.y * width + s.x,
    capacity,
    occupants: 0,
    households: 0,
    open: s.open ?? true,
    // Default stock: half a day of water and food for the capacity, Sphere toilets for the capacity (design choice).
    water: st.water ?? Math.round(capacity * SPHERE_WATER_L_PER_DAY * 0.5),
    food: st.food ?? Math.round(capacity * 0.5),
    hygiene: st.hygiene ?? Math.ceil(capacity / PEOPLE_PER_HYGIENE_KIT / 2),
    toilets: st.toilets ?? Math.ceil(capacity / SPHERE_PEOPLE_PER_TOILET),
    healthRisk: 0,
    peakRisk: 0,
    waterShortMinutes: 0,
    crowdedMinutes: 0,
    deliveries: [],
    lastComplaintTick: -1_000_000,
  };
}

/** Target health risk for the present conditions (0–1). */
export function healthTarget(sh: ShelterState, waterShort: number, foodShort: number, stayDays = 0): number {
  if (sh.occupants <= 0) return 0;
  const W = HEALTH_WEIGHTS;
  const crowding = Math.max(0, sh.occupants / Math.max(1, sh.capacity) - 1);
  const perToilet = stayDays >= TOILET_LATER_AFTER_DAYS ? SPHERE_PEOPLE_PER_TOILET_LATER : SPHERE_PEOPLE_PER_TOILET;
  const toiletCover = Math.min(1, (sh.toilets * perToilet) / sh.occupants);
  const hygieneCover = Math.min(1, (sh.hygiene * PEOPLE_PER_HYGIENE_KIT) / sh.occupants);
  const t = W.base + Math.min(STAY_RISK_MAX, STAY_RISK_PER_DAY * stayDays) + W.crowding * crowding + W.water * waterShort + W.food * foodShort + W.toilets * (1 - toiletCover) + W.hygiene * (1 - hygieneCover);
  return t > 1 ? 1 : t;
}

export function stepShelters(w: World): void {
  const minutes = w.scenario.tickSeconds / 60;
  w.shelters.forEach((sh, s) => {
    for (let d = sh.deliveries.length - 1; d >= 0; d--) {
      const del = sh.deliveries[d];
      if (del.tick > w.tick) continue;
      sh.water += del.water; sh.food += del.food; sh.hygiene += del.hygiene; sh.toilets += del.toilets;
      sh.deliveries.splice(d, 1);
      w.events.push({ tick: w.tick, kind: 'resupply_delivered', shelter: w.scenario.shelters[s].id });
    }
    if (sh.occupants <= 0) { sh.healthRisk += (0 - sh.healthRisk) * Math.min(1, minutes / HEALTH_TAU_MIN); return; }
    if ((sh.occupiedTick ?? -1) < 0) sh.occupiedTick = w.tick;
    const stayDays = ((w.tick - (sh.occupiedTick ?? w.tick)) * minutes) / 1440;
    const waterNeed = (sh.occupants * SPHERE_WATER_L_PER_DAY * minutes) / 1440;
    const foodNeed = (sh.occupants * minutes) / 1440;
    const waterShort = waterNeed > 0 ? 1 - Math.min(1, sh.water / waterNeed) : 0;
    const foodShort = foodNeed > 0 ? 1 - Math.min(1, sh.food / foodNeed) : 0;
    sh.water = Math.max(0, sh.water - waterNeed);
    sh.food = Math.max(0, sh.food - foodNeed);
    if (waterShort > 0) sh.waterShortMinutes += sh.occupants * minutes;
    if (sh.occupants > sh.capacity) sh.crowdedMinutes += sh.occupants * minutes;
    const target = healthTarget(sh, waterShort, foodShort, stayDays);
    sh.healthRisk += (target - sh.healthRisk) * Math.min(1, minutes / HEALTH_TAU_MIN);
    if (sh.healthRisk > sh.peakRisk) sh.peakRisk = sh.healthRisk;
    // Complaints from the shelter (LAPOR!): no water or food, or packed beyond Sphere space; at most one an hour.
    if ((waterShort > 0 || foodShort > 0 || sh.occupants > sh.capacity) && (w.tick - sh.lastComplaintTick) * minutes >= 60) {
      sh.lastComplaintTick = w.tick;
      const k = w.hoodOfCell[sh.cell];
      addComplaint(w, k >= 0 ? k : 0, waterShort > 0 || foodShort > 0 ? 'shelter_supplies' : 'shelter_crowded', s);
    }
  });
}

/** The open shelter with room that is nearest to a cell along the walking flow fields (−1 = none). */
export function nearestShelter(w: World, cell: number): number {
  let best = -1, bestD = Infinity;
  for (let s = 0; s < w.fields.length; s++) {
    const sh = w.shelters[s];
    if (!sh.open) continue;
    const d = w.fields[s][cell];
    if (d < bestD && sh.occupants < sh.capacity) { bestD = d; best = s; }
  }
  return best;
}
