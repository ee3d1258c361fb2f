// Physical checks of the hazards of the five towns: rain routed to the river, landslides under an intensity–duration
// threshold, breaches that widen at the stated rate, health facilities that flood, and the water books balancing.
import { describe, expect, it } from 'vitest';
import { breachSize } from '../../../server/sim/breach.ts';
import { massError, totalVolume } from '../../../server/sim/flood.ts';
import { CAINE_ALPHA, CAINE_BETA, thresholdIntensity } from '../../../server/sim/landslide.ts';
import { storedRunoff } from '../../../server/sim/runoff.ts';
import type { Scenario } from '../../../server/sim/scenario.ts';
import { HouseholdState } from '../../../server/sim/household.ts';
import { applyCommand } from '../../../server/sim/commands/index.ts';
import { applyEffect, parseEffect } from '../../../server/sim/effect.ts';
import { createWorld, step } from '../../../server/sim/index.ts';
import { town } from './fixtures.ts';

const RIVER = 2;
const withRiver = (sc: Scenario): Scenario => {
  sc.landUseClasses.push({ code: RIVER, name: 'sungai', manningN: 0.03, walkCost: Infinity, isSea: false, startsWet: true, habitable: false });
  return sc;
};
// A hillside (40×30 cells of 20 m) falling 1 m per cell towards a river channel along x = 0..1; the channel is closed.
const hillside = () => withRiver(town({
  elevation: (x) => (x < 2 ? -1 : 2 + 1.0 * x),
  landUse: (x) => (x < 2 ? RIVER : 3),
  neighbourhoods: [{ id: 'a', name: 'A', polygon: [[20, 0], [40, 0], [40, 30], [20, 30]], households: 0, householdSize: 3, vulnerableShare: 0, trust: 0.5 }],
  shelters: [{ id: 's', name: 'S', x: 38, y: 15, floorArea: 350 }],
}));
const riverVolume = (w: ReturnType<typeof createWorld>) => w.flood.h.reduce((s, d, i) => s + (i % 40 < 2 ? d : 0), 0) * 400;
const hillVolume = (w: ReturnType<typeof createWorld>) => w.flood.h.reduce((s, d, i) => s + (i % 40 >= 2 ? d : 0), 0) * 400;

describe('rain on a catchment', () => {
  it('rain on a dry hillside runs off into the river, less what infiltrates, and the books balance', () => {
    const sc = hillside();
    sc.catchments = [{
      id: 'bukit', name: 'Bukit', runoffCoefficient: 0.6,
      cells: Array.from({ length: 40 * 30 }, (_, i) => i).filter((i) => i % 40 >= 2),
      rainfall: [{ t: 0, value: 30 }, { t: 60, value: 30 }, { t: 60.001, value: 0 }],
    }];
    const w = createWorld(sc, 1);
    const before = riverVolume(w);
    for (let t = 0; t < 180; t++) step(w, []);
    const rain = 0.030 * 38 * 30 * 400; // 30 mm over the hillside's 38×30 cells
    const books = w.hazards.runoff!.books;
    expect(books.rain).toBeCloseTo(rain, 3);
    // 60 % runs off; what has not reached the river yet waits in the outlet reservoirs or stands on the slope.
    const arrived = riverVolume(w) - before;
    expect(arrived + hillVolume(w) + storedRunoff(w.hazards.runoff!)).toBeGreaterThan(0.6 * rain * 0.99);
    expect(arrived).toBeGreaterThan(0.6 * rain * 0.9);
    expect(books.infiltrated).toBeCloseTo(0.4 * rain, 0);
    expect(Math.abs(massError(w.flood))).toBeLessThan(1e-6 * rain);
    // Routed, not sprinkled: during the storm the flood kernel never had the dry hillside wet.
    expect(hillVolume(w) / rain).toBeLessThan(0.05);
  });

  it('rain on flat closed ground with runoff coefficient 1 still leaves the rain depth (the old behaviour)', () => {
    const sc = town({ elevation: () => 2 });
    sc.rainfall = [{ t: 0, value: 36 }, { t: 60, value: 36 }, { t: 60.0001, value: 0 }];
    const w = createWorld(sc, 1);
    for (let t = 0; t < 60; t++) step(w, []);
    expect(totalVolume(w.flood) / (40 * 30 * 400)).toBeGreaterThan(0.0355);
    expect(totalVolume(w.flood) / (40 * 30 * 400)).toBeLessThan(0.0365);
  });
});

