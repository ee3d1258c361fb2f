// The one protocol module: every Socket.IO event, with a zod schema for every payload in both directions.
// Client and server both import it. Documented in docs/protocol.md.
import { z } from 'zod';
import { commandSchema } from '../sim/command.ts';
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
  commandSend: 'command:send',
} as const;

export const scenarioListRequest = z.strictObject({});
export const drillCreateRequest = z.strictObject({
  key: z.string().min(1).max(200),
  scenarioId: slug,
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
/** A facilitator (re)opens a drill's control room: with the facilitator key or with the token from drill:create. */
export const drillWatchRequest = z.strictObject({
  code: joinCode,
  key: z.string().min(1).max(200).optional(),
  token: token.optional(),
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
  action: z.enum(['start', 'pause', 'resume', 'speed', 'end']),
  /** Scenario ticks per real second, for action "speed". */
  speed: z.number().min(0.25).max(20).optional(),
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
  [C2S.commandSend]: commandSendRequest,
} as const;

export type ScenarioListRequest = z.infer<typeof scenarioListRequest>;
export type DrillCreateRequest = z.infer<typeof drillCreateRequest>;
export type DrillWatchRequest = z.infer<typeof drillWatchRequest>;
export type DrillJoinRequest = z.input<typeof drillJoinRequest>;
export type DrillClockRequest = z.infer<typeof drillClockRequest>;
export type CommandSendRequest = z.infer<typeof commandSendRequest>;

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
  status: DrillStatus;
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
  /** Inject: who sent it, through what channel. */
  from?: string;
  method?: string;
  text?: { id: string; en: string };
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
  /** Score and people sheltered over time, one point every few ticks, for charts. */
  series: { tick: number; score: number; safeShare: number; sheltered: number }[];
  timeline: FeedItem[];
}

export interface Debrief {
  code: string;
  title: { id: string; en: string };
  status: DrillStatus;
  endedAtTick: number;
  officialAlertTick: number;
  teams: DebriefTeam[];
}
