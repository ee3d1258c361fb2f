// Health facilities (puskesmas, rumah sakit): in-patients in beds that lose power, equipment and care once water
// stands on the ground floor, so they must be moved out in time. The team orders an evacuation
// (evacuate_facility); the facility's own ambulances, and the ambulances and trucks the team tasks to it
// (task_unit with a facility), then move patients to a dry facility with free beds or to a shelter, each vehicle
// at its load per round trip. Patients left in a flooded facility come to harm. Rates are design choices
// (docs/engine.md#health-facilities). Pure.
import type { HealthFacility } from './scenario.ts';

/** Depth (m) at which the ground floor floods by default: sockets, generators and beds sit at about this height (design choice). */
export const FACILITY_FLOOD_DEPTH = 0.3;
/** Minutes from the order until the first patients leave (ambulances and stretchers called in; design choice). */
export const FACILITY_EVAC_DELAY_MIN = 30;
/** The facility's own transport ambulances (design choice: a district hospital keeps a few, a puskesmas one;
 *  Permenkes 43/2019 lists an ambulance among a puskesmas' means). */
export const OWN_AMBULANCES = { hospital: 2, puskesmas: 1 } as const;
/** Patients one vehicle carries per trip (design choices: an ambulance takes one stretcher and one seated patient;
 *  a truck or pick-up with mattresses takes six walking or sitting patients with a nurse). */
export const PATIENTS_PER_TRIP = { ambulance: 2, medical: 2, truck: 6 } as const;
/** Minutes to carry patients out, load, unload and hand over at the other end, per round trip (design choice). */
export const TRIP_HANDLING_MIN = 20;
/** Road distance over straight-line distance (circuity; Ballou, Rahardja & Sakai 2002, Transp. Res. A 36:843–848:
 *  about 1.2–1.4 for road travel). */
export const ROAD_CIRCUITY = 1.3;
/** Vehicle speed in town during the emergency (m/s; the truck speed of server/sim/ngo.ts, 18 km/h). */
export const EVAC_VEHICLE_SPEED = 5;
/** Share of the patients still inside a flooded facility who come to harm per hour (design choice: oxygen,
 *  power and care fail; the WHO Safe Hospitals checklist counts the loss of critical services as the main risk). */
export const PATIENT_HARM_PER_HOUR = 0.1;

export interface FacilityState {
  cell: number;
  beds: number;
  /** Patients inside (at the start: the scenario's in-patients). */
  patients: number;
  /** Evacuation order: target kind and index, tick it was given (−1 = none). */
  evacTarget: { kind: 'facility' | 'shelter'; index: number } | null;
  evacTick: number;
  /** Patients moved out, and patients harmed while the facility was flooded (fractional until counted). */
  moved: number;
  harmed: number;
  harmCarry: number;
  moveCarry: number;
  /** Tick water first reached the ground floor (−1 = dry so far), and whether it is flooded now. */
  floodedTick: number;
  flooded: boolean;
  /** Patients per hour the transport at hand could move this tick (own ambulances once started, plus the tasked
   *  units on scene); 0 while nothing moves. For the map and the debrief. */
  rate: number;
}

export function createFacilities(list: HealthFacility[], width: number): FacilityState[] {
  return list.map((f) => ({
    cell: f.y * width + f.x, beds: f.beds, patients: f.patients, evacTarget: null, evacTick: -1,
    moved: 0, harmed: 0, harmCarry: 0, moveCarry: 0, floodedTick: -1, flooded: false, rate: 0,
  }));
}

export interface FacilityTick {
  /** Facilities that flooded this tick. */
  flooded: number[];
  /** Patients harmed this tick, per facility index. */
  harmed: Map<number, number>;
  /** Patients moved this tick: from facility index, to target, count. */
  moves: { from: number; kind: 'facility' | 'shelter'; to: number; count: number }[];
  /** Facilities emptied this tick. */
  emptied: number[];
}

/** Patients per hour one vehicle moves: its load over its round trip (there and back at EVAC_VEHICLE_SPEED over the
 *  road distance, plus TRIP_HANDLING_MIN). `metres` is the straight-line distance to the target. */
export function vehiclePatientsPerHour(kind: keyof typeof PATIENTS_PER_TRIP, metres: number): number {
  const tripMin = (2 * metres * ROAD_CIRCUITY) / EVAC_VEHICLE_SPEED / 60 + TRIP_HANDLING_MIN;
  return (PATIENTS_PER_TRIP[kind] * 60) / tripMin;
}

/** Whether a unit of this kind can carry patients (ambulances of medical teams, trucks). */
export const carriesPatients = (kind: string): kind is 'medical' | 'truck' => kind === 'medical' || kind === 'truck';

/**
 * One tick: flooding from the depth at each facility, harm to patients left in a flooded one, and the moves of the
 * evacuations under way. `room(kind, index)` tells how many more patients a target takes (free beds or shelter space);
 * `metres(k)` the straight-line distance from facility k to its evacuation target; `tasked(k)` the kinds of the
 * units tasked to facility k that are there now.
 */
export function stepFacilities(
  list: HealthFacility[], st: FacilityState[], depth: (cell: number) => number, tick: number, tickSeconds: number,
  room: (kind: 'facility' | 'shelter', index: number) => number,
  metres: (k: number) => number = () => 0, tasked: (k: number) => readonly string[] = () => [],
): FacilityTick {
  const out: FacilityTick = { flooded: [], harmed: new Map(), moves: [], emptied: [] };
  const hours = tickSeconds / 3600;
  st.forEach((f, k) => {
    const limit = list[k].floodDepth ?? FACILITY_FLOOD_DEPTH;
    const wet = depth(f.cell) >= limit;
    if (wet && f.floodedTick < 0) { f.floodedTick = tick; out.flooded.push(k); }
    f.flooded = wet;
    f.rate = 0;
    if (f.evacTarget && f.patients > 0) {
      // The facility's own ambulances start after the call-out delay; tasked units carry as soon as they are there.
      const d = metres(k);
      if ((tick - f.evacTick) * tickSeconds >= FACILITY_EVAC_DELAY_MIN * 60) f.rate += OWN_AMBULANCES[list[k].kind] * vehiclePatientsPerHour('ambulance', d);
      for (const kind of tasked(k)) if (carriesPatients(kind)) f.rate += vehiclePatientsPerHour(kind, d);
    }
    if (f.rate > 0 && f.evacTarget) {
      f.moveCarry += f.rate * hours;
      const n = Math.min(f.patients, Math.floor(f.moveCarry), Math.max(0, room(f.evacTarget.kind, f.evacTarget.index)));
      if (n > 0) {
        f.moveCarry -= n;
        f.patients -= n;
        f.moved += n;
        out.moves.push({ from: k, kind: f.evacTarget.kind, to: f.evacTarget.index, count: n });
        if (f.patients === 0) out.emptied.push(k);
      }
    }
    if (wet && f.patients > 0) {
      // Expected harm accumulates; whole patients are counted as it passes each one (deterministic, no draw).
      f.harmCarry += Math.max(0, f.patients - f.harmed) * (1 - Math.exp(-PATIENT_HARM_PER_HOUR * hours));
      const n = Math.min(Math.max(0, f.patients - f.harmed), Math.floor(f.harmCarry));
      if (n > 0) { f.harmCarry -= n; f.harmed += n; out.harmed.set(k, n); }
    }
  });
  return out;
}
