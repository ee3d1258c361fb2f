// The feed of a drill: what each team is told (injects delivered, world events, teammates' commands), sent live and
// kept per team as the debrief timeline. Kept items are rebuilt by replay exactly as they were made live, so a
// restart does not change the timeline (docs/architecture.md#derived-state).
import type { Command } from '../sim/index.ts';
import type { WorldEvent } from '../sim/index.ts';
import type { FeedItem } from '../protocol/messages.ts';
import { S2C } from '../protocol/messages.ts';
import type { DrillOutput } from './drill-output.ts';

/** Feed items kept per team for the debrief timeline. */
export const TIMELINE_LIMIT = 3000;

export class DrillFeed {
  private timelines = new Map<string, FeedItem[]>();

  constructor(private readonly code: string, private readonly out: DrillOutput, teamIds: readonly string[]) {
    for (const t of teamIds) this.timelines.set(t, []);
  }

  /** Keeps the item for the debrief and, when live, sends it to the team (or one role of it) and the facilitators. */
  push(teamId: string, item: FeedItem, live: boolean, role: string | null = null): void {
    this.keep(teamId, item);
    if (live) this.send(teamId, item, role);
  }

  keep(teamId: string, item: FeedItem): void {
    const tl = this.timelines.get(teamId)!;
    if (tl.length < TIMELINE_LIMIT) tl.push(item);
  }

  send(teamId: string, item: FeedItem, role: string | null = null): void {
    if (role) this.out.toRole(this.code, teamId, role, S2C.feed, item);
    else this.out.toTeam(this.code, teamId, S2C.feed, item);
    this.out.toFacilitators(this.code, S2C.feed, item);
  }

  timeline(teamId: string): FeedItem[] {
    return [...(this.timelines.get(teamId) ?? [])];
  }

  /** The newest `n` items a role of the team was sent (all roles when `role` is absent), oldest first. */
  recent(teamId: string, role: string | undefined, n: number): FeedItem[] {
    const tl = this.timelines.get(teamId) ?? [];
    return tl.filter((x) => !x.toRole || !role || x.toRole === role).slice(-n);
  }

  save(): [string, FeedItem[]][] {
    return [...this.timelines];
  }

  load(saved: [string, FeedItem[]][]): void {
    this.timelines = new Map(saved);
  }
}

/** A teammate's command as a feed item. */
export function commandItem(teamId: string, tick: number, c: Command, by: string): FeedItem {
  return { teamId, tick, kind: 'command', event: describeCommand(c), by };
}

export function describeCommand(c: Command): FeedItem['event'] {
  const base: Record<string, unknown> = { kind: c.type };
  if ('areas' in c && Array.isArray(c.areas)) base.area = c.areas.join(', ');
  if ('area' in c && typeof c.area === 'string') base.area = c.area;
  if ('shelterId' in c) base.shelter = c.shelterId;
  if ('unitId' in c) base.unit = c.unitId;
  if ('channel' in c) base.channel = c.channel;
  if ('level' in c) base.level = c.level;
  // What the player wrote (a warning's text, a clarification, a complaint answer) shows in the team's feed.
  if ('message' in c && typeof c.message === 'string' && c.message) base.text = c.message;
  return base as FeedItem['event'];
}

export function eventItem(teamId: string, ev: WorldEvent): FeedItem {
  const { tick, ...rest } = ev;
  return { teamId, tick, kind: 'event', event: rest as FeedItem['event'] };
}
