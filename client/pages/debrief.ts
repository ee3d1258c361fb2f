// Debrief: per team the final score, each metric with its raw figure, people sheltered/rescued/exposed and the
// first warning; a line chart of score over time, a bar chart of final scores, expectations and the timeline.
import type { Debrief, DebriefTeam, Note } from '../../server/protocol/events.ts';
import { num, pick, t, tMaybe } from '../i18n/index.ts';
import { getJson } from '../net/connection.ts';
import { barChart, lineChart, teamColor } from '../charts/svg-charts.ts';
import { metricRow } from '../panels/metrics.ts';
import { noteItem } from '../panels/msel.ts';
import { commandName } from '../util/commands.ts';
import { h, setChildren } from '../util/dom.ts';
import { Names, clock, feedWords } from '../util/format.ts';
import type { Page } from './page.ts';

export function debriefPage(code: string): Page {
  const body = h('div.debrief-body', h('p.muted', t('debrief.loading')));
  const el = h('div.debrief', body);
  let alive = true;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const load = async () => {
    const d = await getJson<Debrief>(`/api/drills/${code}/debrief`);
    if (!alive) return;
    if (!d) { setChildren(body, h('p.error', t('debrief.notFound'))); return; }
    render(d);
    // While the drill still runs (debrief opened early), refresh now and then.
    if (d.status !== 'ended') retry = setTimeout(() => void load(), 5000);
  };

  const render = (d: Debrief) => {
    const names = new Names(null);
    const teams = d.teams;
    const xMax = Math.max(d.endedAtTick, ...teams.map((tm) => tm.series.at(-1)?.tick ?? 0), 1);
    const best = Math.max(...teams.map((tm) => tm.score));
    setChildren(body,
      h('header.debrief-head',
        h('div', h('h2', `${t('debrief.title')}: ${pick(d.title)}`),
          h('p.muted', `${code} · `, t('debrief.endedAt', { clock: clock(d.endedAtTick), alert: clock(d.officialAlertTick) }), ` · ${t(`status.${d.status}`)}`)),
        h('div.head-actions', h('button', { type: 'button', onclick: () => window.print() }, t('debrief.print')), h('a.button.link', { href: '#/' }, t('debrief.home')))),
      h('div.debrief-charts',
        h('section.panel', h('h3', t('debrief.scoreOverTime')), lineChart(
          teams.map((tm, i) => ({ label: tm.name, color: teamColor(i), points: tm.series.map((p) => ({ x: p.tick, y: p.score })) })),
          { xMax, yMax: 100, xFormat: (x) => `H+${clock(x)}`, xLabel: t('debrief.minute'), title: t('debrief.scoreOverTime'), markX: { x: d.officialAlertTick, label: t('debrief.alertMark') } },
        )),
        h('section.panel', h('h3', t('debrief.compare')), barChart(
          teams.map((tm, i) => ({ label: tm.name, value: tm.score, color: teamColor(i), text: num(tm.score, 1) })), 100, { title: t('debrief.compare') },
        ))),
      h('div.debrief-teams', teams.map((tm, i) => teamCard(tm, i, tm.score === best && teams.length > 1))),
      notesSection(d),
    );

    function notesSection(d: Debrief): HTMLElement {
      // Grouped: general notes first, then each team's, each in time order.
      const groups: { id: string | null; name: string; notes: Note[] }[] = [
        { id: null, name: t('debrief.general'), notes: d.notes.filter((n) => !n.teamId || !teams.some((tm) => tm.id === n.teamId)) },
        ...teams.map((tm) => ({ id: tm.id, name: tm.name, notes: d.notes.filter((n) => n.teamId === tm.id) })),
      ].filter((g) => g.notes.length > 0);
      return h('section.panel.debrief-notes', { 'data-testid': 'debrief-notes' }, h('h3', t('debrief.notes')),
        groups.length ? h('div.note-groups', groups.map((g) => h('div.note-group', { 'data-testid': `debrief-notes-${g.id ?? 'general'}` },
          h('h4', g.name), h('ul.notes', [...g.notes].sort((a, b) => a.tick - b.tick).map((n) => noteItem(n, null))))))
          : h('p.muted', t('debrief.noNotes')));
    }

    function teamCard(tm: DebriefTeam, i: number, top: boolean): HTMLElement {
      const stat = (label: string, value: string, testid: string) => h('div.stat', { 'data-testid': testid }, h('span.stat-value', value), h('span.stat-label', label));
      return h('section.panel.team-card', { 'data-testid': `debrief-team-${tm.id}`, style: `--team:${teamColor(i)}` },
        h('div.team-card-head', h('h3', tm.name, top ? h('span.badge', '★') : null),
          h('div.score', h('span.score-label', t('debrief.finalScore')), h('span.score-value', { 'data-testid': `debrief-score-${tm.id}` }, num(tm.score, 1)), h('span.score-max', '/ 100'))),
        h('div.metrics', tm.metrics.map((m) => metricRow(m, `debrief-metric-${tm.id}-${m.id}`))),
        h('div.stats',
          stat(t('debrief.population'), num(tm.population), 'population'),
          stat(t('debrief.sheltered'), num(tm.sheltered), 'sheltered'),
          stat(t('debrief.rescued'), num(tm.rescued), 'rescued'),
          stat(t('debrief.exposed'), num(tm.exposed), 'exposed'),
          stat(t('debrief.firstWarning'), tm.firstWarningMinute === null ? t('debrief.noWarning') : t('debrief.firstWarningAt', { clock: clock(tm.firstWarningMinute) }), 'first-warning')),
        tm.expectations.length ? h('details.expectations', { open: true }, h('summary', t('debrief.expectations')),
          h('ul', tm.expectations.map((e) => h(`li.exp-${e.result}`,
            h(`span.chip.exp-${e.result}`, tMaybe(`debrief.exp.${e.result}`, e.result)), ' ',
            t('debrief.exp.row', { no: e.no, action: commandName(e.expectedAction), deadline: clock(e.deadlineTick) }),
            e.doneTick !== null ? h('span.muted', ` (H+${clock(e.doneTick)})`) : null)))) : null,
        h('details.timeline', { open: tm.timeline.length <= 40 }, h('summary', `${t('debrief.timeline')} (${tm.timeline.length})`),
          h('ol.feed-list', [...tm.timeline].sort((a, b) => a.tick - b.tick).map((item) => {
            const w = feedWords(item, names);
            return h(`li.feed-item.${item.kind}`, h('div.feed-meta', h('span.feed-time', `H+${clock(item.tick)}`), h('span.feed-head', w.head)), w.body ? h('div.feed-body', w.body) : null);
          }))),
      );
    }
  };

  void load();
  return { el, destroy() { alive = false; if (retry) clearTimeout(retry); } };
}
