// Drives a Drill without sockets: a registry over the memory store, an output that records what was sent to whom,
// and a helper that advances the clock tick by tick.
import { resolve } from 'node:path';
import { DrillRegistry } from '../../server/drill/drill-registry.ts';
import type { Drill, DrillOutput } from '../../server/drill/drill.ts';
import { loadScenario, type LoadedScenario } from '../../server/scenario/load-scenario.ts';
import { MemoryStore } from '../../server/store/memory-store.ts';
import type { Seat, Store } from '../../server/store/store.ts';

export const PARIAMAN_DIR = resolve(import.meta.dirname, '..', '..', 'scenarios', 'pariaman-rob');

export interface Sent { to: string; event: string; payload: unknown }

/** A DrillOutput that keeps every message, addressed as team:<id>, role:<team>:<role> or facilitators. */
export class RecordingOutput implements DrillOutput {
  readonly sent: Sent[] = [];
  toTeam(_code: string, teamId: string, event: string, payload: unknown) { this.sent.push({ to: `team:${teamId}`, event, payload }); }
  toRole(_code: string, teamId: string, role: string, event: string, payload: unknown) { this.sent.push({ to: `role:${teamId}:${role}`, event, payload }); }
  toFacilitators(_code: string, event: string, payload: unknown) { this.sent.push({ to: 'facilitators', event, payload }); }
  of(to: string, event?: string) { return this.sent.filter((m) => m.to === to && (!event || m.event === event)); }
  clear() { this.sent.length = 0; }
}

export function registryOver(store: Store, scenarios: LoadedScenario[] = [loadScenario(PARIAMAN_DIR)], out = new RecordingOutput()) {
  const reg = new DrillRegistry(store, new Map(scenarios.map((l) => [l.scenario.id, l])), out);
  return { reg, out, store };
}

export function memoryRegistry(scenarios?: LoadedScenario[]) {
  return registryOver(new MemoryStore(), scenarios);
}

/** Advances the drill's clock until every world has reached `tick` (one owed tick at a time, world by world). */
export function runTo(d: Drill, tick: number): void {
  while (d.tick < tick && d.status === 'running') {
    d.accrue(1 / d.speed);
    d.stepOwed();
    while (d.midTick) d.stepOwed();
  }
}

export const seat = (code: string, teamId: string, role = 'commander', name = `P-${teamId}`): Seat =>
  ({ code, tokenHash: `tok-${teamId}-${role}-${name}`, name, teamId, role });
