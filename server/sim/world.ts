// The world a team acts on, and the one function that moves it forward: step(). Pure and deterministic:
// same scenario + seed + commands ⇒ the same state, bit for bit (see hash.ts).
import type { Command, EmergencyStatus, Refusal, WarningLevel } from './command.ts';
import { checkEmbankments, setSources, type EmbankmentState } from './drivers.ts';
import { advanceFlood, cellSpeed, createFloodGrid, refreshWetBox, totalVolume, type FloodGrid } from './flood.ts';
import {
  CAR_SPEED, createHouseholds, crowdFactor, HouseholdState as S, MEMBER_CHILD, MEMBER_DISABLED, MEMBER_ELDERLY, MEMBER_INFANT,
  MEMBER_PREGNANT, MOTORBIKE_PCU, MOTORBIKE_SPEED, trafficFactor, VEHICLE_ABANDON_DEPTH, VEHICLE_CAR, VEHICLE_MOTORBIKE, VEHICLE_NONE,
  walkSpeed, type Households,
} from './household.ts';
import { createRng, forkRng, nextFloat, nextInt, rayleigh, type Rng } from './prng.ts';
import { buildDistanceField, nextCell } from './routing.ts';
import type { Scenario } from './scenario.ts';
import { createShelterState, stepShelters, type ShelterState } from './shelter.ts';
import { addComplaint, adjustTrust, stepSocial, TRUST, type Complaint, type FeedPost } from './social.ts';
import { CHANNEL_PROFILES, complianceProbability, DEFAULT_VOLUNTEERS, DOOR_MINUTES_PER_HOUSEHOLD, meanDepartureDelay } from './warning.ts';
import { applyTask, createUnits, stepUnits, type UnitState } from './ngo.ts';
import { recordExposure, recordWarned } from './exposure.ts';
import { SITREP_FIELDS, sitrepAccuracy, type SitrepFigures, type SitrepRecord } from './sitrep.ts';

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
export { SPHERE_M2_PER_PERSON } from './shelter.ts';
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
  /** Habitable cells of the area, for placing households and locating rescue. */
  cells: number[];
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
    | 'meeting' | 'sitrep' | 'self_deployed' | 'unit_queued' | 'unit_done' | 'turned_away' | 'breach';
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
  poskoTick: number;
  meetingTicks: number[];
  supportRequestedTick: number;
  /** NGO ids that joined coordination at the posko (or never self-deploy). */
  coordinatedNgos: string[];
  coordination: CoordinationLedger;
  /** 1 where the team closed the road. */
  closedCells: Uint8Array;
  /** People walking, and passenger-car units riding, per cell this tick (congestion). */
  crowd: Float32Array;
  traffic: Float32Array;
  posts: FeedPost[];
  complaints: Complaint[];
  sitreps: SitrepRecord[];
  /** Last tick the team spoke to the public (warning, clarification, sitrep, answered complaint). */
  lastPublicTick: number;
  /** People hurt and killed so far. */
  casualties: { injured: number; dead: number };
  /** Cells that are not sea (rain falls here). */
  landCells: Int32Array;
  /** 1 on bridge decks: walkable and drivable whatever the river below does. */
  bridge: Uint8Array;
  /** Route fields of field units by mode and target cell, and the tick each was built (ngo.ts). A cache: left out
   *  of keyframes and of the hash, since it is rebuilt identically (see ROUTE_REFRESH_TICKS). */
  unitRoutes: Map<string, { tick: number; field: Float64Array; cost: Float64Array }>;
  embankments: EmbankmentState[];
}

export function interpolate(points: { t: number; value: number }[], t: number): number {
  if (points.length === 0) return 0;
  if (t <= points[0].t) return points[0].value;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1], b = points[k];
    if (t <= b.t) return a.value + ((b.value - a.value) * (t - a.t)) / (b.t - a.t);
  }
  return points[points.length - 1].value;
}

