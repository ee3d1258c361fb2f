// The info box of a map feature (a tap on a phone, the mouse over it on a desktop): a health facility's kind,
// patients against beds, flooded or being evacuated; a shelter or TES with its evacuees and stocks; a landslide;
// an embankment and its breach; a river; a neighbourhood (its name label) with its warning and people. Words from the dictionaries (client/i18n/words-towns-map.ts).
import { num, t, tMaybe } from '../i18n/index.ts';
import type { MapInfo, TeamView } from '../../server/protocol/events.ts';
import type { MapFeature } from '../map/map-scene.ts';
import { h } from '../util/dom.ts';

/** The box's content, or null when the feature is not (or no longer) on the map. */
export function mapTipContent(f: MapFeature, map: MapInfo, view: TeamView): HTMLElement | null {
  switch (f.kind) {
    case 'facility': {
      const info = map.facilities?.find((x) => x.id === f.id);
      if (!info) return null;
      const v = view.facilities?.find((x) => x.id === f.id);
      return h('div.map-tip-body',
        h('div.map-tip-kind', t(info.kind === 'hospital' ? 'map.tip.hospital' : 'map.tip.puskesmas')),
        h('strong', info.name),
        v ? h('div', t('map.tip.patients', { patients: num(v.patients), beds: num(v.beds) })) : null,
        v && (v.moved > 0 || v.harmed > 0) ? h('div', t('map.tip.moved', { moved: num(Math.floor(v.moved)), harmed: num(Math.floor(v.harmed)) })) : null,
        h(v?.flooded ? 'div.map-tip-warn' : 'div.muted', t(v?.flooded ? 'map.tip.flooded' : 'map.tip.dry')),
        v?.evacuating ? h('div.map-tip-evac', t('map.tip.evacuating')) : null,
      );
    }
    case 'shelter': {
      const info = map.shelters.find((x) => x.id === f.id);
      if (!info) return null;
      const v = view.shelters.find((x) => x.id === f.id);
      return h('div.map-tip-body',
        h('div.map-tip-kind', t(info.vertical ? 'map.tip.tes' : 'map.tip.shelter')),
        h('strong', info.name),
        h('div', t('map.tip.occupants', { occupants: num(v?.occupants ?? 0), capacity: num(v?.capacity ?? info.capacity) })),
        v ? h('div.muted', t('map.tip.stocks', { water: num(v.water), food: num(v.food), toilets: num(v.toilets) })) : null,
        v && !v.open ? h('div.map-tip-warn', t('map.tip.shelterClosed')) : null,
      );
    }
    case 'landslide': {
      const info = map.landslides?.find((x) => x.id === f.id);
      if (!info) return null;
      const slid = (view.slidZones ?? []).includes(f.id);
      return h('div.map-tip-body',
        h('div.map-tip-kind', t('map.tip.landslide')),
        h('strong', info.name),
        h(slid ? 'div.map-tip-warn' : 'div.muted', t(slid ? 'map.tip.landslideBody' : 'map.tip.landslideStanding')),
      );
    }
    case 'embankment': {
      const info = map.embankments?.find((x) => x.id === f.id);
      if (!info) return null;
      const gap = info.cells.filter((c) => (view.breaches ?? []).includes(c)).length;
      return h('div.map-tip-body',
        h('div.map-tip-kind', t(gap ? 'map.tip.breach' : 'map.tip.embankment')),
        h('strong', info.name),
        h(gap ? 'div.map-tip-warn' : 'div.muted', gap ? t('map.tip.breachBody', { metres: num(gap * map.cellSize) }) : t('map.tip.embankmentBody')),
      );
    }
    case 'area': {
      const info = map.neighbourhoods.find((x) => x.id === f.id);
      const v = view.areas.find((x) => x.id === f.id);
      if (!info || !v) return null;
      const p = v.people;
      return h('div.map-tip-body',
        h('div.map-tip-kind', t('map.tip.area')),
        h('strong', info.name),
        v.warned
          ? h('div', t('map.tip.warned', { level: v.level ? tMaybe(`level.${v.level}`, v.level) : '—', channels: v.channels.map((c) => tMaybe(`channel.${c}`, c)).join(', ') || '—' }))
          : h('div.map-tip-warn', t('map.tip.notWarned')),
        v.flooded ? h('div.map-tip-warn', t('map.tip.areaFlooded')) : null,
        h('div.muted', t('map.tip.people', { home: num(p.home + p.aware), moving: num(p.moving), sheltered: num(p.sheltered + p.rescued), stranded: num(p.stranded), injured: num(p.injured), dead: num(p.dead) })),
      );
    }
    case 'river': {
      const info = map.rivers?.[Number(f.id)];
      if (!info) return null;
      return h('div.map-tip-body', h('div.map-tip-kind', t(info.boundary ? 'map.tip.water' : 'map.tip.river')), h('strong', info.name),
        h('div.muted', t(info.boundary ? 'map.tip.waterBody' : 'map.tip.riverBody')));
    }
  }
}

/** The close button's label (the box also closes on a tap elsewhere). */
export function mapTipCloseLabel(): string {
  return t('map.tip.close');
}
