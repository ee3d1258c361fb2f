// What the scripted teams share: a memory of what they did and what was refused (so they do not insist), and the
// moves read off the view: evacuation orders to planned shelters, overflow to another shelter, field units to
// where people are in the water, a sitrep from the figures on screen.
import type { Scenario } from '../sim/index.ts';
import type { TeamView } from '../protocol/events.ts';
import type { TeamRole } from '../protocol/rights.ts';
import type { TownPlan } from './plan.ts';
import type { PolicyAction } from './types.ts';

/** A refused command is not tried again for this many minutes. */
const REFUSED_PAUSE_MIN = 15;

export function actionKey(a: PolicyAction): string {
  return JSON.stringify(a.command);
}

/** Kind of each unit, from the scenario's NGO list (published data). */
export function unitsOfKind(sc: Scenario): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of sc.ngos) for (const u of n.units) out.set(u.id, u.kind);
  return out;
}

export function sitrepFromView(v: TeamView): { sheltered: number; stranded: number; casualties: number } {
  let sheltered = 0, stranded = 0, casualties = 0;
  for (const a of v.areas) {
    sheltered += a.people.sheltered;
    stranded += a.people.stranded;
    casualties += a.people.injured + a.people.dead;
  }
  return { sheltered, stranded, casualties };
}

export class TeamMemory {
  private readonly last = new Map<string, number>();
  private readonly refusedAt = new Map<string, number>();
  private readonly kinds: Map<string, string>;
  private tick = 0;
  private readonly perMinute: number;

  constructor(private readonly sc: Scenario) {
    this.kinds = unitsOfKind(sc);
    this.perMinute = 60 / sc.tickSeconds;
  }

  /** True (and remembered) when `key` last happened at least `everyMin` minutes ago, or never. */
  due(key: string, t: number, everyMin: number): boolean {
    const last = this.last.get(key);
    if (last !== undefined && t - last < everyMin * this.perMinute) return false;
    this.last.set(key, t);
    return true;
  }

  noteRefused(a: PolicyAction): void {
    this.refusedAt.set(actionKey(a), this.tick);
  }

  /** Drops repeats within the batch and commands refused a short while ago. */
  filter(actions: PolicyAction[], t: number): PolicyAction[] {
    this.tick = t;
    const seen = new Set<string>();
    return actions.filter((a) => {
      const k = actionKey(a);
      if (seen.has(k)) return false;
      seen.add(k);
      const r = this.refusedAt.get(k);
      return r === undefined || t - r >= REFUSED_PAUSE_MIN * this.perMinute;
    });
  }

  /** Evacuation orders for planned areas not yet ordered there, grouped by shelter; only to open shelters. */
  evacuations(plan: TownPlan, v: TeamView, role: TeamRole, areas: string[] = plan.riskAreas): PolicyAction[] {
    const byShelter = new Map<string, string[]>();
    for (const id of areas) {
      const target = plan.shelterOf.get(id);
      const a = v.areas.find((x) => x.id === id);
      const s = v.shelters.find((x) => x.id === target);
      if (!target || !a || !s || !s.open || a.orderShelter || s.occupants >= s.capacity) continue;
      byShelter.set(target, [...(byShelter.get(target) ?? []), id]);
    }
    return [...byShelter].map(([shelterId, list]) => ({ role, command: { type: 'evacuate', areas: list, shelterId } }));
  }

  /** Areas ordered to a shelter that is ≥ 90 % full while residents are still to leave: another shelter with room. */
  overflow(plan: TownPlan, v: TeamView, role: TeamRole): PolicyAction[] {
    const out: PolicyAction[] = [];
    const free = new Map(v.shelters.map((s) => [s.id, s.capacity - s.occupants]));
    for (const a of v.areas) {
      if (!a.orderShelter) continue;
      const s = v.shelters.find((x) => x.id === a.orderShelter);
      const waiting = a.people.home + a.people.aware;
      if (!s || s.occupants < 0.9 * s.capacity || waiting < 10) continue;
      const candidates = v.shelters.filter((x) => x.id !== s.id && free.get(x.id)! > waiting).sort((p, q) => free.get(q.id)! - free.get(p.id)!);
      const next = candidates[0];
      if (!next) continue;
      if (!next.open) { out.push({ role, command: { type: 'open_shelter', shelterId: next.id } }); continue; }
      out.push({ role, command: { type: 'evacuate', areas: [a.id], shelterId: next.id } });
      free.set(next.id, free.get(next.id)! - waiting);
      plan.shelterOf.set(a.id, next.id);
    }
    return out;
  }

  /**
   * Field units. Boats go where people are stranded or hurt (most first, one boat per area, nearest free boat);
   * medical teams where people are hurt; trucks to the riskiest areas (they carry the vulnerable); with
   * `prePosition`, free boats wait in the riskiest areas before the water comes.
   */
  rescue(v: TeamView, plan: TownPlan, role: TeamRole, opts: { prePosition?: boolean; trucks?: boolean; minStranded?: number } = {}): PolicyAction[] {
    const out: PolicyAction[] = [];
    const free = v.units.filter((u) => u.available && u.task === null && (u.phase === 'base' || u.phase === 'returning'));
    const take = (kind: string, x: number, y: number) => {
      const c = free.filter((u) => this.kinds.get(u.id) === kind).sort((p, q) => Math.hypot(p.x - x, p.y - y) - Math.hypot(q.x - x, q.y - y))[0];
      if (c) free.splice(free.indexOf(c), 1);
      return c;
    };
    const tasked = (area: string, kind: string) => v.units.some((u) => u.task === area && this.kinds.get(u.id) === kind);
    const centre = new Map(plan.areas.map((a) => [a.id, a]));
    const need = v.areas
      .map((a) => ({ id: a.id, people: a.people.stranded + a.people.injured, hurt: a.people.injured }))
      .filter((a) => a.people >= (opts.minStranded ?? 1))
      .sort((p, q) => q.people - p.people);
    for (const a of need) {
      const c = centre.get(a.id)!;
      if (!tasked(a.id, 'boat')) { const u = take('boat', c.x, c.y); if (u) out.push({ role, command: { type: 'task_unit', unitId: u.id, area: a.id } }); }
      if (a.hurt > 0 && !tasked(a.id, 'medical')) { const u = take('medical', c.x, c.y); if (u) out.push({ role, command: { type: 'task_unit', unitId: u.id, area: a.id } }); }
    }
    if (opts.trucks) {
      for (const id of plan.riskAreas) {
        if (tasked(id, 'truck')) continue;
        const c = centre.get(id)!;
        const u = take('truck', c.x, c.y);
        if (u) out.push({ role, command: { type: 'task_unit', unitId: u.id, area: id } });
      }
    }
    if (opts.prePosition && !v.areas.some((a) => a.flooded)) {
      for (const id of plan.riskAreas) {
        if (tasked(id, 'boat')) continue;
        const c = centre.get(id)!;
        const u = take('boat', c.x, c.y);
        if (u) out.push({ role, command: { type: 'task_unit', unitId: u.id, area: id } });
      }
    }
    return out;
  }
}
