// Physical checks of the galodo as a debris flow (server/sim/debris-flow.ts, docs/engine.md#debris-flow): the pulse
// arrives bulked with sediment, drops it where the flow slows and not on the steep reach, the sediment and water
// books balance, and deposits close the ground and bury houses.
import { describe, expect, it } from 'vitest';
import { DEPOSIT_CLOSE_DEPTH, DEPOSIT_PACKING, riverConcentration, suspendedSediment } from '../../../server/sim/debris-flow.ts';
import { massError, totalVolume } from '../../../server/sim/flood.ts';
import { join, resolve } from 'node:path';
import { loadScenario } from '../../../server/scenario/load-scenario.ts';
import { createWorld, hashWorld, restore, snapshot, step } from '../../../server/sim/index.ts';
import type { Scenario } from '../../../server/sim/scenario.ts';
import { interpolate } from '../../../server/sim/series.ts';
import { town } from './fixtures.ts';

const W = 60, H = 3, CELL = 20;
const STEEP_FROM = 30; // x ≥ 30: a 10 % slope (about 6°); x < 30: nearly flat (0.05 %)
const bed = (x: number) => (x >= STEEP_FROM ? 2 + 0.1 * CELL * (x - STEEP_FROM) : 2 - 0.0005 * CELL * (STEEP_FROM - x));

/** A valley: a steep reach coming down from the east onto a flat floor, a lahar pulse entering at the top.
 *  With `outlet`, the whole valley is steep and its west column an open outlet (sea) where water and sediment leave. */
function valley(cv: number, outlet = false): Scenario {
  const sc = town({
    width: W, height: H, cellSize: CELL,
    elevation: (x) => (outlet ? (x === 0 ? -1 : 0.1 * CELL * x) : bed(x)),
    landUse: (x) => (outlet && x === 0 ? 0 : 3),
    neighbourhoods: [{ id: 'lembah', name: 'Lembah', polygon: [[1, 0], [STEEP_FROM, 0], [STEEP_FROM, H], [1, H]], households: 40, householdSize: 4, vulnerableShare: 0, trust: 0.5 }],
    shelters: [{ id: 's', name: 'S', x: 58, y: 0, floorArea: 350 }],
    seaLevel: [{ t: 0, value: outlet ? -0.5 : -10 }],
  });
  sc.rivers = [{
    id: 'galodo', name: 'Galodo', cells: [0, 1, 2].map((y) => y * W + (W - 1)),
    // A 30-minute pulse carrying sediment, then a clear recession that washes the steep reach.
    hydrograph: [{ t: 0, value: 8 }, { t: 30, value: 8 }, { t: 30.001, value: 3 }, { t: 50, value: 0 }],
    sedimentConcentration: cv, sedimentFromDischarge: 4,
  }];
  return sc;
}