describe('landslides', () => {
  // A steep slope (10 m per 20 m cell ≈ 27°) with houses at its foot; the zone is the upper slope.
  const slope = (mmPerHour: number, hours: number) => {
    const sc = town({
      elevation: (x) => (x < 20 ? 2 : 2 + 10 * (x - 20)),
      neighbourhoods: [{ id: 'a', name: 'A', polygon: [[10, 0], [20, 0], [20, 30], [10, 30]], households: 200, householdSize: 4, vulnerableShare: 0, trust: 0.5 }],
      shelters: [{ id: 's', name: 'S', x: 2, y: 15, floorArea: 3500 }],
    });
    sc.catchments = [{ id: 'c', name: 'C', runoffCoefficient: 0.5, cells: [], rainfall: [{ t: 0, value: mmPerHour }, { t: hours * 60, value: mmPerHour }, { t: hours * 60 + 0.01, value: 0 }] }];
    sc.landslides = [{ id: 'l', name: 'Lereng', cells: Array.from({ length: 30 * 8 }, (_, k) => (k % 30) * 40 + 22 + Math.floor(k / 30)), minSlopeDeg: 25, alpha: CAINE_ALPHA, beta: CAINE_BETA, runoutCells: 12, depositDepth: 2 }];
    return sc;
  };

  it('fails once the event passes Caine (1980) I = 14.82·D^−0.39, and not under less rain', () => {
    // 12 mm/h passes the threshold at D = (14.82/12)^(1/0.39) ≈ 1.72 h.
    const expected = Math.pow(CAINE_ALPHA / 12, 1 / CAINE_BETA) * 60;
    expect(thresholdIntensity({ alpha: CAINE_ALPHA, beta: CAINE_BETA }, expected / 60)).toBeCloseTo(12, 6);
    const w = createWorld(slope(12, 3), 1);
    let failedAt = -1;
    for (let t = 0; t < 180 && failedAt < 0; t++) {
      const ev = step(w, []);
      if (ev.some((e) => e.kind === 'landslide')) failedAt = t;
    }
    expect(Math.abs(failedAt + 1 - expected)).toBeLessThanOrEqual(1);
    const st = w.hazards.landslides[0];
    expect(st.cells.length).toBeGreaterThan(0);
    // Debris ran down to the foot of the slope: cells there are raised and closed.
    const foot = st.cells.filter((c) => c % 40 < 22);
    expect(foot.length).toBeGreaterThan(0);
    for (const c of foot) expect(w.cellCost[c]).toBe(Infinity);

    // 8 mm/h for three hours stays under the threshold (9.7 mm/h at D = 3 h): no failure, even hours later.
    const dry = createWorld(slope(8, 3), 1);
    for (let t = 0; t < 600; t++) step(dry, []);
    expect(dry.hazards.landslides[0].failedTick).toBe(-1);
  });

  it('does not fail on gentle ground however hard it rains, and hurts people on the cells it buries', () => {
    const sc = slope(80, 3);
    sc.landslides![0].minSlopeDeg = 40;
    const w = createWorld(sc, 1);
    for (let t = 0; t < 180; t++) step(w, []);
    expect(w.hazards.landslides[0].failedTick).toBe(-1);

    // An inject-like trigger at a set minute buries houses at the foot.
    const sc2 = slope(0, 1);
    sc2.landslides![0].minute = 5;
    sc2.landslides![0].runoutCells = 14;
    const w2 = createWorld(sc2, 1);
    for (let t = 0; t < 10; t++) step(w2, []);
    expect(w2.hazards.landslides[0].failedTick).toBe(5);
    const buried = new Set(w2.hazards.landslides[0].cells);
    const hh = w2.households;
    let hit = 0;
    for (let i = 0; i < hh.count; i++) if (buried.has(hh.cell[i]) && (hh.state[i] === HouseholdState.Dead || hh.state[i] === HouseholdState.Injured)) hit++;
    expect(hit).toBeGreaterThan(0);
    expect(w2.casualties.dead + w2.casualties.injured).toBeGreaterThan(0);
  });

  it('an inject effect landslide(<zone>) makes the zone fail now, and names an unknown zone', () => {
    const w = createWorld(slope(0, 1), 1);
    const e = parseEffect('landslide(l)');
    expect(e).toEqual({ kind: 'landslide', zoneId: 'l' });
    step(w, []);
    expect(applyEffect(w, e as Exclude<typeof e, string>)).toBeNull();
    expect(w.hazards.landslides[0].failedTick).toBe(1);
    expect(applyEffect(w, { kind: 'landslide', zoneId: 'nope' })).toMatch(/nope/);
  });
});

