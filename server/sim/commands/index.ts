// The registry of engine commands: one module per command (check + effect). Adding a command = its spec in
// server/protocol/commands/, its module here, its words (client/i18n) and its test.
import type { Command, CommandType, Refusal } from '../command.ts';
import type { World } from '../world-state.ts';
import { activatePosko } from './activate-posko.ts';
import { answerComplaint } from './answer-complaint.ts';
import { closeRoad } from './close-road.ts';
import { closeShelter } from './close-shelter.ts';
import { declareStatus } from './declare-status.ts';
import { evacuate } from './evacuate.ts';
import { evacuateFacility } from './evacuate-facility.ts';
import { holdCoordinationMeeting } from './hold-coordination-meeting.ts';
import { openShelter } from './open-shelter.ts';
import { publishClarification } from './publish-clarification.ts';
import { requestSupport } from './request-support.ts';
import { resupplyShelter } from './resupply-shelter.ts';
import { submitSitrep } from './submit-sitrep.ts';
import { taskUnit } from './task-unit.ts';
import type { CommandModule, CommandOf } from './types.ts';
import { warn } from './warn.ts';

export { MEETING_MIN_GAP } from './hold-coordination-meeting.ts';
export { RESUPPLY_DELAY_MIN } from './resupply-shelter.ts';
export { SITREP_MIN_GAP, sitrepTruth } from './submit-sitrep.ts';
export type { CommandModule, CommandOf } from './types.ts';

/** Every command the engine knows, by type. Typed so a command type without a module fails to compile. */
export const COMMAND_MODULES: { readonly [K in CommandType]: CommandModule<K> } = {
  warn, evacuate, task_unit: taskUnit, declare_status: declareStatus, activate_posko: activatePosko,
  open_shelter: openShelter, close_shelter: closeShelter, resupply_shelter: resupplyShelter, close_road: closeRoad,
  publish_clarification: publishClarification, answer_complaint: answerComplaint, request_support: requestSupport,
  hold_coordination_meeting: holdCoordinationMeeting, submit_sitrep: submitSitrep, evacuate_facility: evacuateFacility,
};

function moduleOf<K extends CommandType>(type: K): CommandModule<K> {
  return COMMAND_MODULES[type] as CommandModule<K>;
}

/** Checks a command against the world without changing it. Used by the server before it logs and acks. */
export function checkCommand(w: World, cmd: Command): Refusal | null {
  if (w.tick >= w.scenario.durationTicks) return { code: 'drill_over' };
  const m = moduleOf(cmd.type);
  if (!m) return null;
  return m.check(w, cmd as CommandOf<typeof cmd.type>);
}

/**
 * Applies a command at the world's current tick: checked again (a refusal becomes a 'refused' event and changes
 * nothing else), then its effect. Returns the refusal, or null when applied.
 */
export function applyCommand(w: World, cmd: Command): Refusal | null {
  const refusal = checkCommand(w, cmd);
  if (refusal) {
    w.events.push({ tick: w.tick, kind: 'refused', refusal });
    return refusal;
  }
  moduleOf(cmd.type).apply(w, cmd as CommandOf<typeof cmd.type>);
  return null;
}
