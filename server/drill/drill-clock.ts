// A drill's clock: which facilitator actions each status allows, and the ticks owed at the drill's speed. Worlds of
// one tick advance one at a time (the registry's unit of work), so a tick may be part done: `partial` holds the
// worlds still to advance in it.
import type { DrillStatus } from '../protocol/messages.ts';

export type ClockAction = 'start' | 'pause' | 'resume' | 'speed' | 'end' | 'archive';

/** The statuses from which each clock action is allowed. */
export const CLOCK_ALLOWED: Record<ClockAction, readonly DrillStatus[]> = {
  start: ['lobby'], pause: ['running'], resume: ['paused'], speed: ['lobby', 'running', 'paused'], end: ['lobby', 'running', 'paused'], archive: ['ended'],
};

/** Ticks owed are capped: after a stall (a slow disk, a debugger) the drill catches up at most this many. */
export const MAX_OWED_TICKS = 5;

export class DrillClock {
  private owed = 0;
  /** Worlds still to advance in the tick under way (empty between ticks). */
  private partial: string[] = [];

  /** Real seconds elapsed become ticks owed at `speed` ticks per second. */
  accrue(seconds: number, speed: number): void {
    this.owed = Math.min(this.owed + seconds * speed, MAX_OWED_TICKS);
  }

  /** True while some worlds have advanced this tick and others not yet. */
  get midTick(): boolean {
    return this.partial.length > 0;
  }

  /** True when a tick is owed or one is half done. */
  get due(): boolean {
    return this.partial.length > 0 || this.owed >= 1;
  }

  /** The next world to advance, starting a new tick over `worldIds` when none is under way. */
  nextWorld(worldIds: Iterable<string>): string {
    if (this.partial.length === 0) {
      this.owed -= 1;
      this.partial = [...worldIds];
    }
    return this.partial.shift()!;
  }

  /** The worlds left in the tick under way, which the caller completes now (the drill is ending). */
  takeRest(): string[] {
    this.owed = 0;
    return this.partial.splice(0);
  }
}
