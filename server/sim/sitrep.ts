// A situation report as the engine keeps it: what the team reported, the ground truth at that tick, and how close
// it was. Formula in docs/scoring.md (sitrep accuracy).

export interface SitrepFigures {
  sheltered: number;
  stranded: number;
  casualties: number;
}

export interface SitrepRecord {
  tick: number;
  /** 0–1: mean over the three figures; a figure left out scores 0. */
  accuracy: number;
  reported: Partial<SitrepFigures>;
  truth: SitrepFigures;
}

export const SITREP_FIELDS = ['sheltered', 'stranded', 'casualties'] as const;

/** Per figure 1 − |reported − truth| ÷ max(truth, 10), floored at 0 (10 people: the error a head count at a post
 *  makes anyway; design choice); a figure not reported scores 0. */
export function sitrepAccuracy(reported: Partial<SitrepFigures>, truth: SitrepFigures): number {
  let sum = 0;
  for (const key of SITREP_FIELDS) {
    const r = reported[key];
    if (r === undefined) continue;
    sum += 1 - Math.min(1, Math.abs(r - truth[key]) / Math.max(truth[key], 10));
  }
  return sum / SITREP_FIELDS.length;
}
