// Health facilities (puskesmas, rumah sakit): in-patients in beds that lose power, equipment and care once water
// stands on the ground floor, so they must be moved out in time. The team orders an evacuation
// (evacuate_facility); ambulances then move patients at a steady rate to a dry facility with free beds or to a
// shelter. Patients left in a flooded facility come to harm. Rates are design choices (docs/engine.md). Pure.
import type { HealthFacility } from './scenario.ts';

/** Depth (m) at which the ground floor floods by default: sockets, generators and beds sit at about this height (design choice). */
export const FACILITY_FLOOD_DEPTH = 0.3;
/** Minutes from the order until the first patients leave (ambulances and stretchers called in; design choice). */
export const FACILITY_EVAC_DELAY_MIN = 30;
/** Patients moved per hour (design choice: about four ambulances, two lying patients each, a 30-minute round trip in town). */
export const FACILITY_EVAC_PER_HOUR = 16;
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
}

export function createFacilities(list: HealthFacility[], width: number): FacilityState[] {
  return list.map((f) => ({
    cell: f.y * width + f.x, beds: f.beds, patients: f.patients, evacTarget: null, evacTick: -1,
    moved: 0, harmed: 0, harmCarry: 0, moveCarry: 0, floodedTick: -1, flooded: false,
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

/**
 * One tick: flooding from the depth at each facility, harm to patients left in a flooded one, and the moves of the
 * evacuations under way. `room(kind, index)` tells how many more patients a target takes (free beds or shelter space).
 */
export function stepFacilities(
  list: HealthFacility[], st: FacilityState[], depth: (cell: number) => number, tick: number, tickSeconds: number,
  room: (kind: 'facility' | 'shelter', index: number) => number,
): FacilityTick {
  const out: FacilityTick = { flooded: [], harmed: new Map(), moves: [], emptied: [] };
  const hours = tickSeconds / 3600;
  st.forEach((f, k) => {
    const limit = list[k].floodDepth ?? FACILITY_FLOOD_DEPTH;
    const wet = depth(f.cell) >= limit;
    if (wet && f.floodedTick < 0) { f.floodedTick = tick; out.flooded.push(k); }
    f.flooded = wet;
    if (f.evacTarget && f.patients > 0 && (tick - f.evacTick) * tickSeconds >= FACILITY_EVAC_DELAY_MIN * 60) {
      f.moveCarry += FACILITY_EVAC_PER_HOUR * hours;
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
