// State hash: two 32-bit FNV-1a-style lanes over every byte of state that matters. Same scenario + seed +
// commands ⇒ the same hash, in any process.
import type { World } from './world-state.ts';

function mixArray(lanes: Uint32Array, view: ArrayBufferView): void {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let a = lanes[0], b = lanes[1];
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x5bd1e995) ^ (b >>> 15);
  }
  lanes[0] = a >>> 0; lanes[1] = b >>> 0;
}

function mixString(lanes: Uint32Array, s: string): void {
  mixArray(lanes, new TextEncoder().encode(s));
}

export function hashWorld(w: World): string {
  const lanes = new Uint32Array([0x811c9dc5, 0x9747b28c]);
  const f = w.flood;
  mixArray(lanes, new Int32Array([w.tick, w.firstWarningTick, w.fieldsTick]));
  mixArray(lanes, new Float64Array([w.seaLevelOffset]));
  mixArray(lanes, w.cellCost);
  mixArray(lanes, w.rng.state);
  mixArray(lanes, f.h);
  mixArray(lanes, f.z);
  mixArray(lanes, new Int32Array(w.embankments.map((e) => e.breachedTick)));
  mixArray(lanes, f.qx);
  mixArray(lanes, f.qy);
  const hh = w.households;
  for (const arr of [hh.cell, hh.state, hh.awareTick, hh.departTick, hh.target, hh.progress, hh.exposed, hh.safeTick, hh.vehicle,
    hh.warnedTick, hh.warnedChannel, hh.dangerTick, hh.wetTick, hh.exposedTick, hh.exposedCell, hh.hazardMinutes]) mixArray(lanes, arr);
  mixArray(lanes, w.hazardRng.state);
  mixArray(lanes, w.closedCells);
  mixString(lanes, JSON.stringify(w.hoods.map((h) => [h.warnedTick, h.level, h.channels, h.orderShelter, h.orderTick, h.floodedTick, h.trust, h.doorFreeTick])));
  mixString(lanes, JSON.stringify(w.shelters.map((s) => [s.occupants, s.open, s.water, s.food, s.hygiene, s.toilets, s.healthRisk, s.deliveries])));
  mixString(lanes, JSON.stringify([w.status, w.statusTick, w.firstStatusTick, w.poskoTick, w.meetingTicks, w.supportRequestedTick, w.coordinatedNgos, w.coordination, w.casualties, w.lastPublicTick]));
  mixString(lanes, JSON.stringify([w.posts.map((p) => [p.id, p.tick, p.clarifiedTick]), w.complaints.map((c) => [c.id, c.tick, c.hood, c.topic, c.answeredTick]), w.sitreps]));
  mixString(lanes, JSON.stringify(w.units.map((u) => [u.phase, u.available, u.readyTick, u.queue, u.selfDeployed, u.served])));
  mixString(lanes, JSON.stringify(w.units.map((u) => [u.x, u.y, u.task, u.rescued, u.unavailable, u.progress, u.phase, u.queue, u.facility])));
  const hz = w.hazards;
  if (hz) {
    if (hz.runoff) mixArray(lanes, hz.runoff.stored);
    if (hz.debris) { mixArray(lanes, hz.debris.sed); mixArray(lanes, hz.debris.dep); }
    mixString(lanes, JSON.stringify([hz.landslides.map((l) => [l.failedTick, l.eventStart, l.eventMm, l.hurt]), hz.facilities, hz.breaches]));
  }
  return lanes[0].toString(16).padStart(8, '0') + lanes[1].toString(16).padStart(8, '0');
}
