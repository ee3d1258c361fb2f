// The whole drill in real browser pages against the real server: a facilitator creates a drill and starts it,
// fires an MSEL row early and writes a rated note; a player joins, warns and evacuates, declares siaga darurat and
// activates the posko; an evaluator opens the read-only view; the map ticks and the score shows; the facilitator
// ends the drill and the pages land on the debrief, which shows the note. Screenshots go to test-output/ (and
// docs/screenshot-player.png, docs/screenshot-control-room.png).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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

async function newPage(width = 1280, height = 800): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') console.error(`[console] ${m.text()}`); });
  page.on('dialog', (d) => void d.accept());
  return page;
}

const text = async (l: Locator) => (await l.textContent()) ?? '';
const mapTick = (page: Page) => page.evaluate(() => window.__gladiMap?.tick ?? -1);

describe('drill in the browser', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gladi-browser-'));
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

  it('creates, plays, ends and debriefs a drill', async () => {
    // ---- facilitator creates the drill ----
    const fac = await newPage(1280, 860);
    await fac.goto(srv.url + '/#/');
    const scenario = fac.getByTestId('scenario-select');
    await expect.poll(() => scenario.locator('option[value="pariaman-rob"]').count(), { timeout: 15_000 }).toBe(1);
    await scenario.selectOption('pariaman-rob');
    await fac.getByTestId('facilitator-key').fill(KEY);
    await fac.getByTestId('create-drill').click();
    await fac.waitForURL(/#\/fasilitator\/[A-Z2-9]{6}$/);
    const code = (await fac.getByTestId('join-code-display').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{6}$/);

    // ---- player joins team tim-a as commander ----
    const player = await newPage(1280, 800);
    await player.goto(srv.url + '/#/');
    await player.getByTestId('join-code').fill(code);
    await expect.poll(() => player.getByTestId('join-team').locator('option[value="tim-a"]').count(), { timeout: 10_000 }).toBe(1);
    await player.getByTestId('join-name').fill('Rina BPBD');
    await player.getByTestId('join-team').selectOption('tim-a');
    await player.getByTestId('join-role').selectOption('commander');
    await player.getByTestId('join-submit').click();
    await player.waitForURL(new RegExp(`#/main/${code}$`));
    await player.waitForFunction(() => window.__gladiMap?.ready === true, undefined, { timeout: 30_000 });
    await expect.poll(() => fac.locator('.players li').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // ---- facilitator starts at speed 5 ----
    await fac.getByTestId('speed-select').selectOption('5');
    await fac.getByTestId('btn-start').click();
    await expect.poll(() => fac.getByTestId('drill-status').getAttribute('class'), { timeout: 10_000 }).toContain('status-running');

    // ---- facilitator fires MSEL row 3 (due H+0:45) early, and writes a note rated S ----
    await fac.getByTestId('msel-fire-3').click();
    await expect.poll(() => fac.getByTestId('msel-status-3-tim-a').getAttribute('data-status'), { timeout: 10_000 }).toBe('fired');
    const firedAt = await text(fac.getByTestId('msel-status-3-tim-a'));
    expect(firedAt).toMatch(/H\+0:[0-3]\d/); // well before H+0:45
    const NOTE = 'Tim A cepat menetapkan status siaga darurat';
    await fac.getByTestId('note-text').fill(NOTE);
    await fac.getByTestId('note-team').selectOption('tim-a');
    await fac.getByTestId('note-rating').selectOption('S');
    await fac.getByTestId('note-add').click();
    await expect.poll(() => text(fac.getByTestId('notes')), { timeout: 10_000 }).toContain(NOTE);
    const evaluatorCode = (await text(fac.getByTestId('evaluator-code'))).trim();
    expect(evaluatorCode.length).toBeGreaterThanOrEqual(6);

    // ---- player warns Kampung Pondok by siren (siaga) and orders its evacuation to SDN 05 ----
    await player.getByTestId('area-select').selectOption(['kampung-pondok']);
    await player.getByTestId('channel-select').selectOption('siren');
    await player.getByTestId('level-select').selectOption('siaga');
    await player.getByTestId('send-warning').click();
    await expect.poll(() => player.getByTestId('send-warning-result').getAttribute('class'), { timeout: 10_000 }).toMatch(/\bok\b/)
      .catch(async () => { throw new Error(`warning not accepted: ${await player.getByTestId('send-warning-result').textContent()}`); });
    await player.getByTestId('evac-area-select').selectOption(['kampung-pondok']);
    await player.getByTestId('shelter-select').selectOption('sdn-05');
    await player.getByTestId('send-evacuation').click();
    await expect.poll(() => player.getByTestId('send-evacuation-result').getAttribute('class'), { timeout: 10_000 }).toMatch(/\bok\b/)
      .catch(async () => { throw new Error(`evacuation not accepted: ${await player.getByTestId('send-evacuation-result').textContent()}`); });

    // ---- the commander declares siaga darurat and activates the posko; the command post shows it ----
    await player.getByTestId('group-post').locator('summary').first().click();
    await player.getByTestId('status-select').selectOption('siaga_darurat');
    await player.getByTestId('send-status').click();
    await expect.poll(() => player.getByTestId('send-status-result').getAttribute('class'), { timeout: 10_000 }).toMatch(/\bok\b/)
      .catch(async () => { throw new Error(`status not accepted: ${await player.getByTestId('send-status-result').textContent()}`); });
    await player.getByTestId('send-posko').click();
    await expect.poll(() => player.getByTestId('send-quick-result').getAttribute('class'), { timeout: 10_000 }).toMatch(/\bok\b/)
      .catch(async () => { throw new Error(`posko not accepted: ${await player.getByTestId('send-quick-result').textContent()}`); });
    await expect.poll(() => text(player.getByTestId('cp-status')), { timeout: 10_000 }).toContain('Siaga darurat');
    await expect.poll(() => text(player.getByTestId('cp-posko')), { timeout: 10_000 }).toContain('aktif');
    // The early inject reached the team's feed.
    await expect.poll(() => text(player.getByTestId('feed')), { timeout: 10_000 }).toContain('Ketua RT Kampung Pondok');

    // ---- an evaluator opens the read-only view with the evaluator code ----
    const evaluator = await newPage(1280, 800);
    await evaluator.goto(srv.url + '/#/');
    await evaluator.getByTestId('eval-join-code').fill(code);
    await evaluator.getByTestId('eval-code').fill(evaluatorCode);
    await evaluator.getByTestId('eval-name').fill('Evi Evaluator');
    await evaluator.getByTestId('eval-submit').click();
    await evaluator.waitForURL(new RegExp(`#/evaluator/${code}$`));
    await expect.poll(() => evaluator.getByTestId('msel-row-3').count(), { timeout: 10_000 }).toBe(1);
    expect(await evaluator.getByTestId('btn-start').count()).toBe(0);
    expect(await evaluator.getByTestId('msel-fire-3').count()).toBe(0);
    await expect.poll(() => text(evaluator.getByTestId('notes')), { timeout: 10_000 }).toContain(NOTE);
    await evaluator.close();

    // ---- the map ticks on, the score and metrics show ----
    const t0 = await mapTick(player);
    await expect.poll(() => mapTick(player), { timeout: 30_000 }).toBeGreaterThan(t0 + 20);
    await expect.poll(() => text(player.getByTestId('score'))).toMatch(/\d/);
    // Applies once someone is at risk ("belum berlaku" before): people safe and their share.
    await expect.poll(() => text(player.getByTestId('metric-residentsSafe')), { timeout: 60_000 }).toContain('%');
    // Minutes to warn 90 % of those at risk, or — while fewer have been warned (server/sim/metrics.ts).
    await expect.poll(() => text(player.getByTestId('metric-timeToWarning'))).toMatch(/\d+ mnt|—/);
    await expect.poll(() => text(player.getByTestId('feed')), { timeout: 10_000 }).toMatch(/Kampung Pondok/);

    // ---- a second player on a phone, in a role that may warn but not order evacuations ----
    const phone = await newPage(390, 844);
    await phone.goto(srv.url + `/#/?kode=${code}`);
    await expect.poll(() => phone.getByTestId('join-team').locator('option[value="tim-b"]').count(), { timeout: 10_000 }).toBe(1);
    await phone.getByTestId('join-name').fill('Dedi Kominfo');
    await phone.getByTestId('join-team').selectOption('tim-b');
    await phone.getByTestId('join-role').selectOption('communications');
    await phone.getByTestId('join-submit').click();
    await phone.waitForFunction(() => window.__gladiMap?.ready === true, undefined, { timeout: 30_000 })
      .catch(async (e) => { throw new Error(`phone map not ready: ${await phone.evaluate(() => JSON.stringify({ url: location.hash, map: window.__gladiMap, banner: document.querySelector('.banner')?.textContent, body: document.body.innerText.slice(0, 300) }))} — ${e}`); });
    expect(await phone.getByTestId('send-warning').isDisabled()).toBe(false);
    expect(await phone.getByTestId('send-evacuation').isDisabled()).toBe(true);

    // Mid-drill: let the flood rise so the map shows water and people on the move.
    await expect.poll(() => mapTick(player), { timeout: 60_000 }).toBeGreaterThan(95);
    await player.evaluate(() => { document.querySelector('.side')?.scrollTo(0, 0); window.scrollTo(0, 0); document.querySelector('[data-testid="inject-alert"]')?.setAttribute('hidden', ''); });
    await player.waitForTimeout(300);
    await player.screenshot({ path: join(OUT, 'player-map.png') });
    await player.screenshot({ path: join(ROOT, 'docs', 'screenshot-player.png') });
    await fac.evaluate(() => { window.scrollTo(0, 0); document.querySelector('.msel-list')?.scrollTo(0, 0); });
    await fac.waitForTimeout(200);
    await fac.screenshot({ path: join(OUT, 'facilitator.png') });
    await fac.screenshot({ path: join(ROOT, 'docs', 'screenshot-control-room.png') });
    await fac.screenshot({ path: join(OUT, 'facilitator-full.png'), fullPage: true });
    // The side panel scrolls on its own: a tall viewport shows all of it.
    await player.setViewportSize({ width: 1280, height: 3400 });
    await player.waitForTimeout(300);
    await player.screenshot({ path: join(OUT, 'player-full.png') });
    await player.setViewportSize({ width: 1280, height: 800 });
    await phone.screenshot({ path: join(OUT, 'player-phone.png') });

    // ---- facilitator releases each team's own debrief to its players, ends the drill; both pages land on the debrief ----
    await fac.getByTestId('release-scope').selectOption('own', { timeout: 15_000 })
      .catch(async (e) => { await fac.screenshot({ path: join(OUT, 'facilitator-release-missing.png'), fullPage: true }); throw new Error(`${fac.url()} ${e}`); });
    await fac.locator('[data-testid="release-status"][data-release="own"]').waitFor({ timeout: 10_000 });
    await fac.getByTestId('btn-end').click();
    for (const page of [fac, player]) {
      await page.waitForURL(new RegExp(`#/debrief/${code}$`), { timeout: 15_000 });
      const card = page.getByTestId('debrief-team-tim-a');
      await card.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await text(card.getByTestId('debrief-metric-tim-a-residentsSafe'))).toContain('%');
      expect(await text(card.getByTestId('debrief-metric-tim-a-timeToWarning'))).toMatch(/\d+ mnt|—/);
      expect(await text(card.getByTestId('first-warning'))).toContain('H+0:');
    }
    const notesBox = player.getByTestId('debrief-notes-tim-a');
    expect(await text(notesBox)).toContain(NOTE);
    expect(await text(notesBox.locator('.chip.rating'))).toBe('S');
    await player.screenshot({ path: join(OUT, 'debrief.png'), fullPage: true });
  });
});
