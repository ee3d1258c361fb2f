// The one rights table: which role may do what. The rights gate (rights-gate.ts) applies it, with the drill's
// rules and who is asking, for every socket handler and HTTP route; nothing else decides rights. Tested exhaustively in test/integration/rights.test.ts.
import { COMMAND_SPECS, type CommandType } from './commands/index.ts';

export const TEAM_ROLES = ['commander', 'logistics', 'communications', 'health', 'shelter', 'ngo_liaison'] as const;
export const ROLES = ['facilitator', 'evaluator', ...TEAM_ROLES] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Drill-level actions that are not world commands. */
export const DRILL_ACTIONS = ['clock', 'inject_control', 'view_all_worlds', 'observe', 'release', 'policy'] as const;
export type DrillAction = (typeof DRILL_ACTIONS)[number];
export type Action = CommandType | DrillAction;

// Columns follow Indonesian practice: the commander (Dansatgas / Kalak BPBD) may order anything; warnings are
// Diskominfo/communications work; evacuation orders go with the shelter (Dinas Sosial) desk; units are tasked
// by logistics and the NGO liaison (cluster coordination, Kep. BNPB 308/2024, docs/domain.md#law). The command rows
// come from each command's spec (server/protocol/commands/<type>.ts, `roles`); the drill actions are listed here.
const COMMAND_RIGHTS = Object.fromEntries(COMMAND_SPECS.map((s) => [s.type, s.roles as readonly Role[]])) as Record<CommandType, readonly Role[]>;
export const RIGHTS: Record<Action, readonly Role[]> = {
  ...COMMAND_RIGHTS,
  clock: ['facilitator'],
  inject_control: ['facilitator'],
  view_all_worlds: ['facilitator', 'evaluator'],
  observe: ['facilitator', 'evaluator'],
  // Releasing the debrief to players, and the joining rules (rights-gate.ts).
  release: ['facilitator'],
  policy: ['facilitator'],
};

export function may(role: Role, action: Action): boolean {
  return RIGHTS[action]?.includes(role) ?? false;
}

export function isTeamRole(role: Role): role is TeamRole {
  return (TEAM_ROLES as readonly string[]).includes(role);
}
