// The one protocol module: every Socket.IO event, with a zod schema for every payload in both directions.
// Client and server both import it. Documented in docs/protocol.md.
import { z } from 'zod';
import { commandSchema } from './command-schema.ts';
import { COMMAND_TYPES } from './commands/index.ts';
import { effectSchema } from '../sim/effect.ts';
import { TEAM_ROLES } from './rights.ts';

export * from './events.ts';
import { C2S, type DrillMode } from './events.ts';

const slug = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/);
const joinCode = z.string().regex(/^[A-Z2-9]{6}$/, 'six letters or digits, e.g. K7QM2P');
const token = z.string().min(16).max(128);
const personName = z.string().trim().min(1).max(40);

export const scenarioListRequest = z.strictObject({});
export const drillCreateRequest = z.strictObject({
  key: z.string().min(1).max(200),
  scenarioId: slug,
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  /** parallel: each team its own world (default); joint: all teams share one world. */
  mode: z.enum(['parallel', 'joint']).default('parallel'),
});
/**
 * A facilitator (re)opens a drill's control room with the facilitator key or the token from drill:create;
 * an evaluator opens it read-only with the evaluator code the facilitator shares.
 */
export const drillWatchRequest = z.strictObject({
  code: joinCode,
  key: z.string().min(1).max(200).optional(),
  token: token.optional(),
  evaluatorCode: z.string().min(6).max(64).optional(),
  name: personName.optional(),
});
export const drillJoinRequest = z.strictObject({
  code: joinCode,
  name: personName,
  teamId: slug,
  role: z.enum(TEAM_ROLES).default('commander'),
  /** Session token from an earlier join: gives the same seat back. */
  token: token.optional(),
});
export const drillClockRequest = z.strictObject({
  code: joinCode,
  action: z.enum(['start', 'pause', 'resume', 'speed', 'end', 'archive']),
  /** Scenario ticks per real second, for action "speed". */
  speed: z.number().min(0.25).max(20).optional(),
});
export const drillListRequest = z.strictObject({ key: z.string().min(1).max(200), includeArchived: z.boolean().default(false) });

const adhocRow = z.strictObject({
  from: z.string().trim().min(1).max(80),
  to: z.string().min(1).max(64).default('all'),
  method: z.enum(['phone', 'radio', 'whatsapp', 'email', 'news', 'social']),
  message: z.strictObject({ id: z.string().trim().min(1).max(1000), en: z.string().max(1000).default('') }),
  expectedAction: z.enum(COMMAND_TYPES as [string, ...string[]]).nullable().default(null),
  /** The area, unit or shelter the expected command must name (as `evacuate(karan-aur)` in an MSEL cell); null = any. */
  expectedTarget: slug.nullable().default(null),
  deadlineMinutes: z.number().int().min(1).max(24 * 60).nullable().default(null),
  effect: effectSchema.nullable().default(null),
});

/** Facilitator's hand on the MSEL: fire a row now, delay it, skip it, or write an ad-hoc inject. Optional teamId targets one team's world. */
export const injectControlRequest = z.strictObject({
  code: joinCode,
  teamId: slug.optional(),
  action: z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('fire'), no: z.number().int().min(1) }),
    z.strictObject({ op: z.literal('skip'), no: z.number().int().min(1) }),
    z.strictObject({ op: z.literal('delay'), no: z.number().int().min(1), minutes: z.number().int().min(1).max(24 * 60) }),
    z.strictObject({ op: z.literal('adhoc'), row: adhocRow }),
  ]),
});

export const noteAddRequest = z.strictObject({
  code: joinCode,
  text: z.string().trim().min(1).max(2000),
  teamId: slug.optional(),
  /** HSEEP rating suggested by the observation (HSEEP 2020, docs/domain.md#hseep): P, S, M or U. */
  rating: z.enum(['P', 'S', 'M', 'U']).optional(),
});

/** Facilitator: who among the players may read the debrief once the drill has ended. */
export const drillReleaseRequest = z.strictObject({ code: joinCode, scope: z.enum(['none', 'own', 'all']) });
/** Facilitator: close the drill to new players, or let players join after the start beyond one per role. */
export const drillPolicyRequest = z.strictObject({ code: joinCode, joinLocked: z.boolean().optional(), lateJoin: z.boolean().optional() });

/** A fresh snapshot of a team's view after a gap: a player's own team (teamId optional), any team for observers. */
export const viewResyncRequest = z.strictObject({ code: joinCode, teamId: slug.optional() });

export const commandSendRequest = z.strictObject({
  /** Made by the client; a retried command with the same id is applied once. */
  clientId: z.string().min(8).max(64),
  command: commandSchema,
});

export const REQUEST_SCHEMAS = {
  [C2S.scenarioList]: scenarioListRequest,
  [C2S.drillCreate]: drillCreateRequest,
  [C2S.drillWatch]: drillWatchRequest,
  [C2S.drillJoin]: drillJoinRequest,
  [C2S.drillClock]: drillClockRequest,
  [C2S.drillList]: drillListRequest,
  [C2S.commandSend]: commandSendRequest,
  [C2S.injectControl]: injectControlRequest,
  [C2S.noteAdd]: noteAddRequest,
  [C2S.drillRelease]: drillReleaseRequest,
  [C2S.drillPolicy]: drillPolicyRequest,
  [C2S.viewResync]: viewResyncRequest,
} as const;

export type ScenarioListRequest = z.infer<typeof scenarioListRequest>;
export type DrillCreateRequest = z.infer<typeof drillCreateRequest>;
export type DrillWatchRequest = z.infer<typeof drillWatchRequest>;
export type DrillJoinRequest = z.input<typeof drillJoinRequest>;
export type DrillClockRequest = z.infer<typeof drillClockRequest>;
export type CommandSendRequest = z.infer<typeof commandSendRequest>;
export type InjectControlRequest = z.infer<typeof injectControlRequest>;
export type NoteAddRequest = z.infer<typeof noteAddRequest>;

