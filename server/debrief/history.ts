// Training over time: the facilitator tags each drill with its cohort and the agency each team stands for; the
// history gathers, for every ended drill, each team's score and objective ratings and who played, so an agency's
// and a participant's drills can be followed over time. A drill's results are computed once after its end and kept
// as its 'summary' document (opening every old drill's log again for each history view would be slow).
import { z } from 'zod';
import type { DrillRegistry } from '../drill/drill-registry.ts';
import { getDoc, putDoc } from './docs.ts';
import { objectivesOf, type Rating } from './objectives.ts';

export const tagsBody = z.strictObject({
  cohort: z.string().trim().max(120),
  agencies: z.array(z.string().trim().min(1).max(120)).max(20),
  /** The agency each team stood for (team id → agency name). */
  teamAgencies: z.record(z.string().max(80), z.string().trim().max(120)).optional(),
});
export type Tags = z.infer<typeof tagsBody> & { importedFrom?: string; branchOf?: string };

export interface DrillSummary {
  code: string;
  date: string;
  scenarioId: string;
  title: { id: string; en: string };
  teams: { id: string; name: string; score: number; agency: string | null; players: { name: string; role: string }[]; ratings: Record<string, Rating | null> }[];
}

export interface HistoryEntry extends DrillSummary {
  cohort: string | null;
  agencies: string[];
}

export function getTags(reg: DrillRegistry, code: string): Tags | null {
  return getDoc<Tags | null>(reg.store, 'tags', code, null);
}

export function putTags(reg: DrillRegistry, code: string, tags: Tags): void {
  putDoc(reg.store, 'tags', code, tags);
  const s = getDoc<DrillSummary | null>(reg.store, 'summary', code, null);
  // The team → agency link lives in the summary too: drop it so it is rebuilt with the new tags.
  if (s) putDoc(reg.store, 'summary', code, null);
}

function summaryOf(reg: DrillRegistry, code: string): DrillSummary | null {
  const kept = getDoc<DrillSummary | null>(reg.store, 'summary', code, null);
  if (kept) return kept;
  const d = reg.get(code);
  if (!d || d.status !== 'ended') return null;
  const rec = reg.store.getDrill(code)!;
  const tags = getTags(reg, code);
  const seats = reg.store.listSeats(code).filter((s) => !s.tokenHash.startsWith('policy-'));
  const objectives = objectivesOf(d, reg.store);
  const debrief = d.debrief();
  const s: DrillSummary = {
    code, date: rec.createdAt, scenarioId: rec.scenarioId, title: d.scenario.title,
    teams: debrief.teams.map((t) => ({
      id: t.id, name: t.name, score: t.score, agency: tags?.teamAgencies?.[t.id] || null,
      players: seats.filter((x) => x.teamId === t.id).map((x) => ({ name: x.name, role: x.role })),
      ratings: Object.fromEntries(objectives.map((o) => {
        const ot = o.teams.find((x) => x.teamId === t.id);
        return [o.id, ot?.rating?.rating ?? ot?.suggested ?? null];
      })),
    })),
  };
  putDoc(reg.store, 'summary', code, s);
  return s;
}

/** Every ended drill with its tags and results, oldest first. */
export function history(reg: DrillRegistry): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const rec of reg.store.listDrills()) {
    if (rec.status !== 'ended') continue;
    const s = summaryOf(reg, rec.code);
    if (!s) continue;
    const tags = getTags(reg, rec.code);
    out.push({ ...s, cohort: tags?.cohort || null, agencies: tags?.agencies ?? [] });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
