// The socket protocol as types, both directions, shared by server and client: for every client → server event its
// request payload and the fields of its ok answer (the ack), and for every server → client event its payload. The
// server checks its answers against these (server/http/socket-server.ts); the client's Connection.request takes
// the event name and gives back the typed ack, so no page declares an ack shape of its own. Type-only: nothing
// here reaches the bundle. Event names are C2S/S2C in events.ts; request schemas (zod) in messages.ts.
import type {
  Ack, Debrief, DrillMode, DrillPresence, DrillState, DrillStatus, FeedItem, MselRowState, Note, ReleaseScope, ScenarioSummary, ViewDelta, ViewSnapshot,
} from './events.ts';
import type { REQUEST_SCHEMAS } from './messages.ts';
import type { Role, TeamRole } from './rights.ts';
import type { z } from 'zod';

/** One row of drill:list. */
export interface DrillListItem {
  code: string;
  scenarioId: string;
  mode: DrillMode;
  status: DrillStatus;
  tick: number;
  createdAt: string;
  archived: boolean;
}

/** The ok answer of drill:watch (facilitator and evaluators). */
export interface WatchAck {
  role: Extract<Role, 'facilitator' | 'evaluator'>;
  state: DrillState;
  /** One per team, in the scenario's team order. */
  snapshots: ViewSnapshot[];
  msel: MselRowState[];
  notes: Note[];
  /** Facilitator only: the code evaluators open the drill with. */
  evaluatorCode?: string;
}

/** The ok answer of drill:join (players). */
export interface JoinAck {
  token: string;
  teamId: string;
  role: TeamRole;
  name: string;
  state: DrillState;
  snapshot: ViewSnapshot;
}

/** The fields of each event's ok answer ({ ok: true } & these). */
export interface AckPayloads {
  'scenario:list': { scenarios: ScenarioSummary[] };
  'drill:create': { code: string; token: string };
  'drill:list': { drills: DrillListItem[] };
  'drill:watch': WatchAck;
  'drill:join': JoinAck;
  'drill:clock': { status: DrillStatus; tick: number; speed: number };
  'inject:control': { no: number };
  'note:add': object;
  'command:send': { tick: number; duplicate: boolean };
  'drill:release': { release: ReleaseScope };
  'drill:policy': { joinLocked: boolean; lateJoin: boolean };
  'view:resync': { snapshot: ViewSnapshot };
}

export type C2SEvent = keyof typeof REQUEST_SCHEMAS & keyof AckPayloads;
/** What the client sends (defaults may be left out). */
export type RequestOf<E extends C2SEvent> = z.input<(typeof REQUEST_SCHEMAS)[E]>;
/** What the server handler receives (after the schema: defaults filled in). */
export type ParsedRequestOf<E extends C2SEvent> = z.output<(typeof REQUEST_SCHEMAS)[E]>;
export type AckOf<E extends C2SEvent> = Ack<AckPayloads[E]>;
/** An ack as it travels: its large fields (snapshots) may be replaced by one deflated `packed` field (packed.ts). */
export type Wire<A> = A | (Partial<A> & { packed: Uint8Array });

/** Every server → client event and its payload (as the page sees it, after any unpacking: server/protocol/packed.ts). */
export interface ServerPayloads {
  'drill:state': DrillState;
  'drill:presence': DrillPresence;
  'view:snapshot': ViewSnapshot;
  'view:delta': ViewDelta;
  'feed:item': FeedItem;
  'drill:ended': { code: string };
  'msel:state': MselRowState[];
  'note:added': Note;
}
export type S2CEvent = keyof ServerPayloads;

/** Socket.IO's typed maps: `Server<ClientToServerEvents, ServerToClientEvents>`, `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export type ClientToServerEvents = { [E in C2SEvent]: (req: RequestOf<E>, ack: (a: AckOf<E>) => void) => void };
export type ServerToClientEvents = { [E in S2CEvent]: (payload: ServerPayloads[E]) => void };

/** The HTTP debrief (GET /api/drills/:code/debrief), cut to what the reader may see. */
export type DebriefAnswer = Debrief;
