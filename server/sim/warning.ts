// How a warning reaches households. Reach and delay per channel are design choices, ordered as docs/domain.md#warnings
// describes them: sirens and loudspeakers reach most people fast, SMS and WhatsApp need a phone, radio reaches few,
// door-to-door by volunteers is slow but reaches nearly everyone, the vulnerable first.
import type { Channel, WarningLevel } from './command.ts';

export interface ChannelProfile {
  /** Probability that one household notices and understands the warning. */
  reach: number;
  /** Minutes before the warning reaches a household (mean of an exponential spread). */
  meanDelay: number;
  /** Needs a phone in the household. */
  needsPhone: boolean;
  /** Reach multiplier for households with an elderly, disabled or infant member (hard of hearing, no smartphone,
   *  cannot leave the house to check). Design choice. */
  vulnerableReach: number;
}

export const CHANNEL_PROFILES: Record<Channel, ChannelProfile> = {
  siren: { reach: 0.85, meanDelay: 1, needsPhone: false, vulnerableReach: 0.7 },
  mosque: { reach: 0.8, meanDelay: 3, needsPhone: false, vulnerableReach: 0.75 },
  sms: { reach: 0.75, meanDelay: 5, needsPhone: true, vulnerableReach: 0.6 },
  radio: { reach: 0.35, meanDelay: 10, needsPhone: false, vulnerableReach: 1 },
  whatsapp: { reach: 0.7, meanDelay: 8, needsPhone: true, vulnerableReach: 0.5 },
  door: { reach: 0.95, meanDelay: 25, needsPhone: false, vulnerableReach: 1 },
};

/** Door-to-door: minutes one volunteer spends per household (design choice: knock, explain, help pack). Volunteers visit
 *  households with vulnerable members first (Destana registers of the vulnerable). */
export const DOOR_MINUTES_PER_HOUSEHOLD = 3;
export const DEFAULT_VOLUNTEERS = 4;

/**
 * Multiplier on the departure delay by warning level: a stronger level means less milling
 * (Lindell & Perry's PADM, docs/domain.md#warnings: credibility and social cues set the delay).
 */
export const LEVEL_DELAY_FACTOR: Record<WarningLevel, number> = { waspada: 1.6, siaga: 1, awas: 0.7 };

/** Probability that an aware household obeys an evacuation order, by its trust in government (0–1). Design choice:
 *  half of the most sceptical still go; nearly all of the most trusting do. */
export function complianceProbability(trust: number, level: WarningLevel): number {
  const base = 0.5 + 0.45 * trust;
  return Math.min(0.98, level === 'awas' ? base + 0.1 : level === 'waspada' ? base - 0.15 : base);
}

/** Mean departure delay (minutes) after an order reaches an aware household. Design choice: 20 min for a
 *  fully trusting household, up to 40 min for a sceptical one (milling, gathering family). */
export function meanDepartureDelay(trust: number, level: WarningLevel): number {
  return (20 + 20 * (1 - trust)) * LEVEL_DELAY_FACTOR[level];
}
