// Same scenario + seed + commands ⇒ the same hash; another seed or another command order ⇒ another hash.
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../server/sim/command.ts';
import { reattachKernelViews, withoutKernelViews } from '../../../server/sim/flood.ts';
import { KEYFRAME_EVERY, KEYFRAME_PHASES } from '../../../server/drill/drill.ts';
import { hashWorld } from '../../../server/sim/hash.ts';
import { ROUTE_REFRESH_TICKS } from '../../../server/sim/ngo.ts';
import { createWorld, step } from '../../../server/sim/index.ts';
import { town } from './fixtures.ts';

const sc = town({ elevation: (x) => 0.3 + 0.05 * x, landUse: (x) => (x < 2 ? 0 : 3), seaLevel: [{ t: 0, value: 0 }, { t: 120, value: 1.5 }] });
const plan: Record<number, Command[]> = {
  3: [{ type: 'warn', areas: ['a'], channel: 'sms', level: 'siaga' }, { type: 'warn', areas: ['b'], channel: 'siren', level: 'awas' }],
  5: [{ type: 'evacuate', areas: ['a', 'b'], shelterId: 'shelter' }],
};
function run(seed: number, swap = false) {
  const w = createWorld(sc, seed);
  for (let t = 0; t < 90; t++) {
    const cmds = plan[t] ? (swap ? [...plan[t]].reverse() : plan[t]) : [];
    step(w, cmds);
  }
  return hashWorld(w);
}

describe('determinism', () => {
  it('repeats bit for bit', () => {
    expect(run(42)).toBe(run(42));
  });
  it('differs for another seed', () => {
    expect(run(42)).not.toBe(run(43));
  });
  it('depends on the order of commands within a tick (the log order is part of the input)', () => {
    expect(run(42, true)).not.toBe(run(42));
    expect(run(42, true)).toBe(run(42, true));
  });
});

describe('keyframes', () => {
  it('a world serialised as a keyframe and revived continues bit for bit', () => {
    const sc = town({ seaLevel: [{ t: 0, value: 0 }, { t: 60, value: 6 }], elevation: (x) => 3 + 0.1 * x, landUse: (x) => (x < 4 ? 0 : 3) });
    const a = createWorld(sc, 5);
    for (let t = 0; t < 30; t++) step(a, t === 3 ? [{ type: 'warn', areas: ['a'], channel: 'siren', level: 'siaga' }] : []);
    // As the drill writes it: kernel views and the route cache left out (drill.ts keyframe()).
    const b = deserialize(serialize({ ...a, scenario: null, flood: withoutKernelViews(a.flood), unitRoutes: new Map() })) as typeof a;
    b.scenario = sc;
    reattachKernelViews(b.flood);
    expect(hashWorld(b)).toBe(hashWorld(a));
    for (let t = 0; t < 20; t++) { step(a, []); step(b, []); }
    expect(hashWorld(b)).toBe(hashWorld(a));
    expect(b.flood.h.buffer).toBe(b.flood.all.buffer); // the kernel and the views share one buffer again
  });

  it('are taken where route caches start afresh, so leaving the caches out changes nothing', () => {
    expect(KEYFRAME_EVERY % ROUTE_REFRESH_TICKS).toBe(0);
    for (const phase of KEYFRAME_PHASES) expect(phase % ROUTE_REFRESH_TICKS).toBe(0);
  });
});
