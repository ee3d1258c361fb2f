// Every command type, for the client's selects: the list of command specs (server/protocol/commands/, zod-free).
import { tMaybe } from '../i18n/index.ts';
export { COMMAND_TYPES } from '../../server/protocol/commands/index.ts';

/** A command type (an MSEL expected action) in words. */
export function commandName(type: string | null | undefined): string {
  return type ? tMaybe(`cmd.${type}`, type) : '';
}
