// World effects an inject may carry (a road or bridge cut, a stronger surge, a unit out of play; docs/engine.md).
// Pure: applied inside the engine's tick order by the drill, logged, and replayed like commands.
import { z } from 'zod';
import { addWater } from './flood.ts';
import { FACILITY_FLOOD_DEPTH } from './health-facility.ts';
import { triggerLandslide } from './hazards.ts';
import { addComplaint } from './social.ts';
import type { World } from './world-state.ts';

const id = z.string().min(1).max(64);

export const effectSchema = z.discriminatedUnion('kind', [
  /** A road or bridge is cut: cells in the rectangle (inclusive, cell coordinates) can no longer be walked. */
  z.strictObject({ kind: z.literal('road_closed'), x0: z.number().int().min(0), y0: z.number().int().min(0), x1: z.number().int().min(0), y1: z.number().int().min(0) }),
  /** The storm surge grows: metres added to the coastal water level from now on. */
  z.strictObject({ kind: z.literal('surge'), metres: z.number().min(-5).max(10) }),
  /** An NGO unit drops out (breakdown, called away): it stops and cannot be tasked. */
  z.strictObject({ kind: z.literal('unit_unavailable'), unitId: id }),
  /** A slope of the scenario's landslide zones fails now (landslide.ts), whatever the rain. */
  z.strictObject({ kind: z.literal('landslide'), zoneId: id }),
  /** A hoax appears on the social feed in one area ('all' = every area), for the team to clarify (social.ts). */
  z.strictObject({ kind: z.literal('hoax'), area: z.string().min(1).max(64), text: z.string().min(1).max(500) }),
  /** Residents of an area file a LAPOR! complaint, for the team to answer (social.ts). */
  z.strictObject({ kind: z.literal('complaint'), area: id, topic: z.enum(['no_warning', 'turned_away', 'shelter_supplies', 'shelter_crowded', 'no_rescue']) }),
  /** Water reaches a health facility's ground floor now: its patients must be moved (health-facility.ts). */
  z.strictObject({ kind: z.literal('facility_flood'), facility: id }),
  /** An NGO not yet in the region offers its units (boats, trucks, kitchens with their stock): they arrive after its
   *  response delay, for the team to route with task_unit (ngo.ts). */
  z.strictObject({ kind: z.literal('ngo_offer'), ngo: id }),
]);
export type InjectEffect = z.infer<typeof effectSchema>;

