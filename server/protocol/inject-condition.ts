// Conditions an MSEL row may wait for, as written in a spreadsheet cell (e.g. `depth(kampung-pondok) >= 0.3`), and
// their parser. A leaf module without imports: the scenario loader parses them, the drill evaluates them
// (server/drill/inject.ts), the client shows them.

/** A condition over one world, written in an MSEL cell, e.g. `depth(kampung-pondok) >= 0.3`. */
export type InjectCondition =
  | { kind: 'depth'; area: string; op: '>=' | '<='; value: number }
  | { kind: 'occupancy'; shelter: string; op: '>=' | '<='; value: number }
  | { kind: 'sea_level'; op: '>=' | '<='; value: number }
  | { kind: 'stranded'; op: '>=' | '<='; value: number }
  | { kind: 'no_warning' };

export const CONDITION_HELP =
  'depth(<area>) >= metres, occupancy(<shelter>) >= share (1 = full), sea_level >= metres, stranded >= people, or no_warning';

export function parseCondition(text: string): InjectCondition | string {
  const s = text.trim();
  if (s === 'no_warning') return { kind: 'no_warning' };
  const m = /^([a-z_]+)(?:\(([a-z0-9-]+)\))?\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)$/.exec(s);
  if (!m) return `"${text}": expected ${CONDITION_HELP}`;
  const [, name, arg, op, num] = m;
  const value = Number(num);
  const o = op as '>=' | '<=';
  if (name === 'depth' && arg) return { kind: 'depth', area: arg, op: o, value };
  if (name === 'occupancy' && arg) return { kind: 'occupancy', shelter: arg, op: o, value };
  if (name === 'sea_level' && !arg) return { kind: 'sea_level', op: o, value };
  if (name === 'stranded' && !arg) return { kind: 'stranded', op: o, value };
  return `"${text}": expected ${CONDITION_HELP}`;
}
