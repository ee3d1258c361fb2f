// Memory of worlds (docs/load.md#memory): the worlds of one scenario share its fixed grids (areas per cell, area
// cells, bridges) and the per-step congestion scratch instead of holding a copy each, a restored world takes them
// back, and worlds stepped in turn over the shared scratch reach the hashes they reach on their own. A drill keeps
// no flood advances once a tick is complete, live or replaying, without any clock clearing them for it.
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Command, Scenario, World, WorldSnapshot } from '../../server/sim/index.ts';
import { Drill } from '../../server/drill/drill.ts';
import { NO_OUTPUT } from '../../server/drill/drill-output.ts';
import { createWorld, hashWorld, restore, snapshot, step } from '../../server/sim/index.ts';
import { MemoryStore } from '../../server/store/memory-store.ts';
import { town } from './sim/fixtures.ts';

// A small town with a coast, three areas and two shelters (pariaman-rob's worlds behave the same, only slower).
const scenario = town({
  elevation: (x) => 0.3 + 0.1 * x, landUse: (x) => (x < 2 ? 0 : 3), seaLevel: [{ t: 0, value: 0 }, { t: 60, value: 1.2 }],
  neighbourhoods: [
    { id: 'a', name: 'A', polygon: [[2, 0], [12, 0], [12, 30], [2, 30]], households: 150, householdSize: 4, vulnerableShare: 0.3, trust: 0.7 },
    { id: 'b', name: 'B', polygon: [[12, 0], [22, 0], [22, 30], [12, 30]], households: 150, householdSize: 4, vulnerableShare: 0.3, trust: 0.7 },
    { id: 'c', name: 'C', polygon: [[22, 0], [30, 0], [30, 30], [22, 30]], households: 100, householdSize: 4, vulnerableShare: 0.3, trust: 0.7 },
  ],
  shelters: [{ id: 's1', name: 'S1', x: 36, y: 8, floorArea: 3500 }, { id: 's2', name: 'S2', x: 36, y: 22, floorArea: 3500 }],
});
/** The same scenario as another object: its worlds get grids of their own. */
const copyOf = (sc: Scenario): Scenario => structuredClone(sc);

describe('worlds of one scenario share its fixed grids', () => {
  it('shares area grid, area cells, bridges and congestion scratch; a restored world takes them back', () => {
    const a = createWorld(scenario, 1), b = createWorld(scenario, 2);
    expect(b.hoodOfCell).toBe(a.hoodOfCell);
    expect(b.bridge).toBe(a.bridge);
    expect(b.crowd).toBe(a.crowd);
    expect(b.traffic).toBe(a.traffic);
    expect(b.hoods[0].cells).toBe(a.hoods[0].cells);
    // What a world changes stays its own.
    expect(b.cellCost).not.toBe(a.cellCost);
    expect(b.closedCells).not.toBe(a.closedCells);
    const other = createWorld(copyOf(scenario), 1);
    expect(other.hoodOfCell).not.toBe(a.hoodOfCell);
    expect(hashWorld(other)).toBe(hashWorld(a));

    for (let t = 0; t < 3; t++) step(a, []);
    const back = restore(deserialize(serialize(snapshot(a))) as WorldSnapshot, scenario);
    expect(back).not.toBe(a);
    expect(back.hoodOfCell).toBe(a.hoodOfCell);
    expect(back.bridge).toBe(a.bridge);
    expect(back.crowd).toBe(a.crowd);
    expect(back.hoods.map((h) => h.cells)).toEqual(a.hoods.map((h) => h.cells));
    expect(back.hoods[1].cells).toBe(a.hoods[1].cells);
    expect(hashWorld(back)).toBe(hashWorld(a));
  });

  it('worlds stepped in turn over the shared scratch reach the hashes each reaches alone', () => {
    const TICKS = 40;
    const areas = scenario.neighbourhoods.map((n) => n.id);
    const shelterId = scenario.shelters[0].id;
    // Each world orders a different area out at a different tick, so its crowds differ from its neighbours'.
    const commands = (k: number, t: number): Command[] => t === 1 + k
      ? [{ type: 'warn', areas: [areas[k % areas.length]], channel: 'siren', level: 'awas' }, { type: 'evacuate', areas: [areas[k % areas.length]], shelterId }]
      : [];
    const alone = (k: number): string[] => {
      const w = createWorld(copyOf(scenario), 5);
      const out: string[] = [];
      for (let t = 0; t < TICKS; t++) { step(w, commands(k, t)); out.push(hashWorld(w)); }
      return out;
    };
    const worlds: World[] = [0, 1, 2].map(() => createWorld(scenario, 5));
    const together: string[][] = worlds.map(() => []);
    let crowded = 0;
    for (let t = 0; t < TICKS; t++) {
      worlds.forEach((w, k) => {
        step(w, commands(k, t));
        together[k].push(hashWorld(w));
        crowded = Math.max(crowded, w.crowd.reduce((s, x) => s + x, 0));
      });
    }
    // People really walked (the scratch was in use), and the worlds really differ from one another.
    expect(crowded).toBeGreaterThan(0);
    expect(together[1][TICKS - 1]).not.toBe(together[0][TICKS - 1]);
    for (let k = 0; k < worlds.length; k++) expect(together[k]).toEqual(alone(k));
  });
});

describe('a drill\'s flood share', () => {
  it('holds no advance once every world has passed the tick, live and in a replay', () => {
    const sc: Scenario = { ...scenario, teams: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }] };
    const loaded = { scenario: sc, msel: [], dir: '' };
    const store = new MemoryStore();
    const code = 'MEMSH1';
    store.createDrill({ code, scenarioId: sc.id, seed: 4, mode: 'parallel', status: 'lobby', speed: 1, tick: 0, facilitatorTokenHash: 'x', evaluatorCode: 'E', createdAt: new Date().toISOString(), archived: false });
    const live = new Drill(store, NO_OUTPUT, { code, loaded, seed: 4, mode: 'parallel' });
    live.clock('start');
    let heldMidTick = 0;
    for (let t = 0; t < 6; t++) {
      live.accrue(1);
      while (live.due) {
        live.stepOwed();
        if (live.midTick) heldMidTick = Math.max(heldMidTick, live.floodShare.held);
        else expect(live.floodShare.held).toBe(0);
      }
    }
    // The share was in use within each tick (the first world's advance served the other two).
    expect(heldMidTick).toBeGreaterThan(0);
    expect(live.floodShare.stats.shared).toBeGreaterThan(0);
    live.clock('pause');
    const replay = new Drill(store, NO_OUTPUT, { code, loaded, seed: 4, mode: 'parallel', status: 'paused' });
    replay.restore(store.readLog(code), live.tick, null);
    expect(replay.floodShare.held).toBe(0);
    expect(replay.floodShare.stats.shared).toBeGreaterThan(0);
    expect(replay.hashes()).toEqual(live.hashes());
  });
});
