// close_road: close one road cell to walkers and vehicles; routes are rebuilt at once.
import { rebuildFields } from '../fields.ts';
import { isRoadCell } from '../geometry.ts';
import type { CommandModule } from './types.ts';

export const closeRoad: CommandModule<'close_road'> = {
  type: 'close_road',
  check(w, cmd) {
    const sc = w.scenario;
    if (cmd.x >= sc.width || cmd.y >= sc.height) return { code: 'outside_map', detail: `${cmd.x},${cmd.y}` };
    const c = cmd.y * sc.width + cmd.x;
    if (!isRoadCell(sc, c)) return { code: 'not_a_road', detail: `${cmd.x},${cmd.y}` };
    return w.closedCells[c] ? { code: 'road_closed', detail: `${cmd.x},${cmd.y}` } : null;
  },
  apply(w, cmd) {
    const c = cmd.y * w.scenario.width + cmd.x;
    w.closedCells[c] = 1;
    w.cellCost[c] = Infinity;
    rebuildFields(w);
    w.events.push({ tick: w.tick, kind: 'road_closed', id: `${cmd.x},${cmd.y}` });
  },
};
