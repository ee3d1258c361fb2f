// The map legend, in the DOM (so its words come from the dictionaries), and the few words the map draws.
import { num, t } from '../i18n/index.ts';
import { h } from '../util/dom.ts';
import {
  BREACH, DEBRIS, DOT_INJURED, DOT_MOVING, DOT_STRANDED, EMBANKMENT, FACILITY_EVACUATING, FACILITY_FLOODED, HOSPITAL, LANDSLIDE, PUSKESMAS, ROAD_CLOSED,
  SHELTER, SHELTER_CLOSED, SHELTER_FLAGGED, SHELTER_TES, UNIT, css, rgbaOfWater,
} from '../map/colors.ts';
import type { MapWords } from '../map/map-scene.ts';
import type { MapInfo } from '../../server/protocol/events.ts';

/** The legend, folded away on phones (where the map tab needs the room) and open on wider screens. */
export function mapLegend(): HTMLElement {
  const phone = window.matchMedia('(max-width: 760px)').matches;
  return h('details.legend-box', { 'data-testid': 'map-legend', open: !phone }, h('summary', t('map.legend.title')), legendItems());
}

function legendItems(): HTMLElement {
  const w = (dm: number) => { const [r, g, b, a] = rgbaOfWater(dm); return `rgba(${r},${g},${b},${(a / 255).toFixed(2)})`; };
  return h('div.map-legend',
    h('span.legend-item', h('span.water-ramp', { style: `background:linear-gradient(90deg, ${w(1)}, ${w(8)}, ${w(15)})` }), t('map.legend.water'), ' ', h('span.muted', t('map.legend.metres', { m: `${num(0.1, 1)}–${num(1.5, 1)}+` }))),
    h('span.legend-item', h('span.dot', { style: `background:${css(DOT_MOVING)}` }), t('map.legend.moving')),
    h('span.legend-item', h('span.dot', { style: `background:${css(DOT_STRANDED)};box-shadow:0 0 0 2px #fff inset` }), t('map.legend.stranded')),
    h('span.legend-item', h('span.dot', { style: `background:${css(DOT_INJURED)};box-shadow:0 0 0 2px #fff inset` }), t('map.legend.injured')),
    h('span.legend-item', h('span.sq', { style: `background:${css(SHELTER)}` }), t('map.legend.shelter')),
    h('span.legend-item', h('span.sq', { style: `background:${css(SHELTER_CLOSED)}` }), t('map.legend.closed')),
    h('span.legend-item', h('span.sq', { style: `background:${css(SHELTER_FLAGGED)}` }), t('map.legend.over')),
    h('span.legend-item', h('span.dot.big', { style: `background:${css(UNIT)}` }), t('map.legend.unit')),
    h('span.legend-item', h('span.sq.cross', { style: `background:${css(ROAD_CLOSED)}` }), t('map.legend.road')),
    h('span.legend-item', h('span.sq', { style: `background:${css(LANDSLIDE)}` }), t('map.legend.landslide')),
    h('span.legend-item', { 'data-layer': 'debris' }, h('span.sq', { style: `background:linear-gradient(90deg, ${css(DEBRIS[0])} 33%, ${css(DEBRIS[1])} 33% 66%, ${css(DEBRIS[2])} 66%)` }), t('map.legend.debris')),
    h('span.legend-item', { 'data-layer': 'tes' }, h('span.sq.tes', { style: `background:${css(SHELTER_TES)}` }), t('map.legend.tes')),
    h('span.legend-item', { 'data-layer': 'hospital' }, h('span.sq.plus', { style: `background:${css(HOSPITAL)}` }), t('map.legend.hospital')),
    h('span.legend-item', { 'data-layer': 'puskesmas' }, h('span.dot.plus', { style: `background:${css(PUSKESMAS)}` }), t('map.legend.puskesmas')),
    h('span.legend-item', { 'data-layer': 'facility-flooded' }, h('span.dot.ring', { style: `background:${css(PUSKESMAS)};box-shadow:0 0 0 2px #fff, 0 0 0 4px ${css(FACILITY_FLOODED)}` }), t('map.legend.facilityFlooded')),
    h('span.legend-item', { 'data-layer': 'facility-evac' }, h('span.dot.ring', { style: `background:${css(PUSKESMAS)};box-shadow:0 0 0 2px #fff, 0 0 0 4px ${css(FACILITY_EVACUATING)}` }), t('map.legend.facilityEvac')),
    h('span.legend-item', { 'data-layer': 'embankment' }, h('span.bank', { style: `background:linear-gradient(90deg, ${css(EMBANKMENT)} 55%, ${css(BREACH)} 55%)` }), t('map.legend.breach')),
    h('span.legend-item.muted', t('map.legend.tapHint')),
  );
}

/** Words drawn on the map itself (shelter flags), in the current language. */
export function mapWords(): MapWords {
  return {
    over: t('map.over'), noWater: t('map.noWater'), noFood: t('map.noFood'),
    // Templates: the map fills {patients}, {beds} and {name} itself.
    patients: t('map.patients'), flooded: t('map.facilityFlooded'), evacuating: t('map.facilityEvac'), slid: t('map.slid'), breached: t('map.breached'),
  };
}

/** Hides the legend entries of layers this map does not have (TES, hospitals, puskesmas, embankments). */
export function fitLegend(root: ParentNode, map: MapInfo): void {
  const facs = map.facilities ?? [];
  const has: Record<string, boolean> = {
    tes: map.shelters.some((s) => s.vertical),
    hospital: facs.some((f) => f.kind === 'hospital'),
    puskesmas: facs.some((f) => f.kind !== 'hospital'),
    'facility-flooded': facs.length > 0,
    'facility-evac': facs.length > 0,
    embankment: (map.embankments?.length ?? 0) > 0,
    debris: (map.rivers ?? []).some((r) => r.debris),
  };
  for (const el of root.querySelectorAll<HTMLElement>('.map-legend [data-layer]')) el.hidden = !has[el.dataset.layer ?? ''];
}
