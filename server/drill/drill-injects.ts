// The MSEL at run time, per world: facilitator actions (fire, skip, delay, ad-hoc rows), rows coming due, and
// what the control room shows. Conditions and expectations are in inject.ts.
import { applyEffect, type InjectEffect } from '../sim/index.ts';
import type { Scenario } from '../sim/scenario.ts';
import type { World } from '../sim/index.ts';
import type { MselRow } from '../scenario/load-scenario.ts';
import type { FeedItem, InjectControlRequest, InjectOp, MselRowState } from '../protocol/messages.ts';
import { formatExpectedAction, parseExpectedAction } from '../protocol/expected-action.ts';
import { specOf } from '../protocol/commands/index.ts';
import { TEAM_ROLES } from '../protocol/rights.ts';
import { conditionHolds, type ScheduledInject } from './inject.ts';

/** Ad-hoc injects are numbered from here, after the MSEL's own rows. */
export const ADHOC_FIRST_NO = 1000;

export const minuteToTick = (sc: Scenario, minute: number) => Math.round((minute * 60) / sc.tickSeconds);

type AdhocRequestRow = Extract<InjectControlRequest['action'], { op: 'adhoc' }>['row'];

/**
 * The facilitator's ad-hoc row as an MSEL row: an expected action with a target is stored as MSEL cells store it,
 * `evacuate(karan-aur)` in `expectedActions`, so the same judging applies (server/drill/expectation.ts).
 */
export function adhocMselRow(req: AdhocRequestRow): MselRow {
  const { expectedTarget, ...row } = req;
  return {
    ...row, no: 0, minute: 0, condition: null,
    message: { id: row.message.id, en: row.message.en || row.message.id },
    ...(row.expectedAction ? { expectedActions: [formatExpectedAction({ type: row.expectedAction, target: expectedTarget ?? null })] } : {}),
  };
}

/** An inject delivered to one team (role: only that role of the team). */
export interface Delivery { teamId: string; item: FeedItem; role: string | null }

export class InjectBoard {
  private schedules = new Map<string, ScheduledInject[]>();
  nextAdhoc = ADHOC_FIRST_NO;

  constructor(private readonly scenario: Scenario, private readonly msel: readonly MselRow[]) {}

  addWorld(worldId: string): void {
    this.schedules.set(worldId, this.msel.map((row) => ({ row, dueTick: minuteToTick(this.scenario, row.minute), status: 'pending', firedTick: -1 })));
  }

  scheduleOf(worldId: string): ScheduledInject[] {
    return this.schedules.get(worldId) ?? [];
  }

  /** Why the facilitator's action cannot be taken (a message naming the field), or null. */
  check(op: InjectOp, hasTeam: (id: string) => boolean): string | null {
    if (op.teamId && !hasTeam(op.teamId)) return `teamId: no team "${op.teamId}"`;
    if (op.op !== 'adhoc') {
      const first = this.schedules.values().next().value ?? [];
      if (!first.some((s) => s.row.no === op.no)) return `no: no MSEL row ${op.no}`;
      return null;
    }
    const to = op.row.to;
    if (to !== 'all' && !hasTeam(to) && !(TEAM_ROLES as readonly string[]).includes(to)) {
      return `row.to: "${to}" — expected all, a team id or a role (${TEAM_ROLES.join(', ')})`;
    }
    const target = this.checkTarget(op.row);
    if (target) return `row.expectedTarget: ${target}`;
    const problem = op.row.effect ? this.checkEffect(op.row.effect) : null;
    return problem ? `row.effect: ${problem}` : null;
  }

  /** An expected action's target must be an area, unit or shelter that a field of the command names (its spec's refs). */
  private checkTarget(row: MselRow): string | null {
    for (const cell of row.expectedActions ?? []) {
      const a = parseExpectedAction(cell);
      if (typeof a === 'string') return a;
      if (!a.target) continue;
      const sc = this.scenario;
      const ids: Record<string, string[]> = {
        area: sc.neighbourhoods.map((n) => n.id), shelter: sc.shelters.map((x) => x.id), unit: sc.ngos.flatMap((n) => n.units.map((u) => u.id)),
      };
      const refs = Object.values(specOf(a.type)?.fields ?? {}).flatMap((f) => ('ref' in f && f.ref && ids[f.ref] ? [f.ref] : []));
      if (!refs.length) return `${a.type} names no area, unit or shelter; leave the target empty`;
      if (!refs.some((r) => ids[r].includes(a.target!))) return `"${a.target}" is no ${refs.join(' or ')} of this scenario`;
    }
    return null;
  }

  private checkEffect(e: InjectEffect): string | null {
    const sc = this.scenario;
    switch (e.kind) {
      case 'unit_unavailable': return sc.ngos.some((n) => n.units.some((u) => u.id === e.unitId)) ? null : `no unit "${e.unitId}"`;
      case 'landslide': return (sc.landslides ?? []).some((z) => z.id === e.zoneId) ? null : `no landslide zone "${e.zoneId}"`;
      case 'facility_flood': return (sc.facilities ?? []).some((f) => f.id === e.facility) ? null : `no health facility "${e.facility}"`;
      case 'ngo_offer': return sc.ngos.some((n) => n.id === e.ngo) ? null : `no NGO "${e.ngo}"`;
      case 'complaint': return sc.neighbourhoods.some((n) => n.id === e.area) ? null : `no area "${e.area}"`;
      case 'hoax': return e.area === 'all' || sc.neighbourhoods.some((n) => n.id === e.area) ? null : `no area "${e.area}" (or all)`;
      default: return null;
    }
  }

