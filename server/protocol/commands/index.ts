// The registry of commands as the protocol knows them: one spec per command, in the order the interface lists them.
// Adding a command = a spec here, its engine module (server/sim/commands/), its words (client/i18n) and its test.
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
import type { CommandOfSpec, CommandSpec, FieldSpec, Ref } from './spec.ts';
import { submitSitrep } from './submit-sitrep.ts';
import { taskUnit } from './task-unit.ts';
import { warn } from './warn.ts';

export * from './options.ts';
export * from './refusals.ts';
export * from './spec.ts';
export { SUPPORT_FROM } from './request-support.ts';

export const COMMAND_SPECS = [
  warn, evacuate, taskUnit, declareStatus, activatePosko, openShelter, closeShelter, resupplyShelter, closeRoad,
  publishClarification, answerComplaint, requestSupport, holdCoordinationMeeting, submitSitrep, evacuateFacility,
] as const;

/** A player's command, as the engine receives it (derived from the specs). */
export type Command = CommandOfSpec<(typeof COMMAND_SPECS)[number]>;
export type CommandType = Command['type'];
export const COMMAND_TYPES: CommandType[] = COMMAND_SPECS.map((s) => s.type);

const BY_TYPE = new Map<string, CommandSpec>(COMMAND_SPECS.map((s) => [s.type, s]));
/** The spec of a command type (undefined for an unknown type). */
export function specOf(type: string): CommandSpec | undefined {
  return BY_TYPE.get(type);
}

/**
 * What a command names, by kind (areas, shelters, units, rumours, complaints, facilities), read from the fields the
 * spec marks with a `ref`: used to match commands against inject expectations and to describe them.
 */
export function commandTargets(cmd: { type: string } & Record<string, unknown>): { ref: Ref; id: string }[] {
  const spec = specOf(cmd.type);
  if (!spec) return [];
  const out: { ref: Ref; id: string }[] = [];
  for (const [name, f] of Object.entries(spec.fields) as [string, FieldSpec][]) {
    if (!('ref' in f) || !f.ref) continue;
    const v = cmd[name];
    if (typeof v === 'string') out.push({ ref: f.ref, id: v });
    else if (Array.isArray(v)) for (const id of v) if (typeof id === 'string') out.push({ ref: f.ref, id });
  }
  return out;
}
