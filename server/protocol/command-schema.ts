// The zod schema of every command, derived from its spec (server/protocol/commands/): one strict object per command,
// fields validated by kind and limit, joined on `type`. Server-side only (zod stays out of the browser bundle).
import { z } from 'zod';
import { COMMAND_SPECS, ID_MAX, type Command, type CommandSpec, type FieldSpec } from './commands/index.ts';

function fieldSchema(f: FieldSpec): z.ZodType {
  let s: z.ZodType;
  switch (f.kind) {
    case 'id': s = z.string().min(1).max(ID_MAX); break;
    case 'ids': s = z.array(z.string().min(1).max(ID_MAX)).min(f.min).max(f.max); break;
    case 'enum': s = z.enum(f.options as unknown as [string, ...string[]]); break;
    case 'int': { let n = z.number().int().min(f.min); if (f.max !== undefined) n = n.max(f.max); s = n; break; }
    case 'bool': s = z.boolean(); break;
    case 'text': s = z.string().max(f.max); break;
  }
  return f.optional ? s.optional() : s;
}

/** The schema of one command, from its spec. */
export function schemaOf(spec: CommandSpec) {
  const shape: Record<string, z.ZodType> = { type: z.literal(spec.type) };
  for (const [name, f] of Object.entries(spec.fields) as [string, FieldSpec][]) shape[name] = fieldSchema(f);
  return z.strictObject(shape);
}

const schemas = COMMAND_SPECS.map((s) => schemaOf(s));
/** Every command, validated by its spec; parses to the Command type derived from the same specs. */
export const commandSchema = z.discriminatedUnion('type', schemas as unknown as [ReturnType<typeof schemaOf>, ...ReturnType<typeof schemaOf>[]]) as unknown as z.ZodType<Command>;
