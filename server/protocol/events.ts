// Event names, error codes and payload types of the socket protocol: plain TypeScript, no zod, so the
// browser bundle stays small. The zod schemas that check client → server payloads are in messages.ts,
// which re-exports everything here. Documented in docs/protocol.md.
import type { MselRow } from '../scenario/load-scenario.ts';

/** Largest accepted socket message (bytes); Socket.IO's maxHttpBufferSize is set to this. */
export const MAX_MESSAGE_BYTES = 16 * 1024;


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
  /** Facilitator: release the debrief to players (none, own team, all teams). */
  drillRelease: 'drill:release',
  /** Facilitator: joining rules (lock joining, allow late joins). */
  drillPolicy: 'drill:policy',
  /** A client that missed a frame (a delta whose baseTick is not the tick it holds) asks for a fresh snapshot. */
  viewResync: 'view:resync',
} as const;

export type DrillMode = 'parallel' | 'joint';

/** An inject action as logged and applied (ad-hoc rows carry their full row and the number given to them). */
export type InjectOp =
  | { op: 'fire' | 'skip'; no: number; teamId?: string }
  | { op: 'delay'; no: number; minutes: number; teamId?: string }
  | { op: 'adhoc'; teamId?: string; row: MselRow };

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
  /** Every expected action as its MSEL cell, with the target it names: `warn(pasir)` (absent = only expectedAction). */
  expectedActions?: string[];
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
  /** reason: why the rights gate said no (rights-gate.ts GateReason; words `gate.<reason>` in the client). */
  error: { code: ErrorCode; message: string; field?: string; refusal?: { code: string; detail?: string }; reason?: string };
}
export type Ack<T = object> = ({ ok: true } & T) | AckError;

// ---------- server → client ----------

