// Score and metrics: each metric 0–1 as a bar, with the raw figure next to it.
import type { MetricView } from '../../server/protocol/events.ts';
import { num, t, tMaybe } from '../i18n/index.ts';
import { h } from '../util/dom.ts';

type RawKind = 'pct' | 'minutesAfter' | 'people' | 'unitMinutes' | 'sitreps' | 'risk' | 'ratio' | 'steps';

/**
 * How each metric's raw figure reads, as server/sim/metrics.ts computes it: residentsSafe is the people at risk
 * who left in time; warningReach, shelterSpace, wash and publicTrust are shares 0–1; timeToWarning and evacuation90 are minutes after the
 * official alert; lifeSafety is people injured + dead; vulnerableParity is E50(all) ÷ E50(vulnerable);
 * shelterHealth is the mean health-risk index 0–1; coordination is duplicated unit-minutes; commandTempo is the
 * share of the three steps (status, posko, meeting); sitrepAccuracy's raw is the number of sitreps sent.
 */
const RAW_KIND: Record<string, RawKind> = {
  residentsSafe: 'people', timeToWarning: 'minutesAfter', lifeSafety: 'people', warningReach: 'pct', evacuation90: 'minutesAfter',
  vulnerableParity: 'ratio', shelterSpace: 'pct', wash: 'pct', shelterHealth: 'risk', coordination: 'unitMinutes',
  commandTempo: 'steps', publicTrust: 'pct', sitrepAccuracy: 'sitreps',
};

export function metricRaw(m: MetricView): string {
  if (m.raw === null) return t('metric.none');
  switch (RAW_KIND[m.id] ?? 'ratio') {
    case 'pct': return `${num(m.raw * 100, m.id === 'residentsSafe' ? 1 : 0)} %`;
    case 'minutesAfter': return t('metric.minutesAfter', { n: num(m.raw) });
    case 'people':
      // People safe also reads as the share of those at risk (the bar).
      return m.id === 'residentsSafe' && m.value !== null ? `${t('metric.people', { n: num(m.raw) })} · ${num(m.value * 100, 0)} %` : t('metric.people', { n: num(m.raw) });
    case 'unitMinutes': return t('metric.unitMinutes', { n: num(m.raw) });
    case 'steps': return t('metric.steps', { n: num(Math.round(m.raw * 3)) });
    case 'sitreps': return t('metric.sitreps', { n: num(m.raw) });
    case 'risk': return t('metric.risk', { n: num(m.raw, 2) });
    default: return num(m.raw, 2);
  }
}

export function metricName(id: string): string {
  return tMaybe(`metric.${id}`, id);
}

export function metricRow(m: MetricView, testid = `metric-${m.id}`): HTMLElement {
  // null: the metric does not apply yet (docs/scoring.md); the meter stays empty.
  const v = m.value;
  const pct = v === null ? 0 : Math.round(Math.max(0, Math.min(1, v)) * 100);
  const tone = v === null ? 'na' : v >= 0.75 ? 'good' : v >= 0.4 ? 'fair' : 'poor';
  return h('div.metric', { 'data-testid': testid, 'data-value': v ?? '' },
    h('div.metric-head', h('span.metric-name', metricName(m.id)), h('span.metric-raw', v === null ? t('metric.notApplicable') : metricRaw(m))),
    h('div.meter', { role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 1, 'aria-valuenow': v ?? 0, 'aria-label': metricName(m.id) },
      h(`div.meter-fill.${tone}`, { style: `width:${pct}%` })),
  );
}

export function scoreBlock(score: number, testid = 'score'): HTMLElement {
  return h('div.score', h('span.score-label', t('player.score')), h('span.score-value', { 'data-testid': testid }, num(score, 1)), h('span.score-max', '/ 100'));
}
