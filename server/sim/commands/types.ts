// The shape of one engine command module: the check (why the world refuses it) and the effect (what it changes).
// Each command lives in its own file beside this one; index.ts registers them.
import type { Command, CommandType, Refusal } from '../command.ts';
import type { World } from '../world-state.ts';

export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;

export interface CommandModule<K extends CommandType> {
  type: K;
  /** Why the world refuses the command now, or null. Must not change the world. */
  check(w: World, cmd: CommandOf<K>): Refusal | null;
  /** Applies an accepted command at the world's current tick, pushing its events on w.events. */
  apply(w: World, cmd: CommandOf<K>): void;
}

/** Index of a neighbourhood by id (−1 = unknown). */
export const areaIndex = (w: World, id: string): number => w.scenario.neighbourhoods.findIndex((n) => n.id === id);
/** Index of a shelter by id (−1 = unknown). */
export const shelterIndex = (w: World, id: string): number => w.scenario.shelters.findIndex((x) => x.id === id);
/** The first of the areas the scenario does not know, as a refusal. */
export function unknownArea(w: World, areas: readonly string[]): Refusal | null {
  const bad = areas.find((a) => areaIndex(w, a) < 0);
  return bad === undefined ? null : { code: 'unknown_area', detail: bad };
}
