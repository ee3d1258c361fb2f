// Hot wash: right after the drill every player answers a short form in their language (top strengths, top areas to
// improve, realism and usefulness 1–5, free text); one answer per seat (a second one replaces the first). The
// facilitator sees the answers summarised: counts, means, the distribution of each rating, and every text.
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { getDoc, putDoc } from './docs.ts';

const text = z.string().trim().max(500);
export const hotwashAnswer = z.strictObject({
  strengths: z.array(text).max(3),
  improvements: z.array(text).max(3),
  realism: z.number().int().min(1).max(5),
  usefulness: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
  lang: z.enum(['id', 'en']).optional(),
});
export type HotwashAnswer = z.infer<typeof hotwashAnswer>;

export interface StoredAnswer extends HotwashAnswer {
  seat: string;
  name: string;
  teamId: string;
  role: string;
  at: string;
}

export interface HotwashSummary {
  count: number;
  realism: { mean: number | null; counts: number[] };
  usefulness: { mean: number | null; counts: number[] };
  strengths: { text: string; name: string; teamId: string }[];
  improvements: { text: string; name: string; teamId: string }[];
  comments: { text: string; name: string; teamId: string }[];
  byTeam: Record<string, number>;
}

export function saveAnswer(store: Store, code: string, a: StoredAnswer): void {
  const all = getDoc<StoredAnswer[]>(store, 'hotwash', code, []).filter((x) => x.seat !== a.seat);
  all.push(a);
  putDoc(store, 'hotwash', code, all);
}

export function answers(store: Store, code: string): StoredAnswer[] {
  return getDoc<StoredAnswer[]>(store, 'hotwash', code, []);
}

export function summarise(all: StoredAnswer[]): HotwashSummary {
  const dist = (k: 'realism' | 'usefulness') => {
    const counts = [0, 0, 0, 0, 0];
    for (const a of all) counts[a[k] - 1]++;
    return { mean: all.length ? Math.round((all.reduce((s, a) => s + a[k], 0) / all.length) * 10) / 10 : null, counts };
  };
  const texts = (pick: (a: StoredAnswer) => string[]) => all.flatMap((a) => pick(a).filter(Boolean).map((t) => ({ text: t, name: a.name, teamId: a.teamId })));
  const byTeam: Record<string, number> = {};
  for (const a of all) byTeam[a.teamId] = (byTeam[a.teamId] ?? 0) + 1;
  return {
    count: all.length, realism: dist('realism'), usefulness: dist('usefulness'),
    strengths: texts((a) => a.strengths), improvements: texts((a) => a.improvements), comments: texts((a) => (a.comment ? [a.comment] : [])), byTeam,
  };
}
