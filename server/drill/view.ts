// Per-team views: what a team may know of its world. The delta since the last frame is server/protocol/view-diff.ts.
import { HouseholdState as S } from '../sim/index.ts';
import { computeMetrics } from '../sim/index.ts';
import { depositCells } from '../sim/index.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { World } from '../sim/index.ts';
import type { AreaView, MapInfo, TeamView } from '../protocol/messages.ts';
import { diffViews, WATER_HYSTERESIS_DM, type ProjectedView } from '../protocol/view-diff.ts';

// The diff itself is shared with the client (server/protocol/view-diff.ts).
export { diffViews, WATER_HYSTERESIS_DM, type ProjectedView };

/**
 * Water is sent in decimetres (one byte per cell): finer steps change every tick and cost bandwidth for nothing a
 * player can see. Sea cells are sent as 0: the map draws the sea from land use, and the tide would otherwise
 * change every sea cell every few ticks.
 */
export function quantizeWater(h: Float64Array, sea?: Uint8Array): Uint8Array {
  const out = new Uint8Array(h.length);
  for (let i = 0; i < h.length; i++) {
    if (sea && sea[i]) continue;
    const d = Math.round(h[i] * 10);
    out[i] = d > 255 ? 255 : d;
  }
  return out;
}


export function mapInfo(sc: Scenario): MapInfo {
  const names: Record<number, string> = {};
  for (const c of sc.landUseClasses) names[c.code] = c.name;
  const units: MapInfo['units'] = [];
  for (const ngo of sc.ngos) for (const u of ngo.units) units.push({ id: u.id, ngo: ngo.id, ngoName: ngo.name, kind: u.kind });
  return {
    width: sc.width,
    height: sc.height,
    cellSize: sc.cellSize,
    minutesPerTick: sc.tickSeconds / 60,
    landUse: Buffer.from(sc.landUse).toString('base64'),
    landUseNames: names,
    neighbourhoods: sc.neighbourhoods.map((n) => ({ id: n.id, name: n.name, polygon: n.polygon })),
    shelters: sc.shelters.map((s) => ({ id: s.id, name: s.name, x: s.x, y: s.y, capacity: Math.floor(s.floorArea / 3.5), ...(s.vertical ? { vertical: true } : {}) })),
    units,
    facilities: (sc.facilities ?? []).map((f) => ({ id: f.id, name: f.name, x: f.x, y: f.y, kind: f.kind })),
    landslides: (sc.landslides ?? []).map((z) => ({ id: z.id, name: z.name, ...middleCell(z.cells, sc.width) })),
    embankments: (sc.embankments ?? []).map((e) => ({ id: e.id, name: e.name, cells: e.cells })),
    rivers: [
      ...(sc.rivers ?? []).filter((r) => r.cells.length).map((r) => ({
        name: r.name, x: 0, y: 0, ...middleCell(r.cells, sc.width), ...((r.sedimentConcentration ?? 0) > 0 ? { debris: true } : {}),
      })),
      // The water at the map's edge (sea, or a big river given as a level boundary: the Musi, the Batang Hari).
      ...sc.landUseClasses.filter((c) => c.isSea).flatMap((c) => {
        const cells: number[] = [];
        for (let i = 0; i < sc.landUse.length; i++) if (sc.landUse[i] === c.code) cells.push(i);
        // Its label goes mid-water: a cell with the same water three cells away on every side, if there is one.
        const W = sc.width, same = (i: number, dx: number, dy: number) => {
          const x = (i % W) + dx, y = Math.floor(i / W) + dy;
          return x >= 0 && y >= 0 && x < W && y < sc.height && sc.landUse[y * W + x] === c.code;
        };
        const open = cells.filter((i) => same(i, 3, 0) && same(i, -3, 0) && same(i, 0, 3) && same(i, 0, -3));
        return cells.length ? [{ name: c.name, x: 0, y: 0, ...middleCell(open.length ? open : cells, W), boundary: true }] : [];
      }),
    ],
  };
}


/**
 * What a team may know of its world now. `withWater` encodes the water grid into the view (snapshots only: the
 * per-tick frames send water as changes, so encoding ten thousand cells every tick would be wasted).
 */
