// The drill state (clock, rules, teams with their players) as the socket thread sends it, from what it knows of a
// drill: used by Drill itself and by the handle on a drill hosted in a worker thread (drill-link.ts).
import type { DrillMode, DrillState, DrillStatus, ReadOnlyInfo } from '../protocol/messages.ts';
import type { LoadedScenario } from '../scenario/load-scenario.ts';
import type { DrillPolicy, Seat } from '../store/store.ts';

interface StateSource {
  code: string;
  scenario: LoadedScenario['scenario'];
  mode: DrillMode;
  status: DrillStatus;
  archived: boolean;
  tick: number;
  speed: number;
  policy: DrillPolicy;
  readOnly: ReadOnlyInfo | null;
}

/** The drill state for these seats; `online` says which seats have a connected socket. */
export function drillStateOf(link: StateSource, seats: Seat[], online: (tokenHash: string) => boolean): DrillState {
  return {
    code: link.code,
    scenarioId: link.scenario.id,
    title: link.scenario.title,
    mode: link.mode,
    status: link.status,
    archived: link.archived,
    tick: link.tick,
    durationTicks: link.scenario.durationTicks,
    speed: link.speed,
    release: link.policy.release,
    joinLocked: link.policy.joinLocked,
    lateJoin: link.policy.lateJoin,
    ...(link.readOnly ? { readOnly: link.readOnly } : {}),
    teams: link.scenario.teams.map((t) => ({
      id: t.id,
      name: t.name,
      players: seats.filter((s) => s.teamId === t.id).map((s) => ({ name: s.name, role: s.role, online: online(s.tokenHash) })),
    })),
  };
}
