// "What if": from a minute of an ended drill, a branch: a new drill whose worlds start as the parent's were at that
// minute (rebuilt by the replay), played on live by the teams (join code, control room) or headless by a scripted
// policy (server/policy/*, every command through the same checks as a player's). The branch keeps its link to the
// parent (documents 'branch' and 'branches'); the comparison gives both outcomes side by side and the first minute
// they diverged.
import { randomBytes } from 'node:crypto';
import type { Drill } from '../drill/drill.ts';
import { hashToken, newJoinCode, newToken, type DrillRegistry } from '../drill/drill-registry.ts';
import { projectTeamView } from '../drill/view.ts';
import { createPolicy, isPolicyName, type PolicyAction, type PolicyName } from '../policy/index.ts';
import type { FeedItem } from '../protocol/messages.ts';
import { may, TEAM_ROLES, type TeamRole } from '../protocol/rights.ts';
import { commandSchema, computeMetrics, ENGINE_VERSION } from '../sim/index.ts';
import { DEFAULT_POLICY, type Seat } from '../store/store.ts';
import { getDoc, putDoc } from './docs.ts';
import { REPLAY_KEYFRAME_EVERY, type OutcomeSample } from './replay.ts';
import type { BranchLink, DebriefService } from './service.ts';

export class BranchError extends Error {
  constructor(readonly status: number, readonly field: string | null, message: string) {
    super(message);
  }
}

export interface BranchChild { code: string; forkTick: number; policy: string | null; createdAt: string }

/** Branches start on a keyframe boundary (keyframes leave route caches out, so they sit on multiples of
 *  ROUTE_REFRESH_TICKS): the minute asked for, rounded down to the nearest REPLAY_KEYFRAME_EVERY ticks. */
export function forkTickOf(tick: number, endTick: number): number {
  const t = Math.max(0, Math.min(Math.floor(tick), endTick));
  return t - (t % REPLAY_KEYFRAME_EVERY);
}

export async function createBranch(svc: DebriefService, parent: Drill, opts: { tick: number; policy?: string | null; by: string }): Promise<{ code: string; token: string; forkTick: number; drill: Drill }> {
  const reg = svc.reg;
  if (parent.status !== 'ended') throw new BranchError(409, null, 'a branch can be opened only from an ended drill');
  if (!Number.isFinite(opts.tick) || opts.tick < 0) throw new BranchError(400, 'tick', 'tick: expected a whole number ≥ 0');
  const policy = opts.policy ?? null;
  if (policy !== null && !isPolicyName(policy)) throw new BranchError(400, 'policy', `policy: expected one of idle, late, expert (or none to play live)`);
  const forkTick = forkTickOf(opts.tick, parent.tick);
  const replay = await svc.replay(parent);
  const blob = replay.at(forkTick).keyframe();
  const rec = reg.store.getDrill(parent.code)!;
  let code = newJoinCode();
  while (reg.store.getDrill(code)) code = newJoinCode();
  const token = newToken();
  reg.store.createDrill({
    code, scenarioId: rec.scenarioId, seed: rec.seed, mode: rec.mode, status: 'lobby', speed: 1, tick: forkTick,
    facilitatorTokenHash: hashToken(token), evaluatorCode: randomBytes(5).toString('hex').toUpperCase(),
    createdAt: new Date().toISOString(), archived: false, engineVersion: ENGINE_VERSION, scenarioHash: rec.scenarioHash, policy: { ...DEFAULT_POLICY },
  });
  // The fork is the branch's first keyframe: the drill opens from it (and the log, empty so far).
  reg.store.putKeyframe(code, { tick: forkTick, blob, engineVersion: ENGINE_VERSION, scenarioHash: rec.scenarioHash });
  const link: BranchLink = { parent: parent.code, forkTick, worldId: null, policy, createdAt: new Date().toISOString() };
  putDoc(reg.store, 'branch', code, link);
  const children = getDoc<BranchChild[]>(reg.store, 'branches', parent.code, []);
  children.push({ code, forkTick, policy, createdAt: link.createdAt });
  putDoc(reg.store, 'branches', parent.code, children);
  const tags = getDoc<Record<string, unknown> | null>(reg.store, 'tags', parent.code, null);
  if (tags) putDoc(reg.store, 'tags', code, { ...tags, branchOf: parent.code });
  const drill = reg.get(code);
  if (!drill) throw new BranchError(500, null, `branch ${code} could not be opened`);
  if (drill.tick !== forkTick) throw new BranchError(500, null, `branch ${code} opened at tick ${drill.tick}, expected ${forkTick}`);
  if (policy) await playHeadless(drill, policy as PolicyName, reg);
  return { code, token, forkTick, drill };
}

