// What a command spec says, as plain data (no zod, so the browser can import it): the command's type name, its
// fields with their kinds and limits, which team roles may issue it, the refusal codes the engine may answer with,
// what it names (areas, shelters, units… via the fields' `ref`) and where its form sits. From the specs are derived:
// the Command type (below), the zod schemas (server/protocol/command-schema.ts), the rights table (rights.ts) and
// the client's command forms (client/panels/command-form.ts). The engine's check and effect live in
// server/sim/commands/<type>.ts.
import type { TeamRole } from '../rights.ts';
import type { RefusalCode } from './refusals.ts';

/** What an id field names: used for the client's pickers and for matching commands to inject expectations. */
export type Ref = 'area' | 'shelter' | 'unit' | 'post' | 'complaint' | 'facility' | 'place';

export type FieldSpec =
  | { kind: 'id'; ref?: Ref; optional?: boolean }
  | { kind: 'ids'; ref: Ref; min: number; max: number; optional?: boolean }
  | { kind: 'enum'; options: readonly string[]; optional?: boolean }
  | { kind: 'int'; min: number; max?: number; optional?: boolean }
  | { kind: 'bool'; optional?: boolean }
  | { kind: 'text'; max: number; optional?: boolean };

/** Where a command's form sits in the player's command panel. */
export type CommandGroup = 'warning' | 'post' | 'shelter' | 'unit' | 'public';

export interface CommandSpec {
  type: string;
  fields: Readonly<Record<string, FieldSpec>>;
  /** Team roles that may issue it (the rights table is built from these). */
  roles: readonly TeamRole[];
  /** Refusal codes the engine's check may answer with (besides drill_over, which any command may get). */
  refusals: readonly RefusalCode[];
  group: CommandGroup;
}

/** Limits shared by several specs. */
export const ID_MAX = 64;
export const MESSAGE_MAX = 500;

// ---------- the Command type, derived from the specs ----------

type FieldValue<F> =
  F extends { kind: 'id' } ? string
    : F extends { kind: 'ids' } ? string[]
      : F extends { kind: 'enum'; options: readonly (infer O)[] } ? O
        : F extends { kind: 'int' } ? number
          : F extends { kind: 'bool' } ? boolean
            : F extends { kind: 'text' } ? string
              : never;
type RequiredKeys<Fs> = { [K in keyof Fs]: Fs[K] extends { optional: true } ? never : K }[keyof Fs];
type OptionalKeys<Fs> = { [K in keyof Fs]: Fs[K] extends { optional: true } ? K : never }[keyof Fs];
type Flatten<T> = { [K in keyof T]: T[K] };

/** The command object a spec describes: `{ type, ...fields }`, optional fields optional. */
export type CommandOfSpec<S> = S extends { type: infer T; fields: infer Fs }
  ? Flatten<{ type: T } & { -readonly [K in RequiredKeys<Fs>]: FieldValue<Fs[K]> } & { -readonly [K in OptionalKeys<Fs>]?: FieldValue<Fs[K]> }>
  : never;
