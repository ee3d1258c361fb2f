// The one rights table: which role may do what. Every socket handler asks `may(role, action)`; nothing else
// decides rights. Tested exhaustively in test/integration/rights.test.ts.
import type { CommandType } from '../sim/command.ts';

export const TEAM_ROLES = ['commander', 'logistics', 'communications', 'health', 'shelter', 'ngo_liaison'] as const;
export const ROLES = ['facilitator', 'evaluator', ...TEAM_ROLES] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Drill-level actions that are not world commands. */
export const DRILL_ACTIONS = ['clock', 'inject_control', 'view_all_worlds', 'observe'] as const;
export type DrillAction = (typeof DRILL_ACTIONS)[number];
export type Action = CommandType | DrillAction;

// Columns follow Indonesian practice: the commander (Dansatgas / Kalak BPBD) may order anything; warnings are
// Diskominfo/communications work; evacuation orders go with the shelter (Dinas Sosial) desk; units are tasked
// by logistics and the NGO liaison (cluster coordination, Kep. BNPB 308/2024, docs/domain.md#law).
export const RIGHTS: Record<Action, readonly Role[]> = {
  warn: ['commander', 'communications'],
  evacuate: ['commander', 'shelter'],
  task_unit: ['commander', 'logistics', 'ngo_liaison'],
  // Status is the bupati's decision on the commander's advice (UU 24/2007); the commander activates the posko and chairs
  // coordination meetings with the NGO liaison (cluster coordination, Kep. BNPB 308/2024).
  declare_status: ['commander'],
  activate_posko: ['commander'],
  hold_coordination_meeting: ['commander', 'ngo_liaison'],
  request_support: ['commander'],
  // Shelters (Dinas Sosial desk) and their supplies (logistics); health watches shelter conditions.
  open_shelter: ['commander', 'shelter'],
  close_shelter: ['commander', 'shelter'],
  resupply_shelter: ['commander', 'logistics', 'shelter', 'health'],
  close_road: ['commander', 'logistics'],
  // Patients of a flooding puskesmas or hospital (Dinas Kesehatan, health cluster).
  evacuate_facility: ['commander', 'health'],
  // Public information (Diskominfo): clarifications, complaint answers (SP4N-LAPOR!), sitreps.
  publish_clarification: ['commander', 'communications'],
  answer_complaint: ['commander', 'communications', 'shelter', 'health'],
  submit_sitrep: ['commander', 'communications'],
  clock: ['facilitator'],
  inject_control: ['facilitator'],
  view_all_worlds: ['facilitator', 'evaluator'],
  observe: ['facilitator', 'evaluator'],
};

export function may(role: Role, action: Action): boolean {
  return RIGHTS[action]?.includes(role) ?? false;
}

export function isTeamRole(role: Role): role is TeamRole {
  return (TEAM_ROLES as readonly string[]).includes(role);
}
