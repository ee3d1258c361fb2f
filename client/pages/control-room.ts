// Facilitator's control room (#/fasilitator/CODE) and the evaluator's read-only view of it (#/evaluator/CODE):
// join code, clock and its buttons, teams and players, live scoreboard, a map of any team's world with its
// command post, the MSEL with fire / delay / skip, ad-hoc injects, observation notes and the feed of every team.
// Evaluators see the same minus the clock and inject controls. Until the server lets the person in (key, token or
// evaluator code) only a small form shows, with any error as a sentence; the room itself is drawn after that.
// A language switch rebuilds the DOM from what the page holds, keeping what was typed.
import type { RequestOf, WatchAck } from '../../server/protocol/event-maps.ts';
import { C2S, S2C, type DrillPresence, type DrillState, type FeedItem, type MselRowState, type Note, type ViewDelta, type ViewSnapshot } from '../../server/protocol/events.ts';
import { pick, t, num } from '../i18n/index.ts';
import { Connection, sessionStore, storage } from '../net/connection.ts';
import { TeamViewState } from '../net/team-view.ts';
import type { MapView } from '../map/map-view.ts';
import { barChart, teamColor } from '../charts/svg-charts.ts';
import { FeedPanel } from '../panels/feed.ts';
import { mapLegend, mapWords } from '../panels/legend.ts';
import { metricRow } from '../panels/metrics.ts';
import { MselPanel, NotesPanel, adhocForm } from '../panels/msel.ts';
import { casualtiesBlock, commandPostStrip } from '../panels/team-panels.ts';
import { h, option, setChildren } from '../util/dom.ts';
import { Names, clock, errorText, roleName, tickClock } from '../util/format.ts';
import { captureForm, restoreForm } from '../util/keep-form.ts';
import { coalesce, keyed } from '../util/throttle.ts';
import { go, showConnection, type Page } from './page.ts';
import { eegPanel } from '../panels/eeg.ts';
import { ReleasePanel, readOnlyBanner } from '../panels/release.ts';

const SPEEDS = [0.5, 1, 2, 5];
/** The scoreboard and team panels are redrawn at most this often (ms). */
const PANEL_MS = 500;