/** Cells whose centre lies inside the polygon (even–odd rule). */
export function rasterizePolygon(polygon: [number, number][], width: number, height: number): number[] {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const [x, y] of polygon) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  const out: number[] = [];
  for (let y = Math.max(0, Math.floor(minY)); y <= Math.min(height - 1, Math.ceil(maxY)); y++) {
    for (let x = Math.max(0, Math.floor(minX)); x <= Math.min(width - 1, Math.ceil(maxX)); x++) {
      const px = x + 0.5, py = y + 0.5;
      let inside = false;
      for (let a = 0, b = polygon.length - 1; a < polygon.length; b = a++) {
        const [xa, ya] = polygon[a], [xb, yb] = polygon[b];
        if (ya > py !== yb > py && px < ((xb - xa) * (py - ya)) / (yb - ya) + xa) inside = !inside;
      }
      if (inside) out.push(y * width + x);
    }
  }
  return out;
}

export function createWorld(scenario: Scenario, seed: number): World {
  const { width, height, cellSize } = scenario;
  const classes = new Map(scenario.landUseClasses.map((c) => [c.code, c]));
  const n = new Float64Array(width * height);
  const sea = new Uint8Array(width * height);
  const cellCost = new Float64Array(width * height);
  for (let i = 0; i < n.length; i++) {
    const c = classes.get(scenario.landUse[i])!;
    n[i] = c.manningN;
    sea[i] = c.isSea ? 1 : 0;
    cellCost[i] = c.walkCost;
  }
  // Each world owns its bed elevation: embankments raise it and breaches lower it (drivers.ts).
  const z = Float64Array.from(scenario.elevation);
  for (const e of scenario.embankments ?? []) for (const c of e.cells) z[c] = Math.max(z[c], e.crest);
  const flood = createFloodGrid(width, height, cellSize, z, n, sea);
  // Start with the sea at its first level and everything else dry.
  const level0 = interpolate(scenario.seaLevel, 0);
  for (let i = 0; i < sea.length; i++) {
    if (sea[i] || classes.get(scenario.landUse[i])!.startsWet) flood.h[i] = Math.max(0, level0 - z[i]);
  }
  refreshWetBox(flood);
  flood.mass.initial = totalVolume(flood);

  const rng = createRng(seed);
  const placeRng = forkRng(rng, 1);
  const hoodOfCell = new Int16Array(width * height).fill(-1);
  const hoods: HoodState[] = [];
  let totalHouseholds = 0;
  scenario.neighbourhoods.forEach((nb, k) => {
    const all = rasterizePolygon(nb.polygon, width, height);
    for (const c of all) hoodOfCell[c] = k;
    const cells = all.filter((c) => classes.get(scenario.landUse[c])!.habitable);
    let sx = 0, sy = 0;
    for (const c of cells) { sx += c % width; sy += Math.floor(c / width); }
    const centre = cells.length ? Math.round(sy / cells.length) * width + Math.round(sx / cells.length) : 0;
    hoods.push({
      warnedTick: -1, level: null, channels: [], orderShelter: -1, orderTick: -1, cells, centre, floodedTick: -1,
      trust: nb.trust, volunteers: nb.volunteers ?? DEFAULT_VOLUNTEERS, doorFreeTick: 0,
    });
    totalHouseholds += nb.households;
  });

  const households = createHouseholds(totalHouseholds);
  let population = 0;
  let i = 0;
  scenario.neighbourhoods.forEach((nb, k) => {
    const cells = hoods[k].cells;
    for (let j = 0; j < nb.households; j++, i++) {
      const c = cells.length ? cells[nextInt(placeRng, cells.length)] : 0;
      households.home[i] = c;
      households.cell[i] = c;
      households.hood[i] = k;
      // Household size spread ±2 around the scenario mean, at least 1.
      households.size[i] = Math.max(1, Math.round(nb.householdSize - 2 + 4 * nextFloat(placeRng)));
      households.vulnerable[i] = nextFloat(placeRng) < nb.vulnerableShare ? 1 : 0;
      // Members: most households have children (design choice 0.6); a vulnerable household has one vulnerable member,
      // elderly most often (design choice: elderly 0.55, infant 0.2, pregnant 0.1, disabled 0.15).
      const uChild = nextFloat(placeRng), uKind = nextFloat(placeRng), uVeh = nextFloat(placeRng), uCar = nextFloat(placeRng), uPhone = nextFloat(placeRng);
      let members = households.size[i] >= 3 && uChild < 0.6 ? MEMBER_CHILD : 0;
      if (households.vulnerable[i]) members |= uKind < 0.55 ? MEMBER_ELDERLY : uKind < 0.75 ? MEMBER_INFANT : uKind < 0.85 ? MEMBER_PREGNANT : MEMBER_DISABLED;
      households.members[i] = members;
      households.vehicle[i] = uVeh < (nb.vehicleShare ?? 0.5) ? (uCar < 0.15 ? VEHICLE_CAR : VEHICLE_MOTORBIKE) : VEHICLE_NONE;
      households.phone[i] = uPhone < (nb.phoneShare ?? 0.85) ? 1 : 0;
      population += households.size[i];
    }
  });

  const shelters: ShelterState[] = scenario.shelters.map((s) => createShelterState(s, width));
  const units: UnitState[] = createUnits(scenario);
  const hazardRng = forkRng(rng, 2);

  const world: World = {
    scenario, seed, tick: 0, rng, flood, cellCost, hoodOfCell, households, hoods, shelters, units,
    fields: [], fieldsTick: -1, firstWarningTick: -1, population, seaLevelOffset: 0, events: [],
    hazardRng, status: null, statusTick: -1, poskoTick: -1, meetingTicks: [], supportRequestedTick: -1,
    coordinatedNgos: scenario.ngos.filter((n) => !n.selfDeploy).map((n) => n.id),
    coordination: { tasked: 0, routed: 0, selfDeployed: 0, duplicated: 0, duplicatedUnitMinutes: 0, uncoveredAreaMinutes: 0, unmetAreas: [], duplicateLog: [] },
    closedCells: new Uint8Array(width * height),
    crowd: new Float32Array(width * height),
    traffic: new Float32Array(width * height),
    posts: [], complaints: [], sitreps: [], lastPublicTick: -1,
    casualties: { injured: 0, dead: 0 },
    landCells: Int32Array.from({ length: width * height }, (_, i) => i).filter((i) => !sea[i]),
    bridge: Uint8Array.from(scenario.landUse, (code) => (classes.get(code)!.bridge ? 1 : 0)),
    unitRoutes: new Map(),
    embankments: (scenario.embankments ?? []).map(() => ({ breachedTick: -1 })),
  };
  rebuildFields(world);
  return world;
}

