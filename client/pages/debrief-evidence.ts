// The world's records behind a metric (server/sim/metrics/evidence.ts, MetricDetail) as tables for the evidence
// dialog of the debrief: warnings per area and channel, who was caught in the water where and when, the evacuation
// curve, shelters, coordination, command tempo, trust, sitreps against the truth. Column names come from the
// dictionaries (ev.*); ticks are shown as H+h:mm.
import type { MetricDetail } from '../../server/sim/metrics/evidence.ts';
import { lineChart } from '../charts/svg-charts.ts';
import { num, t, tMaybe } from '../i18n/index.ts';
import { h } from '../util/dom.ts';
import { clock } from '../util/format.ts';

/** Rows listed at most per table (the export has everything). */
const MAX_ROWS = 40;

const isTickKey = (k: string) => /tick$/i.test(k);

function cell(key: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? '✓' : '—';
  if (typeof v === 'number') {
    if (isTickKey(key)) return v < 0 ? '—' : `H+${clock(v)}`;
    return num(v, Number.isInteger(v) ? 0 : 2);
  }
  if (Array.isArray(v)) {
    return v.map((x) => (x && typeof x === 'object'
      ? Object.entries(x as Record<string, unknown>).map(([k, y]) => (k === 'channel' || k === 'step' ? tMaybe(`channel.${String(y)}`, String(y)) : cell(k, y))).join(' ')
      : String(x))).join(' · ');
  }
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, y]) => `${tMaybe(`ev.${k}`, k)} ${cell(k, y)}`).join(', ');
  return String(v);
}

/** A table of objects: one column per key of the first row (minus the ones given). */
function table(rows: Record<string, unknown>[], skip: string[] = []): HTMLElement {
  if (!rows.length) return h('p.muted', '—');
  const keys = Object.keys(rows[0]).filter((k) => !skip.includes(k));
  return h('div.ev-table-wrap', h('table.inputs.ev-table',
    h('tr', keys.map((k) => h('th', tMaybe(`ev.${k}`, k)))),
    rows.slice(0, MAX_ROWS).map((r) => h('tr', keys.map((k) => h('td', cell(k, r[k])))))),
    rows.length > MAX_ROWS ? h('p.muted.small', t('ev.more', { n: rows.length - MAX_ROWS })) : null);
}

function facts(o: Record<string, unknown>, keys: string[]): HTMLElement {
  return h('table.inputs', keys.map((k) => h('tr', h('th', tMaybe(`ev.${k}`, k)), h('td', cell(k, o[k])))));
}

export function detailView(d: MetricDetail): HTMLElement {
  switch (d.kind) {
    case 'warnings':
      return h('div', table(d.areas as unknown as Record<string, unknown>[], ['area']));
    case 'exposure':
      return h('div', table(d.areas as unknown as Record<string, unknown>[], ['area']),
        h('h5', t('ev.caught', { n: d.householdsTotal })), table(d.households as unknown as Record<string, unknown>[], ['household']));
    case 'evacuation':
      return h('div', facts(d as unknown as Record<string, unknown>, ['atRiskPeople', 'vulnerableAtRiskPeople']),
        lineChart([
          { label: t('ev.safePeople'), color: '#2563eb', points: d.curve.map((p) => ({ x: p.minute, y: p.safePeople })) },
          { label: t('ev.vulnerableSafe'), color: '#db2777', points: d.vulnerableCurve.map((p) => ({ x: p.minute, y: p.safePeople })) },
        ], {
          xMax: Math.max(1, ...d.curve.map((p) => p.minute)), yMax: Math.max(10, d.atRiskPeople),
          xFormat: (x) => `H+${clock(x)}`, xLabel: t('debrief.minute'), title: t('ev.safePeople'),
        }));
    case 'shelters':
      return table(d.shelters as unknown as Record<string, unknown>[], ['id']);
    case 'coordination':
      return h('div', facts(d as unknown as Record<string, unknown>, ['tasked', 'routed', 'selfDeployed', 'uncoveredAreaMinutes', 'duplicatedUnitMinutes', 'unmetAreas']),
        d.duplicates.length ? h('div', h('h5', tMaybe('ev.duplicates', 'duplicates')), table(d.duplicates as unknown as Record<string, unknown>[])) : null);
    case 'tempo':
      return table(d.steps.map((s) => ({ step: tMaybe(`ev.step.${s.step}`, s.step), tick: s.tick })));
    case 'trust':
      return h('div', table(d.areas as unknown as Record<string, unknown>[], ['area']),
        d.hoaxes.length ? h('div', h('h5', tMaybe('ev.hoaxes', 'hoaxes')), table(d.hoaxes as unknown as Record<string, unknown>[])) : null,
        d.complaints.length ? h('div', h('h5', tMaybe('ev.complaints', 'complaints')), table(d.complaints as unknown as Record<string, unknown>[])) : null);
    case 'sitreps':
      return table(d.reports.map((r) => ({ tick: r.tick, accuracy: r.accuracy, reported: r.reported, truth: r.truth })));
    default:
      return h('p.muted', '—');
  }
}
