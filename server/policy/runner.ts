// Plays scripted teams through a real drill, headless: an in-memory store, one seat per role, and every command
// through the same path a player's takes (the command schema, the rights table, the drill's submit with the engine's
// check and the log). The policies see their team's view and the injects delivered to the team or its roles.
// Used by `npm run sim -- DIR --policy NAME`, `npm run scores` and the unit tests (docs/scoring.md#policies).
import { Drill, type DrillOutput } from '../drill/drill.ts';
import { judgeExpectations, type InjectJudgement, type ScheduleEntry, type TeamCommand } from '../drill/expectation.ts';
import { projectTeamView } from '../drill/view.ts';
import type { FeedItem } from '../protocol/events.ts';
import { S2C } from '../protocol/events.ts';
import { may, TEAM_ROLES, type TeamRole } from '../protocol/rights.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import { commandSchema, computeMetrics, ENGINE_VERSION, hashWorld, type Metrics } from '../sim/index.ts';
import { MemoryStore } from '../store/memory-store.ts';
import { DEFAULT_POLICY, type Seat } from '../store/store.ts';
import { createPolicy } from './index.ts';
import type { Policy, PolicyAction, PolicyName } from './types.ts';

export interface TeamRun {
  teamId: string;
  policy: string;
  score: number;
  metrics: Metrics;
  expectations: InjectJudgement[];
  /** Commands accepted, and those refused with the reason (rights, or the engine's refusal code). */
  accepted: number;
  refused: { tick: number; type: string; reason: string }[];
  hash: string;
}

export interface PolicyRun {
  scenario: string;
  seed: number;
  ticks: number;
  ms: number;
  teams: TeamRun[];
}

/** Collects the injects each team (or one of its roles) was sent. */
class InjectInbox implements DrillOutput {
  readonly byTeam = new Map<string, FeedItem[]>();
  private take(teamId: string, event: string, payload: unknown) {
    if (event !== S2C.feed || (payload as FeedItem).kind !== 'inject') return;
    const list = this.byTeam.get(teamId) ?? [];
    list.push(payload as FeedItem);
    this.byTeam.set(teamId, list);
  }
  toTeam(_code: string, teamId: string, event: string, payload: unknown) { this.take(teamId, event, payload); }
  toRole(_code: string, teamId: string, _role: string, event: string, payload: unknown) { this.take(teamId, event, payload); }
  toFacilitators() {}
}

interface Player {
  teamId: string;
  policy: Policy;
  seats: Map<TeamRole, Seat>;
  commands: TeamCommand[];
  refused: TeamRun['refused'];
}

let runNo = 0;

/**
 * Plays the policies, one team each, in parallel drills of the scenario (as many teams per drill as the scenario
 * has), for `ticks` ticks (default: the whole scenario). Same scenario, seed and policies ⇒ the same result.
 */
/** A built-in policy by name, or a factory (tests play their own scripted teams through the same path). */
export type PolicyChoice = PolicyName | ((sc: LoadedScenario['scenario']) => Policy);

export function runPolicies(loaded: LoadedScenario, policies: PolicyChoice[], opts: { seed?: number; ticks?: number } = {}): PolicyRun {
  const sc = loaded.scenario;
  const seed = opts.seed ?? 1;
  const ticks = Math.min(opts.ticks ?? sc.durationTicks, sc.durationTicks);
  const t0 = performance.now();
  const teams: TeamRun[] = [];
  for (let k = 0; k < policies.length; k += sc.teams.length) {
    teams.push(...runDrill(loaded, policies.slice(k, k + sc.teams.length), seed, ticks));
  }
  return { scenario: sc.id, seed, ticks, ms: Math.round(performance.now() - t0), teams };
}

