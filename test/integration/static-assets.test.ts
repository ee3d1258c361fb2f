// The built client over HTTP (server/http/static-assets.ts), against a real server and a small client folder:
// index.html revalidated on every load, hashed assets cached for a year as immutable, brotli for clients that
// take it (the same bytes once decoded), gzip for the others, API answers compressed too.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';

let srv: Awaited<ReturnType<typeof startServer>>;
let dir: string;
// Some tens of kilobytes of script that compresses well, like a real bundle.
const SCRIPT = Array.from({ length: 2000 }, (_, i) => `export const v${i} = ${i} * 2; // line ${i}`).join('\n');

function get(path: string, encoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${srv.url}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the built client over HTTP', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gladi-static-'));
    mkdirSync(join(dir, 'client', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'client', 'index.html'), `<!doctype html><title>Gladi</title>${'<!-- padding -->'.repeat(100)}<script type="module" src="/assets/app-Abc123.js"></script>`);
    writeFileSync(join(dir, 'client', 'assets', 'app-Abc123.js'), SCRIPT);
    srv = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), facilitatorKey: 'static-key', quiet: true, clientDir: join(dir, 'client') });
  });

  afterAll(async () => {
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('revalidates index.html and caches hashed assets for a year, compressed', async () => {
    const index = await get('/', 'gzip');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(index.body).toString()).toContain('/assets/app-Abc123.js');

    const br = await get('/assets/app-Abc123.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 4);

    const gz = await get('/assets/app-Abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get('/assets/app-Abc123.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);

    const missing = await get('/assets/nope-123.js', 'br');
    expect(missing.status).toBe(404);
  });
});
