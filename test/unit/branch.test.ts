// What if, headless: a drill of pariaman-rob shortened to 40 minutes is played with nobody acting; a branch from
// minute 20 played by the expert policy starts from the parent's worlds at minute 20 (same hashes), is linked to its
// parent, plays to the end on its own, and its outcome differs from the parent's from the fork on.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillRegistry } from '../../server/drill/drill-registry.ts';
import { compare, createBranch, forkTickOf } from '../../server/debrief/branch.ts';
import { getDoc } from '../../server/debrief/docs.ts';
import { DebriefService } from '../../server/debrief/service.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { MemoryStore } from '../../server/store/memory-store.ts';

describe('branches', () => {
  it('rounds the fork to a keyframe boundary', () => {
    expect(forkTickOf(67, 90)).toBe(60);
    expect(forkTickOf(500, 90)).toBe(90);
    expect(forkTickOf(-3, 90)).toBe(0);
  });

  it('plays a branch headless with a policy from the parent at minute 20', async () => {
    const base = loadScenario(resolve(import.meta.dirname, '../../scenarios/pariaman-rob'));
    const loaded = { ...base, scenario: { ...base.scenario, durationTicks: 40 } };
    const store = new MemoryStore();
    const reg = new DrillRegistry(store, new Map([[loaded.scenario.id, loaded]]), { toTeam() {}, toRole() {}, toFacilitators() {} });
    const { drill: parent } = reg.create(loaded.scenario.id, { seed: 9 });
    expect(parent.clock('start').ok).toBe(true);
    while (parent.status === 'running') { parent.accrue(1); parent.stepOwed(); while (parent.midTick) parent.stepOwed(); }
    expect(parent.tick).toBe(40);
    const svc = new DebriefService(reg);
    const at20 = (await svc.replay(parent)).at(20).hashes();
    const b = await createBranch(svc, parent, { tick: 23, policy: 'expert', by: 'facilitator' });
    expect(b.forkTick).toBe(20);
    expect(getDoc(store, 'branch', b.code, null)).toMatchObject({ parent: parent.code, forkTick: 20, policy: 'expert' });
    expect(b.drill.status).toBe('ended');
    expect(b.drill.tick).toBe(40);
    // The branch's replay starts from the fork: its world at minute 20 is the parent's.
    expect((await svc.replay(b.drill)).at(20).hashes()).toEqual(at20);
    expect(store.readLog(b.code).filter((e) => e.kind === 'command').length).toBeGreaterThan(3);
    const { comparison, divergedTick } = await compare(svc, parent, b.drill);
    const warned = (code: string) => reg.get(code)!.debrief().teams[0].firstWarningMinute;
    expect(warned(parent.code)).toBeNull();
    expect(warned(b.code)).not.toBeNull();
    expect(comparison[1].teams[0].score).not.toBe(comparison[0].teams[0].score);
    expect(divergedTick).not.toBeNull();
    expect(divergedTick!).toBeGreaterThan(20);
    await expect(createBranch(svc, b.drill, { tick: 10, policy: 'genius', by: 'facilitator' })).rejects.toThrow(/policy/);
  }, 120_000);
});
