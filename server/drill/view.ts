// Per-team views: what a team may know of its world, and the delta since the last frame it was sent.
import { HouseholdState as S } from '../sim/household.ts';
import { computeMetrics } from '../sim/metrics.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { World } from '../sim/world.ts';
import type { AreaView, MapInfo, TeamView, ViewDelta } from '../protocol/messages.ts';

/** Water is sent in decimetres (one byte per cell): finer steps change every tick and cost bandwidth for nothing a player can see. */
export function quantizeWater(h: Float64Array): Uint8Array {
  const out = new Uint8Array(h.length);
  for (let i = 0; i < h.length; i++) {
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
    landUse: Buffer.from(sc.landUse).toString('base64'),
    landUseNames: names,
    neighbourhoods: sc.neighbourhoods.map((n) => ({ id: n.id, name: n.name, polygon: n.polygon })),
    shelters: sc.shelters.map((s) => ({ id: s.id, name: s.name, x: s.x, y: s.y, capacity: Math.floor(s.floorArea / 3.5) })),
    units,
  };
}

/** The projection a team receives, plus the raw water bytes kept for diffing. */
export interface ProjectedView {
  view: TeamView;
  water: Uint8Array;
}

export function projectTeamView(w: World, teamId: string): ProjectedView {
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
  const water = quantizeWater(w.flood.h);
  return {
    water,
    view: {
      teamId,
      tick: w.tick,
      water: Buffer.from(water).toString('base64'),
      areas,
      shelters: w.shelters.map((s, k) => ({
        id: sc.shelters[k].id, occupants: s.occupants, capacity: s.capacity, open: s.open,
        water: Math.round(s.water), food: Math.round(s.food), hygiene: Math.round(s.hygiene), toilets: s.toilets,
        healthRisk: Math.round(s.healthRisk * 100) / 100,
      })),
      units: w.units.map((u) => ({
        id: u.id, x: Math.round(u.x * 10) / 10, y: Math.round(u.y * 10) / 10,
        task: u.task >= 0 ? sc.neighbourhoods[u.task].id : null, rescued: u.rescued,
        phase: u.phase, available: u.available && !u.unavailable, selfDeployed: u.selfDeployed, queued: u.queue.length, served: u.served,
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
      dots,
      // Two decimals are all a bar or a percentage shows; finer values would change, and be sent, every tick.
      metrics: m.metrics.map((x) => ({ id: x.id, value: Math.round(x.value * 100) / 100, raw: x.raw === null ? null : Math.round(x.raw * 100) / 100 })),
      score: m.score,
    },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What changed from `prev` to `next`; water as flat [cell, decimetres, …] pairs. */
export function diffViews(prev: ProjectedView, next: ProjectedView): ViewDelta {
  const d: ViewDelta = { teamId: next.view.teamId, tick: next.view.tick };
  const water: number[] = [];
  for (let i = 0; i < next.water.length; i++) if (next.water[i] !== prev.water[i]) water.push(i, next.water[i]);
  if (water.length) d.water = water;
  const a = prev.view, b = next.view;
  if (!same(a.areas, b.areas)) d.areas = b.areas;
  if (!same(a.shelters, b.shelters)) d.shelters = b.shelters;
  if (!same(a.units, b.units)) d.units = b.units;
  if (!same(a.dots, b.dots)) d.dots = b.dots;
  if (!same(a.metrics, b.metrics)) d.metrics = b.metrics;
  if (!same(a.command, b.command)) d.command = b.command;
  if (!same(a.posts, b.posts)) d.posts = b.posts;
  if (!same(a.complaints, b.complaints)) d.complaints = b.complaints;
  if (!same(a.casualties, b.casualties)) d.casualties = b.casualties;
  if (a.score !== b.score) d.score = b.score;
  return d;
}
