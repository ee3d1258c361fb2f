// The snapshot cache (server/http/snapshot-cache.ts) over a real drill (memory store, LocalLink): one request shared
// by teammates until the drill sends something, then a fresh one; a failed request is not kept; packed bytes built
// once and unpacking to the snapshot.
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LocalLink } from '../../server/drill/drill-link.ts';
import { SnapshotCache } from '../../server/http/snapshot-cache.ts';
import { memoryRegistry, runTo } from '../helpers/drill-harness.ts';

function runningDrill() {
  const { reg } = memoryRegistry();
  const { drill } = reg.create('pariaman-rob', { seed: 5 });
  drill.clock('start');
  runTo(drill, 2);
  return { drill, link: new LocalLink(drill) };
}

describe('snapshot cache', () => {
  it('shares one request per team and role until the drill sends something', async () => {
    const { drill, link } = runningDrill();
    const cache = new SnapshotCache();
    const a = cache.get(link, 'tim-a', 'commander');
    const b = cache.get(link, 'tim-a', 'commander');
    expect(b).toBe(a);
    expect(cache.get(link, 'tim-a', 'logistics')).not.toBe(a);
    expect([cache.builds, cache.hits]).toEqual([2, 1]);
    const first = await a;
    expect(first.snapshot.view.tick).toBe(drill.tick);

    // A frame goes out (socketOutput touches): the next joiner gets a snapshot of the new tick.
    runTo(drill, drill.tick + 1);
    cache.touch(drill.code);
    const after = await cache.get(link, 'tim-a', 'commander');
    expect(after).not.toBe(first);
    expect(after.snapshot.view.tick).toBe(first.snapshot.view.tick + 1);
    expect(cache.builds).toBe(3);
  });

  it('packs once, to exactly the snapshot; every team for the control room', async () => {
    const { link } = runningDrill();
    const cache = new SnapshotCache();
    const e = await cache.get(link, 'tim-b');
    expect(e.pack()).toBe(e.pack());
    expect(JSON.parse(inflateRawSync(e.pack()).toString())).toEqual({ snapshot: JSON.parse(JSON.stringify(e.snapshot)) });
    const all = await cache.all(link, ['tim-a', 'tim-b', 'tim-c']);
    expect(all.snapshots.map((s) => s.view.teamId)).toEqual(['tim-a', 'tim-b', 'tim-c']);
    // tim-b's came from the entry already held.
    expect(all.snapshots[1]).toBe(e.snapshot);
    expect(await cache.all(link, ['tim-a', 'tim-b', 'tim-c'])).toBe(all);
    expect(JSON.parse(inflateRawSync(all.pack()).toString()).snapshots).toHaveLength(3);
  });

  it('does not keep a request that failed', async () => {
    const { link } = runningDrill();
    const cache = new SnapshotCache();
    await expect(cache.get(link, 'no-such-team')).rejects.toThrow();
    await expect(cache.get(link, 'no-such-team')).rejects.toThrow();
    expect(cache.builds).toBe(2);
    expect(cache.hits).toBe(0);
  });
});
