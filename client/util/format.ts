// Turning numbers, errors and feed items into words, through the dictionaries.
import type { AckError, FeedItem, MapInfo, PostView } from '../../server/protocol/events.ts';
import type { UnitView } from '../../server/protocol/events.ts';
import type { ComplaintTopic } from '../../server/sim/social.ts';
import type { CommandType, EmergencyStatus, Refusal } from '../../server/sim/command.ts';
import type { WorldEvent } from '../../server/sim/world.ts';
import { num, pick, t, tMaybe, type MessageKey } from '../i18n/index.ts';

// Words for everything the engine can say: a refusal code, world event kind, command type, emergency status or
// unit phase added on the server without its dictionary entry makes `tsc` fail here.
type MissingKeys =
  | Exclude<`refusal.${Refusal['code']}`, MessageKey>
  | Exclude<`event.${WorldEvent['kind']}`, MessageKey>
  | Exclude<`cmd.${CommandType}` | `feed.cmd.${CommandType}`, MessageKey>
  | Exclude<`estatus.${EmergencyStatus}`, MessageKey>
  | Exclude<`phase.${UnitView['phase']}`, MessageKey>
  | Exclude<`complaint.${ComplaintTopic}`, MessageKey>;
export const ALL_WORDS_PRESENT: [MissingKeys] extends [never] ? true : MissingKeys = true;


/** H+h:mm from a tick (1 tick = 1 scenario minute by default); from the second day "d hh:mm" (shown as "H+1 06:30"). */
export function clock(tick: number, minutesPerTick = 1): string {
  const m = Math.max(0, Math.floor(tick * minutesPerTick));
  const hm = (x: number) => `${Math.floor(x / 60)}:${String(x % 60).padStart(2, '0')}`;
  return m < 1440 ? hm(m) : `${Math.floor(m / 1440)} ${hm(m % 1440).padStart(5, '0')}`;
}

