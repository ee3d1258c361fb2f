// Notes when water first stands in each neighbourhood; flooding nobody warned about brings a complaint.
import { addComplaint } from './social.ts';
import { FLOODED_DEPTH, type World } from './world-state.ts';

/** Marks areas where water first stood ≥ FLOODED_DEPTH this tick. */
export function noteFlooding(w: World): void {
  const h = w.flood.h;
  w.hoods.forEach((hood, k) => {
    if (hood.floodedTick >= 0) return;
    if (hood.cells.some((c) => h[c] >= FLOODED_DEPTH)) {
      hood.floodedTick = w.tick;
      w.events.push({ tick: w.tick, kind: 'flooded', area: w.scenario.neighbourhoods[k].id });
      // Water in an area nobody warned: residents complain (LAPOR!) and trust falls.
      if (hood.warnedTick < 0) addComplaint(w, k, 'no_warning', -1);
    }
  });
}
