// Metrics start from what is true at that moment (issue 11): nothing before it applies, no full marks for a token
// warning or a single sitrep, life safety that sees people standing in the water, and the evidence behind them.
import { describe, expect, it } from 'vitest';
import { computeMetrics, createWorld, explainMetrics, METRIC_IDS, step, type Command, type Scenario, type World } from '../../server/sim/index.ts';
import { town } from './sim/fixtures.ts';

/** A coast: sea west of x = 4, land rising 10 cm per cell eastwards; the sea rises to 2 m within 90 minutes. */
function coast(durationTicks = 180): Scenario {
  const sc = town({
    width: 40, height: 20, durationTicks,
    elevation: (x) => (x < 4 ? -3 : 0.2 + 0.1 * (x - 4)),
    landUse: (x) => (x < 4 ? 0 : 3),
    seaLevel: [{ t: 0, value: 0 }, { t: 30, value: 0.5 }, { t: 60, value: 1.5 }, { t: 90, value: 2 }, { t: 600, value: 2 }],
    neighbourhoods: [
      { id: 'pantai', name: 'Pantai', polygon: [[4, 0], [14, 0], [14, 20], [4, 20]], households: 120, householdSize: 4, vulnerableShare: 0.3, trust: 0.6 },
      { id: 'bukit', name: 'Bukit', polygon: [[28, 0], [36, 0], [36, 20], [28, 20]], households: 60, householdSize: 4, vulnerableShare: 0.3, trust: 0.6 },
    ],
    shelters: [{ id: 'aula', name: 'Aula', x: 38, y: 10, floorArea: 3500 }],
  });
  sc.officialAlertTick = 5;
  sc.scoreWeights = Object.fromEntries(METRIC_IDS.map((id) => [id, 1]));
  return sc;
}

function run(sc: Scenario, plan: Record<number, Command[]> = {}, ticks = sc.durationTicks): World {
  const w = createWorld(sc, 7);
  while (w.tick < ticks) step(w, plan[w.tick] ?? []);
  return w;
}
const value = (w: World, id: string) => computeMetrics(w).metrics.find((m) => m.id === id)!.value;

describe('metrics start from what is true', () => {
  it('before the alert and the water nothing applies but public trust, and the score is what doing nothing earned', () => {
    const w = createWorld(coast(), 7);
    const m = computeMetrics(w);
    for (const x of m.metrics) {
      if (x.id === 'publicTrust') expect(x.value).toBeCloseTo(0.6, 5);
      else expect(x.value, x.id).toBeNull();
      expect(x.formula.text.id.length).toBeGreaterThan(10);
      expect(x.formula.text.en.length).toBeGreaterThan(10);
    }
    // Trust alone earns its own weight's share: 0.6 / 13 metrics.
    expect(m.score).toBeCloseTo(4.6, 1);
    expect(m.final).toBe(false);
  });

  it('an idle team: reach and warning time 0, life safety below 1 with residents in the water, not-applicable metrics null, score ≤ 25', () => {
    const w = run(coast());
    const m = computeMetrics(w);
    expect(m.final).toBe(true);
    expect(m.exposed).toBeGreaterThan(0);
    expect(value(w, 'residentsSafe')).toBe(0);
    expect(value(w, 'timeToWarning')).toBe(0);
    expect(value(w, 'warningReach')).toBe(0);
    expect(value(w, 'lifeSafety')!).toBeLessThan(1);
    expect(value(w, 'commandTempo')).toBe(0);
    expect(value(w, 'sitrepAccuracy')).toBe(0);
    // Nobody warned, no NGO to coordinate: nothing to judge.
    expect(value(w, 'vulnerableParity')).toBeNull();
    expect(value(w, 'coordination')).toBeNull();
    // Shelter marks are over the people who needed shelter, not over the few who made it there.
    expect(value(w, 'shelterSpace')!).toBeLessThan(1);
    expect(value(w, 'wash')!).toBeLessThan(1);
    expect(value(w, 'evacuation90')).toBe(0);
    expect(value(w, 'publicTrust')!).toBeLessThan(0.6);
    expect(m.score).toBeLessThanOrEqual(25);
    const life = m.metrics.find((x) => x.id === 'lifeSafety')!;
    expect(life.inputs.strandedPersonMinutes!).toBeGreaterThan(0);
  });

  it('one siren to one area is not a warning of the exposed population; two channels to it at the alert are', () => {
    const token = run(coast(), { 5: [{ type: 'warn', areas: ['pantai'], channel: 'radio', level: 'siaga' }] });
    expect(value(token, 'timeToWarning')).toBe(0);
    const wrong = run(coast(), { 5: [{ type: 'warn', areas: ['bukit'], channel: 'siren', level: 'awas' }] });
    expect(value(wrong, 'timeToWarning')).toBe(0);
    const sound = run(coast(), { 5: [
      { type: 'warn', areas: ['pantai'], channel: 'siren', level: 'awas' },
      { type: 'warn', areas: ['pantai'], channel: 'mosque', level: 'awas' },
    ] });
    expect(value(sound, 'timeToWarning')).toBe(1);
    expect(value(sound, 'warningReach')!).toBeGreaterThan(0.8);
  });

  it('sitrep accuracy is judged hour by hour: one early all-zero report is not twelve accurate ones', () => {
    const once = run(coast(), { 4: [{ type: 'submit_sitrep', sheltered: 0, stranded: 0, casualties: 0 }] });
    expect(once.sitreps[0].accuracy).toBe(1);
    // Periods from the alert (tick 5): [5, 65) with the report, [65, 125) without; [125, 185) not over yet.
    expect(value(once, 'sitrepAccuracy')).toBeCloseTo(0.5, 5);
    const partial = run(coast(60), { 10: [{ type: 'submit_sitrep', sheltered: 0 }] });
    expect(partial.sitreps[0].accuracy).toBeCloseTo(1 / 3, 5);
  });

  it('evidence names the households caught in the water (where, when, how long) and the warnings by channel', () => {
    const w = run(coast(), { 20: [{ type: 'warn', areas: ['pantai', 'bukit'], channel: 'sms', level: 'siaga' }] });
    const [exposure] = explainMetrics(w, 'lifeSafety');
    if (exposure.detail.kind !== 'exposure') throw new Error('expected exposure evidence');
    const pantai = exposure.detail.areas.find((a) => a.area === 'pantai')!;
    expect(pantai.exposedPeople).toBeGreaterThan(0);
    expect(exposure.detail.households.length).toBeGreaterThan(0);
    const h = exposure.detail.households[0];
    expect(h.area).toBe('pantai');
    expect(h.x).toBeLessThan(20);
    expect(h.tick).toBeGreaterThan(5);
    const [warnings] = explainMetrics(w, 'warningReach');
    if (warnings.detail.kind !== 'warnings') throw new Error('expected warning evidence');
    const sms = warnings.detail.areas.find((a) => a.area === 'pantai')!.channels.find((c) => c.channel === 'sms')!;
    expect(sms.households).toBeGreaterThan(0);
    expect(sms.firstTick).toBeGreaterThanOrEqual(20);
    expect(explainMetrics(w).map((e) => e.id)).toEqual([...METRIC_IDS]);
  });
});