describe('widening breach', () => {
  it('opens at one cell and grows at the stated rate to its final width, and the books balance', () => {
    const sc = town({
      elevation: (x) => (x < 5 ? -2 : 1),
      landUse: (x) => (x < 5 ? 0 : 3),
      seaLevel: [{ t: 0, value: 1.8 }, { t: 600, value: 1.8 }],
      neighbourhoods: [{ id: 'a', name: 'A', polygon: [[30, 0], [40, 0], [40, 30], [30, 30]], households: 5, householdSize: 3, vulnerableShare: 0, trust: 0.5 }],
    });
    const e = {
      id: 't', name: 'Tanggul', crest: 2.5, cells: Array.from({ length: 30 }, (_, y) => y * 40 + 8),
      breachMinute: 10, breachOnOvertop: false, breachLevel: 0.8,
      widening: { cell: 15 * 40 + 8, initialWidth: 20, finalWidth: 200, widthPerHour: 120, deepenPerHour: 2 },
    };
    sc.embankments = [e];
    const w = createWorld(sc, 1);
    const gap = () => e.cells.filter((c) => w.flood.z[c] < e.crest - 1e-9).length * 20;
    for (let t = 0; t <= 10; t++) step(w, []);
    expect(gap()).toBe(20); // one cell at the start
    for (let t = 11; t < 40; t++) step(w, []);
    // 30 minutes after the breach: 20 + 120·0.5 = 80 m wide (odd cells around the centre: 60–80 m), 1 m deep.
    expect(breachSize(e, 0.5)).toEqual({ width: 80, bottom: 1.5 });
    expect(gap()).toBeGreaterThanOrEqual(60);
    expect(gap()).toBeLessThanOrEqual(80);
    for (let t = 40; t < 200; t++) step(w, []);
    expect(gap()).toBeGreaterThanOrEqual(180);
    expect(gap()).toBeLessThanOrEqual(200);
    expect(Math.min(...e.cells.map((c) => w.flood.z[c]))).toBeCloseTo(0.8, 6);
    // The sea came in through the gap, and the water books still balance.
    expect(w.flood.h.reduce((s, d, i) => s + (i % 40 > 8 ? d : 0), 0)).toBeGreaterThan(10);
    expect(Math.abs(massError(w.flood))).toBeLessThan(1e-6 * (w.flood.mass.boundaryIn + 1));
  });
});

describe('health facilities', () => {
  it('a puskesmas floods, patients come to harm until they are moved, and evacuate_facility moves them', () => {
    const make = () => {
      const sc = town({
        elevation: (x) => (x < 5 ? -2 : x < 20 ? 1 : 1 + 0.2 * (x - 20)),
        landUse: (x) => (x < 5 ? 0 : 3),
        seaLevel: [{ t: 0, value: 0 }, { t: 30, value: 2 }, { t: 600, value: 2 }],
        neighbourhoods: [{ id: 'a', name: 'A', polygon: [[30, 0], [40, 0], [40, 30], [30, 30]], households: 5, householdSize: 3, vulnerableShare: 0, trust: 0.5 }],
      });
      sc.facilities = [
        { id: 'pkm', name: 'Puskesmas', kind: 'puskesmas', x: 10, y: 15, beds: 20, patients: 20 },
        { id: 'rs', name: 'RSUD', kind: 'hospital', x: 38, y: 15, beds: 100, patients: 50 },
      ];
      return sc;
    };
    const left = createWorld(make(), 1);
    for (let t = 0; t < 240; t++) step(left, []);
    expect(left.hazards.facilities[0].floodedTick).toBeGreaterThan(0);
    expect(left.hazards.facilities[0].harmed).toBeGreaterThan(0);

    const moved = createWorld(make(), 1);
    applyCommand(moved, { type: 'evacuate_facility', facilityId: 'pkm', to: 'rs' });
    // Its one ambulance alone (health-facility.ts): 2 patients per ~25-minute round trip over 560 m, after 30 minutes.
    for (let t = 0; t < 240; t++) step(moved, []);
    expect(moved.hazards.facilities[0].patients).toBeGreaterThan(0);
    for (let t = 240; t < 320; t++) step(moved, []);
    expect(moved.hazards.facilities[0].patients).toBe(0);
    expect(moved.hazards.facilities[1].patients).toBe(70);
    expect(moved.hazards.facilities[0].harmed).toBeLessThan(left.hazards.facilities[0].harmed);
  });
});
