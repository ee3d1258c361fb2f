// The debrief release in real browser pages: a player who lands on the debrief when the drill ends sees that it is
// not released yet; the facilitator releases each team's own result in the control room; the player's debrief
// then shows their own team only. Screenshots: test-output/release-*.png and docs/screenshot-release.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';
import { launchBrowser } from '../helpers/browser.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test-output');
const KEY = 'test-key';

let srv: Awaited<ReturnType<typeof startServer>>;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(width = 1280, height = 860): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('dialog', (d) => void d.accept());
  return page;
}

describe('debrief release in the browser', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gladi-release-'));
    srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, facilitatorKey: KEY, quiet: true });
    browser = await launchBrowser();
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the debrief from players until the facilitator releases it, then shows their own team', async () => {
    const fac = await newPage();
    await fac.goto(srv.url + '/#/');
    const scenario = fac.getByTestId('scenario-select');
    await expect.poll(() => scenario.locator('option[value="pariaman-rob"]').count(), { timeout: 15_000 }).toBe(1);
    await scenario.selectOption('pariaman-rob');
    await fac.getByTestId('facilitator-key').fill(KEY);
    await fac.getByTestId('create-drill').click();
    await fac.waitForURL(/#\/fasilitator\/[A-Z2-9]{6}$/);
    const code = (await fac.getByTestId('join-code-display').textContent())!.trim();

    const player = await newPage();
    await player.goto(srv.url + '/#/');
    await player.getByTestId('join-code').fill(code);
    await expect.poll(() => player.getByTestId('join-team').locator('option[value="tim-a"]').count(), { timeout: 10_000 }).toBe(1);
    await player.getByTestId('join-name').fill('Rina BPBD');
    await player.getByTestId('join-team').selectOption('tim-a');
    await player.getByTestId('join-role').selectOption('commander');
    await player.getByTestId('join-submit').click();
    await player.waitForURL(new RegExp(`#/main/${code}$`));

    await fac.getByTestId('btn-start').click();
    await expect.poll(() => fac.getByTestId('drill-status').getAttribute('class'), { timeout: 10_000 }).toContain('status-running');
    await fac.getByTestId('btn-end').click();

    // The player lands on the debrief: not released yet.
    await player.waitForURL(new RegExp(`#/debrief/${code}$`), { timeout: 15_000 });
    await player.getByTestId('debrief-locked').waitFor({ state: 'visible', timeout: 15_000 });
    await player.screenshot({ path: join(OUT, 'release-locked.png') });

    // The facilitator reopens the control room (an ended drill stays there) and releases each team's own result.
    await fac.goto(`${srv.url}/#/fasilitator/${code}`);
    await fac.getByTestId('release-panel').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await fac.getByTestId('release-scope').inputValue()).toBe('none');
    await fac.getByTestId('release-scope').selectOption('own');
    await fac.locator('[data-testid="release-status"][data-release="own"]').waitFor({ timeout: 10_000 });
    await fac.getByTestId('release-panel').scrollIntoViewIfNeeded();
    await fac.getByTestId('release-panel').screenshot({ path: join(ROOT, 'docs', 'screenshot-release.png') });
    await fac.screenshot({ path: join(OUT, 'release-control-room.png') });

    // The player's debrief now shows Tim A, and only Tim A.
    await player.reload();
    await player.getByTestId('debrief-team-tim-a').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await player.getByTestId('debrief-team-tim-b').count()).toBe(0);
    await player.screenshot({ path: join(OUT, 'release-own.png'), fullPage: true });
  });
});
