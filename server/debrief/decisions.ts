// Decisions of a drill from its log: who (name, role, team) issued which command when, which inject it answered
// and how long after that inject reached the team; refused commands with their reason (refusals at the engine's
// check are logged by the server as kind 'refused'; refusals when the command was applied are world events).
// Plus the markers of the debrief's replay timeline: injects, decisions, first warning, casualties.
import type { Command } from '../sim/index.ts';
import type { Drill } from '../drill/drill.ts';
import type { LogEntry } from '../store/store.ts';

export interface Decision {
  seq: number;
  tick: number;
  teamId: string;
  teamName: string;
  name: string;
  role: string;
  type: string;
  /** The command's targets in short form: areas, shelter, unit, channel, status… */
  detail: string;
  status: 'accepted' | 'refused';
  refusal: { code: string; detail?: string } | null;
  /** The inject this command answered (same expected action, delivered to the team before it), if any. */
  answers: { no: number; firedTick: number; minutesAfter: number } | null;
}

export interface Marker {
  tick: number;
  kind: 'inject' | 'decision' | 'first_warning' | 'casualties' | 'refused';
  teamId: string;
  label: string;
  no?: number;
}

/** A command's targets in a few words (for lists and CSV), with the scenario's names for areas and shelters. */
export function commandDetail(c: Command, sc?: Drill['scenario']): string {
  const area = new Map(sc?.neighbourhoods.map((n) => [n.id, n.name]) ?? []);
  const shelter = new Map(sc?.shelters.map((x) => [x.id, x.name]) ?? []);
  const nameOf = (k: string, v: string) => (k === 'areas' || k === 'area' ? area.get(v) : k === 'shelterId' ? shelter.get(v) : undefined) ?? v;
  const parts: string[] = [];
  const o = c as unknown as Record<string, unknown>;
  for (const k of ['areas', 'area', 'shelterId', 'unitId', 'channel', 'level', 'status', 'from', 'postId', 'complaintId']) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    parts.push(`${k}=${Array.isArray(v) ? v.map((x) => nameOf(k, String(x))).join('+') : nameOf(k, String(v))}`);
  }
  if (typeof o.x === 'number') parts.push(`cell=${o.x},${o.y}`);
  return parts.join(' ');
}

/** The expected actions of an MSEL row, whether the scenario gives one action or several. */
function expectedOf(row: { expectedAction?: unknown }): string[] {
  const e = row.expectedAction as unknown;
  if (Array.isArray(e)) return e.flatMap((x) => (typeof x === 'string' ? [x] : x && typeof x === 'object' && 'type' in x ? [String((x as { type: unknown }).type)] : []));
  if (typeof e === 'string' && e) return e.split(/[,;|]\s*/).filter(Boolean);
  return [];
}

export function decisionsOf(d: Drill, log: LogEntry[]): Decision[] {
  const sc = d.scenario;
  const teamName = new Map(sc.teams.map((t) => [t.id, t.name]));
  const minutesPerTick = sc.tickSeconds / 60;
  const rows = new Map(d.msel().map((r) => [r.no, r]));
  const debrief = d.debrief();
  // Injects each team received: [tick, row no] in time order.
  const fired = new Map<string, { tick: number; no: number }[]>();
  for (const t of debrief.teams) {
    fired.set(t.id, t.timeline.filter((i) => i.kind === 'inject' && typeof i.no === 'number').map((i) => ({ tick: i.tick, no: i.no! })).sort((a, b) => a.tick - b.tick));
  }
  // What the expectation judging (server/drill/expectation.ts) credited: the command that met each expected action.
  const judged = new Map<string, Decision['answers']>();
  for (const t of debrief.teams) {
    for (const x of t.expectations) {
      const v = x as { no: number; firedTick: number; actions?: { action: { type: string }; doneTick: number | null; minutesAfterDelivery: number | null }[] };
      for (const a of v.actions ?? []) {
        if (a.doneTick === null) continue;
        const key = `${t.id}:${a.doneTick}:${a.action.type}`;
        if (!judged.has(key)) judged.set(key, { no: v.no, firedTick: v.firedTick, minutesAfter: a.minutesAfterDelivery ?? Math.round((a.doneTick - v.firedTick) * minutesPerTick) });
      }
    }
  }
  const out: Decision[] = [];
  for (const e of log) {
    if (e.kind !== 'command' && (e.kind as string) !== 'refused') continue;
    const p = e.payload as { command?: Command; by?: string; role?: string; reason?: string; refusal?: { code: string; detail?: string } };
    if (!p?.command || !e.teamId) continue;
    const refused = (e.kind as string) === 'refused';
    let answers: Decision['answers'] = refused ? null : judged.get(`${e.teamId}:${e.tick}:${p.command.type}`) ?? null;
    if (!refused && !answers) {
      const got = fired.get(e.teamId) ?? [];
      for (let k = got.length - 1; k >= 0; k--) {
        const f = got[k];
        if (f.tick > e.tick) continue;
        const row = rows.get(f.no);
        if (row && expectedOf(row).includes(p.command.type)) {
          answers = { no: f.no, firedTick: f.tick, minutesAfter: Math.round((e.tick - f.tick) * minutesPerTick) };
          break;
        }
      }
    }
    out.push({
      seq: e.seq, tick: e.tick, teamId: e.teamId, teamName: teamName.get(e.teamId) ?? e.teamId, name: p.by ?? '?', role: p.role ?? '?',
      type: p.command.type, detail: commandDetail(p.command, sc), status: refused ? 'refused' : 'accepted',
      // A refusal by the rights gate (not the team's command in a joint drill, or not the role's) has no engine code.
      refusal: refused ? p.refusal ?? { code: p.reason === 'forbidden' ? 'forbidden' : 'refused' } : null, answers,
    });
  }
  // Commands accepted at the pre-check but refused when applied (the world changed in between): world events.
  for (const t of debrief.teams) {
    for (const i of t.timeline) {
      if (i.kind !== 'event' || i.event?.kind !== 'refused') continue;
      out.push({
        seq: -1, tick: i.tick, teamId: t.id, teamName: t.name, name: '—', role: '—', type: '—', detail: '', status: 'refused',
        refusal: i.event.refusal ?? { code: 'refused' }, answers: null,
      });
    }
  }
  return out.sort((a, b) => a.tick - b.tick || a.seq - b.seq);
}

/** Replay timeline markers per team. */
export function markersOf(d: Drill, decisions: Decision[]): Marker[] {
  const out: Marker[] = [];
  const debrief = d.debrief();
  for (const t of debrief.teams) {
    for (const i of t.timeline) {
      if (i.kind === 'inject' && typeof i.no === 'number') out.push({ tick: i.tick, kind: 'inject', teamId: t.id, label: `#${i.no} ${i.from ?? ''}`.trim(), no: i.no });
      if (i.kind === 'event' && i.event?.kind === 'casualties') out.push({ tick: i.tick, kind: 'casualties', teamId: t.id, label: `${i.event.count ?? ''} ${i.event.area ?? ''}`.trim() });
    }
    if (t.firstWarningMinute !== null) out.push({ tick: Math.round((t.firstWarningMinute * 60) / d.scenario.tickSeconds), kind: 'first_warning', teamId: t.id, label: '' });
  }
  for (const x of decisions) out.push({ tick: x.tick, kind: x.status === 'refused' ? 'refused' : 'decision', teamId: x.teamId, label: `${x.type} ${x.name}` });
  return out.sort((a, b) => a.tick - b.tick);
}
