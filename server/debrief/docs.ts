// The debrief's own documents per drill (hot-wash answers, improvement plan, evaluator ratings, cohort tags,
// branch links), kept as JSON in the store's settings table under `debrief:<kind>:<code>`: every Store
// implementation has it, so the debrief needs no change to the store interface. One document per drill and kind,
// read and rewritten whole (Node runs one request at a time, so a read-modify-write cannot interleave).
import type { Store } from '../store/store.ts';

export type DocKind = 'hotwash' | 'plan' | 'ratings' | 'tags' | 'branch' | 'branches' | 'summary' | 'start';

const key = (kind: DocKind, code: string) => `debrief:${kind}:${code}`;

export function getDoc<T>(store: Store, kind: DocKind, code: string, fallback: T): T {
  const raw = store.getSetting(key(kind, code));
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function putDoc(store: Store, kind: DocKind, code: string, value: unknown): void {
  store.putSetting(key(kind, code), JSON.stringify(value));
}
