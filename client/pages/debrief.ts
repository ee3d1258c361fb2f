// Debrief (docs/debrief.md): a map replay of each world rebuilt on the server (scrubber with play, pause and speed;
// markers for injects, decisions, first warning, casualties; a click jumps there), the decisions beside it (who,
// when, which inject it answered, refused ones with their reason; filterable), the teams' outcome curves on one
// chart, each team's score and metrics (a click on a metric shows its evidence), objectives with suggested and
// evaluator HSEEP ratings, the hot wash (players answer, the facilitator reads the summary), the improvement plan,
// the AAR/IP report and the exports, and "what if" branches from any minute.
import type { Debrief, DebriefTeam, FeedItem, Note, ViewSnapshot } from '../../server/protocol/events.ts';
import type { Decision, Marker } from '../../server/debrief/decisions.ts';
import type { MetricEvidence } from '../../server/debrief/evidence.ts';
import type { HotwashSummary } from '../../server/debrief/hotwash.ts';
import type { ObjectiveResult } from '../../server/debrief/objectives.ts';
import type { PlanItem } from '../../server/debrief/plan.ts';
import type { OutcomeSample } from '../../server/debrief/replay.ts';
import { packWater } from '../../server/protocol/water-codec.ts';
import { lang, num, pick, t, tMaybe, type MessageKey } from '../i18n/index.ts';
import { getJson, storage } from '../net/connection.ts';
import { api, fetchFile } from './debrief-api.ts';
import { detailView } from './debrief-evidence.ts';
import { decodeBase64, TeamViewState } from '../net/team-view.ts';
import { barChart, lineChart, teamColor } from '../charts/svg-charts.ts';
import type { MapView } from '../map/map-view.ts';
import { mapLegend, mapWords } from '../panels/legend.ts';
import { metricName, metricRow } from '../panels/metrics.ts';
import { noteItem } from '../panels/msel.ts';
import { commandName } from '../util/commands.ts';
import { h, setChildren } from '../util/dom.ts';
import { Names, clock, feedWords, refusalText, roleName } from '../util/format.ts';
import { go, type Page } from './page.ts';
import './debrief.css';

interface ReplayInfo {
  code: string;
  endTick: number;
  tickSeconds: number;
  mode: string;
  status: string;
  teams: { id: string; name: string; worldId: string }[];
  markers: Marker[];
  decisions: Decision[];
  outcomes: Record<string, OutcomeSample[]>;
  viewer: 'facilitator' | 'evaluator' | 'player' | 'public';
}
interface BranchInfo {
  link: { parent: string; forkTick: number; policy: string | null } | null;
  children: { code: string; forkTick: number; policy: string | null }[];
  comparison: { code: string; role: 'parent' | 'branch'; teams: { id: string; name: string; safe: number; casualties: number; evacuationMinutes: number | null; score: number }[] }[] | null;
  divergedTick: number | null;
  policies: string[];
}

const OUTCOMES = ['safe', 'stranded', 'casualties', 'trust', 'score'] as const;
type OutcomeKind = (typeof OUTCOMES)[number];
const outcomeValue = (s: OutcomeSample, k: OutcomeKind) =>
  k === 'casualties' ? s.injured + s.dead : k === 'trust' ? Math.round(s.trust * 100) : k === 'score' ? s.score : s[k];

