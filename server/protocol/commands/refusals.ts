// Every reason the engine may refuse a command: a code the interface turns into words (client/i18n, `refusal.<code>`),
// plus the names involved in `detail`.
export const REFUSAL_CODES = [
  'drill_over', 'unknown_area', 'unknown_shelter', 'unknown_unit', 'unit_busy', 'shelter_full',
  /** The shelter is closed: open it first. */
  'shelter_closed',
  /** The shelter is already open. */
  'shelter_open',
  /** People are still in the shelter; it cannot be closed. */
  'shelter_occupied',
  /** The unit belongs to an agency that has not yet come (request support first, or wait for it). */
  'unit_not_arrived',
  /** Taken out of play by an inject (breakdown, called away). */
  'unit_unavailable',
  /** The NGO has not joined coordination at the posko (hold a coordination meeting). */
  'ngo_not_coordinated',
  /** The unit's task queue is full. */
  'queue_full',
  /** This unit cannot do that kind of work (e.g. a kitchen sent to rescue). */
  'wrong_capability',
  /** Dana siap pakai and outside support need an emergency status in force (UU 24/2007, docs/domain.md#law). */
  'no_emergency_status',
  'status_unchanged', 'invalid_status_transition', 'posko_active',
  /** A coordination meeting needs an active posko. */
  'no_posko',
  'meeting_too_soon', 'outside_map', 'not_a_road', 'road_closed', 'unknown_post', 'not_a_rumour', 'already_clarified',
  'unknown_complaint', 'already_answered', 'support_already_requested', 'sitrep_too_soon',
  /** No such puskesmas or hospital (or no such target). */
  'unknown_facility',
  /** The facility has no patients left. */
  'facility_empty',
  /** Its patients are already being moved. */
  'facility_evacuating',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Why the engine refuses a command. */
export interface Refusal {
  code: RefusalCode;
  detail?: string;
}
