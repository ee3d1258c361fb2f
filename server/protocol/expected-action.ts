// An expected action in an MSEL cell: a command type, optionally with the area, unit or shelter it must concern,
// e.g. `warn`, `evacuate(karan-aur)`, `task_unit(pmi-perahu-1)`, `open_shelter(gor-pariaman)`. Several per cell,
// separated by `;` (see docs/scoring.md#expectations). A leaf module without imports: the MSEL loader checks the
// cells, the drill judges them (server/drill/expectation.ts), the client shows them.

export interface ExpectedAction {
  type: string;
  /** Area, unit or shelter id the command must name; null = any command of the type. */
  target: string | null;
}

export const EXPECTED_ACTION_HELP = 'a command (e.g. warn) or a command with its area, unit or shelter: evacuate(karan-aur)';

/** `evacuate(karan-aur)` → { type: 'evacuate', target: 'karan-aur' }; a string is the error. */
export function parseExpectedAction(text: string): ExpectedAction | string {
  const m = /^\s*([a-z_]+)\s*(?:\(\s*([a-z0-9][a-z0-9-]*)\s*\))?\s*$/.exec(text);
  if (!m) return `"${text}": expected ${EXPECTED_ACTION_HELP}`;
  return { type: m[1], target: m[2] ?? null };
}

/** Every action of a row: `expectedActions` when the loader gave them, else the single `expectedAction`. */
export function expectedActionsOf(row: { expectedAction: string | null; expectedActions?: string[] }): ExpectedAction[] {
  const cells = row.expectedActions?.length ? row.expectedActions : row.expectedAction ? [row.expectedAction] : [];
  const out: ExpectedAction[] = [];
  for (const c of cells) {
    const a = parseExpectedAction(c);
    if (typeof a !== 'string') out.push(a);
  }
  return out;
}

export function formatExpectedAction(a: ExpectedAction): string {
  return a.target ? `${a.type}(${a.target})` : a.type;
}

/** The area, unit and shelter ids a command names (warn/evacuate areas, task_unit area and unit, any shelterId). */
export function commandTargets(command: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (Array.isArray(command.areas)) for (const a of command.areas) if (typeof a === 'string') out.push(a);
  for (const key of ['area', 'unitId', 'shelterId', 'postId', 'complaintId'] as const) {
    const v = command[key];
    if (typeof v === 'string') out.push(v);
  }
  return out;
}

/** Does this command carry out the expected action? Same type, and the named target when there is one. */
export function commandMatches(a: ExpectedAction, command: { type: string } & Record<string, unknown>): boolean {
  if (command.type !== a.type) return false;
  return a.target === null || commandTargets(command).includes(a.target);
}
