// Commands: a player's intent as the engine receives it. Schemas here are the single definition; the protocol
// module wraps them in socket messages and the rights table names them.
import { z } from 'zod';

const id = z.string().min(1).max(64);

export { CHANNELS, EMERGENCY_STATUSES, WARNING_LEVELS, type Channel, type EmergencyStatus, type WarningLevel } from './command-options.ts';
import { CHANNELS, EMERGENCY_STATUSES, WARNING_LEVELS } from './command-options.ts';

export const warnCommand = z.strictObject({
  type: z.literal('warn'),
  areas: z.array(id).min(1).max(50),
  channel: z.enum(CHANNELS),
  level: z.enum(WARNING_LEVELS),
  message: z.string().max(500).optional(),
});

export const evacuateCommand = z.strictObject({
  type: z.literal('evacuate'),
  areas: z.array(id).min(1).max(50),
  shelterId: id,
});

export const taskUnitCommand = z.strictObject({
  type: z.literal('task_unit'),
  unitId: id,
  area: id,
  /** Queue the task behind the unit's current one instead of being refused as busy. */
  queue: z.boolean().optional(),
});

export const declareStatusCommand = z.strictObject({ type: z.literal('declare_status'), status: z.enum(EMERGENCY_STATUSES) });
export const activatePoskoCommand = z.strictObject({ type: z.literal('activate_posko') });
export const openShelterCommand = z.strictObject({ type: z.literal('open_shelter'), shelterId: id });
export const closeShelterCommand = z.strictObject({ type: z.literal('close_shelter'), shelterId: id });
export const resupplyShelterCommand = z.strictObject({
  type: z.literal('resupply_shelter'),
  shelterId: id,
  /** Litres of water, person-days of food, hygiene kits, portable toilets; omitted = one day for the current occupants. */
  water: z.number().int().min(0).max(1_000_000).optional(),
  food: z.number().int().min(0).max(100_000).optional(),
  hygiene: z.number().int().min(0).max(100_000).optional(),
  toilets: z.number().int().min(0).max(1000).optional(),
});
export const closeRoadCommand = z.strictObject({ type: z.literal('close_road'), x: z.number().int().min(0), y: z.number().int().min(0) });
export const publishClarificationCommand = z.strictObject({ type: z.literal('publish_clarification'), postId: id, message: z.string().max(500).optional() });
export const answerComplaintCommand = z.strictObject({ type: z.literal('answer_complaint'), complaintId: id, message: z.string().max(500).optional() });
export const requestSupportCommand = z.strictObject({ type: z.literal('request_support'), from: z.enum(['province', 'bnpb']) });
export const holdCoordinationMeetingCommand = z.strictObject({ type: z.literal('hold_coordination_meeting') });
export const submitSitrepCommand = z.strictObject({
  type: z.literal('submit_sitrep'),
  /** People reported in shelters, stranded, and injured or dead; compared with ground truth for sitrep accuracy. */
  sheltered: z.number().int().min(0).max(10_000_000).optional(),
  stranded: z.number().int().min(0).max(10_000_000).optional(),
  casualties: z.number().int().min(0).max(10_000_000).optional(),
});

/** Move a health facility's in-patients to another facility or a shelter (health-facility.ts). */
export const evacuateFacilityCommand = z.strictObject({ type: z.literal('evacuate_facility'), facilityId: id, to: id });

export const commandSchema = z.discriminatedUnion('type', [
  warnCommand, evacuateCommand, taskUnitCommand,
  declareStatusCommand, activatePoskoCommand, openShelterCommand, closeShelterCommand, resupplyShelterCommand,
  closeRoadCommand, publishClarificationCommand, answerComplaintCommand, requestSupportCommand,
  holdCoordinationMeetingCommand, submitSitrepCommand, evacuateFacilityCommand,
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export const COMMAND_TYPES: CommandType[] = [
  'warn', 'evacuate', 'task_unit',
  'declare_status', 'activate_posko', 'open_shelter', 'close_shelter', 'resupply_shelter', 'close_road',
  'publish_clarification', 'answer_complaint', 'request_support', 'hold_coordination_meeting', 'submit_sitrep', 'evacuate_facility',
];

/** Why the engine refuses a command: a code the interface turns into words, plus the names involved. */
export interface Refusal {
  code:
    | 'unknown_area' | 'unknown_shelter' | 'unknown_unit' | 'unit_busy' | 'shelter_full' | 'drill_over'
    /** The shelter is closed: open it first. */
    | 'shelter_closed'
    /** The shelter is already open. */
    | 'shelter_open'
    /** People are still in the shelter; it cannot be closed. */
    | 'shelter_occupied'
    /** The unit belongs to an agency that has not yet come (request support first, or wait for it). */
    | 'unit_not_arrived'
    /** Taken out of play by an inject (breakdown, called away). */
    | 'unit_unavailable'
    /** The NGO has not joined coordination at the posko (hold a coordination meeting). */
    | 'ngo_not_coordinated'
    /** The unit's task queue is full. */
    | 'queue_full'
    /** This unit cannot do that kind of work (e.g. a kitchen sent to rescue). */
    | 'wrong_capability'
    /** Dana siap pakai and outside support need an emergency status in force (UU 24/2007, docs/domain.md#law). */
    | 'no_emergency_status'
    | 'status_unchanged'
    | 'invalid_status_transition'
    | 'posko_active'
    /** A coordination meeting needs an active posko. */
    | 'no_posko'
    | 'meeting_too_soon'
    | 'outside_map'
    | 'not_a_road'
    | 'road_closed'
    | 'unknown_post'
    | 'not_a_rumour'
    | 'already_clarified'
    | 'unknown_complaint'
    | 'already_answered'
    | 'support_already_requested'
    | 'sitrep_too_soon'
    /** No such puskesmas or hospital (or no such target). */
    | 'unknown_facility'
    /** The facility has no patients left. */
    | 'facility_empty'
    /** Its patients are already being moved. */
    | 'facility_evacuating';
  detail?: string;
}
