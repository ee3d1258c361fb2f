// Who is asking, from the credentials a socket message or an HTTP request carries: the facilitator key, the drill's
// facilitator token, the evaluator code, or a player's seat token. The rights gate (server/protocol/rights-gate.ts)
// then decides what they may do. HTTP headers: x-gladi-key (or ?key=), x-gladi-token, x-gladi-evaluator.
import { timingSafeEqual } from 'node:crypto';
import type { Principal } from '../protocol/rights-gate.ts';
import { isTeamRole } from '../protocol/rights.ts';
import type { Store } from '../store/store.ts';
import { hashToken } from './drill-registry.ts';

export interface Credentials {
  key?: string;
  /** The facilitator token from drill:create, or a player's seat token. */
  token?: string;
  evaluatorCode?: string;
}

/** Equal strings, compared in constant time (a key is not guessed a character at a time). */
export function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function principalOf(store: Store, facilitatorKey: string, code: string, c: Credentials): Principal {
  if (sameSecret(c.key, facilitatorKey)) return { role: 'facilitator' };
  const rec = store.getDrill(code);
  if (!rec) return { role: 'public' };
  if (c.token) {
    const th = hashToken(c.token);
    if (th === rec.facilitatorTokenHash) return { role: 'facilitator' };
    const seat = store.findSeat(code, th);
    if (seat && isTeamRole(seat.role as never)) return { role: 'player', teamId: seat.teamId, seatRole: seat.role as never, name: seat.name, tokenHash: th };
  }
  if (c.evaluatorCode && c.evaluatorCode.toUpperCase() === rec.evaluatorCode) return { role: 'evaluator' };
  return { role: 'public' };
}

/** Credentials from HTTP headers (and ?key= for links the facilitator opens). */
export function credentialsOf(header: (name: string) => string | undefined, query: Record<string, unknown> = {}): Credentials {
  const h = (n: string) => { const v = header(n); return typeof v === 'string' && v.length > 0 && v.length < 200 ? v : undefined; };
  const q = typeof query.key === 'string' && query.key.length < 200 ? query.key : undefined;
  return { key: h('x-gladi-key') ?? q, token: h('x-gladi-token'), evaluatorCode: h('x-gladi-evaluator') };
}
