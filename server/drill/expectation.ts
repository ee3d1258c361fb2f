// Inject expectations judged on what the team did about them (docs/scoring.md#expectations):
// - met: a matching command (same type, and the named area, unit or shelter) after the inject reached the team and
//   by its deadline; anticipated: the team had already done it before the inject arrived (good practice);
//   partly: done after the deadline; missed: not done by the deadline; open: deadline still ahead.
// - The first matching command decides: a later one never overrides it; a command for another target never counts.
// - An inject for a role the team has no player in never reached it: undelivered, not held against the team.
// Pure: no clock, no store; the drill and the debrief pass in the schedule, the commands and the seats.
import { commandMatches, expectedActionsOf, formatExpectedAction, type ExpectedAction } from '../protocol/expected-action.ts';
import { TEAM_ROLES } from '../protocol/rights.ts';
import { DEFAULT_DEADLINE_MINUTES, type MselRow } from '../scenario/msel-rows.ts';

export type ActionResult = 'met' | 'anticipated' | 'partly' | 'missed' | 'open' | 'undelivered';
export type InjectResult = ActionResult;

/** One command the team gave, at the tick it was applied (commands logged at tick T apply before step T). */
export interface TeamCommand {
  tick: number;
  command: { type: string } & Record<string, unknown>;
  by?: string;
  role?: string;
}

export interface ActionJudgement {
  action: ExpectedAction;
  /** `evacuate(karan-aur)` */
  label: string;
  result: ActionResult;
  /** The command that decided it (null when none did). */
  doneTick: number | null;
  by: string | null;
  role: string | null;
  /** Minutes from delivery to the deciding command (negative when anticipated). */
  minutesAfterDelivery: number | null;
}

export interface InjectJudgement {
  no: number;
  to: string;
  /** First expected command type (for older clients), and every expected action. */
  expectedAction: string;
  firedTick: number;
  deadlineTick: number;
  /** Overall: met (all met or anticipated, at least one met), anticipated (all anticipated), partly (some done or
   *  late), missed (none done), open (deadline ahead, nothing missed), undelivered. */
  result: InjectResult;
  /** Tick of the last deciding command of the actions done (null when none was). */
  doneTick: number | null;
  actions: ActionJudgement[];
}

export interface ScheduleEntry {
  row: Pick<MselRow, 'no' | 'to' | 'expectedAction' | 'deadlineMinutes'> & { expectedActions?: string[] };
  status: string;
  firedTick: number;
}

export interface JudgeInput {
  teamId: string;
  /** Injects of the team's world (pending and skipped rows are left out of the judgement). */
  schedule: ScheduleEntry[];
  /** The team's accepted commands, in log order. */
  commands: TeamCommand[];
  /** Roles with at least one player in the team; null = every role (headless runs). */
  roles: string[] | null;
  nowTick: number;
  tickSeconds: number;
}

/** Credit an action or inject gives toward an objective: met and anticipated 1, partly ½, missed 0; open and
 *  undelivered give none either way (docs/scoring.md#objectives). */
export const RESULT_CREDIT: Record<ActionResult, number | null> = { met: 1, anticipated: 1, partly: 0.5, missed: 0, open: null, undelivered: null };

function judgeAction(a: ExpectedAction, firedTick: number, deadlineTick: number, commands: TeamCommand[], nowTick: number, tickSeconds: number): ActionJudgement {
  const minutes = (tick: number) => ((tick - firedTick) * tickSeconds) / 60;
  const label = formatExpectedAction(a);
  // Commands applied at the inject's own tick were given before the team could see it (injects fire first).
  const before = commands.find((c) => c.tick <= firedTick && commandMatches(a, c.command));
  const after = commands.find((c) => c.tick > firedTick && commandMatches(a, c.command));
  const decided = (c: TeamCommand, result: ActionResult): ActionJudgement =>
    ({ action: a, label, result, doneTick: c.tick, by: c.by ?? null, role: c.role ?? null, minutesAfterDelivery: minutes(c.tick) });
  if (before) return decided(before, 'anticipated');
  if (after) return decided(after, after.tick <= deadlineTick ? 'met' : 'partly');
  return { action: a, label, result: nowTick > deadlineTick ? 'missed' : 'open', doneTick: null, by: null, role: null, minutesAfterDelivery: null };
}

function overall(results: ActionResult[]): InjectResult {
  if (results.every((r) => r === 'anticipated')) return 'anticipated';
  if (results.every((r) => r === 'met' || r === 'anticipated')) return 'met';
  if (results.some((r) => r === 'open') && !results.some((r) => r === 'missed' || r === 'partly')) return 'open';
  if (results.some((r) => r === 'met' || r === 'anticipated' || r === 'partly')) return 'partly';
  return 'missed';
}

/** Was the row addressed to this team at all (all, the team, or one of its roles)? */
export function addressedTo(to: string, teamId: string): boolean {
  return to === 'all' || to === teamId || (TEAM_ROLES as readonly string[]).includes(to);
}

export function judgeExpectations(input: JudgeInput): InjectJudgement[] {
  const { teamId, schedule, commands, roles, nowTick, tickSeconds } = input;
  const out: InjectJudgement[] = [];
  for (const s of schedule) {
    if (s.status !== 'fired') continue;
    const actions = expectedActionsOf(s.row);
    if (!actions.length || !addressedTo(s.row.to, teamId)) continue;
    const deadlineTick = s.firedTick + Math.round(((s.row.deadlineMinutes ?? DEFAULT_DEADLINE_MINUTES) * 60) / tickSeconds);
    const isRole = (TEAM_ROLES as readonly string[]).includes(s.row.to);
    const delivered = !isRole || roles === null || roles.includes(s.row.to);
    const judged = actions.map((a) => delivered
      ? judgeAction(a, s.firedTick, deadlineTick, commands, nowTick, tickSeconds)
      : { action: a, label: formatExpectedAction(a), result: 'undelivered' as const, doneTick: null, by: null, role: null, minutesAfterDelivery: null });
    const done = judged.map((j) => j.doneTick).filter((t): t is number => t !== null);
    out.push({
      no: s.row.no, to: s.row.to, expectedAction: actions[0].type, firedTick: s.firedTick, deadlineTick,
      result: delivered ? overall(judged.map((j) => j.result)) : 'undelivered',
      doneTick: done.length ? Math.max(...done) : null,
      actions: judged,
    });
  }
  return out;
}
