// A team that never gives a command: the floor every score is measured against (docs/scoring.md#policies).
import type { Policy } from './types.ts';

export function idlePolicy(): Policy {
  return { name: 'idle', act: () => [] };
}
