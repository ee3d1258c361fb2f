// Field units follow routes: boats keep to water where they can, trucks cross a river only on its bridge and
// keep out of deep water.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../server/sim/scenario.ts';
import { createWorld, step } from '../../../server/sim/index.ts';
import { town } from './fixtures.ts';

const SEA = 0, HOUSES = 3, ROAD = 4, RIVER = 2, BRIDGE = 8;

/** Sea in the west (x < 5); a river along row 15 into the sea; a bridge at x = 30; a neighbourhood in the south.
 *  Cells of 100 m, so a truck covers three cells a minute and every step of its path is seen. */
function riverTown(unit: { id: string; kind: 'boat' | 'truck'; x: number; y: number }): Scenario {
  const sc = town({
    elevation: (x, y) => (x < 5 ? -2 : y === 15 ? -1 : 2),
    landUse: (x, y) => (x < 5 ? SEA : y === 15 ? (x === 30 ? BRIDGE : RIVER) : x === 30 ? ROAD : HOUSES),
    neighbourhoods: [{ id: 'south', name: 'South', polygon: [[12, 22], [28, 22], [28, 30], [12, 30]], households: 5, householdSize: 3, vulnerableShare: 0, trust: 0.5 }],
    ngos: [{ id: 'pmi', name: 'PMI', responseDelay: 0, units: [{ ...unit, capacity: 10 }] }],
    seaLevel: [{ t: 0, value: 0 }],
    cellSize: 100,
  });
  sc.landUseClasses.push(
    { code: RIVER, name: 'sungai', manningN: 0.03, walkCost: Infinity, isSea: false, startsWet: true, habitable: false },
    { code: BRIDGE, name: 'jembatan', manningN: 0.03, walkCost: 1, isSea: false, startsWet: true, habitable: false, bridge: true, isRoad: true },
  );
  return sc;
}

function track(sc: Scenario, ticks: number): { x: number; y: number }[] {
  const w = createWorld(sc, 1);
  const path: { x: number; y: number }[] = [];
  step(w, [{ type: 'task_unit', unitId: w.units[0].id, area: 'south' }]);
  for (let t = 0; t < ticks; t++) {
    step(w, []);
    path.push({ x: w.units[0].x, y: w.units[0].y });
  }
  return path;
}

describe('unit routes', () => {
  it('a truck north of the river crosses on the bridge, never through the water', () => {
    const path = track(riverTown({ id: 'truk', kind: 'truck', x: 12, y: 5 }), 60);
    const onRiverRow = path.filter((p) => Math.round(p.y) === 15);
    expect(onRiverRow.length).toBeGreaterThan(0);
    expect(onRiverRow.every((p) => Math.round(p.x) === 30)).toBe(true);
    const end = path[path.length - 1];
    expect(end.y).toBeGreaterThan(22); // it got to the south side
  });

  it('a boat goes by the sea and the river, not over the houses', () => {
    // From the sea at (2, 5) to the bank of the river at the neighbourhood: by water it is 2 cells south to the river
    // mouth, then east; overland would be shorter in a straight line but 8× slower.
    const sc = riverTown({ id: 'perahu', kind: 'boat', x: 2, y: 5 });
    const path = track(sc, 40);
    const dryBefore = path.filter((p) => {
      const x = Math.round(p.x), y = Math.round(p.y);
      return x >= 5 && y < 15;
    });
    expect(dryBefore).toHaveLength(0); // it never crossed the dry land north of the river
    expect(path.some((p) => Math.round(p.y) === 15 && Math.round(p.x) > 10)).toBe(true); // it went up the river
  });

  it('a truck stops short of deep floodwater instead of driving through it', () => {
    const sc = riverTown({ id: 'truk', kind: 'truck', x: 30, y: 5 });
    // Flood the whole south bank 1 m deep from the start: no passable way to the neighbourhood.
    sc.elevation = sc.elevation.map((z, i) => (Math.floor(i / sc.width) > 16 && i % sc.width >= 5 ? -1 : z));
    sc.landUse = sc.landUse.map((c, i) => (Math.floor(i / sc.width) > 16 && i % sc.width >= 5 ? RIVER : c));
    const path = track(sc, 40);
    expect(path.every((p) => p.y <= 16.5)).toBe(true);
  });
});