  /** The action as logged: an ad-hoc row gets the next free number. */
  numbered(op: InjectOp): InjectOp {
    return op.op === 'adhoc' ? { ...op, row: { ...op.row, no: this.nextAdhoc } } : op;
  }

  /** An ad-hoc number seen (live or in the log) is not given out again. */
  noteNumber(op: InjectOp): void {
    if (op.op === 'adhoc') this.nextAdhoc = Math.max(this.nextAdhoc, op.row.no + 1);
  }

  /** A skip or delay of an MSEL row in one world at `tick` (a delay counts from the later of its due time and now). */
  reschedule(op: InjectOp, worldId: string, tick: number): void {
    if (op.op === 'fire' || op.op === 'adhoc') return;
    const s = this.schedules.get(worldId)?.find((x) => x.row.no === op.no);
    if (!s || s.status !== 'pending') return;
    if (op.op === 'delay') s.dueTick = Math.max(s.dueTick, tick) + minuteToTick(this.scenario, op.minutes);
    else s.status = 'skipped';
  }

  /**
   * The start of a world's step: the facilitator's queued actions, then every row due (by time and condition, or
   * fired by hand) fires: its effect applies to the world and it is delivered to the teams of that world.
   */
  fireDue(worldId: string, w: World, ops: InjectOp[], teams: readonly string[]): { fired: number; deliveries: Delivery[] } {
    const tick = w.tick;
    const schedule = this.schedules.get(worldId)!;
    const fireNow = new Set<number>();
    for (const op of ops) {
      if (op.op === 'adhoc') {
        schedule.push({ row: { ...op.row, minute: (tick * this.scenario.tickSeconds) / 60 }, dueTick: tick, status: 'pending', firedTick: -1 });
        fireNow.add(op.row.no);
      } else if (op.op === 'fire') {
        const s = schedule.find((x) => x.row.no === op.no);
        if (s && s.status === 'pending') fireNow.add(op.no);
      } else this.reschedule(op, worldId, tick);
    }
    const deliveries: Delivery[] = [];
    let fired = 0;
    for (const s of schedule) {
      if (s.status !== 'pending') continue;
      const due = fireNow.has(s.row.no) || (s.dueTick <= tick && (!s.row.condition || conditionHolds(w, s.row.condition)));
      if (due) { fired++; deliveries.push(...this.fire(w, s, teams)); }
    }
    return { fired, deliveries };
  }

  private fire(w: World, s: ScheduledInject, teams: readonly string[]): Delivery[] {
    s.status = 'fired';
    s.firedTick = w.tick;
    const problem = s.row.effect ? applyEffect(w, s.row.effect) : null;
    const to = s.row.to;
    const role = (TEAM_ROLES as readonly string[]).includes(to) ? to : null;
    const out: Delivery[] = [];
    for (const t of teams) {
      if (to !== 'all' && !role && to !== t) continue;
      const item: FeedItem = {
        teamId: t, tick: w.tick, kind: 'inject', no: s.row.no, from: s.row.from, method: s.row.method, text: s.row.message,
        ...(role ? { toRole: role } : {}),
        ...(s.row.effect ? { effect: s.row.effect.kind } : {}),
        ...(problem ? { problem } : {}),
      };
      out.push({ teamId: t, item, role });
    }
    return out;
  }

  /** Every row with its state in each world, for the control room (ad-hoc rows may exist in one world only). */
  rows(): MselRowState[] {
    const rows = new Map<number, ScheduledInject['row']>();
    for (const list of this.schedules.values()) for (const s of list) if (!rows.has(s.row.no)) rows.set(s.row.no, s.row);
    return [...rows.values()].sort((a, b) => a.no - b.no).map((row) => ({
      no: row.no,
      minute: row.minute,
      condition: row.condition ? JSON.stringify(row.condition) : null,
      method: row.method,
      from: row.from,
      to: row.to,
      message: row.message,
      expectedAction: row.expectedAction,
      ...(row.expectedActions?.length ? { expectedActions: row.expectedActions } : {}),
      effect: row.effect ? row.effect.kind : null,
      byWorld: [...this.schedules].flatMap(([worldId, list]) => {
        const s = list.find((x) => x.row.no === row.no);
        return s ? [{ worldId, status: s.status, dueTick: s.dueTick, firedTick: s.firedTick }] : [];
      }),
    }));
  }

  save(): { schedules: [string, ScheduledInject[]][]; nextAdhoc: number } {
    return { schedules: [...this.schedules], nextAdhoc: this.nextAdhoc };
  }

  load(saved: ReturnType<InjectBoard['save']>): void {
    this.schedules = new Map(saved.schedules);
    this.nextAdhoc = saved.nextAdhoc;
  }
}
