// The feed: injects (from, channel, text) and world events in words, newest first. New items are buffered and
// written together (at most a few times a second), after the frame that came with them, so a rumour's row can
// name the post it is about. A reconnect's snapshot replaces the list; an item seen twice is shown once.
import type { FeedItem } from '../../server/protocol/events.ts';
import { t } from '../i18n/index.ts';
import { h, setChildren } from '../util/dom.ts';
import { feedWords, tickClock, type Names } from '../util/format.ts';
import { coalesce } from '../util/throttle.ts';

const MAX_ITEMS = 300;
/** Feed rows are written at most this often (ms). */
const FLUSH_MS = 500;

const itemKey = (i: FeedItem) => JSON.stringify([i.teamId, i.tick, i.kind, i.no, i.by, i.event, i.toRole]);

export class FeedPanel {
  readonly el: HTMLElement;
  private list: HTMLElement;
  private items: FeedItem[] = [];
  private seen = new Set<string>();
  private buffer: FeedItem[] = [];
  private flushSoon = coalesce(() => this.flush(), FLUSH_MS);

  constructor(private names: () => Names, private teamName?: (id: string | null) => string | null) {
    this.list = h('ol.feed-list', { 'aria-live': 'polite', 'data-testid': 'feed', 'data-keep-scroll': 'feed', tabindex: 0, 'aria-label': t('player.feed') });
    this.el = h('section.panel.feed', h('h3', t('player.feed')), this.list);
    this.render();
  }

  /** A live item; returns false when it was already shown (a replay after a reconnect). */
  add(item: FeedItem): boolean {
    const k = itemKey(item);
    if (this.seen.has(k)) return false;
    this.seen.add(k);
    this.buffer.push(item);
    this.flushSoon();
    return true;
  }

  /** The whole feed, oldest first (a snapshot's). */
  setAll(items: FeedItem[]): void {
    this.flushSoon.cancel();
    this.buffer = [];
    this.items = [...items].reverse().slice(0, MAX_ITEMS);
    this.seen = new Set(this.items.map(itemKey));
    this.render();
  }

  /** Merge a snapshot's items with what is shown (several teams' feeds in the control room). */
  merge(items: FeedItem[]): void {
    const fresh = items.filter((i) => !this.seen.has(itemKey(i)));
    for (const i of fresh) this.seen.add(itemKey(i));
    this.items = [...this.items, ...fresh].sort((a, b) => b.tick - a.tick).slice(0, MAX_ITEMS);
    this.render();
  }

  /** All items, newest first (for a re-render in another language). */
  all(): FeedItem[] {
    return [...this.buffer].reverse().concat(this.items);
  }

  /** Carry the items over from the panel this one replaces (a re-render in another language). */
  adopt(from: FeedPanel): void {
    from.flushSoon.cancel();
    this.items = from.all().slice(0, MAX_ITEMS);
    this.seen = from.seen;
    this.render();
  }

  destroy(): void {
    this.flushSoon.cancel();
  }

  private flush(): void {
    if (!this.buffer.length) return;
    const fresh = this.buffer.splice(0).reverse();
    this.items = fresh.concat(this.items);
    if (this.items.length > MAX_ITEMS) this.items.length = MAX_ITEMS;
    this.list.querySelector('.feed-empty')?.remove();
    this.list.prepend(...fresh.map((i) => this.row(i)));
    while (this.list.children.length > MAX_ITEMS) this.list.lastElementChild?.remove();
  }

  private render(): void {
    setChildren(this.list, this.items.length ? this.items.map((i) => this.row(i)) : h('li.feed-empty', t('feed.empty')));
  }

  private row(item: FeedItem): HTMLElement {
    const { head, body } = feedWords(item, this.names());
    const team = this.teamName?.(item.teamId);
    const refused = item.event?.kind === 'refused';
    return h(`li.feed-item.${item.kind}${refused ? '.refused' : ''}`, { 'data-kind': item.kind },
      h('div.feed-meta', h('span.feed-time', `H+${tickClock(item.tick)}`), team ? h('span.feed-team', t('feed.team', { team })) : null, h('span.feed-head', head)),
      body ? h('div.feed-body', body) : null,
    );
  }
}
