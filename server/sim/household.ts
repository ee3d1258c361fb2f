// Residents as household groups, stored column-wise in typed arrays so 20,000 households step quickly
// and hash exactly.

export const enum HouseholdState {
  Home = 0,
  /** Received a warning; waits for an order or for the water. */
  Aware = 1,
  /** Decided to leave; departs at departTick. */
  Leaving = 2,
  Moving = 3,
  Sheltered = 4,
  /** Caught outside a shelter in hazardous water. */
  Stranded = 5,
  Rescued = 6,
  /** Hurt by deep or fast water; cannot move; needs a boat or a medical team. */
  Injured = 7,
  Dead = 8,
}

export const HOUSEHOLD_STATE_NAMES = ['home', 'aware', 'leaving', 'moving', 'sheltered', 'stranded', 'rescued', 'injured', 'dead'] as const;

/** Base walking speed 1.33 m/s (TUNAMI-EVAC, Mas et al. 2012; docs/domain.md#evacuation). */
export const WALK_SPEED = 1.33;
/** A household walks at the pace of its slowest member (TUNAMI-EVAC, Mas et al. 2012; docs/domain.md#evacuation): children ×0.8, elderly ×0.7,
 *  disabled ×0.5. Infants and pregnant women: ×0.8 (design choice, like a stroller: Japan FDMA 0.9 m/s ≈ ×0.7–0.8). */
export const CHILD_FACTOR = 0.8;
export const ELDERLY_FACTOR = 0.7;
export const DISABLED_FACTOR = 0.5;
export const INFANT_PREGNANT_FACTOR = 0.8;
/** Kept for callers: the factor of the most common vulnerable member (elderly). */
export const VULNERABLE_SPEED_FACTOR = ELDERLY_FACTOR;

/** Member flags (bit mask in Households.members). */
export const MEMBER_CHILD = 1, MEMBER_ELDERLY = 2, MEMBER_DISABLED = 4, MEMBER_INFANT = 8, MEMBER_PREGNANT = 16;
/** Vehicle kinds. */
export const VEHICLE_NONE = 0, VEHICLE_MOTORBIKE = 1, VEHICLE_CAR = 2;

export interface Households {
  count: number;
  /** Current cell index. */
  cell: Int32Array;
  home: Int32Array;
  hood: Int16Array;
  size: Uint8Array;
  vulnerable: Uint8Array;
  state: Uint8Array;
  /** Tick the household became aware (−1 = not yet). */
  awareTick: Int32Array;
  /** Tick it leaves home (−1 = not decided). */
  departTick: Int32Array;
  /** Target shelter index (−1 = none). */
  target: Int16Array;
  /** Metres walked towards the next cell, carried between ticks. */
  progress: Float32Array;
  /** Member flags (MEMBER_*). */
  members: Uint8Array;
  /** VEHICLE_*; set to none when the vehicle is abandoned in water. */
  vehicle: Uint8Array;
  /** 1 when someone in the household has a mobile phone. */
  phone: Uint8Array;
  /** 1 once the household has been caught in hazardous water. */
  exposed: Uint8Array;
  /** Tick it reached a shelter (−1 = not yet). */
  safeTick: Int32Array;
  // Records kept for the metrics and their evidence (server/sim/exposure.ts, docs/scoring.md):
  /** Tick a team warning reached the household (−1 = never; may lie ahead while the warning spreads). */
  warnedTick: Int32Array;
  /** Channel index + 1 (CHANNELS order) of the warning that reached it first (0 = none). */
  warnedChannel: Uint8Array;
  /** First tick hazardous water stood at its home (−1 = never so far): the household was in danger. */
  dangerTick: Int32Array;
  /** First tick water (≥ FLOODED_DEPTH) stood at its home (−1 = never so far). */
  wetTick: Int32Array;
  /** First tick it was caught in hazardous water outside a shelter (−1 = never), and the cell where. */
  exposedTick: Int32Array;
  exposedCell: Int32Array;
  /** Minutes spent stranded in hazardous water. */
  hazardMinutes: Float32Array;
}

