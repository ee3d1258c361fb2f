// Training history (docs/debrief.md#history): every ended drill with its cohort and agencies; per agency its teams'
// scores over time as a chart and the objective ratings, per participant the drills they played. Facilitator only
// (the key kept for this tab, or typed here).
import type { HistoryEntry } from '../../server/debrief/history.ts';
import { num, pick, t } from '../i18n/index.ts';
import { sessionStore } from '../net/connection.ts';
import { lineChart, teamColor } from '../charts/svg-charts.ts';
import { h, setChildren } from '../util/dom.ts';
import { roleName } from '../util/format.ts';
import type { Page } from './page.ts';
import './debrief.css';

export function historyPage(): Page {
  const body = h('div.history-body');
  const el = h('div.history', h('h2', t('deb.history')), body);
  let alive = true;

  const askKey = (msg?: string) => {
    const input = h('input', { type: 'password', autocomplete: 'current-password', 'data-testid': 'history-key' }) as HTMLInputElement;
    setChildren(body, h('form.panel', { onsubmit: (e: Event) => { e.preventDefault(); sessionStore.set('gladi.fac.key', input.value.trim()); void load(); } },
      h('label', t('home.fac.key'), input), h('button.primary', { type: 'submit' }, t('hist.open')), msg ? h('p.error', msg) : null));
  };

  const load = async () => {
    const key = sessionStore.get('gladi.fac.key');
    if (!key) { askKey(); return; }
    const r = await fetch('/api/history', { headers: { 'x-gladi-key': key } });
    if (!alive) return;
    if (r.status === 403) { sessionStore.remove('gladi.fac.key'); askKey(t('hist.badKey')); return; }
    const data = (await r.json()) as { drills: HistoryEntry[] };
    render(data.drills);
  };

  const render = (all: HistoryEntry[]) => {
    let cohort = '';
    const out = h('div');
    const cohorts = [...new Set(all.map((d) => d.cohort).filter((c): c is string => !!c))].sort();
    const sel = h('select', { 'data-testid': 'history-cohort', onchange: (e: Event) => { cohort = (e.target as HTMLSelectElement).value; draw(); } },
      h('option', { value: '' }, t('deb.filterAll')), cohorts.map((c) => h('option', { value: c }, c)));
    const draw = () => {
      const drills = all.filter((d) => !cohort || d.cohort === cohort);
      if (!drills.length) { setChildren(out, h('p.muted', t('hist.none'))); return; }
      // Agency of a team: the facilitator's team → agency tag, else the drill's agencies, else the team's name.
      const agencyOf = (d: HistoryEntry, tm: HistoryEntry['teams'][number]) => tm.agency || (d.agencies.length === 1 ? d.agencies[0] : tm.name);
      const byAgency = new Map<string, { i: number; d: HistoryEntry; tm: HistoryEntry['teams'][number] }[]>();
      drills.forEach((d, i) => { for (const tm of d.teams) { const a = agencyOf(d, tm); byAgency.set(a, [...(byAgency.get(a) ?? []), { i, d, tm }]); } });
      const byPerson = new Map<string, { d: HistoryEntry; tm: HistoryEntry['teams'][number]; role: string }[]>();
      for (const d of drills) for (const tm of d.teams) for (const p of tm.players) byPerson.set(p.name, [...(byPerson.get(p.name) ?? []), { d, tm, role: p.role }]);
      const agencies = [...byAgency.keys()].sort();
      const ratings = (r: Record<string, string | null>) => Object.entries(r).map(([k, v]) => h(`span.rating.r-${v ?? 'none'}`, { title: k }, v ?? '—'));
      setChildren(out,
        h('section.panel', { 'data-testid': 'history-chart' }, h('h3', t('hist.scores')),
          lineChart(agencies.map((a, k) => ({ label: a, color: teamColor(k), points: byAgency.get(a)!.map((x) => ({ x: x.i + 1, y: x.tm.score })) })),
            { xMax: drills.length + 1, yMax: 100, xFormat: (x) => { const d = Number.isInteger(x) ? drills[x - 1] : undefined; return d ? d.date.slice(5, 10) : ''; }, xLabel: t('hist.drill'), title: t('hist.scores') })),
        h('section.panel', h('h3', t('hist.agencies')),
          h('table.objective-table', { 'data-testid': 'history-agencies' }, h('tr', h('th', t('hist.agency')), h('th', t('hist.date')), h('th', t('hist.drill')), h('th', t('deb.cohort')), h('th', t('deb.out.score')), h('th', t('deb.objectives'))),
            agencies.flatMap((a) => byAgency.get(a)!.map((x) => h('tr', h('td', a), h('td', x.d.date.slice(0, 10)), h('td', h('a', { href: `#/debrief/${x.d.code}` }, x.d.code), ' ', pick(x.d.title)),
              h('td', x.d.cohort ?? '—'), h('td', num(x.tm.score, 1)), h('td', ratings(x.tm.ratings))))))),
        h('section.panel', h('h3', t('hist.people')),
          h('table.objective-table', { 'data-testid': 'history-people' }, h('tr', h('th', t('hist.person')), h('th', t('hist.date')), h('th', t('hist.drill')), h('th', t('deb.filterTeam')), h('th', t('hist.role')), h('th', t('deb.out.score')), h('th', t('deb.objectives'))),
            [...byPerson.keys()].sort().flatMap((p) => byPerson.get(p)!.map((x) => h('tr', h('td', p), h('td', x.d.date.slice(0, 10)), h('td', h('a', { href: `#/debrief/${x.d.code}` }, x.d.code)),
              h('td', x.tm.name), h('td', roleName(x.role)), h('td', num(x.tm.score, 1)), h('td', ratings(x.tm.ratings))))))),
      );
    };
    setChildren(body, h('label.inline', t('deb.cohort'), ' ', sel), out);
    draw();
  };

  void load();
  return { el, destroy() { alive = false; } };
}
