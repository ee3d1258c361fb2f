// MSEL injects at run time: when each row fires (at a scenario time, or when a condition over the world holds),
// who receives it and what it does to the world. Expectations are judged in expectation.ts.
import type { MselRow } from '../scenario/load-scenario.ts';
import { interpolate, type World } from '../sim/index.ts';
import type { InjectCondition } from '../protocol/inject-condition.ts';
// The condition parser lives in a leaf protocol module (the loader needs it without importing the drill).
export { CONDITION_HELP, parseCondition, type InjectCondition } from '../protocol/inject-condition.ts';

const compare = (x: number, op: '>=' | '<=', v: number) => (op === '>=' ? x >= v : x <= v);

export function conditionHolds(w: World, c: InjectCondition): boolean {
  const sc = w.scenario;
  switch (c.kind) {
    case 'no_warning':
      return w.firstWarningTick < 0;
    case 'depth': {
      const k = sc.neighbourhoods.findIndex((n) => n.id === c.area);
      if (k < 0) return false;
      let max = 0;
      for (const cell of w.hoods[k].cells) if (w.flood.h[cell] > max) max = w.flood.h[cell];
      return compare(max, c.op, c.value);
    }
    case 'occupancy': {
      const k = sc.shelters.findIndex((s) => s.id === c.shelter);
      if (k < 0) return false;
      const s = w.shelters[k];
      return compare(s.capacity > 0 ? s.occupants / s.capacity : 0, c.op, c.value);
    }
    case 'sea_level':
      return compare(interpolate(sc.seaLevel, (w.tick * sc.tickSeconds) / 60) + (w.seaLevelOffset ?? 0), c.op, c.value);
    case 'stranded': {
      let people = 0;
      const hh = w.households;
      for (let i = 0; i < hh.count; i++) if (hh.state[i] === 5) people += hh.size[i];
      return compare(people, c.op, c.value);
    }
  }
}

export type InjectStatus = 'pending' | 'fired' | 'skipped';

/** One MSEL row's state in one world. */
export interface ScheduledInject {
  row: MselRow;
  /** Tick from which it may fire (its time, plus any delay the facilitator added). */
  dueTick: number;
  status: InjectStatus;
  firedTick: number;
}
