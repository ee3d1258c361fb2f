// submit_sitrep: a situation report, compared with the ground truth (sitrep accuracy, docs/scoring.md).
import type { CommandSpec } from './spec.ts';

export const submitSitrep = {
  type: 'submit_sitrep',
  fields: {
    /** People reported in shelters, stranded, and injured or dead. */
    sheltered: { kind: 'int', min: 0, max: 10_000_000, optional: true },
    stranded: { kind: 'int', min: 0, max: 10_000_000, optional: true },
    casualties: { kind: 'int', min: 0, max: 10_000_000, optional: true },
  },
  roles: ['commander', 'communications'],
  refusals: ['sitrep_too_soon'],
  group: 'public',
} as const satisfies CommandSpec;