/** Parses the compact form facilitators write in an MSEL cell: `road_closed(40,10,42,20)`, `surge(0.3)`, `unit_unavailable(pmi-perahu-1)`. */
export function parseEffect(text: string): InjectEffect | string {
  const m = /^\s*([a-z_]+)\s*\(([^)]*)\)\s*$/.exec(text);
  if (!m) return `"${text}": expected name(arguments), e.g. surge(0.3)`;
  const args = m[2].split(',').map((s) => s.trim()).filter(Boolean);
  let candidate: unknown;
  switch (m[1]) {
    case 'road_closed': candidate = { kind: 'road_closed', x0: Number(args[0]), y0: Number(args[1]), x1: Number(args[2]), y1: Number(args[3]) }; break;
    case 'surge': candidate = { kind: 'surge', metres: Number(args[0]) }; break;
    case 'unit_unavailable': candidate = { kind: 'unit_unavailable', unitId: args[0] }; break;
    case 'landslide': candidate = { kind: 'landslide', zoneId: args[0] }; break;
    // The text of a hoax may hold commas: everything after the area is the text.
    case 'hoax': candidate = { kind: 'hoax', area: args[0], text: args.slice(1).join(', ') }; break;
    case 'complaint': candidate = { kind: 'complaint', area: args[0], topic: args[1] ?? 'no_rescue' }; break;
    case 'facility_flood': candidate = { kind: 'facility_flood', facility: args[0] }; break;
    case 'ngo_offer': candidate = { kind: 'ngo_offer', ngo: args[0] }; break;
    default: return `"${m[1]}": unknown effect; expected road_closed, surge, unit_unavailable, landslide, hoax, complaint, facility_flood or ngo_offer`;
  }
  const r = effectSchema.safeParse(candidate);
  return r.success ? r.data : `"${text}": ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
}

/** Applies an effect to a world. Returns a problem in words when it cannot apply (unknown unit); the world is then unchanged. */
export function applyEffect(w: World, e: InjectEffect): string | null {
  switch (e.kind) {
    case 'road_closed': {
      const { width, height } = w.scenario;
      for (let y = Math.min(e.y0, e.y1); y <= Math.min(height - 1, Math.max(e.y0, e.y1)); y++) {
        for (let x = Math.min(e.x0, e.x1); x <= Math.min(width - 1, Math.max(e.x0, e.x1)); x++) w.cellCost[y * width + x] = Infinity;
      }
      w.fieldsTick = -1_000_000; // routes are rebuilt at the next step
      return null;
    }
    case 'surge':
      w.seaLevelOffset += e.metres;
      return null;
    case 'unit_unavailable': {
      const u = w.units.find((x) => x.id === e.unitId);
      if (!u) return `no unit "${e.unitId}"`;
      u.task = -1;
      u.facility = -1;
      u.unavailable = true;
      return null;
    }
    case 'landslide':
      return triggerLandslide(w, e.zoneId);
    case 'hoax': {
      const hoods = w.scenario.neighbourhoods;
      const k = hoods.findIndex((n) => n.id === e.area);
      if (e.area !== 'all' && k < 0) return `no area "${e.area}"`;
      const postId = `hoaks-inject-${w.tick}-${w.posts.length + 1}`;
      w.posts.push({ id: postId, tick: w.tick, kind: 'hoax', areas: k < 0 ? hoods.map((_, j) => j) : [k], clarifiedTick: -1, text: { id: e.text, en: e.text } });
      w.events.push({ tick: w.tick, kind: 'hoax', id: postId, text: e.text });
      return null;
    }
    case 'complaint': {
      const k = w.scenario.neighbourhoods.findIndex((n) => n.id === e.area);
      if (k < 0) return `no area "${e.area}"`;
      addComplaint(w, k, e.topic, -1);
      return null;
    }
    case 'facility_flood': {
      const list = w.scenario.facilities ?? [];
      const k = list.findIndex((f) => f.id === e.facility);
      if (k < 0) return `no health facility "${e.facility}"`;
      // Water to just over the flooding depth on the facility's cell and its neighbours, booked as a source.
      const { width, height, cellSize } = w.scenario;
      const target = (list[k].floodDepth ?? FACILITY_FLOOD_DEPTH) + 0.1;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const x = list[k].x + dx, y = list[k].y + dy;
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        const c = y * width + x;
        if (w.flood.h[c] < target) addWater(w.flood, c, (target - w.flood.h[c]) * cellSize * cellSize);
      }
      // The facility reports water on its ground floor now (the water may drain again; its patients still need moving).
      const f = w.hazards.facilities[k];
      if (f.floodedTick < 0) { f.floodedTick = w.tick; w.events.push({ tick: w.tick, kind: 'facility_flooded', id: list[k].id, text: list[k].name, count: f.patients }); }
      f.flooded = true;
      return null;
    }
    case 'ngo_offer': {
      const units = w.units.filter((u) => u.ngo === e.ngo);
      if (!units.length) return `no NGO "${e.ngo}"`;
      let coming = 0;
      for (const u of units) {
        if (u.available || u.unavailable || u.readyTick >= 0) continue;
        u.readyTick = w.tick + Math.max(1, Math.round((u.responseDelay * 60) / w.scenario.tickSeconds));
        coming++;
      }
      return coming ? null : `NGO "${e.ngo}" is already in the region`;
    }
  }
}