export const S2C = {
  drillState: 'drill:state',
  /** Facilitator and evaluators: the player lists of teams whose presence changed (coalesced, see server/http/presence.ts). */
  drillPresence: 'drill:presence',
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

/** Who may read a drill's debrief besides the facilitator and evaluators: nobody, each player their own team, or
 *  every player every team (docs/protocol.md#who-may-see-what). */
export type ReleaseScope = 'none' | 'own' | 'all';
export const RELEASE_SCOPES: readonly ReleaseScope[] = ['none', 'own', 'all'];

/** Why a drill opened read-only: the engine that recorded it replays it differently (engine_changed, from `tick`),
 *  or there is no recorded hash to check the replay against (engine_unverified). See docs/architecture.md#versions. */
export interface ReadOnlyInfo {
  reason: 'engine_changed' | 'engine_unverified';
  recordedWith: number | null;
  engine: number;
  tick?: number;
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
  /** Debrief release (drill:release) and joining rules (drill:policy). */
  release?: ReleaseScope;
  joinLocked?: boolean;
  lateJoin?: boolean;
  /** Present when the drill can be viewed but not continued. */
  readOnly?: ReadOnlyInfo;
  teams: { id: string; name: string; players: { name: string; role: string; online: boolean }[] }[];
}

/** Presence delta for the control room: the teams whose players joined, left or came back, with their new lists. */
export interface DrillPresence {
  code: string;
  teams: { id: string; players: DrillState['teams'][number]['players'] }[];
}

/** Static map data, sent once with a snapshot. landUse is base64 of one byte per cell, row-major. */
export interface MapInfo {
  width: number;
  height: number;
  cellSize: number;
  /** Scenario minutes per tick (1 unless the scenario ticks in larger steps, e.g. 30 for a flood over days). */
  minutesPerTick?: number;
  landUse: string;
  landUseNames: Record<number, string>;
  neighbourhoods: { id: string; name: string; polygon: [number, number][] }[];
  /** `vertical`: a vertical evacuation building (TES), safe on its upper floors (drawn apart from other shelters). */
  shelters: { id: string; name: string; x: number; y: number; capacity: number; vertical?: boolean }[];
  units: { id: string; ngo: string; ngoName: string; kind: string }[];
  /** Puskesmas and hospitals (evacuate_facility names them). */
  facilities?: { id: string; name: string; x: number; y: number; kind?: 'puskesmas' | 'hospital' }[];
  /** Slopes that can slide (the facilitator's landslide inject names one); x, y: the zone's middle cell (its label). */
  landslides?: { id: string; name: string; x?: number; y?: number }[];
  /** Embankments (tanggul): crest cells, drawn as a line; a breach shows as TeamView.breaches. */
  embankments?: { id: string; name: string; cells: number[] }[];
  /** Rivers entering the map: name and the middle inflow cell (a label on the map); `boundary`: the water at the
   *  map's edge whose level the scenario sets (the sea, or a big river such as the Musi), labelled mid-water. */
  rivers?: { name: string; x: number; y: number; boundary?: boolean; debris?: boolean }[];
}

export interface AreaView {
  id: string;
  warned: boolean;
  level: string | null;
  channels: string[];
  orderShelter: string | null;
  flooded: boolean;
  /** People (not households) by state. */
  people: { home: number; aware: number; moving: number; sheltered: number; stranded: number; rescued: number; injured: number; dead: number };
  /** Public trust in government information, 0–1, to a tenth. */
  trust: number;
}

export interface ShelterView {
  id: string;
  occupants: number;
  capacity: number;
  open: boolean;
  /** Litres of water, person-days of food, hygiene kits, toilets in stock. */
  water: number;
  food: number;
  hygiene: number;
  toilets: number;
  /** 0–1 health-risk index from crowding and shortfalls. */
  healthRisk: number;
}

export interface UnitView {
  id: string;
  x: number;
  y: number;
  task: string | null;
  rescued: number;
  phase: 'base' | 'mobilising' | 'moving' | 'on_scene' | 'returning' | 'away';
  available: boolean;
  selfDeployed: boolean;
  queued: number;
  served: number;
  /** Health facility whose patients it carries (task_unit with a facility); absent otherwise. */
  facility?: string;
}

export interface CommandPostView {
  /** Emergency status in force: siaga_darurat, tanggap_darurat, transisi_darurat, or null. */
  status: string | null;
  posko: boolean;
  meetings: number;
  supportRequested: boolean;
  sitreps: number;
}

/** A post on the simulated social feed: a rumour (hoax) or the team's clarification. */
export interface PostView {
  id: string;
  tick: number;
  kind: 'hoax' | 'clarification';
  areas: string[];
  clarified: boolean;
  text: { id: string; en: string };
}

/** A LAPOR!-style complaint from residents. */
export interface ComplaintView {
  id: string;
  tick: number;
  area: string | null;
  topic: string;
  shelter: string | null;
  answered: boolean;
}

export interface MetricView {
  id: string;
  /** 0–1, or null while the metric does not apply (docs/scoring.md). */
  value: number | null;
  raw: number | null;
}

/** Everything a team may know of its world at one tick. */
export interface TeamView {
  teamId: string;
  tick: number;
  /** base64 of one byte per cell: water depth in decimetres (0–255). */
  water: string;
  areas: AreaView[];
  shelters: ShelterView[];
  units: UnitView[];
  /** Households away from home and not yet safe, flat: [cell, state, cell, state, …]; state 3 moving, 5 stranded, 7 injured. */
  dots: number[];
  metrics: MetricView[];
  score: number;
  command: CommandPostView;
  posts: PostView[];
  complaints: ComplaintView[];
  casualties: { injured: number; dead: number };
  /** Cells closed to passage: roads the team closed and cuts made by injects (drawn on the map). */
  closedRoads?: number[];
  /** Cells buried by landslides (drawn on the map). */
  landslides?: number[];
  /** Ids of the landslide zones that have failed (MapInfo.landslides; their label on the map). */
  slidZones?: string[];
  /** Embankment crest cells lowered by a breach (drawn on the map). */
  breaches?: number[];
  /** Puskesmas and hospitals: patients inside, flooded, being evacuated (server/sim/health-facility.ts). */
  facilities?: FacilityView[];
  /** Galodo deposits: pairs of (cell, thickness in decimetres), for cells with at least 10 cm of mud, sand and
   *  boulders (server/sim/debris-flow.ts). Cells ≥ 3 dm are closed to passage. */
  debris?: number[];
}

/** A health facility as the team sees it. */
export interface FacilityView {
  id: string;
  patients: number;
  beds: number;
  flooded: boolean;
  evacuating: boolean;
  moved: number;
  harmed: number;
  /** Patients per hour the transport at hand moves now (own ambulances and tasked units; 0 when none). */
  rate?: number;
  /** Units tasked to carry its patients. */
  units?: string[];
}

export interface ViewSnapshot {
  map: MapInfo;
  view: TeamView;
  /** The team's newest feed items, oldest first (what this role was sent), so a reload restores the feed. */
  feed?: FeedItem[];
}

/** Only what changed since the last frame; water as flat [cell, decimetres, …]. */
export interface ViewDelta {
  teamId: string;
  tick: number;
  /** The tick of the view this delta builds on (server/protocol/view-diff.ts): a client holding another tick asks
   *  for a snapshot (view:resync). Absent only in deltas a client makes itself. */
  baseTick?: number;
  /** Changed cells, packed four bytes each and base64-encoded (see water-codec.ts). */
  water?: string;
  areas?: AreaView[];
  shelters?: TeamView['shelters'];
  units?: TeamView['units'];
  dots?: number[];
  metrics?: MetricView[];
  score?: number;
  command?: CommandPostView;
  posts?: PostView[];
  complaints?: ComplaintView[];
  casualties?: { injured: number; dead: number };
  closedRoads?: number[];
  landslides?: number[];
  slidZones?: string[];
  breaches?: number[];
  facilities?: FacilityView[];
  debris?: number[];
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
  event?: {
    kind: string; area?: string; shelter?: string; unit?: string; count?: number; channel?: string; level?: string;
    refusal?: { code: string; detail?: string };
    /** Rumour post or complaint id, emergency status, …; text of a post; embankment id of a breach. */
    id?: string; text?: string; embankment?: string;
  };
  by?: string;
}

/** met: done after delivery by the deadline; anticipated: done before the inject arrived; partly: late or only some
 *  of several actions; missed; open: deadline ahead; undelivered: addressed to a role the team has no player in. */
export type ExpectationResult = 'met' | 'anticipated' | 'partly' | 'missed' | 'open' | 'undelivered';

export interface ExpectationView {
  no: number;
  /** First expected command type; every action with its own result is in `actions`. */
  expectedAction: string;
  firedTick: number;
  deadlineTick: number;
  result: ExpectationResult;
  doneTick: number | null;
  to?: string;
  actions?: {
    label: string; action: { type: string; target: string | null }; result: ExpectationResult; doneTick: number | null;
    by: string | null; role: string | null; minutesAfterDelivery: number | null;
  }[];
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
  /** Inject expectations judged on the team's commands (server/drill/expectation.ts, docs/scoring.md#expectations). */
  expectations: ExpectationView[];
  /** Score and people sheltered over time, one point every few ticks, for charts. */
  series: { tick: number; score: number; safeShare: number | null; sheltered: number }[];
  timeline: FeedItem[];
  /** Commands the server or the engine refused (logged, never applied): forbidden for the team, or refused with a code. */
  refusals?: { tick: number; type: string; by: string; role: string; reason: 'forbidden' | 'refused'; refusal?: { code: string; detail?: string } }[];
}

export interface Debrief {
  code: string;
  title: { id: string; en: string };
  mode: DrillMode;
  status: DrillStatus;
  endedAtTick: number;
  officialAlertTick: number;
  /** Present when the drill opened read-only (its log cannot be replayed as played by this engine). */
  readOnly?: ReadOnlyInfo;
  /** What this reader was given: every team (facilitator, evaluator, release 'all') or only their own (release 'own'). */
  scope?: 'all' | 'own';
  notes: Note[];
  teams: DebriefTeam[];
}
