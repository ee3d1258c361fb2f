// Areas with status chips: warned level, evacuation order → shelter, flooded, people counts.
import type { TeamView } from '../../server/protocol/events.ts';
import { num, t } from '../i18n/index.ts';
import { h } from '../util/dom.ts';
import { levelName, type Names } from '../util/format.ts';

export function areasList(view: TeamView, names: Names): HTMLElement {
  return h('ul.areas', view.areas.map((a) => {
    const p = a.people;
    const total = p.home + p.aware + p.moving + p.sheltered + p.stranded + p.rescued;
    const safe = p.sheltered + p.rescued;
    const chips = [
      a.warned ? h(`span.chip.level-${a.level ?? 'none'}`, t('area.warned', { level: levelName(a.level) })) : h('span.chip.muted', t('area.notWarned')),
      a.orderShelter ? h('span.chip.order', t('area.order', { shelter: names.shelter(a.orderShelter) })) : null,
      a.flooded ? h('span.chip.flooded', t('area.flooded')) : null,
    ];
    const seg = (n: number, cls: string) => (total > 0 && n > 0 ? h(`span.seg.${cls}`, { style: `width:${(100 * n) / total}%` }) : null);
    return h('li.area', { 'data-area': a.id },
      h('div.area-head', h('strong', names.area(a.id)), h('span.muted', `${num(safe)} / ${num(total)}`)),
      h('div.chips', chips),
      h('div.people-bar', { title: t('area.people', { home: num(p.home + p.aware), moving: num(p.moving), sheltered: num(p.sheltered), stranded: num(p.stranded), rescued: num(p.rescued) }) },
        seg(p.sheltered + p.rescued, 'safe'), seg(p.moving, 'moving'), seg(p.stranded, 'stranded'), seg(p.home + p.aware, 'home')),
      h('div.people-text', t('area.peopleShort', { home: num(p.home + p.aware), moving: num(p.moving), sheltered: num(safe), stranded: num(p.stranded) })),
    );
  }));
}
