// Starts a real Gladi server on a random loopback port with a fresh data dir, and gives typed socket helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/main.ts';
import type { Ack } from '../../server/protocol/messages.ts';

export const TEST_KEY = 'test-facilitator-key';

export async function startTestServer(dataDir?: string): Promise<RunningServer & { dataDir: string; cleanup(): Promise<void> }> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'gladi-test-'));
  const srv = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, facilitatorKey: TEST_KEY, quiet: true });
  return {
    ...srv,
    dataDir: dir,
    async cleanup() {
      await srv.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function connect(url: string): Promise<Socket> {
  const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((ok, fail) => {
    s.once('connect', () => ok());
    s.once('connect_error', fail);
  });
  return s;
}

export function request<T = Record<string, unknown>>(s: Socket, event: string, payload?: unknown): Promise<Ack<T>> {
  return s.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Resolves with the first payload of `event` for which `pred` holds. */
export function waitFor<T>(s: Socket, event: string, pred: (p: T) => boolean = () => true, ms = 20_000): Promise<T> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { s.off(event, on); fail(new Error(`timed out waiting for ${event}`)); }, ms);
    const on = (p: T) => { if (pred(p)) { clearTimeout(timer); s.off(event, on); ok(p); } };
    s.on(event, on);
  });
}

/** Polls until `find` returns something, for events that may already have arrived. */
export async function until<T>(find: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 30_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await find();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** Creates a drill of the built-in scenario as facilitator and opens its control room on `fac`; returns the join code. */
export async function openDrill(fac: Socket, opts: { seed?: number; mode?: 'parallel' | 'joint' } = {}): Promise<string> {
  const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'pariaman-rob', ...opts });
  if (!c.ok) throw new Error(c.error.message);
  const w = await request(fac, 'drill:watch', { code: c.code, token: c.token });
  if (!w.ok) throw new Error(w.error.message);
  return c.code;
}
