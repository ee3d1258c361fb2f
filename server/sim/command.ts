// Commands as the engine receives them. The single definition is the spec of each command in
// server/protocol/commands/ (type, fields, roles, refusals); the zod schema is derived from it in
// server/protocol/command-schema.ts. This module keeps the older import paths working.
export {
  CHANNELS, COMMAND_TYPES, EMERGENCY_STATUSES, REFUSAL_CODES, WARNING_LEVELS,
  type Channel, type Command, type CommandType, type EmergencyStatus, type Refusal, type RefusalCode, type WarningLevel,
} from '../protocol/commands/index.ts';
export { commandSchema } from '../protocol/command-schema.ts';
