// The one protocol module: every Socket.IO event, with a zod schema for every payload in both directions.
// Client and server both import it. Documented in docs/protocol.md.
import { z } from 'zod';
import { COMMAND_TYPES, commandSchema } from '../sim/command.ts';
import { effectSchema } from '../sim/effect.ts';
import { TEAM_ROLES } from './rights.ts';

/** Largest accepted socket message (bytes); Socket.IO's maxHttpBufferSize is set to this. */
export const MAX_MESSAGE_BYTES = 16 * 1024;

const slug = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/);
const joinCode = z.string().regex(/^[A-Z2-9]{6}$/, 'six letters or digits, e.g. K7QM2P');
const token = z.string().min(16).max(128);
const personName = z.string().trim().min(1).max(40);

// ---------- client → server (each with an ack) ----------

export const C2S = {
  scenarioList: 'scenario:list',
  drillCreate: 'drill:create',
  drillWatch: 'drill:watch',
  drillJoin: 'drill:join',
  drillClock: 'drill:clock',
  drillList: 'drill:list',
  commandSend: 'command:send',
  injectControl: 'inject:control',
  noteAdd: 'note:add',
} as const;

export type DrillMode = 'parallel' | 'joint';

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
  /** HSEEP rating suggested by the observation (DOMAIN.md): P, S, M or U. */
  rating: z.enum(['P', 'S', 'M', 'U']).optional(),
});

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
} as const;

export type ScenarioListRequest = z.infer<typeof scenarioListRequest>;
export type DrillCreateRequest = z.infer<typeof drillCreateRequest>;
export type DrillWatchRequest = z.infer<typeof drillWatchRequest>;
export type DrillJoinRequest = z.input<typeof drillJoinRequest>;
export type DrillClockRequest = z.infer<typeof drillClockRequest>;
export type CommandSendRequest = z.infer<typeof commandSendRequest>;
export type InjectControlRequest = z.infer<typeof injectControlRequest>;
export type NoteAddRequest = z.infer<typeof noteAddRequest>;

/** An inject action as logged and applied (ad-hoc rows carry their full row and the number given to them). */
export type InjectOp =
  | { op: 'fire' | 'skip'; no: number; teamId?: string }
  | { op: 'delay'; no: number; minutes: number; teamId?: string }
  | { op: 'adhoc'; teamId?: string; row: import('../scenario/load-scenario.ts').MselRow };

export interface Note {
  tick: number;
  by: string;
  role: 'facilitator' | 'evaluator';
  text: string;
  teamId?: string;
  rating?: 'P' | 'S' | 'M' | 'U';
}

/** An MSEL row and its state in each world, for the facilitator's control room. */
export interface MselRowState {
  no: number;
  minute: number;
  condition: string | null;
  method: string;
  from: string;
  to: string;
  message: { id: string; en: string };
  expectedAction: string | null;
  effect: string | null;
  byWorld: { worldId: string; status: 'pending' | 'fired' | 'skipped'; dueTick: number; firedTick: number }[];
}

// ---------- acks ----------

export const ERROR_CODES = [
  'bad_request', // payload failed its schema
  'unknown_event',
  'too_large',
  'rate_limited',
  'bad_key', // wrong facilitator key
  'not_found', // no such drill or scenario
  'forbidden', // the rights table says no
  'not_joined',
  'wrong_state', // e.g. starting a drill that already ended
  'refused', // the engine refused the command (see error.refusal)
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
  ok: false;
  error: { code: ErrorCode; message: string; field?: string; refusal?: { code: string; detail?: string } };
}
export type Ack<T = object> = ({ ok: true } & T) | AckError;

// ---------- server → client ----------

export const S2C = {
  drillState: 'drill:state',
  viewSnapshot: 'view:snapshot',
  viewDelta: 'view:delta',
  feed: 'feed:item',
  drillEnded: 'drill:ended',
  /** Facilitator and evaluators: MSEL rows with their state, whenever one fires or changes. */
  mselState: 'msel:state',
  note: 'note:added',
} as const;

