// Player page: the map and a side panel (clock, score, metrics, commands, areas, feed). Joins with the seat
// token kept in localStorage, and re-joins with it on every reconnect.
import { C2S, S2C, type DrillState, type FeedItem, type ViewDelta, type ViewSnapshot } from '../../server/protocol/events.ts';
import type { TeamRole } from '../../server/protocol/rights.ts';
import { pick, t } from '../i18n/index.ts';
import { Connection, storage } from '../net/connection.ts';
import { TeamViewState } from '../net/team-view.ts';
import { MapView } from '../map/map-view.ts';
import { areasList } from '../panels/areas.ts';
import { PublicInfoPanels, casualtiesBlock, commandPostStrip, sheltersList, unitsList } from '../panels/team-panels.ts';
import { CommandForms } from '../panels/command-form.ts';
import { FeedPanel } from '../panels/feed.ts';
import { mapLegend } from '../panels/legend.ts';
import { metricRow, scoreBlock } from '../panels/metrics.ts';
import { h, setChildren } from '../util/dom.ts';
import { Names, clock, errorText, roleName } from '../util/format.ts';
import { go, showConnection, type Page } from './page.ts';

/** Shown at the top; the others fold away (the debrief shows them all). */
const KEY_METRICS = ['residentsSafe', 'timeToWarning'];

interface SeatInfo { name: string; teamId: string; role: TeamRole }
interface JoinAck { token: string; teamId: string; role: TeamRole; name: string; state: DrillState; snapshot: ViewSnapshot }