export function projectTeamView(w: World, teamId: string, withWater = false): ProjectedView {
  const sc = w.scenario;
  const hh = w.households;
  const areas: AreaView[] = w.hoods.map((hood, k) => ({
    id: sc.neighbourhoods[k].id,
    warned: hood.warnedTick >= 0,
    level: hood.level,
    channels: [...hood.channels],
    orderShelter: hood.orderShelter >= 0 ? sc.shelters[hood.orderShelter].id : null,
    flooded: hood.floodedTick >= 0,
    people: { home: 0, aware: 0, moving: 0, sheltered: 0, stranded: 0, rescued: 0, injured: 0, dead: 0 },
    // What the team can tell of public trust from complaints and contacts: rounded to a tenth.
    trust: Math.round(hood.trust * 10) / 10,
  }));
  const dots: number[] = [];
  for (let i = 0; i < hh.count; i++) {
    const p = areas[hh.hood[i]].people;
    const n = hh.size[i];
    const st = hh.state[i];
    switch (st) {
      case S.Home: p.home += n; break;
      case S.Aware: p.aware += n; break;
      case S.Leaving: p.aware += n; break;
      case S.Moving: p.moving += n; dots.push(hh.cell[i], st); break;
      case S.Sheltered: p.sheltered += n; break;
      case S.Stranded: p.stranded += n; dots.push(hh.cell[i], st); break;
      case S.Rescued: p.rescued += n; break;
      case S.Injured: p.injured += n; dots.push(hh.cell[i], st); break;
      case S.Dead: p.dead += n; break;
      default: p.stranded += n; break;
    }
  }
  const m = computeMetrics(w);
  const sea = w.flood.sea;
  const water = quantizeWater(w.flood.h, sea);
  const waterDm = new Float32Array(water.length);
  for (let i = 0; i < waterDm.length; i++) waterDm[i] = sea[i] ? 0 : w.flood.h[i] * 10;
  return {
    water,
    waterDm,
    view: {
      teamId,
      tick: w.tick,
      water: withWater ? Buffer.from(water).toString('base64') : '',
      areas,
      shelters: w.shelters.map((s, k) => ({
        id: sc.shelters[k].id, occupants: s.occupants, capacity: s.capacity, open: s.open,
        // Stocks to the figure a logistics desk reads (100 L, 10 person-days, 10 kits), not the litre used this minute.
        water: Math.round(s.water / 100) * 100, food: Math.round(s.food / 10) * 10, hygiene: Math.round(s.hygiene / 10) * 10, toilets: s.toilets,
        healthRisk: Math.round(s.healthRisk * 100) / 100,
      })),
      units: w.units.map((u) => ({
        id: u.id, x: Math.round(u.x * 10) / 10, y: Math.round(u.y * 10) / 10,
        task: u.task >= 0 ? sc.neighbourhoods[u.task].id : null, rescued: u.rescued,
        phase: u.phase, available: u.available && !u.unavailable, selfDeployed: u.selfDeployed, queued: u.queue.length, served: u.served,
        ...(u.facility >= 0 ? { facility: sc.facilities![u.facility].id } : {}),
      })),
      command: {
        status: w.status, posko: w.poskoTick >= 0, meetings: w.meetingTicks.length,
        supportRequested: w.supportRequestedTick >= 0, sitreps: w.sitreps.length,
      },
      posts: w.posts.map((p) => ({ id: p.id, tick: p.tick, kind: p.kind, areas: p.areas.map((k) => sc.neighbourhoods[k].id), clarified: p.clarifiedTick >= 0, text: p.text })),
      complaints: w.complaints.map((c) => ({
        id: c.id, tick: c.tick, area: sc.neighbourhoods[c.hood]?.id ?? null, topic: c.topic,
        shelter: c.shelter >= 0 ? sc.shelters[c.shelter].id : null, answered: c.answeredTick >= 0,
      })),
      casualties: { ...w.casualties },
      closedRoads: closedRoadCells(w),
      // Scar and debris of every landslide so far (server/sim/landslide.ts).
      landslides: (w.hazards?.landslides ?? []).flatMap((l) => l.cells),
      slidZones: (w.hazards?.landslides ?? []).flatMap((l, k) => (l.failedTick >= 0 && sc.landslides?.[k] ? [sc.landslides[k].id] : [])),
      breaches: breachedCells(w),
      facilities: (w.hazards?.facilities ?? []).map((f, k) => ({
        id: sc.facilities![k].id, patients: f.patients, beds: f.beds, flooded: f.flooded,
        evacuating: f.evacTarget !== null && f.patients > 0, moved: f.moved, harmed: f.harmed,
        rate: Math.round(f.rate ?? 0), units: w.units.filter((u) => u.facility === k).map((u) => u.id),
      })),
      // Galodo deposits (server/sim/debris-flow.ts): cell, decimetres.
      ...(w.hazards?.debris ? { debris: depositCells(w.hazards.debris) } : {}),
      dots,
      // Two decimals are all a bar or a percentage shows; finer values would change, and be sent, every tick.
      metrics: m.metrics.map((x) => ({ id: x.id, value: x.value === null ? null : Math.round(x.value * 100) / 100, raw: x.raw === null ? null : Math.round(x.raw * 100) / 100 })),
      score: m.score,
    },
  };
}

/** Cells no one can pass any more that could be walked at the start: roads the team closed and cuts by injects. */
function closedRoadCells(w: World): number[] {
  const walkable = new Map(w.scenario.landUseClasses.map((c) => [c.code, Number.isFinite(c.walkCost)]));
  const out: number[] = [];
  const lu = w.scenario.landUse;
  for (let c = 0; c < lu.length; c++) {
    if (w.closedCells[c] || (w.cellCost[c] === Infinity && walkable.get(lu[c]))) out.push(c);
  }
  return out;
}

/** The cell of a list nearest to the list's mean position (a zone's or a river mouth's label). */
function middleCell(cells: number[], width: number): { x: number; y: number } | Record<string, never> {
  if (!cells.length) return {};
  let sx = 0, sy = 0;
  for (const c of cells) { sx += c % width; sy += Math.floor(c / width); }
  const mx = sx / cells.length, my = sy / cells.length;
  let best = cells[0], bestD = Infinity;
  for (const c of cells) {
    const d = (c % width - mx) ** 2 + (Math.floor(c / width) - my) ** 2;
    if (d < bestD) { bestD = d; best = c; }
  }
  return { x: best % width, y: Math.floor(best / width) };
}

/** Crest cells of breached embankments: the whole line when it broke at once, the gap so far when it widens (the
 *  cells growBreach lowers, server/sim/breach.ts). */
function breachedCells(w: World): number[] {
  const out: number[] = [];
  (w.scenario.embankments ?? []).forEach((e, k) => {
    const b = w.hazards?.breaches?.[k];
    if (e.widening && b && b.startTick >= 0) {
      const half = Math.max(0, Math.floor((b.width / w.scenario.cellSize - 1) / 2 + 1e-9));
      for (let i = Math.max(0, b.centre - half); i <= Math.min(e.cells.length - 1, b.centre + half); i++) out.push(e.cells[i]);
    } else if (!e.widening && (w.embankments[k]?.breachedTick ?? -1) >= 0) out.push(...e.cells);
  });
  return out;
}
