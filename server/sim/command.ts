// Commands: a player's intent as the engine receives it. Schemas here are the single definition; the protocol
// module wraps them in socket messages and the rights table names them.
import { z } from 'zod';

const id = z.string().min(1).max(64);

/** Warning channels (DESIGN.md): each has its own reach and delay, set in warning.ts. */
export const CHANNELS = ['siren', 'mosque', 'sms', 'radio', 'whatsapp', 'door'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Warning levels, after InaTEWS (DOMAIN.md): waspada < siaga < awas. */
export const WARNING_LEVELS = ['waspada', 'siaga', 'awas'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

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
});

export const commandSchema = z.discriminatedUnion('type', [warnCommand, evacuateCommand, taskUnitCommand]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export const COMMAND_TYPES: CommandType[] = ['warn', 'evacuate', 'task_unit'];

/** Why the engine refuses a command: a code the interface turns into words, plus the names involved. */
export interface Refusal {
  code: 'unknown_area' | 'unknown_shelter' | 'unknown_unit' | 'unit_busy' | 'unit_unavailable' | 'shelter_full' | 'drill_over';
  detail?: string;
}