export function playerPage(code: string): Page {
  const conn = new Connection();
  const seatKey = `gladi.seat.${code}`;
  const infoKey = `gladi.seatinfo.${code}`;
  const fresh = sessionStorage.getItem(`gladi.join.${code}`);
  const stored: SeatInfo | null = JSON.parse(storage.get(infoKey) ?? 'null');
  const info: SeatInfo | null = fresh ? JSON.parse(fresh) : stored;
  // A new choice on the home page (other team, role or name) takes a new seat.
  if (fresh && stored && (info!.teamId !== stored.teamId || info!.role !== stored.role || info!.name !== stored.name)) storage.remove(seatKey);

  const mapBox = h('div.map-canvas', { 'data-testid': 'map' });
  const clockEl = h('span.clock-value', { 'data-testid': 'clock' }, 'H+0:00');
  const statusEl = h('span.status-chip');
  const titleEl = h('h2.drill-title');
  const seatEl = h('div.seat');
  const scoreEl = h('div.score-box');
  const metricsEl = h('div.metrics');
  const moreMetricsEl = h('div.metrics.grid2');
  const moreMetrics = h('details.more-metrics', h('summary', t('player.moreMetrics')), moreMetricsEl);
  const areasEl = h('div.areas-box');
  const cpEl = h('div.cp-box');
  const casEl = h('div.cas-box');
  const sheltersEl = h('div.shelters-box', { 'data-testid': 'shelters' });
  const unitsEl = h('div.units-box', { 'data-testid': 'units' });
  const publicBox = h('div.public-box');
  let pub: PublicInfoPanels | null = null;
  const commandsBox = h('div.commands-box');
  const banner = h('div.banner', { role: 'status' });
  const feed = new FeedPanel(() => names);

  let state: DrillState | null = null;
  let tv: TeamViewState | null = null;
  let names = new Names(null);
  let forms: CommandForms | null = null;
  let map: MapView | null = null;
  let mounted = false;
  let ended = false;

  const el = h('div.play-layout',
    h('section.map-pane', h('div.map-head', titleEl, h('div.clock', clockEl, statusEl)), banner, mapBox, mapLegend()),
    h('aside.side',
      h('section.panel.summary', seatEl, h('div.score-row', scoreEl, casEl), cpEl, h('h3', t('player.metrics')), metricsEl, moreMetrics),
      commandsBox,
      feed.el,
      publicBox,
      h('section.panel', h('h3', t('player.shelters')), sheltersEl),
      h('section.panel', h('h3', t('player.units')), unitsEl),
      h('section.panel', h('h3', t('player.areas')), areasEl),
    ),
  );

  if (!info) {
    go(`#/?kode=${code}`);
    return { el, destroy: () => conn.close() };
  }

  const renderState = () => {
    if (!state) return;
    setChildren(titleEl, pick(state.title));
    statusEl.textContent = t(`status.${state.status}`);
    statusEl.className = `status-chip status-${state.status}`;
    banner.textContent = state.status === 'lobby' ? t('player.waiting') : '';
    banner.hidden = state.status !== 'lobby';
    if (state.status === 'ended' && !ended) { ended = true; setTimeout(() => go(`#/debrief/${code}`), 600); }
  };

  const renderView = () => {
    if (!tv) return;
    const v = tv.view;
    clockEl.textContent = `H+${clock(v.tick)}`;
    setChildren(scoreEl, scoreBlock(v.score));
    const key = v.metrics.filter((m) => KEY_METRICS.includes(m.id));
    const rest = v.metrics.filter((m) => !KEY_METRICS.includes(m.id));
    setChildren(metricsEl, key.map((m) => metricRow(m)));
    setChildren(moreMetricsEl, rest.map((m) => metricRow(m)));
    moreMetrics.hidden = rest.length === 0;
    setChildren(areasEl, areasList(v, names));
    setChildren(cpEl, commandPostStrip(v));
    setChildren(casEl, casualtiesBlock(v));
    setChildren(sheltersEl, sheltersList(v, names));
    setChildren(unitsEl, unitsList(v, names, tv.map));
    pub?.update(v, names);
    forms?.update(v);
  };

  const onJoined = (ack: JoinAck) => {
    storage.set(seatKey, ack.token);
    storage.set(infoKey, JSON.stringify({ name: ack.name, teamId: ack.teamId, role: ack.role }));
    sessionStorage.removeItem(`gladi.join.${code}`);
    state = ack.state;
    const team = state.teams.find((x) => x.id === ack.teamId);
    setChildren(seatEl, h('span.seat-team', { 'data-testid': 'seat-team' }, team?.name ?? ack.teamId), h('span.seat-sep', ' · '), h('span', `${ack.name} — ${roleName(ack.role)}`));
    if (!tv) {
      tv = new TeamViewState(ack.snapshot);
      tv.subscribe(() => renderView());
      names = new Names(tv.map);
      const view = tv;
      names.posts = () => view.view.posts;
      forms = new CommandForms(conn, tv.map, ack.role, names);
      forms.picker = (cb) => map?.pickCell(cb);
      pub = new PublicInfoPanels(ack.role, forms);
      setChildren(commandsBox, forms.el);
      setChildren(publicBox, pub.social, pub.lapor);
      if (mounted) startMap();
    } else {
      tv.reset(ack.snapshot);
    }
    renderState();
    renderView();
  };

  const startMap = () => {
    if (!map && tv) { map = new MapView(mapBox); map.show(tv); }
  };

  conn.onStatus((online) => showConnection(online, t('conn.online'), t('conn.offline')));
  conn.onConnect(async () => {
    const token = storage.get(seatKey) ?? undefined;
    const ack = await conn.request<JoinAck>(C2S.drillJoin, { code, name: info.name, teamId: info.teamId, role: info.role, ...(token ? { token } : {}) });
    if (ack.ok) { onJoined(ack); return; }
    if (ack.error.code === 'wrong_state') { go(`#/debrief/${code}`); return; }
    if (token && (ack.error.code === 'not_found' || ack.error.code === 'bad_request') && ack.error.field !== 'code') {
      // A stale token: forget it and take a fresh seat.
      storage.remove(seatKey);
      const again = await conn.request<JoinAck>(C2S.drillJoin, { code, name: info.name, teamId: info.teamId, role: info.role });
      if (again.ok) { onJoined(again); return; }
      banner.hidden = false; banner.textContent = errorText(again.error);
      return;
    }
    banner.hidden = false;
    banner.textContent = errorText(ack.error);
  });
  conn.on<DrillState>(S2C.drillState, (s) => { state = s; renderState(); });
  conn.on<ViewDelta>(S2C.viewDelta, (d) => { if (tv && d.teamId === tv.teamId) tv.apply(d); });
  conn.on<ViewSnapshot>(S2C.viewSnapshot, (snap) => { if (tv && snap.view.teamId === tv.teamId) tv.reset(snap); });
  conn.on<FeedItem>(S2C.feed, (item) => feed.add(item));
  conn.on<{ code: string }>(S2C.drillEnded, () => { if (state) state.status = 'ended'; renderState(); });

  return {
    el,
    mounted() { mounted = true; startMap(); },
    destroy() { map?.destroy(); conn.close(); },
  };
}
