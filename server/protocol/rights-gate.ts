// The one gate for rights: given who is asking (a principal: the facilitator, an evaluator, a seated player, or
// anyone with the join code) and the drill's state and rules, may they do or read this? Socket handlers
// (server/http/socket-server.ts) and HTTP routes (server/http/app.ts, debrief-routes.ts) both ask here; the role ×
// action table it applies is rights.ts. Pure (no Node API), so the client may ask it too to grey out what it may not
// do. Documented in docs/protocol.md#who-may-see-what.
import type { DrillMode, DrillStatus, ReleaseScope } from './events.ts';
import { isTeamRole, may, TEAM_ROLES, type Action, type Role, type TeamRole } from './rights.ts';

/** Who is asking. Resolved from credentials by server/drill/principal.ts (key, token, evaluator code, seat token). */
export type Principal =
  | { role: 'facilitator' }
  | { role: 'evaluator' }
  | { role: 'player'; teamId: string; seatRole: TeamRole; name: string; tokenHash: string }
  | { role: 'public' };

/** Enough of a principal to decide a read (the debrief's own viewer type fits). */
export type Reader = { role: 'facilitator' } | { role: 'evaluator' } | { role: 'public' } | { role: 'player'; teamId: string };

/** What the gate needs to know of the drill. */
export interface GateDrill {
  status: DrillStatus;
  mode: DrillMode;
  release: ReleaseScope;
  joinLocked: boolean;
  lateJoin: boolean;
  /** Joint mode: the commands each team is responsible for (absent = every command). */
  teamCommands?: Record<string, readonly string[] | undefined>;
}

/** Seats a team may have once the drill has started, unless the facilitator allows late joins: one per role. */
export const TEAM_SIZE = TEAM_ROLES.length;

/** Why the gate said no: an i18n key suffix (client words `gate.<reason>`), with an English message for logs and acks. */
export type GateReason =
  | 'facilitator_only' | 'observers_only' | 'players_only' | 'role_may_not' | 'team_not_responsible'
  | 'debrief_not_released' | 'debrief_not_ended' | 'other_team' | 'join_locked' | 'team_full' | 'drill_ended' | 'no_credentials';

export type Verdict = { ok: true } | { ok: false; code: 'forbidden' | 'bad_key' | 'wrong_state'; reason: GateReason; message: string };

const OK: Verdict = { ok: true };
const no = (code: 'forbidden' | 'bad_key' | 'wrong_state', reason: GateReason, message: string): Verdict => ({ ok: false, code, reason, message });

const roleOf = (p: Principal): Role | null => (p.role === 'player' ? p.seatRole : p.role === 'public' ? null : p.role);

/**
 * May `p` take `action` in this drill: a team command (rights table, and in a joint drill the team's
 * responsibilities) or a drill action (clock, inject control, notes, release, policy, reading every world).
 */
export function mayAct(p: Principal, action: Action, drill: Pick<GateDrill, 'mode' | 'teamCommands'>): Verdict {
  const role = roleOf(p);
  if (!role) return no('bad_key', 'no_credentials', 'open the drill first: facilitator key or token, evaluator code, or a seat');
  if (!may(role, action)) {
    if (action === 'clock' || action === 'inject_control' || action === 'release') return no('forbidden', 'facilitator_only', `only the facilitator may ${action.replace('_', ' ')}`);
    if (action === 'observe' || action === 'view_all_worlds') return no('forbidden', 'observers_only', `only the facilitator or an evaluator may ${action.replace(/_/g, ' ')}`);
    if (!isTeamRole(role)) return no('forbidden', 'players_only', `role ${role} does not play in a team`);
    return no('forbidden', 'role_may_not', `role ${role} may not issue "${action}"`);
  }
  if (p.role === 'player' && drill.mode === 'joint') {
    const allowed = drill.teamCommands?.[p.teamId];
    if (allowed && !allowed.includes(action)) return no('forbidden', 'team_not_responsible', `in this joint drill, team ${p.teamId} is not responsible for "${action}"`);
  }
  return OK;
}

/**
 * How much of the debrief `p` may read: 'all' teams, only their 'own' team, or nothing (the verdict says why).
 * Facilitator and evaluators: everything, at any time. Players: after the end, what the facilitator released
 * (own team or all teams). Anyone else: nothing.
 */
export function debriefScope(p: Reader, drill: Pick<GateDrill, 'status' | 'release'>): { ok: true; scope: 'all' | 'own' } | Extract<Verdict, { ok: false }> {
  if (p.role === 'facilitator' || p.role === 'evaluator') return { ok: true, scope: 'all' };
  if (p.role !== 'player') return no('forbidden', 'no_credentials', 'the debrief needs the facilitator key or token (x-gladi-key / x-gladi-token), the evaluator code (x-gladi-evaluator) or, once released, a seat token (x-gladi-token)') as Extract<Verdict, { ok: false }>;
  if (drill.status !== 'ended') return no('forbidden', 'debrief_not_ended', 'the debrief opens for players when the drill has ended') as Extract<Verdict, { ok: false }>;
  if (drill.release === 'none') return no('forbidden', 'debrief_not_released', 'the facilitator has not released the debrief yet') as Extract<Verdict, { ok: false }>;
  return { ok: true, scope: drill.release === 'all' ? 'all' : 'own' };
}

/** May `p` see team `teamId`'s world, feed or timeline (live or replayed)? Players: their own team; another team's
 *  only when the debrief is released to all teams after the end. */
export function mayReadTeam(p: Reader, teamId: string, drill: Pick<GateDrill, 'status' | 'release'>): Verdict {
  if (p.role === 'facilitator' || p.role === 'evaluator') return OK;
  if (p.role !== 'player') return no('forbidden', 'no_credentials', 'open this drill as its facilitator, an evaluator or one of its players');
  if (p.teamId === teamId) return OK;
  const s = debriefScope(p, drill);
  if (s.ok && s.scope === 'all') return OK;
  return no('forbidden', 'other_team', `team ${teamId} is not your team; the facilitator has not released every team's results`);
}

/**
 * May a new seat be taken in `teamId` (a player coming back with their token keeps their seat whatever this says)?
 * Not after the end; not when the facilitator locked joining; after the start only while the team has fewer than
 * TEAM_SIZE seats, unless the facilitator allows late joins.
 */
export function mayTakeSeat(drill: Pick<GateDrill, 'status' | 'joinLocked' | 'lateJoin'>, seatsInTeam: number): Verdict {
  if (drill.status === 'ended') return no('wrong_state', 'drill_ended', 'the drill has ended; open its debrief instead');
  if (drill.joinLocked) return no('forbidden', 'join_locked', 'the facilitator has closed this drill to new players; ask them to open it');
  if (drill.status !== 'lobby' && !drill.lateJoin && seatsInTeam >= TEAM_SIZE) {
    return no('forbidden', 'team_full', `this team already has ${seatsInTeam} players and the drill has started; ask the facilitator to allow late joins`);
  }
  return OK;
}

/** The debrief cut to a scope: 'own' keeps only the player's team (and the notes about it or about everyone). */
export function cutDebrief<D extends { teams: { id: string }[]; notes: { teamId?: string }[] }>(d: D, scope: 'all' | 'own', teamId: string | null): D & { scope: 'all' | 'own' } {
  if (scope === 'all') return { ...d, scope };
  return { ...d, scope, teams: d.teams.filter((t) => t.id === teamId), notes: d.notes.filter((n) => !n.teamId || n.teamId === teamId) };
}