let drillMinutesPerTick = 1;
/** Scenario minutes per tick of the drill on screen (multi-day scenarios tick every 10–60 minutes); set from its map. */
export function setMinutesPerTick(m: number | undefined): void {
  drillMinutesPerTick = m && m > 0 ? m : 1;
}
/** Clock of a tick of the drill on screen (see clock). */
export function tickClock(tick: number): string {
  return clock(tick, drillMinutesPerTick);
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

export function statusName(s: string | null | undefined): string {
  return s ? tMaybe(`estatus.${s}`, s) : '';
}

const SHELTER_DETAIL = new Set(['unknown_shelter', 'shelter_full', 'shelter_closed', 'shelter_open', 'shelter_occupied']);
const UNIT_DETAIL = new Set(['unknown_unit', 'unit_busy', 'unit_unavailable', 'unit_not_arrived', 'queue_full', 'wrong_capability']);

/** A refusal in words; with the map's names, ids in the detail become names. */
export function refusalText(r: { code: string; detail?: string } | undefined, names?: Names): string {
  if (!r) return '';
  let detail = r.detail ?? '';
  if (detail && names) {
    if (SHELTER_DETAIL.has(r.code)) detail = names.shelter(detail);
    else if (UNIT_DETAIL.has(r.code)) detail = names.unit(detail);
    else if (r.code === 'unknown_area') detail = names.area(detail);
    else if (r.code === 'ngo_not_coordinated') detail = names.ngo(detail);
  }
  if (r.code === 'no_emergency_status') detail = tMaybe(`refusal.needStatus.${detail}`, statusName(detail));
  else if (r.code === 'status_unchanged') detail = statusName(detail);
  else if (r.code === 'invalid_status_transition') detail = detail.split('→').map((x) => (x === 'none' ? t('post.noStatus') : statusName(x))).join(' → ');
  return tMaybe(`refusal.${r.code}`, t('refusal.other', { code: r.code }), { detail, code: r.code }).replace(/ \(\)$/, '');
}

/** Which field of a request a server error names, in words (the last part of the path that has words). */
export function fieldName(field: string | undefined): string {
  if (!field) return '';
  const parts = field.split('.').filter((p) => !/^\d+$/.test(p)).reverse();
  for (const p of parts) {
    if (['water', 'food', 'hygiene', 'toilets', 'sheltered', 'stranded', 'casualties'].includes(p)) return t('field.amount');
    const w = tMaybe(`field.${p}`, '');
    if (w) return w;
  }
  return '';
}

/**
 * An ack error as a sentence in the current language that says what to do: by code and field, never the server's
 * own (English, schema) text.
 */
export function errorText(e: AckError['error'] | undefined, names?: Names): string {
  if (!e) return t('error.network');
  if (e.code === 'refused') return t('error.refused', { reason: refusalText(e.refusal, names) || t('err.bad_request') });
  // The rights gate's reason, when it has words (client/i18n/words-authority.ts: team full, joining locked, …).
  const gate = e.reason ? tMaybe(`gate.${e.reason}`, '') : '';
  if (gate) return gate;
  const field = e.field ?? (/^([\w.]+):/.exec(e.message ?? '')?.[1] || undefined);
  switch (e.code) {
    case 'bad_key': return t(field === 'evaluatorCode' ? 'err.bad_key.evaluatorCode' : field === 'token' ? 'err.bad_key.token' : 'err.bad_key.key');
    case 'not_found': return t(field === 'code' || /join code/.test(e.message ?? '') ? 'err.not_found.code' : 'err.not_found');
    case 'bad_request': {
      if (field === 'evaluatorCode') return t('home.eval.short');
      const f = fieldName(field);
      return f ? t('err.bad_request.field', { field: f }) : t('err.bad_request');
    }
    case 'wrong_state':
      if (/not started/.test(e.message ?? '')) return t('err.wrong_state.lobby');
      if (/ended/.test(e.message ?? '')) return t('err.wrong_state.ended');
      return t('err.wrong_state');
    case 'unknown_event': case 'too_large': case 'rate_limited': case 'forbidden': case 'not_joined': case 'internal':
      return e.code === 'internal' && e.message === 'timeout' ? t('error.network') : t(`err.${e.code}`);
    default: return t('err.internal');
  }
}

/** Names for ids (areas, shelters, units) from the map. */
export class Names {
  /** Posts of the team's view, for the text of a rumour named in the feed. */
  posts: () => PostView[] = () => [];
  constructor(private map: MapInfo | null) {}
  ngo(id: string | undefined): string {
    if (!id) return '';
    return this.map?.units.find((u) => u.ngo === id)?.ngoName ?? id.toUpperCase();
  }
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
  // World events also carry id (status, rumour, complaint, cell) and text (complaint topic); commands carry
  // only kind, area, shelter, unit, channel, level.
  const ev = item.event;
  if (!ev) return { head: '', body: pick(item.text) };
  const p = {
    area: names.area(ev.area), shelter: names.shelter(ev.shelter), unit: names.unit(ev.unit),
    count: ev.count === undefined ? '' : num(ev.count), channel: channelName(ev.channel), level: levelName(ev.level),
    by: item.by ?? '', kind: ev.kind, reason: refusalText(ev.refusal, names),
    status: statusName(ev.id), id: ev.id ?? '', support: ev.id ? tMaybe(`support.${ev.id}`, ev.id) : '',
    topic: ev.text ? tMaybe(`complaint.${ev.text}`, ev.text) : '',
    embankment: ev.embankment ? slugName(ev.embankment) : '',
  };
  if (item.kind === 'command') {
    // What the player wrote (warning text, clarification, complaint answer) follows the headline.
    return { head: tMaybe(`feed.cmd.${ev.kind}`, t('event.unknown', p), p), body: ev.text ? t('feed.quote', { text: ev.text }) : '' };
  }
  if (ev.kind === 'hoax') {
    // Which rumour and where, so a run of rumours does not read as one line repeated.
    const post = ev.id ? names.posts().find((x) => x.id === ev.id) : undefined;
    const where = post?.areas.length ? post.areas.map((a) => names.area(a)).join(', ') : names.area(ev.area);
    return { head: where ? t('feed.hoaxAt', { area: where }) : t('feed.hoaxAny'), body: post ? t('feed.quote', { text: pick(post.text) }) : '' };
  }
  return { head: tMaybe(`event.${ev.kind}`, t('event.unknown', p), p), body: '' };
}

/** 'kampung-pondok' → 'Kampung Pondok' when the map (and so the real name) is not at hand. */
export function slugName(id: string): string {
  return id.split('-').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
}
