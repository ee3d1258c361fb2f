// A scripted team: it sees what a team sees (its view, the scenario's published data, the injects it received)
// and answers with commands given by a role, which go through the same checks as a player's (schema, rights,
// the engine's refusals, the log). Nothing in the engine knows about policies. See docs/scoring.md#policies.
import type { Command, Scenario } from '../sim/index.ts';
import type { FeedItem, TeamView } from '../protocol/events.ts';
import type { TeamRole } from '../protocol/rights.ts';

export const POLICY_NAMES = ['idle', 'late', 'expert'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface PolicyObservation {
  tick: number;
  view: TeamView;
  /** Water depth per cell in decimetres, as the team's map shows it. */
  water: Uint8Array;
  /** Injects delivered to the team or one of its roles, oldest first. */
  injects: FeedItem[];
}

export interface PolicyAction {
  role: TeamRole;
  command: Command;
}

export interface Policy {
  readonly name: string;
  /** Called once per tick with the team's view after the tick; returns the commands to give now. */
  act(obs: PolicyObservation): PolicyAction[];
  /** Told when a command it gave was refused (by rights or the engine), so it does not insist. */
  refused?(action: PolicyAction, reason: string): void;
}

export type PolicyFactory = (scenario: Scenario) => Policy;
