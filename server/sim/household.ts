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
}

export const HOUSEHOLD_STATE_NAMES = ['home', 'aware', 'leaving', 'moving', 'sheltered', 'stranded', 'rescued'] as const;

/** Base walking speed 1.33 m/s; a household with a vulnerable member walks at ×0.7 (elderly, TUNAMI-EVAC in DOMAIN.md). */
export const WALK_SPEED = 1.33;
export const VULNERABLE_SPEED_FACTOR = 0.7;

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
  /** 1 once the household has been caught in hazardous water. */
  exposed: Uint8Array;
  /** Tick it reached a shelter (−1 = not yet). */
  safeTick: Int32Array;
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
    exposed: new Uint8Array(count),
    safeTick: new Int32Array(count).fill(-1),
  };
}

export function walkSpeed(h: Households, i: number): number {
  return h.vulnerable[i] ? WALK_SPEED * VULNERABLE_SPEED_FACTOR : WALK_SPEED;
}
