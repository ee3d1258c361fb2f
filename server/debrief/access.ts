// Who is asking, for the debrief's HTTP endpoints: the facilitator (key in header x-gladi-key or ?key=, or the
// drill's facilitator token in x-gladi-token), an evaluator (x-gladi-evaluator: the evaluator code), a seated
// player (x-gladi-token: the seat token), or nobody in particular.
import type { Request } from 'express';
import { hashToken } from '../drill/drill-registry.ts';
import type { Store } from '../store/store.ts';

export type Viewer =
  | { role: 'facilitator' }
  | { role: 'evaluator' }
  | { role: 'player'; teamId: string; name: string; tokenHash: string }
  | { role: 'public' };

const header = (req: Request, name: string): string | undefined => {
  const v = req.get(name);
  return typeof v === 'string' && v.length > 0 && v.length < 200 ? v : undefined;
};

export function facilitatorKeyOf(req: Request): string | undefined {
  const q = req.query.key;
  return header(req, 'x-gladi-key') ?? (typeof q === 'string' && q.length < 200 ? q : undefined);
}

export function viewerOf(req: Request, store: Store, facilitatorKey: string, code: string): Viewer {
  if (facilitatorKeyOf(req) === facilitatorKey) return { role: 'facilitator' };
  const rec = store.getDrill(code);
  if (!rec) return { role: 'public' };
  const token = header(req, 'x-gladi-token');
  if (token) {
    const th = hashToken(token);
    if (th === rec.facilitatorTokenHash) return { role: 'facilitator' };
    const seat = store.findSeat(code, th);
    if (seat) return { role: 'player', teamId: seat.teamId, name: seat.name, tokenHash: th };
  }
  const ev = header(req, 'x-gladi-evaluator');
  if (ev && ev.toUpperCase() === rec.evaluatorCode) return { role: 'evaluator' };
  return { role: 'public' };
}
