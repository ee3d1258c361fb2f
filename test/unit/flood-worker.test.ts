// Floods computed ahead of time in a worker thread (server/workers/flood-pool.ts) give exactly the world a step
// computes itself: a world fed by the worker and the same world stepped alone have equal state hashes every tick.
// A hazard of the world's own that the worker could not know (a surge inject after the flood was asked for) is
// caught by the bit-for-bit check and computed in place.
import { afterAll, describe, expect, it } from 'vitest';
import { applyEffect, createFloodShare, createWorld, hashWorld, step } from '../../server/sim/index.ts';
import { FloodPool } from '../../server/workers/flood-pool.ts';
import { town } from './sim/fixtures.ts';

const sc = town({ elevation: (x) => 0.3 + 0.05 * x, landUse: (x) => (x < 2 ? 0 : 3), seaLevel: [{ t: 0, value: 0 }, { t: 120, value: 1.5 }] });
const TICKS = 30, SURGE_TICK = 12;
const pool = new FloodPool(1);
afterAll(() => pool.close());

describe('floods computed ahead in a worker thread', () => {
  it('give the same state hash as the world stepped alone, and a late surge is computed in place', async () => {
    expect(pool.stats.workers).toBe(1);
    const alone = createWorld(sc, 3), fed = createWorld(sc, 3);
    const share = createFloodShare();
    for (let t = 0; t < TICKS; t++) {
      const ahead = await pool.ahead(fed);
      expect(ahead).not.toBeNull();
      expect(ahead!.tick).toBe(fed.tick);
      share.offer(ahead!.dt, ahead!.seaLevel, ahead!.pre, ahead!.post);
      if (t === SURGE_TICK) for (const w of [alone, fed]) applyEffect(w, { kind: 'surge', metres: 0.5 });
      step(alone);
      step(fed, [], share);
      expect(hashWorld(fed), `tick ${t}`).toBe(hashWorld(alone));
    }
    expect(share.stats.aheadUsed).toBe(TICKS - 1);
    expect(share.stats.computed).toBe(1);
  }, 60_000);
});