export function controlRoomPage(code: string, as: 'facilitator' | 'evaluator' = 'facilitator'): Page {
  const conn = new Connection();
  const isFac = as === 'facilitator';
  // Debrief release and joining rules (facilitator), and the read-only banner (client/panels/release.ts).
  const releasePanel = isFac ? new ReleasePanel(conn, code) : null;
  const readOnlyBox = h('div.read-only-box');
  const tokenKey = `gladi.fac.${code}`;
  const evalKey = `gladi.eval.${code}`;
  let key: string | null = null;
  let evalName: string | null = storage.get('gladi.name');

  let state: DrillState | null = null;
  const views = new Map<string, TeamViewState>();
  let selected: string | null = null;
  let map: MapView | null = null;
  let mapLoading = false;
  let mounted = false;
  let ended = false;
  let watched = false;
  let destroyed = false;
  let names = new Names(null);
  let evaluatorCode: string | null = null;
  let msel: MselRow[] = [];
  let notesList: Note[] = [];
  let gate: { message: string; error: boolean } | null = null;
  let feedPanel: FeedPanel | null = null;
  const root = h('div.control-root');
  // The map's box is kept across re-renders: its canvas lives on.
  const mapBox = h('div.map-canvas', { 'data-testid': 'map', role: 'region' });
  const allPosts = () => [...views.values()].flatMap((v) => v.view.posts);
  const teamName = (id: string | null) => state?.teams.find((x) => x.id === id)?.name ?? null;
  type MselRow = MselRowState;

  let ui = build();

  function build() {
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
    const evalCodeBox = h('div.eval-code-box', { 'data-testid': 'evaluator-code-box', hidden: !evaluatorCode });
    if (evaluatorCode) {
      setChildren(evalCodeBox, h('span.label', t('control.evaluatorCode')), h('span.eval-code', { 'data-testid': 'evaluator-code' }, evaluatorCode),
        h('span.hint', t('control.evaluatorHint', { code })));
    }
    const adhocBox = h('div.adhoc-box');
    if (isFac && state && views.size) {
      const first = views.values().next().value!;
      setChildren(adhocBox, adhocForm(conn, code, state, first.map));
    }
    const feed = new FeedPanel(() => names, teamName);
    if (feedPanel) { feed.adopt(feedPanel); feedPanel.destroy(); }
    feedPanel = feed;
    const mselPanel = new MselPanel(conn, code, isFac, () => names);
    const notes = new NotesPanel(conn, code);
    const joinUrl = `${location.origin}${location.pathname}#/?kode=${code}`;
    mapBox.setAttribute('aria-label', t('map.aria'));

    if (!watched) {
      // Not let in yet: only the way in (and its error), never an empty room behind it.
      const card = h('section.card.gate', { 'data-testid': 'control-gate' },
        h('h2', t(isFac ? 'control.gate' : 'control.gateEval', { code })),
        gate?.error ? h('p.error', { role: 'alert', 'data-testid': 'control-error' }, gate.message) : null,
        gateForm());
      setChildren(root, h('div.gate-wrap', card));
      return { titleEl, statusEl, modeEl, clockEl, startBtn, pauseBtn, resumeBtn, endBtn, archiveBtn, speedSelect, errorEl, teamsEl, scoreboardEl, teamTabs, teamMetrics, teamPost, evalCodeBox, adhocBox, feed, mselPanel, notes };
    }

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
          errorEl, readOnlyBox),
        evalCodeBox),
      h('div.control-grid',
        h('section.map-pane', h('div.map-head', h('span.label', t('control.showTeam')), teamTabs), mapBox, mapLegend(), teamPost, teamMetrics),
        h('aside.side',
          h('section.panel', h('h3', t('control.scoreboard')), scoreboardEl),
          mselPanel.el,
          adhocBox,
          releasePanel?.el,
          notes.el,
          eegPanel(code, () => state?.teams ?? [], () => (isFac ? 'fasilitator' : evalName)),
          h('section.panel', h('h3', t('control.teams')), teamsEl),
          feed.el)),
    );
    setChildren(root, el);
    if (state) { mselPanel.setState(state); notes.setState(state); }
    mselPanel.setRows(msel);
    notes.setAll(notesList);
    return { titleEl, statusEl, modeEl, clockEl, startBtn, pauseBtn, resumeBtn, endBtn, archiveBtn, speedSelect, errorEl, teamsEl, scoreboardEl, teamTabs, teamMetrics, teamPost, evalCodeBox, adhocBox, feed, mselPanel, notes };
  }

  /** The form that lets a person in: the facilitator key, or the evaluator code and a name. */
  function gateForm(): HTMLElement {
    if (isFac) {
      const input = h('input', { id: 'control-key', type: 'password', 'data-testid': 'control-key', autocomplete: 'current-password', required: true });
      const form = h('form.inline-form', { novalidate: true }, gate?.error ? null : h('p.help', t('control.needKey')), h('label', { for: 'control-key' }, t('control.facKey')), input, h('button.primary', { type: 'submit' }, t('control.open')));
      form.addEventListener('submit', (e) => { e.preventDefault(); key = input.value.trim(); if (key) void watch(); });
      return form;
    }
    const input = h('input.mono', { id: 'eval-code-input', 'data-testid': 'eval-code-input', autocomplete: 'off', value: storage.get(evalKey) ?? '', required: true, minlength: 6 });
    const nameIn = h('input', { id: 'eval-name-input', 'data-testid': 'eval-name-input', maxlength: 40, value: evalName ?? '', required: true });
    const local = h('p.error', { role: 'alert' });
    const form = h('form.inline-form', { novalidate: true }, gate?.error ? null : h('p.help', t('control.evalNeedCode')),
      h('label', { for: 'eval-code-input' }, t('home.eval.code')), input,
      h('label', { for: 'eval-name-input' }, t('control.evalName')), nameIn,
      h('button.primary', { type: 'submit' }, t('control.open')), local);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const c = input.value.trim().toUpperCase();
      if (c.length < 6) { local.textContent = t('home.eval.short'); input.focus(); return; }
      if (!nameIn.value.trim()) { local.textContent = t('home.eval.missing'); nameIn.focus(); return; }
      storage.set(evalKey, c);
      evalName = nameIn.value.trim();
      storage.set('gladi.name', evalName);
      void watch();
    });
    return form;
  }

  function showGate(message: string, error: boolean) {
    gate = { message, error };
    watched = false;
    rerender();
  }

  async function clockAction(action: 'start' | 'pause' | 'resume' | 'end' | 'speed' | 'archive') {
    ui.errorEl.textContent = '';
    if (action === 'end' && !window.confirm(t('control.endConfirm'))) return;
    if (action === 'archive' && !window.confirm(t('control.archiveConfirm'))) return;
    const payload: Record<string, unknown> = { code, action };
    if (action === 'speed' || action === 'start' || action === 'resume') {
      if (action !== 'speed') {
        // Set the chosen speed before starting so the first ticks run at it.
        const s = await conn.request(C2S.drillClock, { code, action: 'speed', speed: Number(ui.speedSelect.value) });
        if (!s.ok) { ui.errorEl.textContent = errorText(s.error); return; }
      } else payload.speed = Number(ui.speedSelect.value);
    }
    const ack = await conn.request(C2S.drillClock, payload as RequestOf<typeof C2S.drillClock>);
    if (!ack.ok) { ui.errorEl.textContent = errorText(ack.error); return; }
    if (state) {
      state.status = ack.status as DrillState['status'];
      state.speed = ack.speed;
      if (action === 'archive') state.archived = true;
      renderState();
    }
  }

  function renderState() {
    if (!state || !watched) return;
    setChildren(ui.titleEl, pick(state.title));
    ui.statusEl.textContent = state.archived ? `${t(`status.${state.status}`)} · ${t('control.archived')}` : t(`status.${state.status}`);
    ui.statusEl.className = `status-chip status-${state.status}`;
    ui.modeEl.textContent = t('control.modeLabel', { mode: t(`mode.${state.mode}`) });
    const c = `H+${tickClock(state.tick)}`;
    if (ui.clockEl.textContent !== c) ui.clockEl.textContent = c;
    const st = state.status;
    ui.startBtn.hidden = st !== 'lobby';
    ui.pauseBtn.hidden = st !== 'running';
    ui.resumeBtn.hidden = st !== 'paused';
    ui.endBtn.hidden = st === 'ended';
    ui.archiveBtn.hidden = st !== 'ended';
    ui.archiveBtn.disabled = state.archived;
    ui.speedSelect.disabled = st === 'ended';
    if (!SPEEDS.includes(state.speed) && ![...ui.speedSelect.options].some((o) => o.value === String(state!.speed))) {
      ui.speedSelect.append(option(String(state.speed), t('control.speedValue', { speed: num(state.speed, 2) })));
    }
    ui.speedSelect.value = String(state.speed);
    const s = state;
    keyed(ui.teamsEl, JSON.stringify(s.teams), () => s.teams.map((tm, i) => h('li.team',
      h('div.team-name', h('span.swatch', { style: `background:${teamColor(i)}` }), tm.name),
      tm.players.length
        ? h('ul.players', tm.players.map((p) => h('li', h(`span.online-dot${p.online ? '.on' : ''}`, { title: p.online ? t('conn.online') : t('conn.offline') }), `${p.name}`, h('span.muted', ` — ${roleName(p.role)}`))))
        : h('p.muted', t('control.noPlayers')))));
    ui.mselPanel.setState(state);
    ui.notes.setState(state);
    releasePanel?.setState(state);
    keyed(readOnlyBox, JSON.stringify(state.readOnly ?? null), () => readOnlyBanner(state!) ?? []);
    // A drill that ends while watched sends everyone to the debrief; one opened after its end stays (to archive it).
    if (st === 'ended' && !ended && watched) { ended = true; setTimeout(() => go(`#/debrief/${code}`), 600); }
  }

  function renderScores() {
    if (!state || !watched) return;
    const s = state;
    const bars = s.teams.map((tm, i) => {
      const v = views.get(tm.id)?.view;
      return { label: tm.name, value: v?.score ?? 0, color: teamColor(i), text: num(v?.score ?? 0, 1), testid: `score-${tm.id}` };
    });
    keyed(ui.scoreboardEl, JSON.stringify(bars.map((b) => b.value)), () => barChart(bars, 100, { title: t('control.scoreboard') }));
    const sel = selected ? views.get(selected) : null;
    if (sel) {
      const c = `H+${clock(Math.max(s.tick, sel.view.tick))}`;
      if (ui.clockEl.textContent !== c) ui.clockEl.textContent = c;
      keyed(ui.teamPost, JSON.stringify([selected, sel.view.command, sel.view.casualties]), () => [commandPostStrip(sel.view), casualtiesBlock(sel.view)]);
      keyed(ui.teamMetrics, JSON.stringify([selected, sel.view.score, sel.view.metrics]), () => [
        h('div.score-inline', h('span.label', t('player.score')), h('strong', num(sel.view.score, 1))), ...sel.view.metrics.map((m) => metricRow(m, `fac-metric-${m.id}`))]);
    }
  }
  const scheduleScores = coalesce(renderScores, PANEL_MS);

  function renderTabs() {
    if (!state || !watched) return;
    setChildren(ui.teamTabs, state.teams.map((tm, i) => h(`button.tab${tm.id === selected ? '.active' : ''}`, {
      type: 'button', role: 'tab', 'aria-selected': String(tm.id === selected), 'data-testid': `team-tab-${tm.id}`,
      style: `--team:${teamColor(i)}`, onclick: () => selectTeam(tm.id),
    }, tm.name)));
  }

  function selectTeam(id: string) {
    selected = id;
    const v = views.get(id);
    renderTabs();
    if (v && map) map.show(v);
    renderScores();
  }

  async function startMap() {
    if (map || mapLoading || !selected || !watched || destroyed) return;
    const v = views.get(selected);
    if (!v) return;
    mapLoading = true;
    // Phaser comes with the map module, loaded only where a map is shown.
    const { MapView } = await import('../map/map-view.ts');
    mapLoading = false;
    if (destroyed || map) return;
    map = new MapView(mapBox, mapWords());
    map.show(views.get(selected!) ?? v);
  }

  function onWatch(ack: WatchAck) {
    // Already ended when opened: stay here (archive), do not bounce to the debrief.
    if (!watched && ack.state.status === 'ended') ended = true;
    const first = !watched;
    watched = true;
    gate = null;
    state = ack.state;
    for (const snap of ack.snapshots) {
      const existing = views.get(snap.view.teamId);
      if (existing) existing.reset(snap);
      else {
        const tv = new TeamViewState(snap);
        tv.subscribe(() => scheduleScores());
        // A missed frame (server/protocol/view-diff.ts): this team's view afresh, once at a time.
        let resyncing = false;
        tv.onGap = async () => {
          if (resyncing) return;
          resyncing = true;
          const r = await conn.request(C2S.viewResync, { code, teamId: snap.view.teamId });
          resyncing = false;
          if (r.ok) tv.reset(r.snapshot);
        };
        views.set(snap.view.teamId, tv);
      }
    }
    if (ack.snapshots[0]) { names = new Names(ack.snapshots[0].map); names.posts = allPosts; }
    if (!selected || !views.has(selected)) selected = state.teams[0]?.id ?? null;
    if (isFac && ack.evaluatorCode) evaluatorCode = ack.evaluatorCode;
    msel = ack.msel;
    notesList = [...ack.notes];
    if (first) rerender();
    else { ui.mselPanel.setRows(msel); ui.notes.setAll(notesList); }
    // Every team's feed as the server has it, newest first.
    const items = ack.snapshots.flatMap((s) => s.feed ?? []).sort((a, b) => a.tick - b.tick);
    ui.feed.setAll(items);
    renderState();
    renderTabs();
    scheduleScores.flush();
    if (mounted) void startMap();
  }

  /** Rebuild the DOM (another language, or the room once let in) keeping what was typed and opened. */
  function rerender() {
    const kept = captureForm(root);
    ui = build();
    restoreForm(root, kept);
    map?.setWords(mapWords());
    renderState();
    renderTabs();
    scheduleScores.flush();
  }

  async function watch() {
    if (!isFac) {
      const ec = storage.get(evalKey);
      if (!ec || !evalName) { showGate(t('control.evalNeedCode'), false); return; }
      const ack = await conn.request(C2S.drillWatch, { code, evaluatorCode: ec, name: evalName });
      if (ack.ok) { onWatch(ack); return; }
      if (ack.error.code === 'bad_key' || ack.error.code === 'bad_request') storage.remove(evalKey);
      showGate(errorText(ack.error), true);
      return;
    }
    const token = storage.get(tokenKey);
    const savedKey = key ?? sessionStore.get('gladi.fac.key');
    if (!token && !savedKey) { showGate(t('control.needKey'), false); return; }
    const ack = await conn.request(C2S.drillWatch, { code, ...(token ? { token } : {}), ...(!token && savedKey ? { key: savedKey } : key ? { key } : {}) });
    if (ack.ok) { if (key) sessionStore.set('gladi.fac.key', key); onWatch(ack); return; }
    if (ack.error.code === 'bad_key') {
      if (token && !key) storage.remove(tokenKey);
      if (!key && savedKey) sessionStore.remove('gladi.fac.key');
      // A stale token with no key typed yet: just ask for the key.
      showGate(token && !key ? t('control.needKey') : errorText(ack.error), !(token && !key));
      key = null;
      return;
    }
    showGate(errorText(ack.error), true);
  }

  conn.onStatus((online) => showConnection(online, t('conn.online'), t('conn.offline')));
  conn.onConnect(() => void watch());
  conn.on(S2C.drillState, (s) => { state = s; renderState(); });
  // Presence deltas: the player lists of the teams that changed (coalesced on the server).
  conn.on(S2C.drillPresence, (p) => {
    if (!state) return;
    for (const t of p.teams) { const team = state.teams.find((x) => x.id === t.id); if (team) team.players = t.players; }
    renderState();
  });
  conn.on(S2C.viewDelta, (d) => {
    views.get(d.teamId)?.apply(d);
    if (state && d.tick > state.tick) state.tick = d.tick;
  });
  conn.on(S2C.viewSnapshot, (snap) => views.get(snap.view.teamId)?.reset(snap));
  conn.on(S2C.feed, (item) => { ui.feed.add(item); });
  conn.on(S2C.mselState, (rows) => { msel = rows; ui.mselPanel.setRows(rows); });
  conn.on(S2C.note, (n) => { notesList.push(n); ui.notes.add(n); });
  conn.on(S2C.drillEnded, () => { if (state) { state.status = 'ended'; renderState(); } });

  return {
    el: root,
    mounted() { mounted = true; void startMap(); },
    relang() { rerender(); },
    destroy() {
      destroyed = true;
      scheduleScores.cancel();
      ui.feed.destroy();
      map?.destroy();
      conn.close();
    },
  };
}
