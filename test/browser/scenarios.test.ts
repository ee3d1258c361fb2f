// Every built-in town scenario opens in a real browser: a facilitator creates a drill over the socket, a player
// joins it in Chromium, the drill runs for a while at top speed so the hazard shows, and the map is photographed
// into docs/town-<id>.png (docs/towns.md). Checks that the map drew and that the clock moved.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { connect, request } from '../helpers/server.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const KEY = 'test-key';

/** Tick to photograph at: when each town's hazard is visible (short enough to keep the test quick). */
const TOWNS: { id: string; tick: number }[] = [
  { id: 'pariaman-rob', tick: 75 },
  { id: 'pariaman-tsunami', tick: 33 },
  { id: 'sibolga', tick: 110 },
  { id: 'plaju', tick: 40 },
  { id: 'batanghari', tick: 70 },
  { id: 'bukittinggi', tick: 150 },
];

let srv: Awaited<ReturnType<typeof startServer>>;
let dataDir: string;
let browser: Browser;
let fac: Socket;

describe('town scenarios in the browser', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gladi-towns-'));
    srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, facilitatorKey: KEY, quiet: true });
    browser = await launchBrowser();
    fac = await connect(srv.url);
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  });

  afterAll(async () => {
    fac?.disconnect();
    await browser?.close();
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const town of TOWNS) {
    it(`opens ${town.id}, plays it to tick ${town.tick} and photographs the map`, async () => {
      const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: KEY, scenarioId: town.id, seed: 1 });
      if (!c.ok) throw new Error(c.error.message);
      const w = await request(fac, 'drill:watch', { code: c.code, token: c.token });
      if (!w.ok) throw new Error(w.error.message);

      const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
      try {
        const page = await ctx.newPage();
        page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
        await page.goto(srv.url + '/#/');
        await page.getByTestId('join-code').fill(c.code);
        await expect.poll(() => page.getByTestId('join-team').locator('option[value="tim-a"]').count(), { timeout: 15_000 }).toBe(1);
        await page.getByTestId('join-name').fill('Pengamat');
        await page.getByTestId('join-team').selectOption('tim-a');
        await page.getByTestId('join-role').selectOption('commander');
        await page.getByTestId('join-submit').click();
        await page.waitForFunction(() => window.__gladiMap?.ready === true, undefined, { timeout: 30_000 });

        await request(fac, 'drill:clock', { code: c.code, action: 'speed', speed: 20 });
        await request(fac, 'drill:clock', { code: c.code, action: 'start' });
        await page.waitForFunction((t) => (window.__gladiMap?.tick ?? -1) >= t, town.tick, { timeout: 90_000 });
        await request(fac, 'drill:clock', { code: c.code, action: 'pause' });
        await page.waitForTimeout(600); // the last frame drawn

        const map = page.getByTestId('map');
        const box = await map.boundingBox();
        expect(box && box.width > 300 && box.height > 200).toBe(true);
        const png = await map.screenshot({ path: join(ROOT, 'docs', `town-${town.id}.png`) });
        expect(png.length).toBeGreaterThan(20_000); // a drawn map, not a blank canvas
        await page.screenshot({ path: join(ROOT, 'test-output', `town-${town.id}-page.png`) });

        // The clock runs in scenario time (days shown from the second day on).
        const clock = (await page.getByTestId('clock').textContent()) ?? '';
        expect(clock).toMatch(/^H\+\d/);
      } finally {
        await ctx.close();
      }
    }, 150_000);
  }
});