function runDrill(loaded: LoadedScenario, policies: PolicyChoice[], seed: number, ticks: number): TeamRun[] {
  const sc = loaded.scenario;
  const code = `POL${(++runNo).toString(36).toUpperCase().padStart(3, '0')}`;
  const store = new MemoryStore();
  const inbox = new InjectInbox();
  const drill = new Drill(store, inbox, { code, loaded, seed, mode: 'parallel' });
  // A headless drill's record: no facilitator, no evaluator; a fixed date keeps runs identical.
  store.createDrill({
    code, scenarioId: sc.id, seed, mode: 'parallel', status: 'lobby', speed: 1, tick: 0, facilitatorTokenHash: '', evaluatorCode: '',
    createdAt: new Date(0).toISOString(), archived: false, engineVersion: ENGINE_VERSION, scenarioHash: drill.scenarioHash, policy: { ...DEFAULT_POLICY },
  });
  const players: Player[] = policies.map((choice, k) => {
    const policy = typeof choice === 'string' ? createPolicy(choice, sc) : choice(sc);
    const name = policy.name;
    const teamId = sc.teams[k].id;
    const seats = new Map<TeamRole, Seat>();
    for (const role of TEAM_ROLES) {
      const seat: Seat = { code, tokenHash: `policy-${teamId}-${role}`, name: `${name}:${role}`, teamId, role };
      store.putSeat(seat);
      seats.set(role, seat);
    }
    return { teamId, policy, seats, commands: [], refused: [] };
  });
  const started = drill.clock('start');
  if (!started.ok) throw new Error(`policy run: ${started.message}`);
  let clientNo = 0;
  while (drill.tick < ticks && drill.status === 'running') {
    for (const p of players) {
      const w = drill.worldOf(p.teamId);
      const projected = projectTeamView(w, p.teamId);
      const actions = p.policy.act({ tick: w.tick, view: projected.view, water: projected.water, injects: inbox.byTeam.get(p.teamId) ?? [] });
      for (const a of actions) submit(drill, p, a, `${code}-${++clientNo}`, w.tick);
    }
    drill.accrue(1 / drill.speed);
    drill.stepOwed();
    while (drill.midTick) drill.stepOwed();
  }
  return players.map((p) => {
    const w = drill.worldOf(p.teamId);
    // Judged as a drill ended at this tick (the whole scenario unless `ticks` cut it short).
    const metrics = computeMetrics(w, { final: true });
    return {
      teamId: p.teamId, policy: p.policy.name, score: metrics.score, metrics,
      expectations: judgeExpectations({ teamId: p.teamId, schedule: scheduleOf(drill, loaded, p.teamId), commands: p.commands, roles: null, nowTick: w.tick, tickSeconds: sc.tickSeconds }),
      accepted: p.commands.length, refused: p.refused, hash: hashWorld(w),
    };
  });
}

/** The MSEL rows as they went in the team's world (the drill's MSEL state), with their expected actions. */
function scheduleOf(drill: Drill, loaded: LoadedScenario, teamId: string): ScheduleEntry[] {
  const worldId = drill.teamWorld.get(teamId);
  return drill.msel().flatMap((r) => {
    const b = r.byWorld.find((x) => x.worldId === worldId);
    const row = loaded.msel.find((m) => m.no === r.no) ?? { no: r.no, to: r.to, expectedAction: r.expectedAction, deadlineMinutes: null };
    return b ? [{ row, status: b.status, firedTick: b.firedTick }] : [];
  });
}

/** As the socket server does: schema, then rights, then the drill (engine check, log). */
function submit(drill: Drill, p: Player, a: PolicyAction, clientId: string, tick: number): void {
  const parsed = commandSchema.safeParse(a.command);
  if (!parsed.success) throw new Error(`policy ${p.policy.name} made an invalid command: ${parsed.error.issues[0]?.message}`);
  const refuse = (reason: string) => { p.refused.push({ tick, type: a.command.type, reason }); p.policy.refused?.(a, reason); };
  if (!may(a.role, parsed.data.type)) return refuse('forbidden');
  const res = drill.submit(p.seats.get(a.role)!, clientId, parsed.data);
  if (!res.ok) return refuse(res.refusal?.code ?? res.code);
  p.commands.push({ tick: res.tick, command: parsed.data as TeamCommand['command'], by: p.seats.get(a.role)!.name, role: a.role });
}
