// The feed: injects (from, channel, text) and world events in words, newest first.
import type { FeedItem } from '../../server/protocol/events.ts';
import { t } from '../i18n/index.ts';
import { h, setChildren } from '../util/dom.ts';
import { clock, feedWords, type Names } from '../util/format.ts';

const MAX_ITEMS = 300;

export class FeedPanel {
  readonly el: HTMLElement;
  private list: HTMLElement;
  private items: FeedItem[] = [];

  constructor(private names: () => Names, private teamName?: (id: string | null) => string | null) {
    this.list = h('ol.feed-list', { 'aria-live': 'polite', 'data-testid': 'feed' });
    this.el = h('section.panel.feed', h('h3', t('player.feed')), this.list);
    this.render();
  }

  add(item: FeedItem): void {
    this.items.unshift(item);
    if (this.items.length > MAX_ITEMS) this.items.length = MAX_ITEMS;
    this.list.querySelector('.feed-empty')?.remove();
    this.list.prepend(this.row(item));
    while (this.list.children.length > MAX_ITEMS) this.list.lastElementChild?.remove();
  }

  setAll(items: FeedItem[]): void {
    this.items = [...items].reverse().slice(0, MAX_ITEMS);
    this.render();
  }

  private render(): void {
    setChildren(this.list, this.items.length ? this.items.map((i) => this.row(i)) : h('li.feed-empty', t('feed.empty')));
  }

  private row(item: FeedItem): HTMLElement {
    const { head, body } = feedWords(item, this.names());
    const team = this.teamName?.(item.teamId);
    const refused = item.event?.kind === 'refused';
    return h(`li.feed-item.${item.kind}${refused ? '.refused' : ''}`, { 'data-kind': item.kind },
      h('div.feed-meta', h('span.feed-time', `H+${clock(item.tick)}`), team ? h('span.feed-team', t('feed.team', { team })) : null, h('span.feed-head', head)),
      body ? h('div.feed-body', body) : null,
    );
  }
}
