// Who is asking, for the debrief's HTTP endpoints, and what they may read: resolved and decided by the one rights
// gate (server/drill/principal.ts, server/protocol/rights-gate.ts; docs/protocol.md#who-may-see-what). Facilitator
// and evaluators read every team; a player reads their own team, and every team's results once the facilitator has
// released the debrief to all (after the end).
import type { Request } from 'express';
import type { Drill } from '../drill/drill.ts';
import { credentialsOf, principalOf } from '../drill/principal.ts';
import { debriefScope, mayReadTeam, type Principal } from '../protocol/rights-gate.ts';
import type { Store } from '../store/store.ts';

export type Viewer = Principal;

export function viewerOf(req: Request, store: Store, facilitatorKey: string, code: string): Viewer {
  return principalOf(store, facilitatorKey, code, credentialsOf((n) => req.get(n), req.query as Record<string, unknown>));
}

/** May the viewer read team `teamId`'s replay, decisions and evidence? */
export function mayReadTeamOf(v: Viewer, d: Drill, teamId: string): boolean {
  return mayReadTeam(v, teamId, d.gate).ok;
}

/** Which teams the viewer may read in the debrief: all, only their own, or none (null). A player may always read
 *  their own team's decisions and replay; others' once released to all. */
export function teamsVisible(v: Viewer, d: Drill): { scope: 'all' | 'own'; teamId: string | null } | null {
  if (v.role === 'facilitator' || v.role === 'evaluator') return { scope: 'all', teamId: null };
  if (v.role !== 'player') return null;
  const s = debriefScope(v, d.gate);
  if (s.ok && s.scope === 'all') return { scope: 'all', teamId: null };
  return { scope: 'own', teamId: v.teamId };
}
