// close_road: close one road cell (cell coordinates on the map).
import type { CommandSpec } from './spec.ts';

export const closeRoad = {
  type: 'close_road',
  fields: { x: { kind: 'int', min: 0 }, y: { kind: 'int', min: 0 } },
  roles: ['commander', 'logistics'],
  refusals: ['outside_map', 'not_a_road', 'road_closed'],
  group: 'warning',
} as const satisfies CommandSpec;