export type DrillStatus = 'lobby' | 'running' | 'paused' | 'ended';

export interface ScenarioSummary {
  id: string;
  title: { id: string; en: string };
  summary: { id: string; en: string };
  teams: { id: string; name: string }[];
  durationMinutes: number;
}

export interface DrillState {
  code: string;
  scenarioId: string;
  title: { id: string; en: string };
  mode: DrillMode;
  status: DrillStatus;
  archived: boolean;
  tick: number;
  durationTicks: number;
  /** Ticks per real second. */
  speed: number;
  teams: { id: string; name: string; players: { name: string; role: string; online: boolean }[] }[];
}

/** Static map data, sent once with a snapshot. landUse is base64 of one byte per cell, row-major. */
export interface MapInfo {
  width: number;
  height: number;
  cellSize: number;
  landUse: string;
  landUseNames: Record<number, string>;
  neighbourhoods: { id: string; name: string; polygon: [number, number][] }[];
  shelters: { id: string; name: string; x: number; y: number; capacity: number }[];
  units: { id: string; ngo: string; ngoName: string; kind: string }[];
}

export interface AreaView {
  id: string;
  warned: boolean;
  level: string | null;
  channels: string[];
  orderShelter: string | null;
  flooded: boolean;
  /** People (not households) by state. */
  people: { home: number; aware: number; moving: number; sheltered: number; stranded: number; rescued: number };
}

export interface MetricView {
  id: string;
  value: number;
  raw: number | null;
}

/** Everything a team may know of its world at one tick. */
export interface TeamView {
  teamId: string;
  tick: number;
  /** base64 of one byte per cell: water depth in decimetres (0–255). */
  water: string;
  areas: AreaView[];
  shelters: { id: string; occupants: number; capacity: number }[];
  units: { id: string; x: number; y: number; task: string | null; rescued: number }[];
  /** Households away from home and not yet safe, flat: [cell, state, cell, state, …]; state 3 moving, 5 stranded. */
  dots: number[];
  metrics: MetricView[];
  score: number;
}

export interface ViewSnapshot {
  map: MapInfo;
  view: TeamView;
}

/** Only what changed since the last frame; water as flat [cell, decimetres, …]. */
export interface ViewDelta {
  teamId: string;
  tick: number;
  water?: number[];
  areas?: AreaView[];
  shelters?: TeamView['shelters'];
  units?: TeamView['units'];
  dots?: number[];
  metrics?: MetricView[];
  score?: number;
}

export interface FeedItem {
  teamId: string | null;
  tick: number;
  kind: 'inject' | 'event' | 'command';
  /** Inject: MSEL row number, who sent it, through what channel, to which role (absent = the whole team). */
  no?: number;
  from?: string;
  method?: string;
  toRole?: string;
  text?: { id: string; en: string };
  /** Inject that changed the world: the effect's kind; problem = why it could not apply. */
  effect?: string;
  problem?: string;
  /** World event or command, for the client to put into words. */
  event?: { kind: string; area?: string; shelter?: string; unit?: string; count?: number; channel?: string; level?: string; refusal?: { code: string; detail?: string } };
  by?: string;
}

export interface DebriefTeam {
  id: string;
  name: string;
  score: number;
  metrics: MetricView[];
  population: number;
  sheltered: number;
  rescued: number;
  exposed: number;
  firstWarningMinute: number | null;
  /** Expectations of the injects this team received: met, partly met (late), missed, or still open. */
  expectations: { no: number; expectedAction: string; firedTick: number; deadlineTick: number; result: 'met' | 'partly' | 'missed' | 'open'; doneTick: number | null }[];
  /** Score and people sheltered over time, one point every few ticks, for charts. */
  series: { tick: number; score: number; safeShare: number; sheltered: number }[];
  timeline: FeedItem[];
}

export interface Debrief {
  code: string;
  title: { id: string; en: string };
  mode: DrillMode;
  status: DrillStatus;
  endedAtTick: number;
  officialAlertTick: number;
  notes: Note[];
  teams: DebriefTeam[];
}