export function rebuildFields(w: World): void {
  const { width, height, cellSize } = w.scenario;
  w.fields = w.shelters.map((s) => buildDistanceField(width, height, cellSize, w.cellCost, w.flood.h, s.cell, w.bridge));
  w.fieldsTick = w.tick;
}

export function isRoadCell(sc: Scenario, cell: number): boolean {
  const c = sc.landUseClasses.find((k) => k.code === sc.landUse[cell]);
  if (!c) return false;
  return c.isRoad ?? (c.walkCost <= 1 && !c.habitable && !c.isSea);
}

const STATUS_ORDER: EmergencyStatus[] = ['siaga_darurat', 'tanggap_darurat', 'transisi_darurat'];
/** Minutes between coordination meetings that count (design choice), and between sitreps. */
export const MEETING_MIN_GAP = 30;
export const SITREP_MIN_GAP = 15;
/** Minutes for a resupply to arrive at a shelter through the logistics cluster (design choice). */
export const RESUPPLY_DELAY_MIN = 45;

/** Checks a command against the world without changing it. Used by the server before it logs and acks. */
export function checkCommand(w: World, cmd: Command): Refusal | null {
  const sc = w.scenario;
  if (w.tick >= sc.durationTicks) return { code: 'drill_over' };
  const areaIds = sc.neighbourhoods.map((n) => n.id);
  const shelterIndex = (id: string) => sc.shelters.findIndex((x) => x.id === id);
  switch (cmd.type) {
    case 'warn': {
      const bad = cmd.areas.find((a) => !areaIds.includes(a));
      if (bad) return { code: 'unknown_area', detail: bad };
      return null;
    }
    case 'evacuate': {
      const bad = cmd.areas.find((a) => !areaIds.includes(a));
      if (bad) return { code: 'unknown_area', detail: bad };
      const s = shelterIndex(cmd.shelterId);
      if (s < 0) return { code: 'unknown_shelter', detail: cmd.shelterId };
      if (!w.shelters[s].open) return { code: 'shelter_closed', detail: cmd.shelterId };
      if (w.shelters[s].occupants >= w.shelters[s].capacity) return { code: 'shelter_full', detail: cmd.shelterId };
      return null;
    }
    case 'task_unit': {
      const u = w.units.find((x) => x.id === cmd.unitId);
      if (!u) return { code: 'unknown_unit', detail: cmd.unitId };
      if (!areaIds.includes(cmd.area)) return { code: 'unknown_area', detail: cmd.area };
      if (u.unavailable) return { code: 'unit_unavailable', detail: cmd.unitId };
      if (!u.available) return { code: 'unit_not_arrived', detail: cmd.unitId };
      if (!w.coordinatedNgos.includes(u.ngo)) return { code: 'ngo_not_coordinated', detail: u.ngo };
      if (u.task >= 0 && areaIds[u.task] !== cmd.area) {
        if (!cmd.queue) return { code: 'unit_busy', detail: cmd.unitId };
        if (u.queue.length >= 5) return { code: 'queue_full', detail: cmd.unitId };
      }
      return null;
    }
    case 'declare_status': {
      if (w.status === cmd.status) return { code: 'status_unchanged', detail: cmd.status };
      const from = w.status ? STATUS_ORDER.indexOf(w.status) : -1;
      const to = STATUS_ORDER.indexOf(cmd.status);
      // Forward only; transisi follows tanggap darurat.
      if (to < from || (cmd.status === 'transisi_darurat' && w.status !== 'tanggap_darurat')) return { code: 'invalid_status_transition', detail: `${w.status ?? 'none'}→${cmd.status}` };
      return null;
    }
    case 'activate_posko':
      return w.poskoTick >= 0 ? { code: 'posko_active' } : null;
    case 'hold_coordination_meeting': {
      if (w.poskoTick < 0) return { code: 'no_posko' };
      const last = w.meetingTicks[w.meetingTicks.length - 1];
      if (last !== undefined && (w.tick - last) * sc.tickSeconds < MEETING_MIN_GAP * 60) return { code: 'meeting_too_soon', detail: String(MEETING_MIN_GAP) };
      return null;
    }
    case 'request_support':
      if (w.status !== 'tanggap_darurat') return { code: 'no_emergency_status', detail: 'tanggap_darurat' };
      if (w.supportRequestedTick >= 0) return { code: 'support_already_requested' };
      return null;
    case 'open_shelter': {
      const s = shelterIndex(cmd.shelterId);
      if (s < 0) return { code: 'unknown_shelter', detail: cmd.shelterId };
      return w.shelters[s].open ? { code: 'shelter_open', detail: cmd.shelterId } : null;
    }
    case 'close_shelter': {
      const s = shelterIndex(cmd.shelterId);
      if (s < 0) return { code: 'unknown_shelter', detail: cmd.shelterId };
      if (!w.shelters[s].open) return { code: 'shelter_closed', detail: cmd.shelterId };
      return w.shelters[s].occupants > 0 ? { code: 'shelter_occupied', detail: cmd.shelterId } : null;
    }
    case 'resupply_shelter': {
      const s = shelterIndex(cmd.shelterId);
      if (s < 0) return { code: 'unknown_shelter', detail: cmd.shelterId };
      if (!w.shelters[s].open) return { code: 'shelter_closed', detail: cmd.shelterId };
      // Dana siap pakai can be used only while an emergency status is in force (UU 24/2007, docs/domain.md#law).
      if (!w.status) return { code: 'no_emergency_status', detail: 'siaga_darurat' };
      return null;
    }
    case 'close_road': {
      if (cmd.x >= sc.width || cmd.y >= sc.height) return { code: 'outside_map', detail: `${cmd.x},${cmd.y}` };
      const c = cmd.y * sc.width + cmd.x;
      if (!isRoadCell(sc, c)) return { code: 'not_a_road', detail: `${cmd.x},${cmd.y}` };
      return w.closedCells[c] ? { code: 'road_closed', detail: `${cmd.x},${cmd.y}` } : null;
    }
    case 'publish_clarification': {
      const p = w.posts.find((x) => x.id === cmd.postId);
      if (!p) return { code: 'unknown_post', detail: cmd.postId };
      if (p.kind !== 'hoax') return { code: 'not_a_rumour', detail: cmd.postId };
      return p.clarifiedTick >= 0 ? { code: 'already_clarified', detail: cmd.postId } : null;
    }
    case 'answer_complaint': {
      const c = w.complaints.find((x) => x.id === cmd.complaintId);
      if (!c) return { code: 'unknown_complaint', detail: cmd.complaintId };
      return c.answeredTick >= 0 ? { code: 'already_answered', detail: cmd.complaintId } : null;
    }
    case 'submit_sitrep': {
      const last = w.sitreps[w.sitreps.length - 1];
      if (last && (w.tick - last.tick) * sc.tickSeconds < SITREP_MIN_GAP * 60) return { code: 'sitrep_too_soon', detail: String(SITREP_MIN_GAP) };
      return null;
    }
  }
  return null;
}

