// Small synthetic scenarios for the engine tests: a flat or sloping town, built in code so each test states its setup.
import type { Neighbourhood, Ngo, Scenario, Shelter } from '../../../server/sim/scenario.ts';

export interface TownOptions {
  width?: number; height?: number; cellSize?: number;
  elevation?: (x: number, y: number) => number;
  landUse?: (x: number, y: number) => number;
  neighbourhoods?: Neighbourhood[];
  shelters?: Shelter[];
  ngos?: Ngo[];
  seaLevel?: { t: number; value: number }[];
  durationTicks?: number;
  rumours?: Scenario['rumours'];
}

export function town(o: TownOptions = {}): Scenario {
  const width = o.width ?? 40, height = o.height ?? 30;
  const elevation = new Float64Array(width * height);
  const landUse = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    elevation[y * width + x] = o.elevation ? o.elevation(x, y) : 5;
    landUse[y * width + x] = o.landUse ? o.landUse(x, y) : 3;
  }
  return {
    id: 'test-town', title: { id: 'Uji', en: 'Test' }, summary: { id: '', en: '' },
    width, height, cellSize: o.cellSize ?? 20, elevation, landUse,
    landUseClasses: [
      { code: 0, name: 'laut', manningN: 0.028, walkCost: Infinity, isSea: true, startsWet: false, habitable: false },
      { code: 3, name: 'permukiman', manningN: 0.1, walkCost: 1.2, isSea: false, startsWet: false, habitable: true },
      { code: 4, name: 'jalan', manningN: 0.025, walkCost: 1, isSea: false, startsWet: false, habitable: false, isRoad: true },
    ],
    tickSeconds: 60, durationTicks: o.durationTicks ?? 600, officialAlertTick: 0,
    seaLevel: o.seaLevel ?? [{ t: 0, value: -10 }],
    neighbourhoods: o.neighbourhoods ?? [
      { id: 'a', name: 'A', polygon: [[0, 0], [15, 0], [15, 30], [0, 30]], households: 200, householdSize: 4, vulnerableShare: 0.3, trust: 0.7 },
      { id: 'b', name: 'B', polygon: [[15, 0], [25, 0], [25, 30], [15, 30]], households: 200, householdSize: 4, vulnerableShare: 0.3, trust: 0.7 },
    ],
    shelters: o.shelters ?? [{ id: 'shelter', name: 'Shelter', x: 35, y: 15, floorArea: 3500 }],
    ngos: o.ngos ?? [],
    teams: [{ id: 't', name: 'T' }],
    rumours: o.rumours ?? [],
    metrics: { timeToWarningBest: 5, timeToWarningWorst: 40 },
    scoreWeights: { residentsSafe: 1 },
  };
}
