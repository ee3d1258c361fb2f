// Parallel worlds that see the same hazard share one flood computation (server/sim/hazard-group.ts); a world with
// a hazard of its own (a surge inject) computes its own from then on. Either way each world's state hash equals
// that of the same world stepped alone, tick by tick.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../server/sim/command.ts';
import { applyEffect, createFloodShare, createWorld, hashWorld, step } from '../../server/sim/index.ts';
import { town } from './sim/fixtures.ts';

const sc = town({ elevation: (x) => 0.3 + 0.05 * x, landUse: (x) => (x < 2 ? 0 : 3), seaLevel: [{ t: 0, value: 0 }, { t: 120, value: 1.5 }] });
/** Team commands differ per world (they never touch the water); world 2 gets a surge of its own at tick 20. */
const commands = (world: number, t: number): Command[] =>
  t === 3 + world ? [{ type: 'warn', areas: ['a'], channel: world ? 'sms' : 'siren', level: 'siaga' }] : [];
const SURGE_WORLD = 2, SURGE_TICK = 20, TICKS = 60;

function run(shared: boolean) {
  const share = shared ? createFloodShare() : undefined;
  const worlds = [0, 1, 2, 3].map(() => createWorld(sc, 7));
  const hashes: string[][] = worlds.map(() => []);
  for (let t = 0; t < TICKS; t++) {
    worlds.forEach((w, k) => {
      if (k === SURGE_WORLD && t === SURGE_TICK) applyEffect(w, { kind: 'surge', metres: 0.4 });
      step(w, commands(k, t), share);
      hashes[k].push(hashWorld(w));
    });
    // As the live clock does once a tick is complete: the kept advances are recycled for the next tick's copies.
    share?.clear();
  }
  return { hashes, share };
}

describe('flood shared by the worlds of one hazard group', () => {
  it('gives every world the state hash it has when stepped alone, and shares until a world diverges', () => {
    const alone = run(false);
    const together = run(true);
    expect(together.hashes).toEqual(alone.hashes);
    // The surged world really diverged: its hash differs from an unsurged one at the end.
    expect(alone.hashes[SURGE_WORLD][TICKS - 1]).not.toBe(alone.hashes[0][TICKS - 1]);
    const { computed, shared } = together.share!.stats;
    // Before the surge one computation per tick serves all four; after it two (the surged world and the rest).
    expect(computed).toBe(SURGE_TICK + 2 * (TICKS - SURGE_TICK));
    expect(shared).toBe(4 * TICKS - computed);
  });
});
