// Suggested HSEEP ratings per objective from its evidence: metrics that apply and judged injects (docs/scoring.md).
import { describe, expect, it } from 'vitest';
import { ratingOf, suggestRating } from '../../server/drill/objective-rating.ts';

const objective = { id: 'peringatan-dini', metrics: ['timeToWarning', 'warningReach', 'publicTrust'], injects: [1, 2] };
const metric = (id: string, value: number | null) => ({ id, value, raw: value, formula: { key: `metric.${id}.formula` } });

describe('objective ratings', () => {
  it('thresholds: P ≥ 0.85, S ≥ 0.65, M ≥ 0.40, else U; nothing without evidence', () => {
    expect([0.9, 0.85, 0.7, 0.5, 0.39, null].map(ratingOf)).toEqual(['P', 'P', 'S', 'M', 'U', null]);
  });

  it('half from the metrics that apply, half from the judged injects, with the evidence returned', () => {
    const s = suggestRating(objective, 'tim-a', [metric('timeToWarning', 1), metric('warningReach', 0.8), metric('publicTrust', null)], [
      { no: 1, result: 'anticipated', actions: [{ label: 'warn', result: 'anticipated', doneTick: 10, by: 'Ani' }] },
      { no: 2, result: 'partly' },
    ]);
    expect(s.metricScore).toBeCloseTo(0.9, 5);
    expect(s.injectScore).toBeCloseTo(0.75, 5);
    expect(s.score).toBeCloseTo(0.825, 5);
    expect(s.rating).toBe('S');
    expect(s.evidence.metrics.map((m) => m.value)).toEqual([1, 0.8, null]);
    expect(s.evidence.injects.map((i) => [i.no, i.result, i.credit])).toEqual([[1, 'anticipated', 1], [2, 'partly', 0.5]]);
    expect(s.evidence.injects[0].actions[0].by).toBe('Ani');
  });

  it('an idle team is U; undelivered, open and unfired injects are left out', () => {
    const idle = suggestRating(objective, 'tim-b', [metric('timeToWarning', 0), metric('warningReach', 0), metric('publicTrust', 0.05)], [{ no: 1, result: 'missed' }, { no: 2, result: 'undelivered' }]);
    expect(idle.rating).toBe('U');
    expect(idle.injectScore).toBe(0);
    const none = suggestRating({ id: 'x', metrics: ['vulnerableParity'], injects: [9] }, 'tim-b', [metric('vulnerableParity', null)], [{ no: 9, result: 'open' }]);
    expect(none.rating).toBeNull();
    expect(none.evidence.injects[0].credit).toBeNull();
  });
});