describe('galodo as a debris flow', () => {
  it('deposits where the flow slows at the foot of the steep reach and on the floor, not on the steep reach', () => {
    const w = createWorld(valley(0.4), 1);
    for (let t = 0; t < 120; t++) step(w, []);
    const st = w.hazards.debris!;
    // Regions: the foot (the floor and the toe of the slope, where the fan builds back up the last cells) and the
    // middle of the steep reach (away from the inflow's first cells, where the front enters a dry bed).
    let foot = 0, all = 0, steepMax = 0, footMax = 0;
    for (let i = 0; i < st.dep.length; i++) {
      const x = i % W;
      all += st.dep[i];
      if (x < STEEP_FROM + 3) { foot += st.dep[i]; footMax = Math.max(footMax, st.dep[i]); }
      else if (x < W - 6) steepMax = Math.max(steepMax, st.dep[i]);
    }
    expect(st.mass.deposited).toBeGreaterThan(0.95 * st.mass.sedimentIn); // the pulse is over: nearly all has settled
    expect(foot).toBeGreaterThan(0.9 * all);
    expect(footMax).toBeGreaterThan(1);
    expect(steepMax).toBeLessThan(0.05);
    // The bed rose by the deposit: solids / packing over the cell.
    expect(all * CELL * CELL).toBeCloseTo(st.mass.deposited / DEPOSIT_PACKING, 3);
  });

  it('enters bulked (water / (1 − Cv)) and keeps the sediment and water books balanced', () => {
    const cv = 0.4;
    const w = createWorld(valley(cv, true), 1);
    const sc = w.scenario;
    // Mixture the river brings over 40 ticks, at mid-tick as the engine samples it: bulked in the pulse, clear after.
    let mixture = 0, water = 0;
    for (let t = 0; t < 40; t++) {
      const q = interpolate(sc.rivers![0].hydrograph, t + 0.5);
      water += q * 60;
      mixture += (q / (1 - riverConcentration(sc.rivers![0], q))) * 60;
    }
    for (let t = 0; t < 40; t++) {
      step(w, []);
      const st = w.hazards.debris!;
      // Sediment: in = deposited + still carried + gone through the outlet, to rounding.
      expect(Math.abs(st.mass.sedimentIn - st.mass.deposited - suspendedSediment(st) - st.mass.out)).toBeLessThan(1e-9 * Math.max(1, st.mass.sedimentIn));
      // Water: the grid's books balance (sources net of what deposits took out of the flow).
      expect(Math.abs(massError(w.flood))).toBeLessThan(1e-6 * water);
    }
    const st = w.hazards.debris!;
    const pulse = 8 * 30 * 60; // m³ of water in the 30-minute pulse
    expect(st.mass.sedimentIn).toBeCloseTo((pulse / (1 - cv)) * cv, 0);
    // Mixture that entered = what the flood grid counts + what deposits took out of it.
    expect(w.flood.mass.sourceIn + st.mass.mixtureRemoved).toBeCloseTo(mixture, 0);
    expect(st.mass.out).toBeGreaterThan(0); // some left through the outlet
    expect(totalVolume(w.flood)).toBeGreaterThan(0);
  });

  it('clear water carries nothing and leaves the bed alone', () => {
    const w = createWorld(valley(0), 1);
    const z0 = Float64Array.from(w.flood.z);
    for (let t = 0; t < 60; t++) step(w, []);
    expect(w.hazards.debris).toBeNull();
    expect(w.flood.z).toEqual(z0);
  });

  it('a deposit deeper than the closing depth shuts the ground, and houses under a deep one are hit', () => {
    const w = createWorld(valley(0.5), 1);
    for (let t = 0; t < 120; t++) step(w, []);
    const st = w.hazards.debris!;
    const deep = [...st.dep.keys()].filter((i) => st.dep[i] >= DEPOSIT_CLOSE_DEPTH && i % W !== W - 1);
    expect(deep.length).toBeGreaterThan(0);
    for (const i of deep) expect(w.cellCost[i]).toBe(Infinity);
    expect(st.announced).toContain(0);
    const hh = w.households;
    const buried = [...Array(hh.count).keys()].filter((i) => st.dep[hh.home[i]] >= 1);
    for (const i of buried) expect(hh.dangerTick[i]).toBeGreaterThanOrEqual(0);
  });

  it('Bukittinggi saved as a keyframe mid-galodo and revived continues bit for bit (sediment and deposits included)', () => {
    const { scenario } = loadScenario(join(resolve(import.meta.dirname, '..', '..', '..', 'scenarios'), 'bukittinggi'));
    const w = createWorld(scenario, 1);
    for (let t = 0; t < 150; t++) step(w, []); // the first pulse is in (docs/engine.md#debris-flow)
    expect(w.hazards.debris!.mass.sedimentIn).toBeGreaterThan(0);
    expect(w.hazards.debris!.mass.deposited).toBeGreaterThan(0);
    const revived = restore(structuredClone(snapshot(w)), scenario);
    for (let t = 0; t < 10; t++) { step(w, []); step(revived, []); }
    expect(hashWorld(revived)).toBe(hashWorld(w));
    expect(revived.hazards.debris!.mass).toEqual(w.hazards.debris!.mass);
  }, 60_000);
});