/** Ground truth the sitrep is compared with. */
export function sitrepTruth(w: World): { sheltered: number; stranded: number; casualties: number } {
  const hh = w.households;
  let sheltered = 0, stranded = 0, casualties = 0;
  for (let i = 0; i < hh.count; i++) {
    const st = hh.state[i];
    if (st === S.Sheltered) sheltered += hh.size[i];
    else if (st === S.Stranded) stranded += hh.size[i];
    else if (st === S.Injured || st === S.Dead) casualties += hh.size[i];
  }
  return { sheltered, stranded, casualties };
}

function warnArea(w: World, k: number, channel: keyof typeof CHANNEL_PROFILES, level: WarningLevel): number {
  const hh = w.households;
  const profile = CHANNEL_PROFILES[channel];
  const hood = w.hoods[k];
  const minutesPerTick = w.scenario.tickSeconds / 60;
  let reached = 0;
  if (channel === 'door') {
    // Volunteers go house to house, vulnerable households first, DOOR_MINUTES_PER_HOUSEHOLD each.
    const order: number[] = [];
    for (let pass = 0; pass < 2; pass++) for (let i = 0; i < hh.count; i++) if (hh.hood[i] === k && (hh.vulnerable[i] ? 0 : 1) === pass) order.push(i);
    const start = Math.max(w.tick, hood.doorFreeTick);
    const perTick = Math.max(1, hood.volunteers) / (DOOR_MINUTES_PER_HOUSEHOLD / minutesPerTick);
    let j = 0;
    for (const i of order) {
      const u = nextFloat(w.rng);
      if (hh.state[i] !== S.Home || u >= profile.reach) continue;
      const t = start + Math.floor(j / perTick);
      j++;
      if (hh.awareTick[i] < 0 || t < hh.awareTick[i]) hh.awareTick[i] = t;
      recordWarned(hh, i, t, channel);
      reached++;
    }
    hood.doorFreeTick = start + Math.ceil(j / perTick);
  } else {
    for (let i = 0; i < hh.count; i++) {
      if (hh.hood[i] !== k) continue;
      // Every household draws, reached or not, so the stream does not depend on earlier outcomes.
      const u = nextFloat(w.rng);
      const delay = -Math.log(1 - nextFloat(w.rng)) * profile.meanDelay;
      if (hh.state[i] !== S.Home) continue;
      if (profile.needsPhone && !hh.phone[i]) continue;
      const vulnerable = (hh.members[i] & (MEMBER_ELDERLY | MEMBER_DISABLED | MEMBER_INFANT)) !== 0;
      if (u >= profile.reach * (vulnerable ? profile.vulnerableReach : 1)) continue;
      const t = w.tick + Math.round(delay / minutesPerTick);
      if (hh.awareTick[i] < 0 || t < hh.awareTick[i]) hh.awareTick[i] = t;
      recordWarned(hh, i, t, channel);
      reached++;
    }
  }
  void level;
  return reached;
}

