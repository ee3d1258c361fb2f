// Issue 8: a command is checked against the world as it will be when it is applied, including commands already
// accepted for the same tick, paused or not. A drill driven without a server (memory store): while paused, the
// posko is activated and the coordination meeting that needs it is accepted at the same tick; the emergency status
// and the support request that needs it likewise. A drill rebuilt from the log reaches the live world's hashes.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Drill } from '../../server/drill/drill.ts';
import { NO_OUTPUT } from '../../server/drill/drill-output.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { MemoryStore } from '../../server/store/memory-store.ts';
import type { Seat } from '../../server/store/store.ts';

const loaded = loadScenario(resolve(import.meta.dirname, '../../scenarios/pariaman-rob'));

function newDrill(code: string) {
  const store = new MemoryStore();
  store.createDrill({ code, scenarioId: 'pariaman-rob', seed: 3, mode: 'parallel', status: 'lobby', speed: 1, tick: 0, facilitatorTokenHash: 'x', evaluatorCode: 'E', createdAt: new Date().toISOString(), archived: false });
  const drill = new Drill(store, NO_OUTPUT, { code, loaded, seed: 3, mode: 'parallel' });
  return { store, drill };
}
const seat = (code: string, teamId: string): Seat => ({ code, tokenHash: `t-${teamId}`, name: 'P', teamId, role: 'commander' });
const runTicks = (d: Drill, n: number) => {
  for (let k = 0; k < n; k++) { d.accrue(1); d.stepOwed(); while (d.midTick) d.stepOwed(); }
};

describe('command pre-check sees the commands already accepted', () => {
  it('while paused: posko then meeting, status then support request, all at the same tick', () => {
    const code = 'PRECK1';
    const { store, drill } = newDrill(code);
    expect(drill.clock('start').ok).toBe(true);
    runTicks(drill, 3);
    expect(drill.clock('pause').ok).toBe(true);
    const tick = drill.tick;
    const s = seat(code, 'tim-a');
    // Without the posko the meeting is refused: the check is real.
    const early = drill.submit(s, 'precheck-0001', { type: 'hold_coordination_meeting' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.refusal?.code).toBe('no_posko');
    expect(drill.submit(s, 'precheck-0002', { type: 'activate_posko' })).toMatchObject({ ok: true, tick });
    expect(drill.submit(s, 'precheck-0003', { type: 'hold_coordination_meeting' })).toMatchObject({ ok: true, tick });
    // A second posko at the same tick is refused: the first one already counts.
    const again = drill.submit(s, 'precheck-0004', { type: 'activate_posko' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.refusal?.code).toBe('posko_active');
    expect(drill.submit(s, 'precheck-0005', { type: 'declare_status', status: 'siaga_darurat' }).ok).toBe(true);
    expect(drill.submit(s, 'precheck-0006', { type: 'declare_status', status: 'tanggap_darurat' }).ok).toBe(true);
    expect(drill.submit(s, 'precheck-0007', { type: 'request_support', from: 'bnpb' }).ok).toBe(true);
    expect(drill.submit(s, 'precheck-0008', { type: 'resupply_shelter', shelterId: 'sdn-05' }).ok).toBe(true);
    // Other teams' worlds are untouched.
    const other = drill.submit(seat(code, 'tim-b'), 'precheck-0009', { type: 'hold_coordination_meeting' });
    expect(other.ok).toBe(false);
    expect(drill.tick).toBe(tick);

    // Resume: the commands stay applied once (history in order, at the tick they were accepted).
    expect(drill.clock('resume').ok).toBe(true);
    runTicks(drill, 12);
    const live = drill.hashes();

    // A drill rebuilt from the log alone reaches the same worlds.
    const again2 = new Drill(store, NO_OUTPUT, { code, loaded, seed: 3, mode: 'parallel', status: 'running' });
    again2.restore(store.readLog(code), drill.tick, null);
    expect(again2.tick).toBe(drill.tick);
    expect(again2.hashes()).toEqual(live);
  });

  it('a command accepted between two worlds of one tick is applied once after a restart from a keyframe', () => {
    const code = 'PRECK2';
    const { store, drill } = newDrill(code);
    expect(drill.clock('start').ok).toBe(true);
    // Run up to a keyframe tick with a command landing mid-tick in a world that already advanced.
    let n = 0;
    while (drill.tick < 40) {
      drill.accrue(1);
      drill.stepOwed();
      if (drill.midTick && drill.tick % 10 === 9) {
        expect(drill.submit(seat(code, 'tim-a'), `midtick-${String(n++).padStart(4, '0')}`, { type: 'warn', areas: ['pasir'], channel: 'radio', level: 'waspada' }).ok).toBe(true);
      }
      while (drill.midTick) drill.stepOwed();
    }
    const live = drill.hashes();
    const kf = store.latestKeyframe(code);
    expect(kf).not.toBeNull();
    const revived = new Drill(store, NO_OUTPUT, { code, loaded, seed: 3, mode: 'parallel', status: 'running' });
    expect(revived.restore(store.readLog(code), drill.tick, kf).keyframeUsed).toBe(true);
    expect(revived.hashes()).toEqual(live);
  });
});
