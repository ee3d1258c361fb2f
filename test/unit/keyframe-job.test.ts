// Keyframes taken in stages (server/drill/keyframes.ts KeyframeJob): the state is copied at the end of the tick and
// packed one part per clock step, so a drill host answers requests in between. A command accepted between the parts
// must be in the recovered drill exactly once, and the staged keyframe must be the keyframe taken at once.
import { describe, expect, it } from 'vitest';
import { KeyframeJob, readKeyframeHeader } from '../../server/drill/keyframes.ts';
import { MemoryStore } from '../../server/store/memory-store.ts';
import { KEYFRAME_EVERY } from '../../server/drill/drill.ts';
import { registryOver, runTo, seat } from '../helpers/drill-harness.ts';

describe('keyframes packed in stages', { timeout: 60_000 }, () => {
  it('a staged keyframe equals one taken at once', () => {
    const { reg } = registryOver(new MemoryStore());
    const { drill: d } = reg.create('pariaman-rob', { seed: 3 });
    d.clock('start');
    runTo(d, 5);
    const header = { engineVersion: 1, scenarioHash: d.scenarioHash, tick: d.tick };
    const staged = KeyframeJob.capture(header, d.worlds, { note: 'x' });
    const parts: boolean[] = [];
    while (!staged.done) parts.push(staged.packNext());
    // One part per world and one for the drill's records.
    expect(parts.length).toBe(d.worlds.size + 1);
    expect(staged.finish().equals(KeyframeJob.capture(header, d.worlds, { note: 'x' }).finish())).toBe(true);
  });

  it('a command accepted while the keyframe is packed is recovered once, with the same hashes', () => {
    const store = new MemoryStore();
    const { reg } = registryOver(store);
    const { drill: d } = reg.create('pariaman-rob', { seed: 8 });
    const a = seat(d.code, 'tim-a', 'commander', 'Rina');
    store.putSeat(a);
    d.clock('start');
    // Step world by world until a keyframe is captured and not yet packed.
    let guard = 0;
    while (!(d.midTick && !store.latestKeyframe(d.code) && d.tick > 0 && (d as unknown as { keyframeJob: unknown }).keyframeJob) && guard++ < KEYFRAME_EVERY * 20) {
      d.accrue(1);
      d.stepOwed();
    }
    const job = (d as unknown as { keyframeJob: KeyframeJob | null }).keyframeJob;
    expect(job).not.toBeNull();
    const kfTick = job!.header.tick;
    // A command in between the parts: applied to the world now, logged at the keyframe's tick.
    expect(d.submit(a, 'between-parts-1', { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'awas' })).toMatchObject({ ok: true, tick: kfTick });
    while (d.midTick) d.stepOwed();
    const kf = store.latestKeyframe(d.code)!;
    expect(readKeyframeHeader(kf.blob)!.tick).toBe(kfTick);
    runTo(d, kfTick + 3);
    const live = d.hashes();

    const again = registryOver(store).reg.get(d.code)!;
    expect(again.tick).toBe(d.tick);
    expect(again.hashes()).toEqual(live);
    expect(again.worldOf('tim-a').firstWarningTick).toBe(kfTick);
    const warns = again.debrief().teams.find((t) => t.id === 'tim-a')!.timeline.filter((i) => i.kind === 'command');
    expect(warns.length).toBe(1);
  });
});