/** Plays every team of a branch with one scripted policy to the scenario's end, one tick at a time, yielding to the
 *  event loop between ticks. Between ticks the drill is paused, so the server's clock never advances it on its own:
 *  same branch, same policy ⇒ the same outcome. */
export async function playHeadless(d: Drill, name: PolicyName, reg: DrillRegistry): Promise<void> {
  const sc = d.scenario;
  const players = sc.teams.map((t) => {
    const seats = new Map<TeamRole, Seat>();
    for (const role of TEAM_ROLES) {
      const seat: Seat = { code: d.code, tokenHash: `policy-${name}-${t.id}-${role}`, name: `${name}:${role}`, teamId: t.id, role };
      reg.store.putSeat(seat);
      seats.set(role, seat);
    }
    return { teamId: t.id, policy: createPolicy(name, sc), seats, injects: [] as FeedItem[] };
  });
  const started = d.clock('start');
  if (!started.ok) throw new BranchError(409, null, started.message);
  d.clock('pause');
  let n = 0;
  while (d.tick < sc.durationTicks && d.status !== 'ended') {
    for (const p of players) {
      const w = d.worldOf(p.teamId);
      const projected = projectTeamView(w, p.teamId);
      const timeline = d.debrief().teams.find((x) => x.id === p.teamId)?.timeline ?? [];
      p.injects = timeline.filter((i) => i.kind === 'inject');
      for (const a of p.policy.act({ tick: w.tick, view: projected.view, water: projected.water, injects: p.injects })) submitAs(d, p, a, `${d.code}-pol-${++n}`);
    }
    // Running only for the length of this synchronous step: one tick owed, taken at once.
    d.status = 'running';
    d.accrue(1 / d.speed);
    d.stepOwed();
    while (d.midTick) d.stepOwed();
    if (d.status === 'running') d.status = 'paused';
    await new Promise((ok) => setImmediate(ok));
  }
  if (d.status !== 'ended') d.clock('end');
}

function submitAs(d: Drill, p: { policy: ReturnType<typeof createPolicy>; seats: Map<TeamRole, Seat> }, a: PolicyAction, clientId: string): void {
  const parsed = commandSchema.safeParse(a.command);
  if (!parsed.success) return;
  if (!may(a.role, parsed.data.type)) { p.policy.refused?.(a, 'forbidden'); return; }
  const res = d.submit(p.seats.get(a.role)!, clientId, parsed.data);
  if (!res.ok) p.policy.refused?.(a, res.refusal?.code ?? res.code);
}

export interface ComparisonRow {
  code: string;
  role: 'parent' | 'branch';
  teams: { id: string; name: string; safe: number; casualties: number; evacuationMinutes: number | null; score: number }[];
}

function outcomeOf(d: Drill, role: ComparisonRow['role']): ComparisonRow {
  return {
    code: d.code, role,
    teams: d.scenario.teams.map((t) => {
      const m = computeMetrics(d.worldOf(t.id));
      const evac = m.metrics.find((x) => x.id === 'evacuation90');
      return { id: t.id, name: t.name, safe: m.sheltered + m.rescued, casualties: m.injured + m.dead, evacuationMinutes: evac?.raw ?? null, score: m.score };
    }),
  };
}

/** Parent and branch side by side, and the first sampled minute (after the fork) their outcomes differ. */
export async function compare(svc: DebriefService, parent: Drill, branch: Drill): Promise<{ comparison: ComparisonRow[]; divergedTick: number | null }> {
  const [po, bo] = await Promise.all([svc.outcomes(parent), svc.outcomes(branch)]);
  let diverged: number | null = null;
  const same = (a: OutcomeSample, b: OutcomeSample) => a.safe === b.safe && a.stranded === b.stranded && a.injured === b.injured && a.dead === b.dead && a.score === b.score;
  for (const t of parent.scenario.teams) {
    const pByTick = new Map((po[t.id] ?? []).map((s) => [s.tick, s]));
    for (const s of bo[t.id] ?? []) {
      const p = pByTick.get(s.tick);
      if (p && !same(p, s)) { if (diverged === null || s.tick < diverged) diverged = s.tick; break; }
    }
  }
  return { comparison: [outcomeOf(parent, 'parent'), outcomeOf(branch, 'branch')], divergedTick: diverged };
}
