// Records the metrics and their evidence need and the engine does not keep otherwise: when a team warning reached
// each household and by which channel, when hazardous water first stood at its home (it was in danger), when and
// where it was caught in that water, and for how long; when water first stood at its door. Read by metrics.ts; see docs/scoring.md.
import { CHANNELS, type Channel } from './command-options.ts';
import { cellSpeed } from './flood.ts';
import { HouseholdState as S, type Households } from './household.ts';
import { FLOODED_DEPTH, type World } from './world-state.ts';

/** A team warning reaches household i at tick t (the earliest one is kept). */
export function recordWarned(hh: Households, i: number, t: number, channel: Channel): void {
  if (hh.warnedTick[i] < 0 || t < hh.warnedTick[i]) {
    hh.warnedTick[i] = t;
    hh.warnedChannel[i] = CHANNELS.indexOf(channel) + 1;
  }
}

/**
 * Once per tick, after households moved: danger at home (depth ≥ `hazardDepth` or depth × velocity > `hazardDv`,
 * the thresholds world.ts uses for people), first exposure and minutes stranded.
 */
export function recordExposure(w: World, hazardDepth: number, hazardDv: number): void {
  const hh = w.households;
  const h = w.flood.h;
  const minutesPerTick = w.scenario.tickSeconds / 60;
  for (let i = 0; i < hh.count; i++) {
    if (hh.dangerTick[i] < 0) {
      const c = hh.home[i];
      const d = w.bridge[c] ? 0 : h[c];
      if (d >= hazardDepth || (d > 0.01 && d * cellSpeed(w.flood, c) > hazardDv)) hh.dangerTick[i] = w.tick;
      if (hh.wetTick[i] < 0 && (d >= FLOODED_DEPTH || hh.dangerTick[i] >= 0)) hh.wetTick[i] = w.tick;
    }
    if (hh.exposed[i] && hh.exposedTick[i] < 0) {
      hh.exposedTick[i] = w.tick;
      hh.exposedCell[i] = hh.cell[i];
    }
    if (hh.state[i] === S.Stranded) hh.hazardMinutes[i] += minutesPerTick;
  }
}
