// How a drill reaches people: the server's Socket.IO rooms in production, a recorder in tests, nothing in a replay.
export interface DrillOutput {
  toTeam(code: string, teamId: string, event: string, payload: unknown): void;
  toRole(code: string, teamId: string, role: string, event: string, payload: unknown): void;
  toFacilitators(code: string, event: string, payload: unknown): void;
}

/** Sends nothing: for replays and tools. */
export const NO_OUTPUT: DrillOutput = { toTeam() {}, toRole() {}, toFacilitators() {} };
