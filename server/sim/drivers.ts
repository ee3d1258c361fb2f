// Hazard drivers besides the sea: river inflow hydrographs, rainfall, and embankments (tanggul) that are
// overtopped or breach. They feed the flood grid through its sources and its bed elevation; pure and
// deterministic like the rest of the engine.
import { bulkedDischarge } from './debris-flow.ts';
import { H_MIN } from './flood.ts';
import { openBreach, writeRainSources } from './hazards.ts';
import { interpolate } from './series.ts';
import type { World, WorldEvent } from './world-state.ts';

export interface EmbankmentState {
  /** Tick it breached (−1 = standing). */
  breachedTick: number;
}

/** Sets the flood grid's sources for the coming tick: each river's discharge over its inflow cells, rain over land. */
export function setSources(w: World, minutes: number): void {
  const sc = w.scenario;
  const rivers = sc.rivers ?? [];
  const area = sc.cellSize * sc.cellSize;
  let n = 0;
  for (const r of rivers) n += r.cells.length;
  const src = w.flood.sources;
  if (src.cells.length < n) { src.cells = new Int32Array(n); src.rate = new Float64Array(n); }
  let k = 0;
  for (const r of rivers) {
    const q = bulkedDischarge(r, Math.max(0, interpolate(r.hydrograph, minutes))); // m³/s (with its sediment: debris-flow.ts)
    for (const c of r.cells) { src.cells[k] = c; src.rate[k] = q / (r.cells.length * area); k++; }
  }
  // Rain: routed over its catchments to the wet area (runoff.ts), not spread over every cell.
  src.count = writeRainSources(w, minutes, k);
}

/**
 * Embankments stand with their crest above the ground until they breach: at a set minute, or once water on either
 * side stands higher than the crest (overtopping erodes the landward slope; the usual failure of earthen tanggul).
 * A breach lowers every crest cell to the breach level.
 */
export function checkEmbankments(w: World, minutes: number): WorldEvent[] {
  const sc = w.scenario;
  const events: WorldEvent[] = [];
  (sc.embankments ?? []).forEach((e, k) => {
    const st = w.embankments[k];
    if (st.breachedTick >= 0) return;
    let breach = e.breachMinute !== null && minutes >= e.breachMinute;
    let at = -1; // the crest cell where water first went over (a widening breach opens there)
    if (!breach && e.breachOnOvertop) {
      const { width, height } = sc;
      const { h, z } = w.flood;
      for (const c of e.cells) {
        const x = c % width, y = (c - x) / width;
        for (const j of [c - 1, c + 1, c - width, c + width]) {
          if ((j === c - 1 && x === 0) || (j === c + 1 && x === width - 1) || j < 0 || j >= width * height) continue;
          if (h[j] > H_MIN && z[j] + h[j] > e.crest) { breach = true; at = c; break; }
        }
        if (breach) break;
      }
    }
    if (!breach) return;
    st.breachedTick = w.tick;
    // A widening breach grows from one cell (hazards.ts / breach.ts); otherwise the whole crest drops at once.
    if (!openBreach(w, k, at)) for (const c of e.cells) w.flood.z[c] = Math.min(w.flood.z[c], e.breachLevel);
    w.fieldsTick = -1_000_000; // routes change when the embankment path is gone
    events.push({ tick: w.tick, kind: 'breach', embankment: e.id });
  });
  return events;
}