function applyCommand(w: World, cmd: Command): void {
  const refusal = checkCommand(w, cmd);
  if (refusal) { w.events.push({ tick: w.tick, kind: 'refused', refusal }); return; }
  const sc = w.scenario;
  const ids = sc.neighbourhoods.map((n) => n.id);
  const hh = w.households;
  const shelterIndex = (id: string) => sc.shelters.findIndex((x) => x.id === id);
  switch (cmd.type) {
    case 'warn': {
      if (w.firstWarningTick < 0) w.firstWarningTick = w.tick;
      w.lastPublicTick = w.tick;
      for (const area of cmd.areas) {
        const k = ids.indexOf(area);
        const hood = w.hoods[k];
        if (hood.warnedTick < 0) {
          hood.warnedTick = w.tick;
          // A warning before the water raises trust; one after the area flooded is a broken promise (social.ts).
          adjustTrust(w, k, hood.floodedTick < 0 ? TRUST.timelyWarning : TRUST.lateWarning);
        }
        const order = ['waspada', 'siaga', 'awas'];
        if (!hood.level || order.indexOf(cmd.level) > order.indexOf(hood.level)) hood.level = cmd.level;
        if (!hood.channels.includes(cmd.channel)) hood.channels.push(cmd.channel);
        const reached = warnArea(w, k, cmd.channel, cmd.level);
        w.events.push({ tick: w.tick, kind: 'warning', area, channel: cmd.channel, level: cmd.level, count: reached });
      }
      break;
    }
    case 'evacuate': {
      const s = shelterIndex(cmd.shelterId);
      for (const area of cmd.areas) {
        const k = ids.indexOf(area);
        w.hoods[k].orderShelter = s;
        w.hoods[k].orderTick = w.tick;
        // Households already on their way are redirected.
        for (let i = 0; i < hh.count; i++) if (hh.hood[i] === k && (hh.state[i] === S.Leaving || hh.state[i] === S.Moving) && hh.target[i] !== s) hh.target[i] = s;
        w.events.push({ tick: w.tick, kind: 'order', area, shelter: cmd.shelterId });
      }
      break;
    }
    case 'task_unit': {
      const u = w.units.find((x) => x.id === cmd.unitId)!;
      const k = ids.indexOf(cmd.area);
      w.coordination.tasked++;
      if (w.poskoTick >= 0) w.coordination.routed++;
      if (u.task >= 0 && u.task !== k) {
        u.queue.push(k);
        w.events.push({ tick: w.tick, kind: 'unit_queued', unit: u.id, area: cmd.area });
      } else {
        applyTask(w, u, k, false);
        w.events.push({ tick: w.tick, kind: 'unit_tasked', unit: u.id, area: cmd.area });
      }
      break;
    }
    case 'declare_status':
      w.status = cmd.status;
      w.statusTick = w.tick;
      w.events.push({ tick: w.tick, kind: 'status', id: cmd.status });
      break;
    case 'activate_posko':
      w.poskoTick = w.tick;
      w.events.push({ tick: w.tick, kind: 'posko' });
      break;
    case 'hold_coordination_meeting': {
      w.meetingTicks.push(w.tick);
      // NGOs present in the area join the cluster: their units take tasks from the posko from now on.
      for (const n of sc.ngos) if (!w.coordinatedNgos.includes(n.id) && (!n.onRequest || w.supportRequestedTick >= 0)) w.coordinatedNgos.push(n.id);
      w.events.push({ tick: w.tick, kind: 'meeting', count: w.coordinatedNgos.length });
      break;
    }
    case 'request_support': {
      w.supportRequestedTick = w.tick;
      for (const u of w.units) if (!u.available && u.onRequest) u.readyTick = w.tick + Math.round((u.responseDelay * 60) / sc.tickSeconds);
      w.events.push({ tick: w.tick, kind: 'support_requested', id: cmd.from });
      break;
    }
    case 'open_shelter': {
      const s = shelterIndex(cmd.shelterId);
      w.shelters[s].open = true;
      w.events.push({ tick: w.tick, kind: 'shelter_opened', shelter: cmd.shelterId });
      break;
    }
    case 'close_shelter': {
      const s = shelterIndex(cmd.shelterId);
      w.shelters[s].open = false;
      for (const hood of w.hoods) if (hood.orderShelter === s) hood.orderShelter = -1;
      w.events.push({ tick: w.tick, kind: 'shelter_closed', shelter: cmd.shelterId });
      break;
    }
    case 'resupply_shelter': {
      const s = shelterIndex(cmd.shelterId);
      const sh = w.shelters[s];
      const people = Math.max(sh.occupants, Math.min(sh.capacity, 100));
      sh.deliveries.push({
        tick: w.tick + Math.round((RESUPPLY_DELAY_MIN * 60) / sc.tickSeconds),
        water: cmd.water ?? people * 15,
        food: cmd.food ?? people,
        hygiene: cmd.hygiene ?? Math.ceil(people / 4),
        toilets: cmd.toilets ?? Math.ceil(people / 50),
      });
      w.events.push({ tick: w.tick, kind: 'resupply_ordered', shelter: cmd.shelterId });
      break;
    }
    case 'close_road': {
      const c = cmd.y * sc.width + cmd.x;
      w.closedCells[c] = 1;
      w.cellCost[c] = Infinity;
      rebuildFields(w);
      w.events.push({ tick: w.tick, kind: 'road_closed', id: `${cmd.x},${cmd.y}` });
      break;
    }
    case 'publish_clarification': {
      const p = w.posts.find((x) => x.id === cmd.postId)!;
      p.clarifiedTick = w.tick;
      w.lastPublicTick = w.tick;
      const fast = (w.tick - p.tick) * sc.tickSeconds <= 30 * 60;
      for (const k of p.areas) adjustTrust(w, k, fast ? TRUST.fastClarification : TRUST.slowClarification);
      w.events.push({ tick: w.tick, kind: 'clarification', id: p.id });
      break;
    }
    case 'answer_complaint': {
      const c = w.complaints.find((x) => x.id === cmd.complaintId)!;
      c.answeredTick = w.tick;
      w.lastPublicTick = w.tick;
      if (c.hood >= 0) adjustTrust(w, c.hood, TRUST.answeredComplaint);
      w.events.push({ tick: w.tick, kind: 'complaint_answered', id: c.id });
      break;
    }
    case 'submit_sitrep': {
      const truth = sitrepTruth(w);
      const reported: Partial<SitrepFigures> = {};
      for (const key of SITREP_FIELDS) if (cmd[key] !== undefined) reported[key] = cmd[key];
      const accuracy = sitrepAccuracy(reported, truth);
      w.sitreps.push({ tick: w.tick, accuracy, reported, truth });
      w.lastPublicTick = w.tick;
      for (let k = 0; k < w.hoods.length; k++) adjustTrust(w, k, TRUST.sitrep);
      w.events.push({ tick: w.tick, kind: 'sitrep', count: Math.round(accuracy * 100) });
      break;
    }
  }
}

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

