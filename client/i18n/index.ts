// t(key, params): the one way the client turns a message key into words. Keys are typed (MessageKey), so a
// misspelt key or a key missing from a dictionary fails `tsc`.
import { en } from './en.ts';
import { id, type MessageKey } from './id.ts';

export type { MessageKey };
export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

const DICTS: Record<Lang, Record<MessageKey, string>> = { id, en };
const STORAGE_KEY = 'gladi.lang';

function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'id' || v === 'en') return v;
  } catch { /* storage blocked: default */ }
  return 'id';
}

let current: Lang = initialLang();
const listeners = new Set<(l: Lang) => void>();

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  if (l === current) return;
  current = l;
  try { localStorage.setItem(STORAGE_KEY, l); } catch { /* ignore */ }
  document.documentElement.lang = l;
  for (const f of listeners) f(l);
}

export function onLangChange(f: (l: Lang) => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

export type Params = Record<string, string | number | null | undefined>;

export function t(key: MessageKey, params?: Params): string {
  const s = DICTS[current][key] ?? DICTS.id[key] ?? key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    return v === undefined || v === null ? m : String(v);
  });
}

/** Dynamic keys (role.*, channel.*, …) from data: falls back to the raw value when the dictionary lacks it. */
export function tMaybe(key: string, fallback: string, params?: Params): string {
  return key in DICTS.id ? t(key as MessageKey, params) : fallback;
}

/** A bilingual text from the scenario ({id, en}): the current language, else Indonesian. */
export function pick(text: { id: string; en: string } | undefined | null): string {
  if (!text) return '';
  return (current === 'en' ? text.en : text.id) || text.id || text.en;
}

/** Numbers in the current locale. */
export function num(n: number, digits = 0): string {
  return n.toLocaleString(current === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
