// Player page: the map and the panels (clock, score, metrics, commands, feed, social media and LAPOR!, shelters,
// units, areas). On a wide screen the panels sit beside the map; on a phone they become tabs (map, feed, orders,
// shelters, units) with a bar at the bottom. Joins with the seat token kept in localStorage, and re-joins with it
// on every reconnect; the snapshot brings the team's feed back. A language switch rebuilds the DOM from what the
// page holds (view, feed, map, what was typed), so nothing is lost. Panel updates are coalesced to a few a second
// and each panel is rewritten only when its data changed.
import type { JoinAck } from '../../server/protocol/event-maps.ts';
import { C2S, S2C, type DrillState, type FeedItem, type ViewDelta, type ViewSnapshot } from '../../server/protocol/events.ts';
import type { TeamRole } from '../../server/protocol/rights.ts';
import { pick, t, type MessageKey } from '../i18n/index.ts';
import { Connection, storage } from '../net/connection.ts';
import { TeamViewState } from '../net/team-view.ts';
import type { MapView } from '../map/map-view.ts';
import { areasList } from '../panels/areas.ts';
import { PublicInfoPanels, casualtiesBlock, commandPostStrip, sheltersList, unitsList } from '../panels/team-panels.ts';
import { CommandForms } from '../panels/command-form.ts';
import { FeedPanel } from '../panels/feed.ts';
import { mapLegend, mapWords } from '../panels/legend.ts';
import { metricRow, scoreBlock } from '../panels/metrics.ts';
import { h, setChildren } from '../util/dom.ts';
import { Names, clock, errorText, feedWords, roleName, tickClock } from '../util/format.ts';
import { captureForm, restoreForm } from '../util/keep-form.ts';
import { coalesce, keyed } from '../util/throttle.ts';
import { go, showConnection, type Page } from './page.ts';

/** Shown at the top; the others fold away (the debrief shows them all). */
const KEY_METRICS = ['residentsSafe', 'timeToWarning'];
/** Panels are redrawn at most this often (ms): a few times a second whatever the drill's speed. */
const PANEL_MS = 500;
/** The inject alert goes away after this long (ms) unless dismissed earlier. */
const ALERT_MS = 15_000;
/** Screens at most this wide (CSS px) show the panels as tabs (styles.css uses the same width). */
const PHONE = '(max-width: 760px)';

const TABS = ['map', 'feed', 'commands', 'shelters', 'units'] as const;
type Tab = (typeof TABS)[number];

interface SeatInfo { name: string; teamId: string; role: TeamRole }

