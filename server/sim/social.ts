// Public trust per neighbourhood, the social feed (rumours/hoaxes and clarifications) and LAPOR!-style complaints.
// Trust is raised by timely warnings, answered complaints, clarifications and sitreps; lowered by
// silence, hoaxes and broken promises. The sizes of the steps are design choices, listed here in one place.
import type { World } from './world-state.ts';

export const TRUST = {
  timelyWarning: 0.05,
  lateWarning: -0.05,
  fastClarification: 0.03,
  slowClarification: 0.01,
  answeredComplaint: 0.02,
  sitrep: 0.01,
  turnedAway: -0.02,
  noWarningFlood: -0.08,
  /** Per minute while a hoax runs unanswered in an area (≈ −0.18 per hour). */
  hoaxPerMinute: -0.003,
  /** Per minute per complaint left unanswered for more than an hour. */
  staleComplaintPerMinute: -0.0005,
  /** Per minute of public silence beyond SILENCE_MIN after the official alert. */
  silencePerMinute: -0.0005,
  min: 0.05,
  max: 1,
};
/** A hoax stops spreading after this many minutes (design choice). */
export const HOAX_LIFETIME_MIN = 120;
/**
 * Chance per minute that a live, unanswered hoax jumps to another neighbourhood through the WhatsApp groups that
 * link them (family, mosque, market groups), scaled by how little that neighbourhood trusts official information.
 * Design choice: at trust 0.5 a hoax reaches a given other area in about 40 minutes on average.
 */
export const HOAX_SPREAD_PER_MIN = 0.05;

/** Uniform [0, 1) from a few integers, so the spread needs no random stream of its own (pure, replayable). */
function hashUniform(a: number, b: number, c: number, d: number): number {
  let h = 0x9e3779b9 ^ a;
  for (const v of [b, c, d]) {
    h = Math.imul(h ^ v, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 4294967296;
}
export const SILENCE_MIN = 60;
export const COMPLAINT_STALE_MIN = 60;

export interface FeedPost {
  id: string;
  tick: number;
  kind: 'hoax' | 'clarification';
  areas: number[];
  clarifiedTick: number;
  text: { id: string; en: string };
}

export type ComplaintTopic = 'no_warning' | 'turned_away' | 'shelter_supplies' | 'shelter_crowded' | 'no_rescue';

export interface Complaint {
  id: string;
  tick: number;
  hood: number;
  topic: ComplaintTopic;
  shelter: number;
  answeredTick: number;
}

export function adjustTrust(w: World, k: number, delta: number): void {
  const hood = w.hoods[k];
  if (!hood) return;
  const t = hood.trust + delta;
  hood.trust = t < TRUST.min ? TRUST.min : t > TRUST.max ? TRUST.max : t;
}

/** File a complaint, unless the same topic from the same area is already open. */
export function addComplaint(w: World, k: number, topic: ComplaintTopic, shelter: number): void {
  if (w.complaints.some((c) => c.hood === k && c.topic === topic && c.shelter === shelter && c.answeredTick < 0)) return;
  const c: Complaint = { id: `lapor-${w.complaints.length + 1}`, tick: w.tick, hood: k, topic, shelter, answeredTick: -1 };
  w.complaints.push(c);
  if (topic === 'no_warning') adjustTrust(w, k, TRUST.noWarningFlood);
  w.events.push({ tick: w.tick, kind: 'complaint', id: c.id, area: w.scenario.neighbourhoods[k]?.id, text: topic });
}

export function stepSocial(w: World): void {
  const sc = w.scenario;
  const minutes = sc.tickSeconds / 60;
  const now = w.tick * minutes;
  // Scenario rumours appear at their minute.
  for (const r of sc.rumours ?? []) {
    if (Math.floor(r.minute / minutes) !== w.tick) continue;
    const areas = r.areas.length ? r.areas.map((a) => sc.neighbourhoods.findIndex((n) => n.id === a)) : sc.neighbourhoods.map((_, k) => k);
    w.posts.push({ id: r.id, tick: w.tick, kind: 'hoax', areas, clarifiedTick: -1, text: r.text });
    w.events.push({ tick: w.tick, kind: 'hoax', id: r.id, text: r.text.en });
  }
  w.posts.forEach((p, n) => {
    if (p.kind !== 'hoax' || p.clarifiedTick >= 0) return;
    if ((w.tick - p.tick) * minutes >= HOAX_LIFETIME_MIN) return;
    for (const k of p.areas) adjustTrust(w, k, TRUST.hoaxPerMinute * minutes);
    // Spread through the groups to areas it has not reached yet.
    for (let k = 0; k < w.hoods.length; k++) {
      if (p.areas.includes(k)) continue;
      const chance = HOAX_SPREAD_PER_MIN * minutes * 2 * (1 - w.hoods[k].trust);
      if (hashUniform(w.seed, w.tick, n, k) < chance) {
        p.areas.push(k);
        w.events.push({ tick: w.tick, kind: 'hoax', id: p.id, area: sc.neighbourhoods[k].id, text: p.text.en });
      }
    }
  });
  for (const c of w.complaints) {
    if (c.answeredTick >= 0 || (w.tick - c.tick) * minutes < COMPLAINT_STALE_MIN) continue;
    adjustTrust(w, c.hood, TRUST.staleComplaintPerMinute * minutes);
  }
  const alertMin = sc.officialAlertTick * minutes;
  const lastPublic = w.lastPublicTick >= 0 ? w.lastPublicTick * minutes : alertMin;
  if (now > alertMin && now - lastPublic > SILENCE_MIN) for (let k = 0; k < w.hoods.length; k++) adjustTrust(w, k, TRUST.silencePerMinute * minutes);
}
