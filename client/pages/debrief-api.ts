// HTTP calls of the debrief pages and the EEG panel, with the credentials this browser holds for a drill: the
// facilitator key (this tab) or token, an evaluator code, or a player's seat token (server/debrief/access.ts).
import { t } from '../i18n/index.ts';
import { sessionStore, storage } from '../net/connection.ts';
import { h } from '../util/dom.ts';

/** Headers that say who is asking: the facilitator key or token, an evaluator code, or a player's seat token. */
export function authHeaders(code: string, prefer: 'any' | 'seat' = 'any'): Record<string, string> {
  const out: Record<string, string> = {};
  const key = sessionStore.get('gladi.fac.key');
  const fac = storage.get(`gladi.fac.${code}`);
  const seat = storage.get(`gladi.seat.${code}`);
  const ev = storage.get(`gladi.eval.${code}`);
  if (prefer === 'seat') { if (seat) out['x-gladi-token'] = seat; return out; }
  if (key) out['x-gladi-key'] = key;
  const token = fac ?? seat;
  if (token) out['x-gladi-token'] = token;
  if (ev) out['x-gladi-evaluator'] = ev;
  return out;
}

export async function api<T>(code: string, path: string, init: { method?: string; body?: unknown; prefer?: 'any' | 'seat' } = {}): Promise<{ ok: true; data: T } | { ok: false; message: string; status: number }> {
  try {
    const r = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...authHeaders(code, init.prefer) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const body = await r.json().catch(() => null) as (T & { error?: { message: string } }) | null;
    if (!r.ok) return { ok: false, status: r.status, message: body?.error?.message ?? `HTTP ${r.status}` };
    return { ok: true, data: body as T };
  } catch (e) {
    return { ok: false, status: 0, message: String((e as Error).message ?? e) };
  }
}

/** Downloads or opens a file the server gives only with credentials (report, exports). */
export async function fetchFile(code: string, path: string, filename: string, open: boolean): Promise<void> {
  const r = await fetch(path, { headers: authHeaders(code) });
  if (!r.ok) { alert(t('deb.failed', { msg: `HTTP ${r.status}` })); return; }
  const url = URL.createObjectURL(await r.blob());
  if (open) window.open(url, '_blank');
  else { const a = h('a', { href: url, download: filename }); document.body.appendChild(a); a.click(); a.remove(); }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

