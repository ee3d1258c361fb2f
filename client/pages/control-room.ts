// Facilitator's control room (#/fasilitator/CODE) and the evaluator's read-only view of it (#/evaluator/CODE):
// join code, clock and its buttons, teams and players, live scoreboard, a map of any team's world with its
// command post, the MSEL with fire / delay / skip, ad-hoc injects, observation notes and the feed of every team.
// Evaluators see the same minus the clock and inject controls.
import { C2S, S2C, type DrillState, type FeedItem, type MselRowState, type Note, type ViewDelta, type ViewSnapshot } from '../../server/protocol/events.ts';
import { pick, t, num } from '../i18n/index.ts';
import { Connection, sessionStore, storage } from '../net/connection.ts';
import { TeamViewState } from '../net/team-view.ts';
import { MapView } from '../map/map-view.ts';
import { barChart, teamColor } from '../charts/svg-charts.ts';
import { FeedPanel } from '../panels/feed.ts';
import { mapLegend } from '../panels/legend.ts';
import { metricRow } from '../panels/metrics.ts';
import { MselPanel, NotesPanel, adhocForm } from '../panels/msel.ts';
import { casualtiesBlock, commandPostStrip } from '../panels/team-panels.ts';
import { h, option, setChildren } from '../util/dom.ts';
import { Names, clock, errorText, roleName } from '../util/format.ts';
import { go, showConnection, type Page } from './page.ts';

const SPEEDS = [0.5, 1, 2, 5];

interface WatchAck { role: 'facilitator' | 'evaluator'; state: DrillState; snapshots: ViewSnapshot[]; msel: MselRowState[]; notes: Note[]; evaluatorCode?: string }