function stepHouseholds(w: World): void {
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
        const mult = (hh.vulnerable[i] ? VULNERABLE_HARM_FACTOR : 1) * minutesPerTick;
        const pInjure = (hr > HR_DANGER_ALL ? INJURY_PER_MIN_ALL : hr > HR_DANGER_MOST ? INJURY_PER_MIN_MOST : INJURY_PER_MIN_SOME) * mult;
        const pDeath = hr > HR_DANGER_ALL ? DEATH_PER_MIN_ALL * mult : 0;
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

function noteFlooding(w: World): void {
  const h = w.flood.h;
  w.hoods.forEach((hood, k) => {
    if (hood.floodedTick >= 0) return;
    if (hood.cells.some((c) => h[c] >= FLOODED_DEPTH)) {
      hood.floodedTick = w.tick;
      w.events.push({ tick: w.tick, kind: 'flooded', area: w.scenario.neighbourhoods[k].id });
      // Water in an area nobody warned: residents complain (LAPOR!) and trust falls.
      if (hood.warnedTick < 0) addComplaint(w, k, 'no_warning', -1);
    }
  });
}

/**
 * Advance the world by one tick. Commands are applied first, in the order given (the server gives them in
 * log order). Returns the events of this tick.
 */
export function step(w: World, commands: readonly Command[]): WorldEvent[] {
  w.events = [];
  for (const cmd of commands) applyCommand(w, cmd);
  const sc = w.scenario;
  const minutes = ((w.tick + 0.5) * sc.tickSeconds) / 60;
  for (const ev of checkEmbankments(w, minutes)) w.events.push(ev);
  setSources(w, minutes);
  advanceFlood(w.flood, sc.tickSeconds, interpolate(sc.seaLevel, minutes) + w.seaLevelOffset);
  if (w.tick - w.fieldsTick >= FIELD_REFRESH_TICKS) rebuildFields(w);
  stepHouseholds(w);
  stepUnits(w);
  recordExposure(w, HAZARD_DEPTH, HAZARD_DEPTH_VELOCITY);
  stepShelters(w);
  noteFlooding(w);
  stepSocial(w);
  w.tick++;
  return w.events;
}
