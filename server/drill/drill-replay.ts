// From the log back to a drill: entries grouped by the tick they apply at, and recovery with version checks. A drill
// is rebuilt from the scenario snapshot it started with; a keyframe from another engine version is discarded; a
// log recorded by another engine version is replayed and checked against the world hashes that engine recorded
// (checkpoints): if they differ, or nothing can be checked, the drill opens read-only and says why.
// See docs/architecture.md#versions.
import { ENGINE_VERSION } from '../sim/index.ts';
import type { Command } from '../sim/index.ts';
import type { DrillRecord, LogEntry, Store } from '../store/store.ts';
import type { Drill, RestoreResult } from './drill.ts';

/** A command as logged. */
export interface LoggedCommand {
  command: Command;
  by?: string;
  role?: string;
}

export function groupByTick(entries: readonly LogEntry[]): Map<number, LogEntry[]> {
  const byTick = new Map<number, LogEntry[]>();
  for (const e of entries) {
    const list = byTick.get(e.tick);
    if (list) list.push(e);
    else byTick.set(e.tick, [e]);
  }
  return byTick;
}

/** Entries that change a world (notes, clock changes, policy and refused commands do not). */
export const isWorldEntry = (e: LogEntry) => e.kind === 'command' || e.kind === 'inject';

/**
 * Rebuilds `drill` (new, at tick 0, made from the drill's scenario snapshot) from the store. Same engine version:
 * from the latest keyframe plus the log. Another engine version recorded the drill: from tick 0, comparing the
 * checkpoints it left; the drill becomes read-only when one differs or when there was play but nothing to compare.
 */
export function recoverDrill(drill: Drill, store: Store, rec: DrillRecord): RestoreResult {
  const log = store.readLog(drill.code);
  const sameEngine = rec.engineVersion === ENGINE_VERSION;
  const played = rec.tick > 0 || log.some(isWorldEntry);
  if (sameEngine || !played) {
    const r = drill.restore(log, rec.tick, store.latestKeyframe(drill.code));
    if (!sameEngine) store.updateDrill(drill.code, { engineVersion: ENGINE_VERSION });
    return r;
  }
  const foreign = store.listCheckpoints(drill.code).filter((c) => c.engineVersion !== ENGINE_VERSION);
  const r = drill.restore(log, rec.tick, null, foreign);
  if (r.mismatch) {
    drill.readOnly = { reason: 'engine_changed', recordedWith: rec.engineVersion, engine: ENGINE_VERSION, tick: r.mismatch.tick };
  } else if (r.compared === 0) {
    drill.readOnly = { reason: 'engine_unverified', recordedWith: rec.engineVersion, engine: ENGINE_VERSION };
  } else {
    // Every recorded hash matched: this engine plays the drill as the old one did; it continues under this version.
    store.updateDrill(drill.code, { engineVersion: ENGINE_VERSION });
  }
  return r;
}
