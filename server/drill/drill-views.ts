// What each team sees of its world: the view last sent per world (what the clients hold), the snapshot for a team
// joining or coming back, and the per-tick frame (a delta built on the last one, server/protocol/view-diff.ts) to
// the team and the facilitators.
import type { Scenario, World } from '../sim/index.ts';
import type { FeedItem, ViewSnapshot } from '../protocol/messages.ts';
import { S2C } from '../protocol/messages.ts';
import type { DrillOutput } from './drill-output.ts';
import { diffViews, mapInfo, projectTeamView, type ProjectedView } from './view.ts';

export class DrillViews {
  private readonly lastSent = new Map<string, ProjectedView>();

  constructor(private readonly code: string, private readonly out: DrillOutput) {}

  /** After a restore or at creation: every world's view as the next frame will assume the clients hold it. */
  reset(worlds: ReadonlyMap<string, World>): void {
    for (const [worldId, w] of worlds) this.lastSent.set(worldId, projectTeamView(w, worldId));
  }

  /** The current state, with the water exactly as the deltas that follow will assume it, and the given feed. */
  snapshot(scenario: Scenario, worldId: string, w: World, teamId: string, feed: FeedItem[]): ViewSnapshot {
    const view = projectTeamView(w, teamId, true).view;
    const sent = this.lastSent.get(worldId);
    if (sent && sent.view.tick === view.tick) view.water = Buffer.from(sent.water).toString('base64');
    return { map: mapInfo(scenario), view, feed };
  }

  /** After a world's step: the delta since the last frame to each of its teams and to the facilitators. Reliable,
   *  not volatile: each delta builds on the one before (its baseTick); a client that misses one asks for a snapshot. */
  frame(worldId: string, w: World, teams: readonly string[]): void {
    const next = projectTeamView(w, worldId);
    const delta = diffViews(this.lastSent.get(worldId)!, next);
    this.lastSent.set(worldId, next);
    for (const t of teams) {
      const d = { ...delta, teamId: t };
      this.out.toTeam(this.code, t, S2C.viewDelta, d);
      this.out.toFacilitators(this.code, S2C.viewDelta, d);
    }
  }
}
