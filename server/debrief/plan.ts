// The improvement plan (the "IP" of the AAR/IP): corrective actions the facilitator writes after the drill, each
// with an owner, a due date and a priority, optionally tied to an objective. Stored whole as the 'plan' document.
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { getDoc, putDoc } from './docs.ts';

export const planItem = z.strictObject({
  objectiveId: z.string().max(80).nullable().optional(),
  action: z.string().trim().min(1).max(1000),
  owner: z.string().trim().max(200),
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').or(z.literal('')),
  priority: z.enum(['high', 'medium', 'low']),
});
export const planBody = z.strictObject({ items: z.array(planItem).max(200) });
export type PlanItem = z.infer<typeof planItem>;

export function getPlan(store: Store, code: string): PlanItem[] {
  return getDoc<PlanItem[]>(store, 'plan', code, []);
}

export function putPlan(store: Store, code: string, items: PlanItem[]): void {
  putDoc(store, 'plan', code, items);
}
