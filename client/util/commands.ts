// Every command type, for the client's selects (command.ts itself pulls in zod). The record makes tsc fail when
// the engine adds a command type the client does not list.
import type { CommandType } from '../../server/sim/command.ts';
import { tMaybe } from '../i18n/index.ts';

const ALL: Record<CommandType, true> = {
  warn: true, evacuate: true, task_unit: true, declare_status: true, activate_posko: true, open_shelter: true,
  close_shelter: true, resupply_shelter: true, close_road: true, publish_clarification: true, answer_complaint: true,
  request_support: true, hold_coordination_meeting: true, submit_sitrep: true, evacuate_facility: true,
};
export const COMMAND_TYPES = Object.keys(ALL) as CommandType[];

/** A command type (an MSEL expected action) in words. */
export function commandName(type: string | null | undefined): string {
  return type ? tMaybe(`cmd.${type}`, type) : '';
}
