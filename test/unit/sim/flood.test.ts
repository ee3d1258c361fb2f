// Water: the LISFLOOD-FP local inertial scheme (Bates et al. 2010, de Almeida θ) as a hydrologist would check it.
import { describe, expect, it } from 'vitest';
import { advanceFlood, createFloodGrid, GRAVITY, massError, refreshWetBox, relativeMassError, totalVolume, type FloodGrid } from '../../../server/sim/flood.ts';

function grid(w: number, h: number, dx: number, z: (x: number, y: number) => number, n = 0.03, sea?: (x: number, y: number) => boolean): FloodGrid {
  const zz = new Float64Array(w * h), nn = new Float64Array(w * h).fill(n), ss = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { zz[y * w + x] = z(x, y); ss[y * w + x] = sea?.(x, y) ? 1 : 0; }
  return createFloodGrid(w, h, dx, zz, nn, ss);
}

describe('flood: local inertial scheme', () => {
  it('keeps a lake at rest over a rough bed (still water stays still)', () => {
    const g = grid(30, 20, 20, (x, y) => 0.5 * Math.sin(x * 1.3 + y * 0.7));
    for (let i = 0; i < g.h.length; i++) g.h[i] = Math.max(0, 1 - g.z[i]);
    refreshWetBox(g);
    for (let t = 0; t < 30; t++) advanceFlood(g, 60, NaN);
    let maxDev = 0, maxQ = 0;
    for (let i = 0; i < g.h.length; i++) if (g.h[i] > 0) maxDev = Math.max(maxDev, Math.abs(g.h[i] + g.z[i] - 1));
    for (const q of g.qx) maxQ = Math.max(maxQ, Math.abs(q));
    expect(maxDev).toBeLessThan(1e-9);
    expect(maxQ).toBeLessThan(1e-9);
  });

  it('runs water downhill in a closed basin and conserves its mass (tolerance 1e-9 relative)', () => {
    // A 2 m block of water on a slope of 0.5 % with a sinuous cross-fall; the edges are walls.
    const g = grid(60, 40, 10, (x, y) => 0.05 * x + 0.3 * Math.sin(y / 5), 0.05);
    for (let y = 10; y < 20; y++) for (let x = 40; x < 50; x++) g.h[y * 60 + x] = 2;
    refreshWetBox(g);
    g.mass.initial = totalVolume(g);
    const centroid = () => { let s = 0, v = 0; for (let i = 0; i < g.h.length; i++) { s += (i % 60) * g.h[i]; v += g.h[i]; } return s / v; };
    const before = centroid();
    for (let t = 0; t < 60; t++) advanceFlood(g, 60, NaN);
    expect(centroid()).toBeLessThan(before - 10); // moved well downhill (towards x = 0)
    const rel = Math.abs(totalVolume(g) - g.mass.initial) / g.mass.initial;
    expect(rel).toBeLessThan(1e-9);
    expect(relativeMassError(g)).toBeLessThan(1e-9);
    expect(g.mass.clampAdded).toBe(0);
  });

  it('advances a dam-break front at the speed order of Ritter’s solution (2·sqrt(g·h0))', () => {
    // Frictionless-ish 1-D channel, h0 = 1 m upstream of x = 50, dry downstream. Ritter: front at 2·sqrt(g·h0) ≈ 6.3 m/s;
    // the inertial scheme with friction and a Froude cap is slower, but of the same order (≥ 1/4, ≤ 1×).
    const W = 400, dx = 5;
    const g = grid(W, 3, dx, () => 0, 0.01);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 50; x++) g.h[y * W + x] = 1;
    refreshWetBox(g);
    const seconds = 60;
    for (let t = 0; t < seconds / 5; t++) advanceFlood(g, 5, NaN);
    let front = 0;
    for (let x = 0; x < W; x++) if (g.h[W + x] > 0.01) front = x;
    const speed = ((front - 50) * dx) / seconds;
    const ritter = 2 * Math.sqrt(GRAVITY * 1);
    expect(speed).toBeGreaterThan(ritter / 4);
    expect(speed).toBeLessThanOrEqual(ritter);
  });

  it('books sea inflow: a rising tide floods low land and the books balance', () => {
    const g = grid(40, 10, 20, (x) => (x < 5 ? -3 : 0.2 + 0.02 * x), 0.03, (x) => x < 5);
    for (let i = 0; i < g.h.length; i++) if (g.sea[i]) g.h[i] = Math.max(0, 0 - g.z[i]);
    refreshWetBox(g);
    g.mass.initial = totalVolume(g);
    for (let t = 0; t < 60; t++) advanceFlood(g, 60, t / 60); // tide rises 1 m in an hour
    expect(g.h[5 * 40 + 10]).toBeGreaterThan(0.2); // land at 0.4 m is under water
    expect(g.h[5 * 40 + 39]).toBe(0); // land at 0.98 m is still dry
    expect(Math.abs(massError(g)) / g.mass.boundaryIn).toBeLessThan(1e-9);
  });

  it('steps by the water it solves, not by the depth of a forced deep sea or river stage', () => {
    // Land from 0.5 m up behind a sea 11 m deep or 1 m deep, level 1 m: the faces to land carry at most 0.5 m of water.
    const run = (seaBed: number, level: number) => {
      const g = grid(40, 10, 20, (x) => (x < 5 ? seaBed : 0.5 + 0.02 * (x - 5)), 0.03, (x) => x < 5);
      for (let i = 0; i < g.h.length; i++) if (g.sea[i]) g.h[i] = Math.max(0, level - g.z[i]);
      refreshWetBox(g);
      g.mass.initial = totalVolume(g);
      let substeps = 0;
      for (let t = 0; t < 30; t++) { advanceFlood(g, 60, level); substeps += g.lastSubsteps; }
      let land = 0;
      for (let i = 0; i < g.h.length; i++) if (!g.sea[i]) land += g.h[i];
      return { g, substeps, land };
    };
    const deep = run(-10, 1), shallow = run(-0.5, 1);
    // Δt = α·Δx/√(g·0.5 m) ≈ 5.4 s, about 12 sub-steps a minute; an 11 m deep sea would force 52 (Δt ≈ 1.2 s).
    expect(deep.substeps / 30).toBeLessThan(16);
    expect(deep.substeps).toBe(shallow.substeps);
    expect(deep.land).toBeGreaterThan(0);
    expect(Math.abs(deep.land - shallow.land) / shallow.land).toBeLessThan(0.01);
    expect(Math.abs(massError(deep.g)) / deep.g.mass.boundaryIn).toBeLessThan(1e-9);
    // A level below all the land: nothing to solve, no sub-steps, the land stays dry.
    const low = run(-10, 0.3);
    expect(low.substeps).toBe(0);
    expect(low.land).toBe(0);
  });
});