export function playerPage(code: string): Page {
  const conn = new Connection();
  const seatKey = `gladi.seat.${code}`;
  const infoKey = `gladi.seatinfo.${code}`;
  const fresh = sessionStorage.getItem(`gladi.join.${code}`);
  const stored: SeatInfo | null = JSON.parse(storage.get(infoKey) ?? 'null');
  const info: SeatInfo | null = fresh ? JSON.parse(fresh) : stored;
  // A new choice on the home page (other team, role or name) takes a new seat.
  if (fresh && stored && (info!.teamId !== stored.teamId || info!.role !== stored.role || info!.name !== stored.name)) storage.remove(seatKey);

  const root = h('div.player-root');
  // Kept across re-renders: the map's box (its canvas lives on), the data, the tab.
  const mapBox = h('div.map-canvas', { 'data-testid': 'map', role: 'region' });
  let state: DrillState | null = null;
  let tv: TeamViewState | null = null;
  let names = new Names(null);
  let map: MapView | null = null;
  let mapLoading = false;
  let mounted = false;
  let ended = false;
  let destroyed = false;
  let seat: { teamName: string; name: string; role: TeamRole } | null = null;
  let tab: Tab = 'map';
  let unread = 0;
  let banner = '';
  let alertTimer: ReturnType<typeof setTimeout> | null = null;
  const phone = window.matchMedia(PHONE);
  let feedPanel: FeedPanel | null = null;

  // Rebuilt by build(): every element with words in it.
  let ui = build();

  function build() {
    const clockEl = h('span.clock-value', { 'data-testid': 'clock' }, tv ? `H+${clock(tv.view.tick)}` : 'H+0:00');
    const statusEl = h('span.status-chip');
    const titleEl = h('h2.drill-title');
    const seatEl = h('div.seat');
    const scoreEl = h('div.score-box');
    const miniScore = h('span.mini-score', { 'aria-hidden': 'true' });
    const metricsEl = h('div.metrics');
    const moreMetricsEl = h('div.metrics.grid2');
    const moreMetrics = h('details.more-metrics', { 'data-testid': 'more-metrics' }, h('summary', t('player.moreMetrics')), moreMetricsEl);
    const areasEl = h('div.areas-box');
    const cpEl = h('div.cp-box');
    const casEl = h('div.cas-box');
    const sheltersEl = h('div.shelters-box', { 'data-testid': 'shelters' });
    const unitsEl = h('div.units-box', { 'data-testid': 'units' });
    const publicBox = h('div.public-box', { 'data-pane': 'feed' });
    const commandsBox = h('div.commands-box', { 'data-pane': 'commands' });
    const bannerEl = h('div.banner', { role: 'status' }, banner);
    const alertEl = h('div.inject-alert', { role: 'alert', 'data-testid': 'inject-alert', hidden: true });
    const feed = new FeedPanel(() => names);
    if (feedPanel) { feed.adopt(feedPanel); feedPanel.destroy(); }
    feedPanel = feed;
    feed.el.setAttribute('data-pane', 'feed');
    mapMeLabel();

    const tabButtons = TABS.map((k) => {
      const b = h('button.tabbar-btn', {
        type: 'button', role: 'tab', id: `tab-${k}`, 'data-testid': `tab-${k}`, 'data-tab': k, 'aria-selected': String(k === tab),
        tabindex: k === tab ? 0 : -1, onclick: () => setTab(k),
      }, h('span.tab-text', t(`tab.${k}` as MessageKey)));
      if (k === 'feed') b.append(h('span.badge-count', { 'data-testid': 'feed-unread', hidden: unread === 0 }, String(unread)));
      return b;
    });
    const tabbar = h('nav.tabbar', { role: 'tablist', 'aria-label': t('tab.label') }, tabButtons);
    tabbar.addEventListener('keydown', (e) => {
      // Arrow keys move between tabs (WAI-ARIA tabs pattern).
      const i = TABS.indexOf(tab);
      const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
      if (!next) return;
      e.preventDefault();
      setTab(next);
      tabbar.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
    });

    const layout = h('div.play-layout', { 'data-tab': tab },
      alertEl,
      h('div.play-head', titleEl, h('div.clock', clockEl, statusEl, miniScore)),
      h('section.map-pane', { 'data-pane': 'map' }, bannerEl, mapBox, mapLegend()),
      h('aside.side', { 'data-keep-scroll': 'side' },
        h('section.panel.summary', { 'data-pane': 'map' }, seatEl, h('div.score-row', scoreEl, casEl), cpEl, h('h3', t('player.metrics')), metricsEl, moreMetrics),
        commandsBox,
        feed.el,
        publicBox,
        h('section.panel', { 'data-pane': 'shelters' }, h('h3', t('player.shelters')), sheltersEl),
        h('section.panel', { 'data-pane': 'units' }, h('h3', t('player.units')), unitsEl),
        h('section.panel', { 'data-pane': 'map' }, h('h3', t('player.areas')), areasEl),
      ),
      tabbar,
    );
    mapBox.setAttribute('aria-label', t('map.aria'));

    let forms: CommandForms | null = null;
    let pub: PublicInfoPanels | null = null;
    if (tv && seat) {
      forms = new CommandForms(conn, tv.map, seat.role, names);
      forms.picker = (cb) => pickOnMap(cb);
      pub = new PublicInfoPanels(seat.role, forms);
      setChildren(commandsBox, forms.el);
      setChildren(publicBox, pub.social, pub.lapor);
      setChildren(seatEl, h('span.seat-team', { 'data-testid': 'seat-team' }, seat.teamName), h('span.seat-sep', ' · '), h('span', `${seat.name} — ${roleName(seat.role)}`));
    }
    setChildren(root, layout);
    return { layout, clockEl, statusEl, titleEl, seatEl, scoreEl, miniScore, metricsEl, moreMetricsEl, moreMetrics, areasEl, cpEl, casEl, sheltersEl, unitsEl, publicBox, commandsBox, bannerEl, alertEl, feed, forms, pub, tabButtons };
  }

  function mapMeLabel() {
    map?.setWords(mapWords());
  }

  function setTab(k: Tab) {
    tab = k;
    ui.layout.dataset.tab = k;
    for (const b of ui.tabButtons) {
      const on = b.dataset.tab === k;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    if (k === 'feed') { setUnread(0); hideAlert(); }
    if (phone.matches) window.scrollTo(0, 0);
  }

  function setUnread(n: number) {
    unread = n;
    const badge = ui.layout.querySelector<HTMLElement>('[data-testid="feed-unread"]');
    if (badge) { badge.textContent = String(n); badge.hidden = n === 0; }
  }

  /** Closing a road: on a phone, show the map for the tap, then come back to the orders. */
  function pickOnMap(cb: (x: number, y: number) => void) {
    if (!map) return;
    const back = phone.matches ? tab : null;
    if (phone.matches) setTab('map');
    map.pickCell((x, y) => { cb(x, y); if (back) setTab(back); });
  }

  /** A new inject: a visible alert (with the way to the feed) and a vibration where the device has one. */
  function alertInject(item: FeedItem) {
    const { body } = feedWords(item, names);
    const el = ui.alertEl;
    setChildren(el,
      h('div.alert-text', h('strong', t('alert.inject', { from: item.from ?? '' })), body ? h('div.alert-body', body) : null),
      h('div.alert-actions',
        h('button.primary.small', { type: 'button', 'data-testid': 'alert-open', onclick: () => { hideAlert(); setTab('feed'); ui.feed.el.scrollIntoView({ block: 'start' }); } }, t('alert.open')),
        h('button.small', { type: 'button', 'aria-label': t('alert.close'), onclick: () => hideAlert() }, '×')));
    el.hidden = false;
    if (alertTimer) clearTimeout(alertTimer);
    alertTimer = setTimeout(hideAlert, ALERT_MS);
    try { navigator.vibrate?.([200, 100, 200]); } catch { /* not allowed before a user gesture */ }
  }
  function hideAlert() {
    ui.alertEl.hidden = true;
    if (alertTimer) { clearTimeout(alertTimer); alertTimer = null; }
  }

  if (!info) {
    go(`#/?kode=${code}`);
    return { el: root, destroy: () => conn.close() };
  }

  const renderState = () => {
    if (!state) return;
    setChildren(ui.titleEl, pick(state.title));
    ui.statusEl.textContent = t(`status.${state.status}`);
    ui.statusEl.className = `status-chip status-${state.status}`;
    if (state.status === 'lobby') setBanner(t('player.waiting'));
    else if (banner === t('player.waiting')) setBanner('');
    if (state.status === 'ended' && !ended) { ended = true; setTimeout(() => go(`#/debrief/${code}`), 600); }
  };

  function setBanner(text: string) {
    banner = text;
    ui.bannerEl.textContent = text;
  }

  const renderView = () => {
    if (!tv) return;
    const v = tv.view;
    const c = `H+${tickClock(v.tick)}`;
    if (ui.clockEl.textContent !== c) ui.clockEl.textContent = c;
    keyed(ui.scoreEl, String(v.score), () => scoreBlock(v.score));
    keyed(ui.miniScore, String(v.score), () => document.createTextNode(`${t('player.score')} ${Math.round(v.score)}`));
    const keyM = v.metrics.filter((m) => KEY_METRICS.includes(m.id));
    const rest = v.metrics.filter((m) => !KEY_METRICS.includes(m.id));
    keyed(ui.metricsEl, JSON.stringify(keyM), () => keyM.map((m) => metricRow(m)));
    keyed(ui.moreMetricsEl, JSON.stringify(rest), () => rest.map((m) => metricRow(m)));
    ui.moreMetrics.hidden = rest.length === 0;
    keyed(ui.areasEl, JSON.stringify(v.areas), () => areasList(v, names));
    keyed(ui.cpEl, JSON.stringify(v.command), () => commandPostStrip(v));
    keyed(ui.casEl, JSON.stringify(v.casualties), () => casualtiesBlock(v));
    keyed(ui.sheltersEl, JSON.stringify(v.shelters), () => sheltersList(v, names));
    keyed(ui.unitsEl, JSON.stringify(v.units), () => unitsList(v, names, tv!.map));
    ui.pub?.update(v, names);
    ui.forms?.update(v);
  };
  const scheduleView = coalesce(renderView, PANEL_MS);

  const startMap = async () => {
    if (map || mapLoading || !tv || destroyed) return;
    mapLoading = true;
    // Phaser comes with the map module, loaded only here (the home page never loads it).
    const { MapView } = await import('../map/map-view.ts');
    mapLoading = false;
    if (destroyed || map || !tv) return;
    map = new MapView(mapBox, mapWords());
    map.show(tv);
  };

  const onJoined = (ack: JoinAck) => {
    storage.set(seatKey, ack.token);
    storage.set(infoKey, JSON.stringify({ name: ack.name, teamId: ack.teamId, role: ack.role }));
    sessionStorage.removeItem(`gladi.join.${code}`);
    state = ack.state;
    const team = state.teams.find((x) => x.id === ack.teamId);
    const first = !tv;
    seat = { teamName: team?.name ?? ack.teamId, name: ack.name, role: ack.role };
    if (first) {
      tv = new TeamViewState(ack.snapshot);
      tv.subscribe(() => scheduleView());
      // A missed frame (server/protocol/view-diff.ts): ask for the view afresh, once at a time.
      let resyncing = false;
      tv.onGap = async () => {
        if (resyncing) return;
        resyncing = true;
        const r = await conn.request(C2S.viewResync, { code });
        resyncing = false;
        if (r.ok && tv) tv.reset(r.snapshot);
      };
      names = new Names(tv.map);
      const view = tv;
      names.posts = () => view.view.posts;
      // Build with forms, keeping anything typed before the join answered.
      rerender();
      if (mounted) void startMap();
    } else {
      tv!.reset(ack.snapshot);
    }
    // The team's feed as the server has it: a reload or a reconnect loses nothing.
    if (ack.snapshot.feed) ui.feed.setAll(ack.snapshot.feed);
    setBanner('');
    renderState();
    scheduleView.flush();
  };

  /** Rebuild the DOM (another language, or the forms once the seat is known) keeping what was typed and opened. */
  function rerender() {
    const kept = captureForm(root);
    ui = build();
    restoreForm(root, kept);
    setUnread(unread);
    mapMeLabel();
    renderState();
    scheduleView.flush();
  }

  conn.onStatus((online) => showConnection(online, t('conn.online'), t('conn.offline')));
  conn.onConnect(async () => {
    const token = storage.get(seatKey) ?? undefined;
    const ack = await conn.request(C2S.drillJoin, { code, name: info.name, teamId: info.teamId, role: info.role, ...(token ? { token } : {}) });
    if (ack.ok) { onJoined(ack); return; }
    if (ack.error.code === 'wrong_state') { go(`#/debrief/${code}`); return; }
    if (token && (ack.error.code === 'not_found' || ack.error.code === 'bad_request') && ack.error.field !== 'code') {
      // A stale token: forget it and take a fresh seat.
      storage.remove(seatKey);
      const again = await conn.request(C2S.drillJoin, { code, name: info.name, teamId: info.teamId, role: info.role });
      if (again.ok) { onJoined(again); return; }
      setBanner(errorText(again.error));
      return;
    }
    setBanner(errorText(ack.error));
  });
  conn.on(S2C.drillState, (s) => { state = s; renderState(); });
  conn.on(S2C.viewDelta, (d) => { if (tv && d.teamId === tv.teamId) tv.apply(d); });
  conn.on(S2C.viewSnapshot, (snap) => { if (tv && snap.view.teamId === tv.teamId) tv.reset(snap); });
  conn.on(S2C.feed, (item) => {
    if (!ui.feed.add(item)) return;
    const feedOnScreen = !phone.matches || tab === 'feed';
    if (!feedOnScreen) setUnread(unread + 1);
    if (item.kind === 'inject') alertInject(item);
  });
  conn.on(S2C.drillEnded, () => { if (state) state.status = 'ended'; renderState(); });

  return {
    el: root,
    mounted() { mounted = true; void startMap(); },
    relang() { rerender(); },
    destroy() {
      destroyed = true;
      scheduleView.cancel();
      ui.feed.destroy();
      if (alertTimer) clearTimeout(alertTimer);
      map?.destroy();
      conn.close();
    },
  };
}