export function debriefPage(code: string): Page {
  const body = h('div.debrief-body', h('p.muted', t('debrief.loading')));
  const el = h('div.debrief', body);
  let alive = true;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let map: MapView | null = null;
  let playTimer: ReturnType<typeof setInterval> | null = null;

  const load = async () => {
    const r = await api<Debrief>(code, `/api/drills/${code}/debrief`);
    if (!alive) return;
    if (!r.ok) {
      if (r.status === 403) {
        // Not released to players yet (or no credentials): say so; a player still gets the hot-wash form.
        const hw = h('section.panel.hotwash', { 'data-testid': 'hotwash' });
        setChildren(body, h('p.banner', { 'data-testid': 'debrief-locked' }, t('deb.locked')), hw);
        const st = await getJson<{ status: string; teams: { id: string; name: string }[] }>(`/api/drills/${code}`);
        if (st && st.status === 'ended' && storage.get(`gladi.seat.${code}`)) void hotwashForm(hw);
        return;
      }
      setChildren(body, h('p.error', t('debrief.notFound')));
      return;
    }
    const d = r.data;
    render(d);
    if (d.status !== 'ended') retry = setTimeout(() => void load(), 5000);
  };

  const render = (d: Debrief) => {
    const names = new Names(null);
    const teams = d.teams;
    const mpt = 1;
    const xMax = Math.max(d.endedAtTick, ...teams.map((tm) => tm.series.at(-1)?.tick ?? 0), 1);
    const best = Math.max(...teams.map((tm) => tm.score));
    const evidenceCache = new Map<string, MetricEvidence[]>();
    const replayBox = h('section.panel.replay', { 'data-testid': 'replay' }, h('h3', t('deb.replay')), h('p.muted', t('deb.loadingReplay')));
    const outcomesBox = h('section.panel.outcomes', { 'data-testid': 'outcomes' });
    const objectivesBox = h('section.panel.objectives', { 'data-testid': 'objectives' });
    const hotwashBox = h('section.panel.hotwash', { 'data-testid': 'hotwash' });
    const planBox = h('section.panel.plan', { 'data-testid': 'plan' });
    const tagsBox = h('section.panel.tags', { 'data-testid': 'tags' });
    const branchBox = h('section.panel.branches', { 'data-testid': 'branches' });
    const toolsBox = h('div.head-actions');
    const evidenceDlg = h('dialog.evidence', { 'data-testid': 'evidence' });
    setChildren(body,
      h('header.debrief-head',
        h('div', h('h2', `${t('debrief.title')}: ${pick(d.title)}`),
          h('p.muted', `${code} · `, t('debrief.endedAt', { clock: clock(d.endedAtTick), alert: clock(d.officialAlertTick) }), ` · ${t(`status.${d.status}` as MessageKey)}`)),
        toolsBox),
      // A drill this server's engine cannot replay as it was played says so (docs/architecture.md#versions).
      d.readOnly ? h('p.banner.error', { 'data-testid': 'read-only' }, t(`readOnly.${d.readOnly.reason}`, { recorded: d.readOnly.recordedWith ?? '?', engine: d.readOnly.engine, tick: d.readOnly.tick ?? 0 })) : null,
      branchBox,
      replayBox,
      h('div.debrief-charts',
        outcomesBox,
        h('section.panel', h('h3', t('debrief.compare')), barChart(
          teams.map((tm, i) => ({ label: tm.name, value: tm.score, color: teamColor(i), text: num(tm.score, 1) })), 100, { title: t('debrief.compare') },
        ))),
      h('p.muted.metric-hint', t('deb.clickMetric')),
      h('div.debrief-teams', teams.map((tm, i) => teamCard(tm, i, tm.score === best && teams.length > 1))),
      objectivesBox,
      hotwashBox,
      planBox,
      tagsBox,
      notesSection(d),
      evidenceDlg,
    );
    setChildren(toolsBox, h('button', { type: 'button', onclick: () => window.print() }, t('debrief.print')), h('a.button.link', { href: '#/' }, t('debrief.home')));

    // Score chart until the replay's outcome curves arrive (and for viewers without access to them).
    setChildren(outcomesBox, h('h3', t('debrief.scoreOverTime')), lineChart(
      teams.map((tm, i) => ({ label: tm.name, color: teamColor(i), points: tm.series.map((p) => ({ x: p.tick, y: p.score })) })),
      { xMax, yMax: 100, xFormat: (x) => `H+${clock(x)}`, xLabel: t('debrief.minute'), title: t('debrief.scoreOverTime'), markX: { x: d.officialAlertTick, label: t('debrief.alertMark') } },
    ));

    // The replay, decisions and the rest come once the drill has ended (while it runs this page refreshes the scores).
    if (d.status !== 'ended') { setChildren(replayBox, h('h3', t('deb.replay')), h('p.muted', t('deb.afterEnd'))); return; }
    void (async () => {
      const info = await api<ReplayInfo>(code, `/api/drills/${code}/replay-info`);
      if (!alive) return;
      if (!info.ok) { setChildren(replayBox, h('h3', t('deb.replay')), h('p.muted', t('deb.noAccess'))); return; }
      const ri = info.data;
      renderOutcomes(ri);
      void renderReplay(ri);
      if (ri.viewer === 'facilitator') { renderTools(); void renderPlan(); void renderTags(); }
      void renderObjectives();
      void renderHotwash(ri);
      void renderBranches(ri);
    })();

    function renderTools(): void {
      const file = (label: string, path: string, name: string, open: boolean, testid: string) =>
        h('button.small', { type: 'button', 'data-testid': testid, onclick: () => void fetchFile(code, path, name, open) }, label);
      const importInput = h('input', { type: 'file', accept: 'application/json,.json', 'data-testid': 'import-file', hidden: true }) as HTMLInputElement;
      const importMsg = h('span.muted', { 'data-testid': 'import-result' });
      importInput.onchange = async () => {
        const f = importInput.files?.[0];
        if (!f) return;
        let body: unknown;
        try { body = JSON.parse(await f.text()); } catch { importMsg.textContent = t('deb.importFailed', { msg: 'JSON' }); return; }
        const r = await api<{ code: string; sameHash: boolean }>(code, '/api/drills/import', { method: 'POST', body });
        if (!r.ok) { importMsg.textContent = t('deb.importFailed', { msg: r.message }); return; }
        setChildren(importMsg, t('deb.imported', { code: r.data.code, same: r.data.sameHash ? t('deb.importSame') : t('deb.importDiff') }), ' ',
          h('a', { href: `#/debrief/${r.data.code}` }, r.data.code));
      };
      setChildren(toolsBox,
        h('div.tool-group', h('span.tool-label', t('deb.report')),
          file(t('deb.reportPdf'), `/api/drills/${code}/report.pdf${lang() === 'en' ? '?lang=en' : ''}`, `gladi-${code}-aar.pdf`, true, 'report-pdf'),
          file(t('deb.reportHtml'), `/api/drills/${code}/report.html${lang() === 'en' ? '?lang=en' : ''}`, `gladi-${code}-aar.html`, true, 'report-html')),
        h('div.tool-group', h('span.tool-label', t('deb.exports')),
          file('JSON', `/api/drills/${code}/export.json`, `gladi-${code}.json`, false, 'export-json'),
          file(t('deb.decisions'), `/api/drills/${code}/decisions.csv`, `gladi-${code}-decisions.csv`, false, 'export-decisions'),
          file(t('debrief.timeline'), `/api/drills/${code}/timeline.csv`, `gladi-${code}-timeline.csv`, false, 'export-timeline'),
          file(t('deb.metricsCsv'), `/api/drills/${code}/metrics.csv`, `gladi-${code}-metrics.csv`, false, 'export-metrics'),
          h('button.small', { type: 'button', onclick: () => importInput.click() }, t('deb.import')), importInput, importMsg),
        h('div.tool-group', h('a.button.link.small', { href: '#/riwayat' }, t('deb.history')),
          h('button.small', { type: 'button', onclick: () => window.print() }, t('debrief.print')), h('a.button.link.small', { href: '#/' }, t('debrief.home'))),
      );
    }

    function renderOutcomes(ri: ReplayInfo): void {
      let kind: OutcomeKind = 'safe';
      const chartBox = h('div');
      const draw = () => {
        const yMax = kind === 'trust' || kind === 'score' ? 100 : Math.max(10, ...Object.values(ri.outcomes).flatMap((l) => l.map((s) => outcomeValue(s, kind))));
        setChildren(chartBox, lineChart(
          ri.teams.map((tm, i) => ({ label: tm.name, color: teamColor(i), points: (ri.outcomes[tm.id] ?? []).map((s) => ({ x: s.tick, y: outcomeValue(s, kind) })) })),
          { xMax: Math.max(1, ri.endTick), yMax, xFormat: (x) => `H+${clock(x)}`, xLabel: t('debrief.minute'), title: t(`deb.out.${kind}`), markX: { x: d.officialAlertTick, label: t('debrief.alertMark') } },
        ));
        for (const b of tabs.children) b.classList.toggle('active', (b as HTMLElement).dataset.kind === kind);
      };
      const tabs = h('div.deb-tabs', OUTCOMES.map((k) => h('button.small', { type: 'button', 'data-kind': k, 'data-testid': `outcome-${k}`, onclick: () => { kind = k; draw(); } }, t(`deb.out.${k}`))));
      setChildren(outcomesBox, h('h3', t('deb.outcomes')), tabs, chartBox);
      draw();
    }

    async function renderReplay(ri: ReplayInfo): Promise<void> {
      let teamId = ri.teams[0].id;
      let tick = ri.endTick;
      let shown = -1;
      let pending: number | null = null;
      let busy = false;
      let speed = 5;
      let tv: TeamViewState | null = null;
      const mapBox = h('div.map-box.replay-map', { 'data-testid': 'replay-map' });
      const slider = h('input.scrubber', { type: 'range', min: 0, max: ri.endTick, step: 1, value: tick, 'data-testid': 'replay-scrubber', 'aria-label': t('deb.replay') }) as HTMLInputElement;
      const clockEl = h('span.replay-clock', { 'data-testid': 'replay-clock' }, t('deb.minuteAt', { clock: clock(tick) }));
      const playBtn = h('button', { type: 'button', 'data-testid': 'replay-play' }, t('deb.play'));
      const speedSel = h('select', { 'aria-label': t('deb.speed'), 'data-testid': 'replay-speed' }, [1, 2, 5, 10, 20].map((s) => h('option', { value: s, selected: s === speed }, `${s}×`))) as HTMLSelectElement;
      const teamTabs = h('div.deb-tabs', ri.teams.map((tm, i) => h('button.small', { type: 'button', 'data-team': tm.id, 'data-testid': `replay-team-${tm.id}`, style: `--team:${teamColor(i)}`, onclick: () => { teamId = tm.id; shown = -1; tv = null; void seek(tick); drawMarkers(); drawDecisions(); syncTabs(); } }, tm.name)));
      const syncTabs = () => { for (const b of teamTabs.children) b.classList.toggle('active', (b as HTMLElement).dataset.team === teamId); };
      const markerBar = h('div.marker-bar', { 'data-testid': 'replay-markers' });
      const branchBtn = h('button.small', { type: 'button', 'data-testid': 'branch-open', title: t('deb.branchHint') }, t('deb.branch'));
      const policySel = h('select', { 'aria-label': t('deb.branchPolicy'), 'data-testid': 'branch-policy' },
        h('option', { value: '' }, t('deb.branchLive')), ['idle', 'late', 'expert'].map((p) => h('option', { value: p }, p))) as HTMLSelectElement;
      const decisionsBox = h('div.decisions');
      const filters = { team: 'all', status: 'all', q: '' };

      const fetchView = async (T: number): Promise<ViewSnapshot | null> => {
        const r = await api<{ snapshot: ViewSnapshot }>(code, `/api/drills/${code}/replay?team=${encodeURIComponent(teamId)}&tick=${T}`);
        return r.ok ? r.data.snapshot : null;
      };
      const show = async (snap: ViewSnapshot) => {
        if (!tv) {
          tv = new TeamViewState(snap);
          if (!map) {
            const { MapView } = await import('../map/map-view.ts');
            if (!alive) return;
            map = new MapView(mapBox, mapWords());
          }
          map.show(tv);
          return;
        }
        // The new minute as a frame on top of what the map shows: the same path live frames take.
        const water = decodeBase64(snap.view.water);
        const pairs: number[] = [];
        for (let i = 0; i < water.length; i++) if (water[i] !== tv.water[i]) pairs.push(i, water[i]);
        let bin = '';
        for (const b of packWater(pairs)) bin += String.fromCharCode(b);
        const v = snap.view;
        tv.view.tick = Math.min(tv.view.tick, v.tick);
        tv.apply({ teamId: v.teamId, tick: v.tick, water: pairs.length ? btoa(bin) : undefined, areas: v.areas, shelters: v.shelters, units: v.units, dots: v.dots, metrics: v.metrics, score: v.score, command: v.command, posts: v.posts, complaints: v.complaints, casualties: v.casualties, ...(('closedCells' in v) ? { closedCells: (v as { closedCells?: unknown }).closedCells } : {}) } as Parameters<TeamViewState['apply']>[0]);
      };
      async function seek(T: number): Promise<void> {
        tick = Math.max(0, Math.min(ri.endTick, Math.round(T)));
        slider.value = String(tick);
        clockEl.textContent = t('deb.minuteAt', { clock: clock(tick) });
        pending = tick;
        if (busy) return;
        busy = true;
        while (pending !== null && alive) {
          const want = pending;
          pending = null;
          if (want === shown && tv) continue;
          const snap = await fetchView(want);
          if (snap && alive) { await show(snap); shown = want; mapBox.dataset.tick = String(want); }
        }
        busy = false;
      }
      const stop = () => { if (playTimer) clearInterval(playTimer); playTimer = null; playBtn.textContent = t('deb.play'); };
      playBtn.onclick = () => {
        if (playTimer) { stop(); return; }
        if (tick >= ri.endTick) void seek(0);
        playBtn.textContent = t('deb.pause');
        playTimer = setInterval(() => {
          if (busy) return;
          if (tick >= ri.endTick) { stop(); return; }
          void seek(tick + speed);
        }, 500);
      };
      speedSel.onchange = () => { speed = Number(speedSel.value); };
      slider.oninput = () => void seek(Number(slider.value));
      branchBtn.onclick = () => void openBranch(tick, policySel.value || null);

      function drawMarkers(): void {
        const kinds = ['inject', 'decision', 'refused', 'first_warning', 'casualties'] as const;
        const mine = ri.markers.filter((m) => m.teamId === teamId);
        setChildren(markerBar, kinds.map((k) => h('div.marker-row', h('span.marker-kind', t(`deb.mk.${k}`)),
          h('div.marker-track', mine.filter((m) => m.kind === k).map((m) => h(`button.marker.mk-${k}`, {
            type: 'button', style: `left:${(100 * m.tick) / Math.max(1, ri.endTick)}%`, title: `H+${clock(m.tick)} ${m.label}`,
            'data-testid': `marker-${k}`, 'aria-label': `${t(`deb.mk.${k}`)} H+${clock(m.tick)}`, onclick: () => void seek(m.tick),
          }))))));
      }
      function drawDecisions(): void {
        const q = filters.q.trim().toLowerCase();
        const rows = ri.decisions.filter((x) => (filters.team === 'all' || x.teamId === filters.team) && (filters.status === 'all' || x.status === filters.status)
          && (!q || `${x.name} ${x.type} ${commandName(x.type)} ${x.detail} ${roleName(x.role)}`.toLowerCase().includes(q)));
        setChildren(decisionsBox, rows.length ? h('ol.decision-list', rows.map((x) => h(`li.decision.${x.status}`, {
          'data-testid': 'decision', tabindex: 0, onclick: () => { if (x.teamId !== teamId) { teamId = x.teamId; shown = -1; tv = null; syncTabs(); drawMarkers(); } void seek(x.tick + 1); },
        },
          h('div.decision-meta', h('span.feed-time', `H+${clock(x.tick)}`), h('span.decision-team', x.teamName),
            x.status === 'refused' ? h('span.chip.exp-missed', t('deb.refused')) : null),
          h('div.decision-what', h('b', x.type === '—' ? t('deb.refused') : commandName(x.type)), x.detail ? h('span.muted', ` ${x.detail.replace(/\w+=/g, '')}`) : null),
          h('div.decision-who.muted', x.name === '—' ? '' : `${x.name} · ${roleName(x.role)}`),
          x.answers ? h('div.decision-answer', x.answers.minutesAfter < 0
            ? t('deb.anticipated', { no: x.answers.no, min: -x.answers.minutesAfter })
            : t('deb.answers', { no: x.answers.no, min: x.answers.minutesAfter })) : null,
          x.refusal ? h('div.decision-refusal', refusalText(x.refusal, names)) : null,
        ))) : h('p.muted', t('deb.noDecisions')));
      }
      const teamFilter = h('select', { 'aria-label': t('deb.filterTeam'), 'data-testid': 'decision-team', onchange: (e: Event) => { filters.team = (e.target as HTMLSelectElement).value; drawDecisions(); } },
        h('option', { value: 'all' }, t('deb.filterAll')), ri.teams.map((tm) => h('option', { value: tm.id }, tm.name)));
      const statusFilter = h('select', { 'aria-label': t('deb.filterStatus'), 'data-testid': 'decision-status', onchange: (e: Event) => { filters.status = (e.target as HTMLSelectElement).value; drawDecisions(); } },
        h('option', { value: 'all' }, t('deb.filterAll')), h('option', { value: 'accepted' }, t('deb.accepted')), h('option', { value: 'refused' }, t('deb.refused')));
      const search = h('input', { type: 'search', placeholder: t('deb.search'), 'data-testid': 'decision-search', oninput: (e: Event) => { filters.q = (e.target as HTMLInputElement).value; drawDecisions(); } });

      const mayBranch = ri.status === 'ended' && (ri.viewer === 'facilitator' || ri.viewer === 'player');
      setChildren(replayBox,
        h('div.replay-head', h('h3', t('deb.replay')), teamTabs),
        h('p.muted', t('deb.replayHint')),
        h('div.replay-grid',
          h('div.replay-main', mapBox, mapLegend(),
            h('div.replay-controls', playBtn, h('label.inline', t('deb.speed'), ' ', speedSel), clockEl, mayBranch ? h('span.branch-tools', branchBtn, h('label.inline', t('deb.branchPolicy'), ' ', policySel)) : null),
            slider, markerBar),
          h('div.replay-side', h('h4', `${t('deb.decisions')} (${ri.decisions.length})`), h('div.decision-filters', teamFilter, statusFilter, search), decisionsBox)),
      );
      syncTabs();
      drawMarkers();
      drawDecisions();
      await seek(tick);
    }

    async function openBranch(fromTick: number, policy: string | null): Promise<void> {
      const r = await api<{ code: string; forkTick: number; token?: string; status: string }>(code, `/api/drills/${code}/branch`, { method: 'POST', body: { tick: fromTick, policy } });
      if (!r.ok) { alert(t('deb.failed', { msg: r.message })); return; }
      if (r.data.token) storage.set(`gladi.fac.${r.data.code}`, r.data.token);
      setChildren(branchBox, h('p', { 'data-testid': 'branch-made' }, t('deb.branchMade', { code: r.data.code, clock: clock(r.data.forkTick) }), ' ',
        r.data.status === 'ended' ? h('a.button.link.small', { href: `#/debrief/${r.data.code}` }, t('debrief.title'))
          : h('a.button.link.small', { href: `#/fasilitator/${r.data.code}` }, t('deb.branchOpen'))));
      branchBox.scrollIntoView({ block: 'nearest' });
    }

    async function renderBranches(ri: ReplayInfo): Promise<void> {
      const r = await api<BranchInfo>(code, `/api/drills/${code}/branches`);
      if (!r.ok || !alive) return;
      const b = r.data;
      const parts: (HTMLElement | null)[] = [];
      if (b.link) parts.push(h('p', t('deb.branchOf', { parent: b.link.parent, clock: clock(b.link.forkTick) }), ' ', h('a', { href: `#/debrief/${b.link.parent}` }, b.link.parent)));
      for (const c of b.children) parts.push(h('p', h('a', { href: `#/debrief/${c.code}` }, c.code), ` · H+${clock(c.forkTick)}${c.policy ? ` · ${c.policy}` : ''}`));
      if (b.comparison) {
        parts.push(h('table.compare', { 'data-testid': 'branch-compare' },
          h('tr', h('th', ''), h('th', ''), h('th', t('deb.out.safe')), h('th', t('deb.out.casualties')), h('th', t('deb.evacTime')), h('th', t('deb.out.score'))),
          b.comparison.flatMap((c) => c.teams.map((tm) => h('tr', h('td', `${c.code} (${c.role === 'parent' ? '⟵' : '⟶'})`), h('td', tm.name), h('td', num(tm.safe)), h('td', num(tm.casualties)),
            h('td', tm.evacuationMinutes === null ? '—' : `${num(tm.evacuationMinutes)} ${t('debrief.minute')}`), h('td', num(tm.score, 1)))))));
        parts.push(h('p.muted', b.divergedTick === null ? t('deb.notDiverged') : t('deb.divergedAt', { clock: clock(b.divergedTick) })));
      }
      if (parts.length) setChildren(branchBox, h('h3', t('deb.compareParent')), parts);
      void ri;
    }

    async function renderObjectives(): Promise<void> {
      const r = await api<{ objectives: ObjectiveResult[] }>(code, `/api/drills/${code}/objectives`);
      if (!r.ok || !alive) return;
      const chip = (x: string | null | undefined) => h(`span.rating.r-${x ?? 'none'}`, x ?? '—');
      setChildren(objectivesBox, h('h3', t('deb.objectives')),
        h('table.objective-table', h('tr', h('th', ''), teams.map((tm) => h('th', tm.name))),
          r.data.objectives.map((o) => h('tr', { 'data-testid': `objective-${o.id}` },
            h('td', h('b', pick(o.name)), h('div.muted', pick(o.capability))),
            o.teams.map((ot) => h('td',
              h('div', t('deb.suggested'), ' ', chip(ot.suggested)),
              h('div', t('deb.evaluatorRating'), ' ', ot.rating ? chip(ot.rating.rating) : h('span.muted', t('deb.notRated'))),
              ot.rating?.note ? h('div.muted.small', ot.rating.note) : null,
              h('div.muted.small', ot.evidence.map((e) => `${metricName(e.metricId)} ${e.value === null ? '—' : `${Math.round(e.value * 100)} %`}`).join(' · ')),
              ot.injects?.length ? h('div.muted.small', ot.injects.map((j) => `#${j.no} ${tMaybe(`debrief.exp.${j.result}`, j.result)}`).join(' · ')) : null,
            ))))));
    }

    async function renderHotwash(ri: ReplayInfo): Promise<void> {
      if (ri.viewer === 'facilitator') {
        const r = await api<{ summary: HotwashSummary }>(code, `/api/drills/${code}/hotwash`);
        if (!r.ok || !alive) return;
        const s = r.data.summary;
        const team = (id: string) => teams.find((x) => x.id === id)?.name ?? id;
        setChildren(hotwashBox, h('h3', t('deb.hw.summary')),
          s.count ? h('div', { 'data-testid': 'hotwash-summary' },
            h('p', t('deb.hw.count', { n: s.count, r: s.realism.mean === null ? '—' : num(s.realism.mean, 1), u: s.usefulness.mean === null ? '—' : num(s.usefulness.mean, 1) })),
            h('div.hw-charts',
              h('div', h('h4', t('deb.hw.realism')), barChart(s.realism.counts.map((c, i) => ({ label: String(i + 1), value: c, color: '#0891b2', text: String(c) })), Math.max(1, ...s.realism.counts))),
              h('div', h('h4', t('deb.hw.usefulness')), barChart(s.usefulness.counts.map((c, i) => ({ label: String(i + 1), value: c, color: '#7c3aed', text: String(c) })), Math.max(1, ...s.usefulness.counts)))),
            h('div.hw-lists',
              h('div', h('h4', t('deb.hw.strengths')), h('ul', s.strengths.map((x) => h('li', x.text, h('span.muted', ` — ${team(x.teamId)}`))))),
              h('div', h('h4', t('deb.hw.improvements')), h('ul', s.improvements.map((x) => h('li', x.text, h('span.muted', ` — ${team(x.teamId)}`))))),
              h('div', h('h4', t('deb.hw.comment')), h('ul', s.comments.map((x) => h('li', x.text, h('span.muted', ` — ${x.name}`))))))) : h('p.muted', t('deb.hw.none')));
        return;
      }
      if (!storage.get(`gladi.seat.${code}`) || d.status !== 'ended') return;
      await hotwashForm(hotwashBox);
    }

    async function renderPlan(): Promise<void> {
      const [planR, objR] = await Promise.all([
        api<{ items: PlanItem[] }>(code, `/api/drills/${code}/plan`),
        api<{ objectives: ObjectiveResult[] }>(code, `/api/drills/${code}/objectives`),
      ]);
      if (!planR.ok || !alive) return;
      const objectives = objR.ok ? objR.data.objectives : [];
      const items: PlanItem[] = planR.data.items.length ? planR.data.items : [{ objectiveId: objectives[0]?.id ?? null, action: '', owner: '', due: '', priority: 'medium' }];
      const rowsBox = h('tbody');
      const msg = h('span.muted', { role: 'status', 'data-testid': 'plan-msg' });
      const draw = () => setChildren(rowsBox, items.map((it, i) => h('tr', { 'data-testid': 'plan-row' },
        h('td', h('select', { onchange: (e: Event) => { it.objectiveId = (e.target as HTMLSelectElement).value || null; } },
          h('option', { value: '' }, '—'), objectives.map((o) => h('option', { value: o.id, selected: it.objectiveId === o.id }, pick(o.name))))),
        h('td', h('textarea', { rows: 2, maxlength: 1000, 'data-testid': 'plan-action', oninput: (e: Event) => { it.action = (e.target as HTMLTextAreaElement).value; } }, it.action)),
        h('td', h('input', { type: 'text', maxlength: 200, value: it.owner, 'data-testid': 'plan-owner', oninput: (e: Event) => { it.owner = (e.target as HTMLInputElement).value; } })),
        h('td', h('input', { type: 'date', value: it.due, 'data-testid': 'plan-due', oninput: (e: Event) => { it.due = (e.target as HTMLInputElement).value; } })),
        h('td', h('select', { 'data-testid': 'plan-priority', onchange: (e: Event) => { it.priority = (e.target as HTMLSelectElement).value as PlanItem['priority']; } },
          (['high', 'medium', 'low'] as const).map((p) => h('option', { value: p, selected: it.priority === p }, t(`deb.prio.${p}`))))),
        h('td', h('button.small', { type: 'button', onclick: () => { items.splice(i, 1); draw(); } }, t('deb.plan.remove'))),
      )));
      const save = async () => {
        const r = await api<{ items: PlanItem[] }>(code, `/api/drills/${code}/plan`, { method: 'PUT', body: { items: items.filter((x) => x.action.trim()) } });
        msg.textContent = r.ok ? t('deb.plan.saved') : t('deb.failed', { msg: r.message });
      };
      setChildren(planBox, h('h3', t('deb.plan')),
        h('table.plan-table', h('thead', h('tr', h('th', t('deb.plan.objective')), h('th', t('deb.plan.action')), h('th', t('deb.plan.owner')), h('th', t('deb.plan.due')), h('th', t('deb.plan.priority')), h('th', ''))), rowsBox),
        h('div.row', h('button.small', { type: 'button', onclick: () => { items.push({ objectiveId: null, action: '', owner: '', due: '', priority: 'medium' }); draw(); } }, t('deb.plan.add')),
          h('button.primary.small', { type: 'button', 'data-testid': 'plan-save', onclick: () => void save() }, t('deb.plan.save')), msg));
      draw();
    }

    async function renderTags(): Promise<void> {
      const r = await api<{ tags: { cohort: string; agencies: string[]; teamAgencies?: Record<string, string> } | null }>(code, `/api/drills/${code}/tags`);
      if (!r.ok || !alive) return;
      const tg = r.data.tags;
      const cohort = h('input', { type: 'text', maxlength: 120, value: tg?.cohort ?? '', 'data-testid': 'tag-cohort' }) as HTMLInputElement;
      const agencies = h('input', { type: 'text', maxlength: 600, value: (tg?.agencies ?? []).join(', '), 'data-testid': 'tag-agencies' }) as HTMLInputElement;
      const perTeam = teams.map((tm) => h('input', { type: 'text', maxlength: 120, value: tg?.teamAgencies?.[tm.id] ?? '', 'data-team': tm.id, 'data-testid': `tag-team-${tm.id}` }) as HTMLInputElement);
      const msg = h('span.muted', { role: 'status' });
      const save = async () => {
        const teamAgencies: Record<string, string> = {};
        for (const i of perTeam) if (i.value.trim()) teamAgencies[i.dataset.team!] = i.value.trim();
        const body = { cohort: cohort.value.trim(), agencies: agencies.value.split(',').map((x) => x.trim()).filter(Boolean), teamAgencies };
        const res = await api(code, `/api/drills/${code}/tags`, { method: 'PUT', body });
        msg.textContent = res.ok ? t('deb.tagsSaved') : t('deb.failed', { msg: res.message });
      };
      setChildren(tagsBox, h('h3', t('deb.tags')),
        h('div.tags-grid', h('label', t('deb.cohort'), cohort), h('label', t('deb.agencies'), agencies),
          teams.map((tm, i) => h('label', t('deb.teamAgency', { team: tm.name }), perTeam[i]))),
        h('div.row', h('button.primary.small', { type: 'button', 'data-testid': 'tags-save', onclick: () => void save() }, t('deb.saveTags')), msg,
          h('a.button.link.small', { href: '#/riwayat' }, t('deb.history'))));
    }

    async function showEvidence(teamId: string, metricId: string): Promise<void> {
      let list = evidenceCache.get(teamId);
      if (!list) {
        const r = await api<{ metrics: MetricEvidence[] }>(code, `/api/drills/${code}/evidence?team=${encodeURIComponent(teamId)}`);
        if (!r.ok) { alert(t('deb.failed', { msg: r.message })); return; }
        list = r.data.metrics;
        evidenceCache.set(teamId, list);
      }
      const m = list.find((x) => x.id === metricId);
      if (!m) return;
      const team = teams.find((x) => x.id === teamId)?.name ?? teamId;
      setChildren(evidenceDlg,
        h('div.evidence-head', h('h3', `${metricName(m.id)} — ${team}`), h('button.small', { type: 'button', 'data-testid': 'evidence-close', onclick: () => evidenceDlg.close() }, t('deb.close'))),
        h('p.evidence-value', m.value === null ? t('metric.none') : `${Math.round(m.value * 100)} / 100`),
        h('h4', t('deb.formula')), h('p', { 'data-testid': 'evidence-formula' }, m.formula ? pick(m.formula.text) : tMaybe(`metric.${m.id}.formula`, '—')),
        h('h4', t('deb.weight')), h('p', { 'data-testid': 'evidence-weight' }, m.weight === null ? '—'
          : t('deb.weightShare', { w: num(m.weight, 2), share: m.effectiveWeight === null ? '—' : num(m.effectiveWeight * 100, 0) })),
        h('h4', t('deb.inputs')), Object.keys(m.inputs).length
          ? h('table.inputs', { 'data-testid': 'evidence-inputs' }, Object.entries(m.inputs).map(([k, v]) => h('tr', h('th', tMaybe(`input.${k}`, k)), h('td', v === null ? '—' : num(v, Number.isInteger(v) ? 0 : 2)))))
          : h('p.muted', '—'),
        m.detail ? h('div', { 'data-testid': 'evidence-detail' }, h('h4', t('ev.records')), detailView(m.detail)) : null,
        h('h4', t('deb.events')), m.events.length
          ? h('ol.feed-list', { 'data-testid': 'evidence-events' }, m.events.map((item: FeedItem) => { const w = feedWords(item, names); return h('li.feed-item', h('span.feed-time', `H+${clock(item.tick)}`), ' ', w.head, w.body ? ` — ${w.body}` : ''); }))
          : h('p.muted', t('deb.noEvents')),
      );
      if (!evidenceDlg.open) evidenceDlg.showModal();
    }

    function notesSection(d: Debrief): HTMLElement {
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
        h('div.metrics', tm.metrics.map((m) => h('button.metric-button', {
          type: 'button', 'data-testid': `metric-button-${tm.id}-${m.id}`, title: t('deb.clickMetric'), onclick: () => void showEvidence(tm.id, m.id),
        }, metricRow(m, `debrief-metric-${tm.id}-${m.id}`)))),
        h('div.stats',
          stat(t('debrief.population'), num(tm.population), 'population'),
          stat(t('debrief.sheltered'), num(tm.sheltered), 'sheltered'),
          stat(t('debrief.rescued'), num(tm.rescued), 'rescued'),
          stat(t('debrief.exposed'), num(tm.exposed), 'exposed'),
          stat(t('debrief.firstWarning'), tm.firstWarningMinute === null ? t('debrief.noWarning') : t('debrief.firstWarningAt', { clock: clock(tm.firstWarningMinute, mpt) }), 'first-warning')),
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

  /** The player's hot-wash form (also shown when the debrief itself is not released yet). */
  async function hotwashForm(box: HTMLElement): Promise<void> {
    const mine = await api<{ mine: { strengths: string[]; improvements: string[]; realism: number; usefulness: number; comment?: string } | null }>(code, `/api/drills/${code}/hotwash`, { prefer: 'seat' });
    const prev = mine.ok ? mine.data.mine : null;
    const three = (vals: string[] | undefined, testid: string) => [0, 1, 2].map((i) => h('input', { type: 'text', maxlength: 500, value: vals?.[i] ?? '', 'data-testid': `${testid}-${i}` }) as HTMLInputElement);
    const st = three(prev?.strengths, 'hw-strength');
    const im = three(prev?.improvements, 'hw-improve');
    const scale = (name: string, v: number | undefined) => h('div.scale', { role: 'radiogroup' }, [1, 2, 3, 4, 5].map((n) =>
      h('label.scale-pt', h('input', { type: 'radio', name: `${name}-${code}`, value: n, checked: v === n, 'data-testid': `hw-${name}-${n}` }), String(n))));
    const realism = scale('realism', prev?.realism);
    const usefulness = scale('usefulness', prev?.usefulness);
    const comment = h('textarea', { maxlength: 2000, rows: 3, 'data-testid': 'hw-comment' }, prev?.comment ?? '') as HTMLTextAreaElement;
    const msg = h('p.muted', { 'data-testid': 'hw-msg', role: 'status' });
    const picked = (box: HTMLElement) => Number((box.querySelector('input:checked') as HTMLInputElement | null)?.value ?? 0);
    const send = async () => {
      const rv = picked(realism), uv = picked(usefulness);
      if (!rv || !uv) { msg.textContent = t('deb.hw.pickRatings'); return; }
      const r = await api(code, `/api/drills/${code}/hotwash`, { method: 'POST', prefer: 'seat', body: {
        strengths: st.map((x) => x.value.trim()).filter(Boolean), improvements: im.map((x) => x.value.trim()).filter(Boolean),
        realism: rv, usefulness: uv, comment: comment.value.trim() || undefined, lang: lang(),
      } });
      msg.textContent = r.ok ? t('deb.hw.thanks') : t('deb.hw.failed', { msg: r.message });
    };
    setChildren(box, h('h3', t('deb.hotwash')), h('p.muted', t('deb.hw.intro')),
      h('form.hw-form', { 'data-testid': 'hotwash-form', onsubmit: (e: Event) => { e.preventDefault(); void send(); } },
        h('fieldset', h('legend', t('deb.hw.strengths')), st),
        h('fieldset', h('legend', t('deb.hw.improvements')), im),
        h('fieldset', h('legend', t('deb.hw.realism')), realism),
        h('fieldset', h('legend', t('deb.hw.usefulness')), usefulness),
        h('label', t('deb.hw.comment'), comment),
        h('button.primary', { type: 'submit', 'data-testid': 'hw-send' }, t('deb.hw.send')), msg));
  }

  void load();
  return {
    el,
    destroy() {
      alive = false;
      if (retry) clearTimeout(retry);
      if (playTimer) clearInterval(playTimer);
      map?.destroy();
      map = null;
      void go;
    },
  };
}
