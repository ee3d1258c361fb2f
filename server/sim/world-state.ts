// The state of one team's world: its types and the thresholds every mechanism shares. A leaf module (types and
// constants only), so the per-noun modules (household movement, units, shelters, trust, commands) can share it
// without importing one another or world.ts.
import type { EmergencyStatus, Refusal, WarningLevel } from './command.ts';
import type { EmbankmentState } from './drivers.ts';
import type { FloodGrid } from './flood.ts';
import type { HazardState } from './hazards.ts';
import type { Households } from './household.ts';
import type { UnitState } from './ngo.ts';
import type { Rng } from './prng.ts';
import type { Scenario } from './scenario.ts';
import type { ShelterState } from './shelter.ts';
import type { SitrepRecord } from './sitrep.ts';
import type { Complaint, FeedPost } from './social.ts';

export type { ShelterState } from './shelter.ts';
export type { UnitState } from './ngo.ts';

/** Hazard to a person outside shelter (docs/domain.md#hazard): depth ≥ 0.5 m or depth × velocity > 0.5 m²/s. */
export const HAZARD_DEPTH = 0.5;
export const HAZARD_DEPTH_VELOCITY = 0.5;
/** Depth at which an area counts as flooded and a household notices water at the door. */
export const FLOODED_DEPTH = 0.1;
/** Depth at home at which a household leaves without any order (design choice: people in rob-prone kampung are used
 *  to ankle-deep water and wait, cf. Zulfa et al. 2024, docs/domain.md#warnings). */
export const SELF_EVACUATION_DEPTH = 0.3;
/** Flow fields are rebuilt this often (ticks), so routes bend around rising water (10 scenario-minutes: the sea
 *  rises about 10 cm in that time in pariaman-rob; the rebuilds are the costliest part of a tick after the water). */
export const FIELD_REFRESH_TICKS = 10;
/** Flood hazard rating HR = d·(v + 0.5) (Defra/EA FD2321/TR2, 2006: > 0.75 danger for some, > 1.25 for most, > 2 for all).
 *  Per scenario-minute outside shelter, design choices built on those bands: */
export const HR_DANGER_SOME = 0.75, HR_DANGER_MOST = 1.25, HR_DANGER_ALL = 2;
export const INJURY_PER_MIN_SOME = 0.005, INJURY_PER_MIN_MOST = 0.02, INJURY_PER_MIN_ALL = 0.05, DEATH_PER_MIN_ALL = 0.01;
/** Households with a vulnerable member are hurt twice as often (design choice). */
export const VULNERABLE_HARM_FACTOR = 2;
/** A shelter turns people away above this multiple of its Sphere capacity (≈ 2.3 m² per person; design choice). */
export const SHELTER_HARD_LIMIT = 1.5;

export interface HoodState {
  /** Tick of the first warning that reached this area (−1 = never warned). */
  warnedTick: number;
  level: WarningLevel | null;
  channels: string[];
  /** Shelter index ordered for this area (−1 = no order). */
  orderShelter: number;
  orderTick: number;
  /** Habitable cells of the area, for placing households and locating rescue. Shared by every world of the
   *  scenario (world.ts): never written. */
  cells: readonly number[];
  centre: number;
  /** Tick water first stood ≥ 0.1 m in the area (−1 = not yet). */
  floodedTick: number;
  /** Public trust in government information, 0–1 (starts at the scenario value; see social.ts). */
  trust: number;
  /** Door-to-door volunteers of the area. */
  volunteers: number;
  /** Tick the volunteers are next free for a new door-to-door round. */
  doorFreeTick: number;
}

export interface WorldEvent {
  tick: number;
  kind:
    | 'warning' | 'order' | 'flooded' | 'stranded' | 'sheltered_all' | 'shelter_full' | 'rescue' | 'refused' | 'unit_tasked'
    | 'casualties' | 'status' | 'posko' | 'shelter_opened' | 'shelter_closed' | 'resupply_ordered' | 'resupply_delivered'
    | 'road_closed' | 'hoax' | 'clarification' | 'complaint' | 'complaint_answered' | 'support_requested' | 'support_arrived'
    | 'meeting' | 'sitrep' | 'self_deployed' | 'unit_queued' | 'unit_done' | 'turned_away' | 'breach'
    | 'landslide' | 'facility_flooded' | 'patients_harmed' | 'facility_evacuated' | 'facility_evacuation'
    | 'debris_deposit' | 'debris_buried';
  area?: string;
  shelter?: string;
  unit?: string;
  count?: number;
  channel?: string;
  level?: string;
  refusal?: Refusal;
  /** Rumour post or complaint id, emergency status, … */
  id?: string;
  text?: string;
  embankment?: string;
  /** The words a player wrote with a warning, clarification or complaint answer (shown in the debrief). */
  message?: string;
}