export function controlRoomPage(code: string, as: 'facilitator' | 'evaluator' = 'facilitator'): Page {
  const conn = new Connection();
  const isFac = as === 'facilitator';
  const tokenKey = `gladi.fac.${code}`;
  const evalKey = `gladi.eval.${code}`;
  let key: string | null = null;
  let evalName: string | null = storage.get('gladi.name');

  let state: DrillState | null = null;
  const views = new Map<string, TeamViewState>();
  let selected: string | null = null;
  let map: MapView | null = null;
  let mounted = false;
  let ended = false;
  let watched = false;
  let names = new Names(null);

  const titleEl = h('h2.drill-title');
  const statusEl = h('span.status-chip', { 'data-testid': 'drill-status' });
  const modeEl = h('span.chip.mode-chip', { 'data-testid': 'drill-mode' });
  const clockEl = h('span.clock-value', { 'data-testid': 'clock' }, 'H+0:00');
  const btn = (label: string, testid: string, action: 'start' | 'pause' | 'resume' | 'end' | 'archive', cls = '') =>
    h('button', { type: 'button', class: cls, 'data-testid': testid, onclick: () => void clockAction(action) }, label);
  const startBtn = btn(t('control.start'), 'btn-start', 'start', 'primary');
  const pauseBtn = btn(t('control.pause'), 'btn-pause', 'pause');
  const resumeBtn = btn(t('control.resume'), 'btn-resume', 'resume', 'primary');
  const endBtn = btn(t('control.end'), 'btn-end', 'end', 'danger');
  const archiveBtn = btn(t('control.archive'), 'btn-archive', 'archive');
  archiveBtn.hidden = true;
  const speedSelect = h('select', { id: 'speed', 'data-testid': 'speed-select' }, SPEEDS.map((s) => option(String(s), t('control.speedValue', { speed: num(s, s < 1 ? 1 : 0) }), s === 1)));
  speedSelect.addEventListener('change', () => void clockAction('speed'));
  const errorEl = h('p.error', { role: 'alert', 'data-testid': 'control-error' });
  const teamsEl = h('ul.teams');
  const scoreboardEl = h('div.scoreboard', { 'data-testid': 'scoreboard' });
  const teamTabs = h('div.team-tabs', { role: 'tablist', 'aria-label': t('control.showTeam') });
  const teamMetrics = h('div.metrics.compact');
  const teamPost = h('div.team-post');
  const mapBox = h('div.map-canvas', { 'data-testid': 'map' });
  const keyBox = h('div.key-box');
  const evalCodeBox = h('div.eval-code-box', { 'data-testid': 'evaluator-code-box' });
  evalCodeBox.hidden = true;
  const adhocBox = h('div.adhoc-box');
  const allPosts = () => [...views.values()].flatMap((v) => v.view.posts);
  const feed = new FeedPanel(() => names, (id) => state?.teams.find((x) => x.id === id)?.name ?? null);
  const msel = new MselPanel(conn, code, isFac, () => names);
  const notes = new NotesPanel(conn, code);
  const joinUrl = `${location.origin}${location.pathname}#/?kode=${code}`;

  const el = h(`div.control${isFac ? '' : '.evaluator'}`,
    h('section.control-head',
      h('div.join-code-box',
        h('span.label', t('control.joinCode')),
        h('span.join-code', { 'data-testid': 'join-code-display' }, code),
        h('span.join-hint', t('control.joinHint'), ' ', h('a', { href: joinUrl }, joinUrl.replace(/^https?:\/\//, '')))),
      h('div.head-main',
        h('div.title-row', titleEl, modeEl),
        h('div.clock-row', h('span.label', t('control.clock')), clockEl, statusEl),
        isFac
          ? h('div.clock-buttons', startBtn, pauseBtn, resumeBtn, endBtn, archiveBtn,
            h('label.speed', { for: 'speed' }, t('control.speed'), speedSelect),
            h('a.button.link', { href: `#/debrief/${code}`, 'data-testid': 'open-debrief' }, t('control.debrief')))
          : h('div.clock-buttons', h('p.banner.inline-banner', t('control.readOnly')),
            h('a.button.link', { href: `#/debrief/${code}`, 'data-testid': 'open-debrief' }, t('control.debrief'))),
        errorEl, keyBox),
      evalCodeBox),
    h('div.control-grid',
      h('section.map-pane', h('div.map-head', h('span.label', t('control.showTeam')), teamTabs), mapBox, mapLegend(), teamPost, teamMetrics),
      h('aside.side',
        h('section.panel', h('h3', t('control.scoreboard')), scoreboardEl),
        msel.el,
        adhocBox,
        notes.el,
        h('section.panel', h('h3', t('control.teams')), teamsEl),
        feed.el)),
  );

  async function clockAction(action: 'start' | 'pause' | 'resume' | 'end' | 'speed' | 'archive') {
    errorEl.textContent = '';
    if (action === 'end' && !window.confirm(t('control.endConfirm'))) return;
    if (action === 'archive' && !window.confirm(t('control.archiveConfirm'))) return;
    const payload: Record<string, unknown> = { code, action };
    if (action === 'speed' || action === 'start' || action === 'resume') {
      if (action !== 'speed') {
        // Set the chosen speed before starting so the first ticks run at it.
        const s = await conn.request(C2S.drillClock, { code, action: 'speed', speed: Number(speedSelect.value) });
        if (!s.ok) { errorEl.textContent = errorText(s.error); return; }
      } else payload.speed = Number(speedSelect.value);
    }
    const ack = await conn.request<{ status: string; tick: number; speed: number }>(C2S.drillClock, payload);
    if (!ack.ok) { errorEl.textContent = errorText(ack.error); return; }
    if (state) {
      state.status = ack.status as DrillState['status'];
      state.speed = ack.speed;
      if (action === 'archive') state.archived = true;
      renderState();
    }
  }

  const renderState = () => {
    if (!state) return;
    setChildren(titleEl, pick(state.title));
    statusEl.textContent = state.archived ? `${t(`status.${state.status}`)} · ${t('control.archived')}` : t(`status.${state.status}`);
    statusEl.className = `status-chip status-${state.status}`;
    modeEl.textContent = t('control.modeLabel', { mode: t(`mode.${state.mode}`) });
    clockEl.textContent = `H+${clock(state.tick)}`;
    const st = state.status;
    startBtn.hidden = st !== 'lobby';
    pauseBtn.hidden = st !== 'running';
    resumeBtn.hidden = st !== 'paused';
    endBtn.hidden = st === 'ended';
    archiveBtn.hidden = st !== 'ended';
    archiveBtn.disabled = state.archived;
    speedSelect.disabled = st === 'ended';
    if (!SPEEDS.includes(state.speed)) speedSelect.append(option(String(state.speed), t('control.speedValue', { speed: num(state.speed, 2) })));
    speedSelect.value = String(state.speed);
    setChildren(teamsEl, state.teams.map((tm, i) => h('li.team',
      h('div.team-name', h('span.swatch', { style: `background:${teamColor(i)}` }), tm.name),
      tm.players.length
        ? h('ul.players', tm.players.map((p) => h('li', h(`span.online-dot${p.online ? '.on' : ''}`, { title: p.online ? t('conn.online') : t('conn.offline') }), `${p.name}`, h('span.muted', ` — ${roleName(p.role)}`))))
        : h('p.muted', t('control.noPlayers')))));
    msel.setState(state);
    notes.setState(state);
    // A drill that ends while watched sends everyone to the debrief; one opened after its end stays (to archive it).
    if (st === 'ended' && !ended && watched) { ended = true; setTimeout(() => go(`#/debrief/${code}`), 600); }
  };

  const renderScores = () => {
    if (!state) return;
    const bars = state.teams.map((tm, i) => {
      const v = views.get(tm.id)?.view;
      return { label: tm.name, value: v?.score ?? 0, color: teamColor(i), text: num(v?.score ?? 0, 1), testid: `score-${tm.id}` };
    });
    setChildren(scoreboardEl, barChart(bars, 100, { title: t('control.scoreboard') }));
    const sel = selected ? views.get(selected) : null;
    if (sel) {
      clockEl.textContent = `H+${clock(Math.max(state.tick, sel.view.tick))}`;
      setChildren(teamPost, commandPostStrip(sel.view), casualtiesBlock(sel.view));
      setChildren(teamMetrics, h('div.score-inline', h('span.label', t('player.score')), h('strong', num(sel.view.score, 1))), sel.view.metrics.map((m) => metricRow(m, `fac-metric-${m.id}`)));
    }
  };

  const renderTabs = () => {
    if (!state) return;
    setChildren(teamTabs, state.teams.map((tm, i) => h(`button.tab${tm.id === selected ? '.active' : ''}`, {
      type: 'button', role: 'tab', 'aria-selected': String(tm.id === selected), 'data-testid': `team-tab-${tm.id}`,
      style: `--team:${teamColor(i)}`, onclick: () => selectTeam(tm.id),
    }, tm.name)));
  };

  const selectTeam = (id: string) => {
    selected = id;
    const v = views.get(id);
    renderTabs();
    if (v && map) map.show(v);
    renderScores();
  };

  const startMap = () => {
    if (map || !selected) return;
    const v = views.get(selected);
    if (!v) return;
    map = new MapView(mapBox);
    map.show(v);
  };

  const onWatch = (ack: WatchAck) => {
    // Already ended when opened: stay here (archive), do not bounce to the debrief.
    if (!watched && ack.state.status === 'ended') ended = true;
    watched = true;
    state = ack.state;
    for (const snap of ack.snapshots) {
      const existing = views.get(snap.view.teamId);
      if (existing) existing.reset(snap);
      else {
        const tv = new TeamViewState(snap);
        tv.subscribe(() => scheduleScores());
        views.set(snap.view.teamId, tv);
      }
    }
    if (ack.snapshots[0]) { names = new Names(ack.snapshots[0].map); names.posts = allPosts; }
    if (!selected || !views.has(selected)) selected = state.teams[0]?.id ?? null;
    setChildren(keyBox);
    if (isFac && ack.evaluatorCode) {
      evalCodeBox.hidden = false;
      setChildren(evalCodeBox, h('span.label', t('control.evaluatorCode')), h('span.eval-code', { 'data-testid': 'evaluator-code' }, ack.evaluatorCode),
        h('span.hint', t('control.evaluatorHint', { code })));
    }
    if (isFac && ack.snapshots[0] && !adhocBox.firstChild) setChildren(adhocBox, adhocForm(conn, code, state, ack.snapshots[0].map.units));
    msel.setRows(ack.msel);
    notes.setAll(ack.notes);
    renderState();
    renderTabs();
    renderScores();
    if (mounted) startMap();
  };

  // Many deltas arrive per tick (one per team): redraw the scoreboard once per frame.
  let scoresQueued = false;
  const scheduleScores = () => {
    if (scoresQueued) return;
    scoresQueued = true;
    requestAnimationFrame(() => { scoresQueued = false; renderScores(); });
  };

  const askKey = (message: string) => {
    const input = h('input', { type: 'password', 'data-testid': 'control-key', autocomplete: 'current-password' });
    const form = h('form.inline-form', h('label', message), input, h('button.primary', { type: 'submit' }, t('control.open')));
    form.addEventListener('submit', (e) => { e.preventDefault(); key = input.value.trim(); void watch(); });
    setChildren(keyBox, form);
  };

  const askEvalCode = (message: string) => {
    const input = h('input', { 'data-testid': 'eval-code-input', autocomplete: 'off', value: storage.get(evalKey) ?? '' });
    const nameIn = h('input', { 'data-testid': 'eval-name-input', maxlength: 40, value: evalName ?? '', placeholder: t('home.join.name') });
    const form = h('form.inline-form', h('label', message), input, nameIn, h('button.primary', { type: 'submit' }, t('control.open')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!input.value.trim() || !nameIn.value.trim()) return;
      storage.set(evalKey, input.value.trim().toUpperCase());
      evalName = nameIn.value.trim();
      storage.set('gladi.name', evalName);
      void watch();
    });
    setChildren(keyBox, form);
  };

  const watch = async () => {
    if (!isFac) {
      const ec = storage.get(evalKey);
      if (!ec || !evalName) { askEvalCode(t('control.evalNeedCode')); return; }
      const ack = await conn.request<WatchAck>(C2S.drillWatch, { code, evaluatorCode: ec, name: evalName });
      if (ack.ok) { onWatch(ack); return; }
      if (ack.error.code === 'bad_key') { storage.remove(evalKey); askEvalCode(errorText(ack.error)); return; }
      errorEl.textContent = errorText(ack.error);
      return;
    }
    const token = storage.get(tokenKey);
    const savedKey = key ?? sessionStore.get('gladi.fac.key');
    if (!token && !savedKey) { askKey(t('control.needKey')); return; }
    const ack = await conn.request<WatchAck>(C2S.drillWatch, { code, ...(token ? { token } : {}), ...(!token && savedKey ? { key: savedKey } : key ? { key } : {}) });
    if (ack.ok) { if (key) sessionStore.set('gladi.fac.key', key); onWatch(ack); return; }
    if (ack.error.code === 'bad_key') {
      if (token && !key) storage.remove(tokenKey);
      if (!key && savedKey) sessionStore.remove('gladi.fac.key');
      askKey(errorText(ack.error));
      return;
    }
    errorEl.textContent = errorText(ack.error);
  };

  conn.onStatus((online) => showConnection(online, t('conn.online'), t('conn.offline')));
  conn.onConnect(() => void watch());
  conn.on<DrillState>(S2C.drillState, (s) => { state = s; renderState(); });
  conn.on<ViewDelta>(S2C.viewDelta, (d) => {
    views.get(d.teamId)?.apply(d);
    if (state && d.tick > state.tick) { state.tick = d.tick; clockEl.textContent = `H+${clock(d.tick)}`; }
  });
  conn.on<ViewSnapshot>(S2C.viewSnapshot, (snap) => views.get(snap.view.teamId)?.reset(snap));
  conn.on<FeedItem>(S2C.feed, (item) => feed.add(item));
  conn.on<MselRowState[]>(S2C.mselState, (rows) => msel.setRows(rows));
  conn.on<Note>(S2C.note, (n) => notes.add(n));
  conn.on<{ code: string }>(S2C.drillEnded, () => { if (state) { state.status = 'ended'; renderState(); } });

  return {
    el,
    mounted() { mounted = true; startMap(); },
    destroy() { map?.destroy(); conn.close(); },
  };
}
