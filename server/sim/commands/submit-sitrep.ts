// submit_sitrep: a situation report, compared with the ground truth at that tick (sitrep.ts, docs/scoring.md).
import { HouseholdState as S } from '../household.ts';
import { SITREP_FIELDS, sitrepAccuracy, type SitrepFigures } from '../sitrep.ts';
import { adjustTrust, TRUST } from '../social.ts';
import type { World } from '../world-state.ts';
import type { CommandModule } from './types.ts';

/** Minutes between sitreps (design choice). */
export const SITREP_MIN_GAP = 15;

/** Ground truth the sitrep is compared with. */
export function sitrepTruth(w: World): SitrepFigures {
  const hh = w.households;
  let sheltered = 0, stranded = 0, casualties = 0;
  for (let i = 0; i < hh.count; i++) {
    const st = hh.state[i];
    if (st === S.Sheltered) sheltered += hh.size[i];
    else if (st === S.Stranded) stranded += hh.size[i];
    else if (st === S.Injured || st === S.Dead) casualties += hh.size[i];
  }
  return { sheltered, stranded, casualties };
}

export const submitSitrep: CommandModule<'submit_sitrep'> = {
  type: 'submit_sitrep',
  check(w) {
    const last = w.sitreps[w.sitreps.length - 1];
    if (last && (w.tick - last.tick) * w.scenario.tickSeconds < SITREP_MIN_GAP * 60) return { code: 'sitrep_too_soon', detail: String(SITREP_MIN_GAP) };
    return null;
  },
  apply(w, cmd) {
    const truth = sitrepTruth(w);
    const reported: Partial<SitrepFigures> = {};
    for (const key of SITREP_FIELDS) if (cmd[key] !== undefined) reported[key] = cmd[key];
    const accuracy = sitrepAccuracy(reported, truth);
    w.sitreps.push({ tick: w.tick, accuracy, reported, truth });
    w.lastPublicTick = w.tick;
    for (let k = 0; k < w.hoods.length; k++) adjustTrust(w, k, TRUST.sitrep);
    w.events.push({ tick: w.tick, kind: 'sitrep', count: Math.round(accuracy * 100) });
  },
};
