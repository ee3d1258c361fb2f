// Seeded pseudo-random numbers for the engine. Math.random is never used in server/sim.
// sfc32 (Chris Doty-Humphrey's Small Fast Counter): 128-bit state, passes PractRand; state is four uint32s
// so it can be saved in a keyframe and hashed.

export interface Rng {
  state: Uint32Array;
}

export function createRng(seed: number): Rng {
  // Spread the seed with splitmix32 so nearby seeds give unrelated streams.
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const rng: Rng = { state: new Uint32Array([next(), next(), next(), next()]) };
  for (let i = 0; i < 12; i++) nextUint32(rng);
  return rng;
}

export function nextUint32(rng: Rng): number {
  const st = rng.state;
  let a = st[0], b = st[1], c = st[2], d = st[3];
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = ((c << 21) | (c >>> 11)) >>> 0;
  c = (c + t) >>> 0;
  st[0] = a; st[1] = b; st[2] = c; st[3] = d;
  return t;
}

/** Uniform in [0, 1). */
export function nextFloat(rng: Rng): number {
  return nextUint32(rng) / 4294967296;
}

/** Integer in [0, n). */
export function nextInt(rng: Rng, n: number): number {
  return Math.floor(nextFloat(rng) * n);
}

/**
 * Rayleigh-distributed delay with the given mean (TUNAMI-EVAC, Mas et al. 2012; docs/domain.md#evacuation):
 * F(t) = 1 − exp(−t²/2s²), s = μ·sqrt(2/π); sampled by inversion t = s·sqrt(−2·ln(1−U)).
 */
export function rayleigh(rng: Rng, mean: number): number {
  const s = mean * Math.sqrt(2 / Math.PI);
  return s * Math.sqrt(-2 * Math.log(1 - nextFloat(rng)));
}

/** Forked stream: derives an independent generator so one subsystem's draws do not shift another's. */
export function forkRng(rng: Rng, salt: number): Rng {
  return createRng((nextUint32(rng) ^ Math.imul(salt, 0x27d4eb2d)) >>> 0);
}
