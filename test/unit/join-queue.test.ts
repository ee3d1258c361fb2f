// The join queue (server/http/join-queue.ts): joins started at most JOINS_PER_SLICE per drill per slice, at most
// a set number in flight while they wait for their drill, gone sockets dropped, failed joins freeing their place.
import { afterEach, describe, expect, it } from 'vitest';
import { JOIN_SLICE_MS, JOINS_PER_SLICE, JoinQueue } from '../../server/http/join-queue.ts';

const wait = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
let q: JoinQueue;
afterEach(() => q?.stop());

/** A join that waits until `release()` is called, as a join waiting for a hosted drill's snapshot does. */
function pending() {
  let started = 0;
  const waiting: (() => void)[] = [];
  const job = { alive: () => true, run: () => { started++; return new Promise<void>((ok) => waiting.push(ok)); } };
  return { job, started: () => started, release: (n: number) => { for (const ok of waiting.splice(0, n)) ok(); } };
}

describe('join queue', () => {
  it('starts at most JOINS_PER_SLICE joins of a drill per slice, and all of them in the end', async () => {
    q = new JoinQueue();
    let ran = 0;
    for (let i = 0; i < JOINS_PER_SLICE * 3; i++) q.push('AAAAAA', { alive: () => true, run: () => { ran++; } });
    expect(q.peak).toBe(JOINS_PER_SLICE * 3);
    await wait(1);
    expect(ran).toBe(JOINS_PER_SLICE);
    await wait(JOIN_SLICE_MS * 6);
    expect(ran).toBe(JOINS_PER_SLICE * 3);
    expect(q.served).toBe(JOINS_PER_SLICE * 3);
    expect(q.length).toBe(0);
  });

  it('serves two drills side by side, each at its own rate', async () => {
    q = new JoinQueue();
    const ran = { A: 0, B: 0 };
    for (let i = 0; i < JOINS_PER_SLICE + 5; i++) {
      q.push('AAAAAA', { alive: () => true, run: () => { ran.A++; } });
      q.push('BBBBBB', { alive: () => true, run: () => { ran.B++; } });
    }
    await wait(1);
    expect(ran).toEqual({ A: JOINS_PER_SLICE, B: JOINS_PER_SLICE });
  });

  it('keeps at most the cap of joins in flight and starts more as they are answered', async () => {
    q = new JoinQueue(5);
    const p = pending();
    for (let i = 0; i < 12; i++) q.push('AAAAAA', p.job);
    await wait(JOIN_SLICE_MS * 3);
    expect(p.started()).toBe(5);
    expect(q.inFlight).toBe(5);
    expect(q.length).toBe(7);
    p.release(3);
    await wait(JOIN_SLICE_MS * 3);
    expect(p.started()).toBe(8);
    p.release(100);
    await wait(JOIN_SLICE_MS * 3);
    p.release(100);
    await wait(JOIN_SLICE_MS * 3);
    expect(p.started()).toBe(12);
    expect(q.inFlight).toBe(0);
    expect(q.peakInFlight).toBe(5);
    expect(q.served).toBe(12);
  });

  it('drops joins whose socket has gone, and a failed join frees its place', async () => {
    q = new JoinQueue(1);
    let ran = 0;
    q.push('AAAAAA', { alive: () => false, run: () => { ran++; } });
    q.push('AAAAAA', { alive: () => true, run: () => Promise.reject(new Error('host gone')) });
    q.push('AAAAAA', { alive: () => true, run: () => { throw new Error('bad seat'); } });
    q.push('AAAAAA', { alive: () => true, run: () => { ran++; } });
    await wait(JOIN_SLICE_MS * 6);
    expect(q.dropped).toBe(1);
    expect(q.served).toBe(3);
    expect(ran).toBe(1);
    expect(q.inFlight).toBe(0);
  });
});
