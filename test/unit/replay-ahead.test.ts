// The debrief's replay is built ahead: when a drill ends on this server its replay is built in the background before
// anyone asks; a seek arriving during that build waits for the same build; drills ending together are built one at a
// time, only the most recent few; drills found ended after a restart are built only when asked (docs/debrief.md).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillRegistry } from '../../server/drill/drill-registry.ts';
import type { Drill } from '../../server/drill/drill.ts';
import { DebriefService } from '../../server/debrief/service.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { MemoryStore } from '../../server/store/memory-store.ts';

const base = loadScenario(resolve(import.meta.dirname, '../../scenarios/pariaman-rob'));

function setup(ticks: number, store = new MemoryStore()) {
  const loaded = { ...base, scenario: { ...base.scenario, durationTicks: ticks } };
  const reg = new DrillRegistry(store, new Map([[loaded.scenario.id, loaded]]), { toTeam() {}, toRole() {}, toFacilitators() {} });
  return { store, reg, id: loaded.scenario.id };
}

/** Plays a drill to its scenario end with the clock driven by hand (no timers). */
function playToEnd(d: Drill): void {
  expect(d.clock('start').ok).toBe(true);
  while (d.status === 'running') { d.accrue(1); d.stepOwed(); while (d.midTick) d.stepOwed(); }
  expect(d.status).toBe('ended');
}

const turn = () => new Promise((ok) => setImmediate(ok));
async function until(ok: () => boolean, what: string, ms = 30_000): Promise<void> {
  const stop = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > stop) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('replay built ahead', () => {
  it('builds the replay when the drill ends, without a request; the next seek does not rebuild', async () => {
    const { reg, id } = setup(30);
    const svc = new DebriefService(reg);
    const { drill: d } = reg.create(id, { seed: 5 });
    playToEnd(d);
    await until(() => svc.state(d.code) === 'ready', 'the replay built ahead');
    expect(svc.builds).toBe(1);
    expect(svc.endToReadyMs.get(d.code)).toBeGreaterThan(0);
    const v = await svc.viewAt(d, 'tim-b', 30);
    expect(v.hash).toBe(d.hashes()['tim-b']);
    await svc.viewAt(d, 'tim-a', 17);
    expect(svc.builds).toBe(1);

    // The same drill with building ahead turned off stays unbuilt until asked: the check above is not free.
    const off = setup(30);
    const lazy = new DebriefService(off.reg, { ahead: false });
    const { drill: e } = off.reg.create(off.id, { seed: 5 });
    playToEnd(e);
    for (let i = 0; i < 20; i++) await turn();
    expect(lazy.state(e.code)).toBe('none');
    expect(lazy.builds).toBe(0);
  }, 60_000);

  it('a seek arriving while the build runs waits for that same build', async () => {
    const { reg, id } = setup(40);
    const svc = new DebriefService(reg);
    const { drill: d } = reg.create(id, { seed: 6 });
    playToEnd(d);
    await until(() => svc.state(d.code) === 'building', 'the build to start');
    const [a, b] = await Promise.all([svc.viewAt(d, 'tim-a', 33), svc.viewAt(d, 'tim-c', 40)]);
    expect(a.snapshot.view.tick).toBe(33);
    expect(b.hash).toBe(d.hashes()['tim-c']);
    expect(svc.builds).toBe(1);
    expect(svc.state(d.code)).toBe('ready');
  }, 60_000);

  it('builds drills ending together one at a time, only the most recent three; after a restart, only on request', async () => {
    const { store, reg, id } = setup(10);
    const svc = new DebriefService(reg);
    const drills = [1, 2, 3, 4, 5].map((seed) => reg.create(id, { seed }).drill);
    for (const d of drills) playToEnd(d);
    let most = 0;
    await until(() => {
      most = Math.max(most, drills.filter((d) => svc.state(d.code) === 'building').length);
      return drills.slice(2).every((d) => svc.state(d.code) === 'ready');
    }, 'the three most recent replays');
    expect(most).toBe(1);
    expect(drills.slice(0, 2).map((d) => svc.state(d.code))).toEqual(['none', 'none']);
    expect(svc.builds).toBe(3);

    // A restart: a new registry and service on the same store; the ended drills are not built until asked.
    const again = setup(10, store);
    const svc2 = new DebriefService(again.reg);
    const d1 = again.reg.get(drills[4].code)!;
    expect(d1.status).toBe('ended');
    for (let i = 0; i < 20; i++) await turn();
    expect(svc2.state(d1.code)).toBe('none');
    expect(svc2.builds).toBe(0);
    expect((await svc2.viewAt(d1, 'tim-a', 10)).hash).toBe(d1.hashes()['tim-a']);
    expect(svc2.builds).toBe(1);
  }, 60_000);
});
