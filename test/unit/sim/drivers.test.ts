// Drivers besides the sea: river inflow, rain, and embankments that hold, are overtopped and breach.
import { describe, expect, it } from 'vitest';
import { massError, totalVolume } from '../../../server/sim/flood.ts';
import { createWorld, step } from '../../../server/sim/index.ts';
import { town } from './fixtures.ts';

const dry = { neighbourhoods: [{ id: 'a', name: 'A', polygon: [[30, 0], [40, 0], [40, 30], [30, 30]] as [number, number][], households: 5, householdSize: 3, vulnerableShare: 0, trust: 0.5 }] };

describe('river inflow', () => {
  it('adds exactly the hydrograph volume and the water runs downhill', () => {
    const sc = town({ ...dry, elevation: (x) => 3 + 0.02 * x });
    sc.rivers = [{ id: 'r', name: 'R', cells: [15 * 40 + 39], hydrograph: [{ t: 0, value: 10 }, { t: 30, value: 10 }, { t: 31, value: 0 }] }];
    const w = createWorld(sc, 1);
    for (let t = 0; t < 60; t++) step(w, []);
    // 10 m³/s for 30 minutes, then a one-minute ramp to zero (5 m³/s on average): 18,300 m³.
    expect(totalVolume(w.flood)).toBeGreaterThan(18_300 * 0.999);
    expect(totalVolume(w.flood)).toBeLessThan(18_300 * 1.001);
    expect(Math.abs(massError(w.flood))).toBeLessThan(1e-6 * 18_300);
    // It flowed west, down the slope, well away from the inflow cell.
    const wetWest = [...w.flood.h].some((d, i) => i % 40 < 20 && d > 0.01);
    expect(wetWest).toBe(true);
  });
});

describe('rainfall', () => {
  it('36 mm/h for an hour on flat closed ground leaves 36 mm of water', () => {
    const sc = town({ ...dry, elevation: () => 2 });
    sc.rainfall = [{ t: 0, value: 36 }, { t: 60, value: 36 }, { t: 60.0001, value: 0 }];
    const w = createWorld(sc, 1);
    for (let t = 0; t < 60; t++) step(w, []);
    const mean = totalVolume(w.flood) / (40 * 30 * 20 * 20);
    expect(mean).toBeGreaterThan(0.0355);
    expect(mean).toBeLessThan(0.0365);
    expect(Math.max(...w.flood.h) - Math.min(...w.flood.h)).toBeLessThan(0.002);
  });
});

describe('embankments', () => {
  // Sea on the west (x < 5), a low polder behind an embankment along x = 8, sea rising from 0 to 2 m in an hour.
  const polder = (crest: number, breach?: { minute: number | null; onOvertop: boolean; level: number }) => {
    const sc = town({
      ...dry,
      elevation: (x) => (x < 5 ? -2 : 1),
      landUse: (x) => (x < 5 ? 0 : 3),
      seaLevel: [{ t: 0, value: 0 }, { t: 60, value: 2 }, { t: 200, value: 2 }],
    });
    sc.embankments = [{
      id: 'tanggul', name: 'Tanggul', crest, cells: Array.from({ length: 30 }, (_, y) => y * 40 + 8),
      breachMinute: breach?.minute ?? null, breachOnOvertop: breach?.onOvertop ?? false, breachLevel: breach?.level ?? crest,
    }];
    return sc;
  };
  const landWater = (w: ReturnType<typeof createWorld>) => w.flood.h.reduce((s, d, i) => s + (i % 40 > 8 ? d : 0), 0);

  it('a high embankment keeps the polder dry', () => {
    const w = createWorld(polder(2.5), 1);
    for (let t = 0; t < 90; t++) step(w, []);
    expect(landWater(w)).toBeLessThan(1e-6);
    expect(w.embankments[0].breachedTick).toBe(-1);
  });

  it('a low one is overtopped and breaches, and the polder floods', () => {
    const w = createWorld(polder(1.5, { minute: null, onOvertop: true, level: 1 }), 1);
    const events: string[] = [];
    for (let t = 0; t < 90; t++) for (const e of step(w, [])) events.push(e.kind);
    expect(events).toContain('breach');
    // Overtopping starts when the sea passes 1.5 m, three quarters of the way up the hour-long rise.
    expect(w.embankments[0].breachedTick).toBeGreaterThanOrEqual(44);
    expect(w.embankments[0].breachedTick).toBeLessThanOrEqual(50);
    expect(landWater(w) / (31 * 30)).toBeGreaterThan(0.5); // mean depth behind it over half a metre
  });

  it('a timed breach opens at its minute even before overtopping', () => {
    const w = createWorld(polder(2.5, { minute: 70, onOvertop: false, level: 1 }), 1);
    for (let t = 0; t < 70; t++) step(w, []);
    expect(landWater(w)).toBeLessThan(1e-6);
    for (let t = 0; t < 30; t++) step(w, []);
    expect(w.embankments[0].breachedTick).toBe(70);
    expect(landWater(w)).toBeGreaterThan(10);
  });
});
