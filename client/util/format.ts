// Turning numbers, errors and feed items into words, through the dictionaries.
import type { AckError, FeedItem, MapInfo } from '../../server/protocol/events.ts';
import { num, pick, t, tMaybe } from '../i18n/index.ts';

/** H+h:mm from a tick (1 tick = 1 scenario minute by default). */
export function clock(tick: number, minutesPerTick = 1): string {
  const m = Math.max(0, Math.floor(tick * minutesPerTick));
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

export function roleName(role: string): string {
  return tMaybe(`role.${role}`, role);
}
export function channelName(c: string | undefined): string {
  return c ? tMaybe(`channel.${c}`, c) : '';
}
export function levelName(l: string | null | undefined): string {
  return l ? tMaybe(`level.${l}`, l) : '';
}
export function methodName(m: string | undefined): string {
  return m ? tMaybe(`method.${m}`, m) : '';
}

export function refusalText(r: { code: string; detail?: string } | undefined): string {
  if (!r) return '';
  return tMaybe(`refusal.${r.code}`, t('refusal.other', { code: r.code }), { detail: r.detail ?? '', code: r.code }).replace(/ \(\)$/, '');
}

/** An ack error in words, in the current language. */
export function errorText(e: AckError['error'] | undefined): string {
  if (!e) return t('error.network');
  if (e.code === 'refused') return t('error.refused', { reason: refusalText(e.refusal) || e.message });
  return tMaybe(`error.${e.code}`, e.message, { message: e.message });
}

/** Names for ids (areas, shelters, units) from the map. */
export class Names {
  constructor(private map: MapInfo | null) {}
  area(id: string | undefined): string {
    if (!id) return '';
    return id.split(', ').map((one) => this.map?.neighbourhoods.find((n) => n.id === one)?.name ?? slugName(one)).join(', ');
  }
  shelter(id: string | null | undefined): string {
    if (!id) return '';
    return this.map?.shelters.find((s) => s.id === id)?.name ?? id.toUpperCase();
  }
  unit(id: string | undefined): string {
    if (!id) return '';
    const u = this.map?.units.find((x) => x.id === id);
    return u ? `${u.ngoName} (${tMaybe(`unit.${u.kind}`, u.kind)})` : id;
  }
}

/** One feed item as a headline (and optional body text). */
export function feedWords(item: FeedItem, names: Names): { head: string; body: string } {
  if (item.kind === 'inject') {
    const head = [t('feed.inject', { from: item.from ?? '', method: methodName(item.method) }), item.toRole ? t('feed.toRole', { role: roleName(item.toRole) }) : '']
      .filter(Boolean).join(' · ');
    const extra = item.problem ? t('feed.problem', { problem: item.problem }) : '';
    return { head, body: [pick(item.text), extra].filter(Boolean).join(' — ') };
  }
  const ev = item.event;
  if (!ev) return { head: '', body: pick(item.text) };
  const p = {
    area: names.area(ev.area), shelter: names.shelter(ev.shelter), unit: names.unit(ev.unit),
    count: ev.count === undefined ? '' : num(ev.count), channel: channelName(ev.channel), level: levelName(ev.level),
    by: item.by ?? '', kind: ev.kind, reason: refusalText(ev.refusal),
  };
  if (item.kind === 'command') {
    return { head: tMaybe(`feed.cmd.${ev.kind}`, t('event.unknown', p), p), body: '' };
  }
  return { head: tMaybe(`event.${ev.kind}`, t('event.unknown', p), p), body: '' };
}

/** 'kampung-pondok' → 'Kampung Pondok' when the map (and so the real name) is not at hand. */
export function slugName(id: string): string {
  return id.split('-').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
}
