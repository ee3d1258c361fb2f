// The facilitator key: generated at first start when GLADI_FACILITATOR_KEY is unset, kept in the data dir, reused.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';
import { connect, request } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'gladi-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('facilitator key', () => {
  it('is generated once, kept private in the data dir, and is the only key that creates drills', async () => {
    const saved = process.env.GLADI_FACILITATOR_KEY;
    delete process.env.GLADI_FACILITATOR_KEY;
    try {
      const first = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, quiet: true });
      const file = join(dir, 'facilitator-key.txt');
      const key = readFileSync(file, 'utf8').trim();
      expect(key).toBe(first.facilitatorKey);
      expect(key.length).toBeGreaterThanOrEqual(12);
      expect(statSync(file).mode & 0o077).toBe(0); // readable by the owner only
      const s = await connect(first.url);
      expect((await request(s, 'drill:create', { key: 'guess', scenarioId: 'pariaman-rob' })).ok).toBe(false);
      expect((await request(s, 'drill:create', { key, scenarioId: 'pariaman-rob' })).ok).toBe(true);
      s.disconnect();
      await first.close();

      const second = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, quiet: true });
      expect(second.facilitatorKey).toBe(key);
      await second.close();
    } finally {
      if (saved !== undefined) process.env.GLADI_FACILITATOR_KEY = saved;
    }
  });
});