/** Coordination ledger (docs/domain.md#metrics: coordination = (tasks routed through the posko − duplicated − unmet) ÷ tasks). */
export interface CoordinationLedger {
  /** Unit tasks given by the team (task_unit accepted). */
  tasked: number;
  /** Of those, given while the posko was active. */
  routed: number;
  /** Deployments NGOs made on their own. */
  selfDeployed: number;
  /** Deployments to an area where a unit of the same kind was already working. */
  duplicated: number;
  /** Unit-minutes spent beyond what an area's need called for. */
  duplicatedUnitMinutes: number;
  /** Area-minutes with people stranded or injured and no unit assigned. */
  uncoveredAreaMinutes: number;
  /** Areas that had people in need for 30 minutes or more with nobody assigned. */
  unmetAreas: number[];
  /** Each duplicated deployment: the unit sent, the unit of the same kind already there, whether it went on its own. */
  duplicateLog: { tick: number; unit: string; other: string; area: string; self: boolean }[];
}

export interface World {
  scenario: Scenario;
  seed: number;
  tick: number;
  rng: Rng;
  flood: FloodGrid;
  /** Walking cost multiplier per cell (Infinity = not walkable). */
  cellCost: Float64Array;
  /** Area index per cell (−1 = none). Shared by every world of the scenario (world.ts): never written. */
  hoodOfCell: Int16Array;
  households: Households;
  hoods: HoodState[];
  shelters: ShelterState[];
  units: UnitState[];
  /** Distance field per shelter (see routing.ts) and the tick it was built. */
  fields: Float64Array[];
  fieldsTick: number;
  firstWarningTick: number;
  population: number;
  /** Metres added to the coastal water level by injects (effect.ts: surge). */
  seaLevelOffset: number;
  events: WorldEvent[];
  /** Separate streams so that adding a draw in one mechanism does not shift the others. */
  hazardRng: Rng;
  /** Emergency status in force (null = none) and since when. */
  status: EmergencyStatus | null;
  statusTick: number;
  /** Tick of the first emergency status declared (−1 = none yet; command tempo, docs/scoring.md). */
  firstStatusTick: number;
  poskoTick: number;
  meetingTicks: number[];
  supportRequestedTick: number;
  /** NGO ids that joined coordination at the posko (or never self-deploy). */
  coordinatedNgos: string[];
  coordination: CoordinationLedger;
  /** 1 where the team closed the road. */
  closedCells: Uint8Array;
  /** People walking, and passenger-car units riding, per cell this tick (congestion). Scratch shared by every world
   *  of the scenario (world.ts): counted afresh at the start of each household step and read only within it. */
  crowd: Float32Array;
  traffic: Float32Array;
  posts: FeedPost[];
  complaints: Complaint[];
  sitreps: SitrepRecord[];
  /** Last tick the team spoke to the public (warning, clarification, sitrep, answered complaint). */
  lastPublicTick: number;
  /** People hurt and killed so far. */
  casualties: { injured: number; dead: number };
  /** 1 on bridge decks: walkable and drivable whatever the river below does. Shared by every world of the
   *  scenario (world.ts): never written. */
  bridge: Uint8Array;
  /** Route fields of field units by mode and target cell, and the tick each was built (ngo.ts). A cache: left out
   *  of keyframes and of the hash, since it is rebuilt identically (see ROUTE_REFRESH_TICKS). */
  unitRoutes: Map<string, { tick: number; field: Float64Array; cost: Float64Array }>;
  embankments: EmbankmentState[];
  /** Rain routing, landslides, widening breaches, health facilities (hazards.ts). */
  hazards: HazardState;
}