export function createHouseholds(count: number): Households {
  return {
    count,
    cell: new Int32Array(count),
    home: new Int32Array(count),
    hood: new Int16Array(count),
    size: new Uint8Array(count),
    vulnerable: new Uint8Array(count),
    state: new Uint8Array(count),
    awareTick: new Int32Array(count).fill(-1),
    departTick: new Int32Array(count).fill(-1),
    target: new Int16Array(count).fill(-1),
    progress: new Float32Array(count),
    members: new Uint8Array(count),
    vehicle: new Uint8Array(count),
    phone: new Uint8Array(count),
    exposed: new Uint8Array(count),
    safeTick: new Int32Array(count).fill(-1),
    warnedTick: new Int32Array(count).fill(-1),
    warnedChannel: new Uint8Array(count),
    dangerTick: new Int32Array(count).fill(-1),
    wetTick: new Int32Array(count).fill(-1),
    exposedTick: new Int32Array(count).fill(-1),
    exposedCell: new Int32Array(count).fill(-1),
    hazardMinutes: new Float32Array(count),
  };
}

/** Speed factor of the slowest member (1 = a fit adult). */
export function groupFactor(members: number): number {
  let f = 1;
  if (members & MEMBER_CHILD && CHILD_FACTOR < f) f = CHILD_FACTOR;
  if (members & (MEMBER_INFANT | MEMBER_PREGNANT) && INFANT_PREGNANT_FACTOR < f) f = INFANT_PREGNANT_FACTOR;
  if (members & MEMBER_ELDERLY && ELDERLY_FACTOR < f) f = ELDERLY_FACTOR;
  if (members & MEMBER_DISABLED && DISABLED_FACTOR < f) f = DISABLED_FACTOR;
  return f;
}

/** Free walking speed (m/s) of household i, before congestion. */
export function walkSpeed(h: Households, i: number): number {
  if (h.members[i]) return WALK_SPEED * groupFactor(h.members[i]);
  return h.vulnerable[i] ? WALK_SPEED * VULNERABLE_SPEED_FACTOR : WALK_SPEED;
}

/** Congestion on foot: Weidmann (1993) fundamental diagram v = v0·(1 − exp(−1.913·(1/ρ − 1/ρmax))), ρmax = 5.4 p/m².
 *  People share a walking width of WALK_WIDTH metres per cell (design choice: a kampung street or gang). */
export const JAM_DENSITY = 5.4;
export const WALK_WIDTH = 6;
export function crowdFactor(people: number, cellSize: number): number {
  if (people <= 1) return 1;
  const rho = people / (cellSize * WALK_WIDTH);
  if (rho >= JAM_DENSITY) return 0.05;
  const f = 1 - Math.exp(-1.913 * (1 / rho - 1 / JAM_DENSITY));
  return f < 0.05 ? 0.05 : f > 1 ? 1 : f;
}

/** Vehicles: free speed on roads (design choice for kampung streets: motorbike 8 m/s ≈ 29 km/h, car 6 m/s), slowed by
 *  Greenshields' linear law v = vf·(1 − k/kjam) with kjam = one car length (7 m) per lane, two lanes per road cell; a
 *  motorbike counts 0.4 passenger-car units (Indonesian MKJI uses 0.25–0.5). Padang 2012: jams turned 30 min into 2 h. */
export const MOTORBIKE_SPEED = 8;
export const CAR_SPEED = 6;
export const MOTORBIKE_PCU = 0.4;
export const VEHICLE_ABANDON_DEPTH = 0.3;
export function trafficFactor(pcu: number, cellSize: number): number {
  const kjam = (2 * cellSize) / 7;
  const f = 1 - pcu / kjam;
  return f < 0.05 ? 0.05 : f > 1 ? 1 : f;
}
