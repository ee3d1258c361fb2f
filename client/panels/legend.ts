// The map legend, in the DOM (so its words come from the dictionaries), and the few words the map draws.
import { num, t } from '../i18n/index.ts';
import { h } from '../util/dom.ts';
import { DOT_INJURED, DOT_MOVING, DOT_STRANDED, LANDSLIDE, ROAD_CLOSED, SHELTER, SHELTER_CLOSED, SHELTER_FLAGGED, UNIT, css, rgbaOfWater } from '../map/colors.ts';

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
  );
}

/** Words drawn on the map itself (shelter flags), in the current language. */
export function mapWords(): { over: string; noWater: string; noFood: string } {
  return { over: t('map.over'), noWater: t('map.noWater'), noFood: t('map.noFood') };
}
