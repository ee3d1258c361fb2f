// The drill as players live it (issue 8), in real Chromium against the real server: a reload mid-drill keeps the
// feed; a language switch keeps the feed and what was typed; a phone-sized player (390×844, touch, DPR 3) plays
// warn → evacuate → task a boat with the panels as tabs, gets an inject alert with a vibration, and closes a road
// by tapping the map; the MSEL panel shows a delay's new time and a skip at once, with team names; a wrong
// evaluator code reads as a sentence with no empty control room behind it. Screenshots: docs/screenshot-phone-*.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';
import { drillWords } from '../../client/i18n/words-drill.ts';
import { launchBrowser } from '../helpers/browser.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test-output');
const KEY = 'test-key-ux';

let srv: Awaited<ReturnType<typeof startServer>>;
let dataDir: string;
let browser: Browser;
let fac: Socket;
const contexts: BrowserContext[] = [];

async function request<T = Record<string, unknown>>(event: string, payload: unknown): Promise<T> {
  const a = await fac.timeout(10_000).emitWithAck(event, payload);
  if (!a.ok) throw new Error(`${event}: ${a.error.code} ${a.error.message}`);
  return a as T;
}

/** A drill the test's facilitator socket watches. */
async function newDrill(): Promise<string> {
  const { code } = await request<{ code: string }>('drill:create', { key: KEY, scenarioId: 'pariaman-rob' });
  await request('drill:watch', { code, key: KEY });
  return code;
}

async function newPage(opts: { width: number; height: number; phone?: boolean }): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: opts.width, height: opts.height }, deviceScaleFactor: opts.phone ? 3 : 1, isMobile: !!opts.phone, hasTouch: !!opts.phone,
  });
  contexts.push(ctx);
  // Record vibrations (the test cannot feel them).
  await ctx.addInitScript(`window.__vibrations = [];
    Object.defineProperty(Navigator.prototype, 'vibrate', { configurable: true, writable: true, value: function (p) { window.__vibrations.push(p); return true; } });`);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') console.error(`[console] ${m.text()}`); });
  page.on('dialog', (d) => void d.accept());
  return page;
}

/** Joins through the home page as a real player would. */
async function joinDrill(page: Page, code: string, name: string, teamId: string, role: string): Promise<void> {
  await page.goto(`${srv.url}/#/?kode=${code}`);
  await expect.poll(() => page.getByTestId('join-team').locator(`option[value="${teamId}"]`).count(), { timeout: 15_000 }).toBe(1);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join-team').selectOption(teamId);
  await page.getByTestId('join-role').selectOption(role);
  await page.getByTestId('join-submit').click();
  await page.waitForURL(new RegExp(`#/main/${code}$`));
  await page.waitForFunction(() => window.__gladiMap?.ready === true, undefined, { timeout: 30_000 });
}

const text = async (page: Page, testid: string) => (await page.getByTestId(testid).textContent()) ?? '';
const mapTick = (page: Page) => page.evaluate(() => window.__gladiMap?.tick ?? -1);

/** Sends a form's command and waits for its verdict; fails with the words shown when refused. */
async function sendOk(page: Page, button: string): Promise<void> {
  await page.getByTestId(button).click();
  const result = page.getByTestId(`${button}-result`);
  await expect.poll(async () => (await result.getAttribute('class')) ?? '', { timeout: 15_000 }).toMatch(/\b(ok|error)\b/);
  await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 15_000 }).not.toMatch(/Mengirim|Sending/);
  const cls = (await result.getAttribute('class')) ?? '';
  if (!/\bok\b/.test(cls)) throw new Error(`${button}: ${await result.textContent()}`);
}

describe('the drill as players live it', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gladi-ux-'));
    srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, facilitatorKey: KEY, quiet: true });
    fac = io(srv.url, { transports: ['websocket'] });
    browser = await launchBrowser();
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    fac?.close();
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the feed over a reload and the feed and form over a language switch', async () => {
    const code = await newDrill();
    const page = await newPage({ width: 1280, height: 800 });
    await joinDrill(page, code, 'Rina BPBD', 'tim-a', 'commander');
    await request('drill:clock', { code, action: 'speed', speed: 5 });
    await request('drill:clock', { code, action: 'start' });
    await request('inject:control', { code, action: { op: 'fire', no: 1 } });
    await expect.poll(() => text(page, 'feed'), { timeout: 20_000 }).toContain('BMKG Stasiun Minangkabau');
    const before = await page.getByTestId('feed').locator('li.feed-item').count();

    // ---- reload: the snapshot brings the feed back ----
    await page.reload();
    await page.waitForFunction(() => window.__gladiMap?.ready === true, undefined, { timeout: 30_000 });
    await expect.poll(() => text(page, 'feed'), { timeout: 10_000 }).toContain('BMKG Stasiun Minangkabau');
    expect(await page.getByTestId('feed').locator('li.feed-item').count()).toBeGreaterThanOrEqual(before);

    // ---- language switch: feed, typed text, chosen areas and open groups stay ----
    await page.getByTestId('area-select').selectOption(['kampung-pondok', 'karan-aur']);
    await page.getByTestId('warn-message').fill('Segera menuju SD Negeri 05');
    await page.getByTestId('group-post').locator('summary').first().click();
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();
    await expect.poll(() => page.locator('section.feed h3').first().textContent()).toBe('Incoming');
    expect(await text(page, 'feed')).toContain('BMKG Stasiun Minangkabau');
    expect(await text(page, 'feed')).toContain('Coastal flood early warning');
    expect(await page.getByTestId('warn-message').inputValue()).toBe('Segera menuju SD Negeri 05');
    expect(await page.getByTestId('area-select').evaluate((s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value))).toEqual(['kampung-pondok', 'karan-aur']);
    expect(await page.getByTestId('group-post').evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    // The map lives on (same canvas, still ticking).
    const t0 = await mapTick(page);
    await expect.poll(() => mapTick(page), { timeout: 15_000 }).toBeGreaterThan(t0);
    // The typed warning goes out with its message and the feed says it.
    await sendOk(page, 'send-warning');
    await expect.poll(() => text(page, 'feed'), { timeout: 15_000 }).toContain('“Segera menuju SD Negeri 05”');
    await page.getByTestId('lang-switch').locator('[data-lang="id"]').click();
    await expect.poll(() => page.locator('section.feed h3').first().textContent()).toBe('Kabar masuk');
    expect(await text(page, 'feed')).toContain('Peringatan dini banjir rob');
  });

  it('lets a phone-sized player warn, evacuate and task a boat, with tabs, an inject alert and touch on the map', async () => {
    const code = await newDrill();
    const phone = await newPage({ width: 390, height: 844, phone: true });
    await joinDrill(phone, code, 'Sari Dinsos', 'tim-b', 'commander');

    // The map fills the width and is drawn at the device's pixels.
    const box = await phone.getByTestId('map').boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(370);
    const canvas = await phone.getByTestId('map').locator('canvas').evaluate((c: HTMLCanvasElement) => ({ w: c.width, css: c.getBoundingClientRect().width }));
    expect(canvas.w).toBeGreaterThanOrEqual(Math.floor(canvas.css * 3) - 2);
    // Panels are tabs: the feed is not on the map tab.
    expect(await phone.getByTestId('feed').isVisible()).toBe(false);

    await request('drill:clock', { code, action: 'speed', speed: 5 });
    await request('drill:clock', { code, action: 'start' });
    // A new inject: a visible alert, a vibration, a count on the feed tab.
    await request('inject:control', { code, action: { op: 'fire', no: 1 } });
    await phone.getByTestId('inject-alert').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await text(phone, 'inject-alert')).toContain('BMKG Stasiun Minangkabau');
    expect(await phone.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations.length)).toBeGreaterThan(0);
    expect(Number(await text(phone, 'feed-unread'))).toBeGreaterThan(0);
    await phone.getByTestId('alert-open').tap();
    await phone.getByTestId('feed').waitFor({ state: 'visible' });
    expect(await text(phone, 'feed')).toContain('BMKG');
    await phone.screenshot({ path: join(ROOT, 'docs', 'screenshot-phone-feed.png') });

    // ---- orders tab: warn, evacuate ----
    await phone.getByTestId('tab-commands').tap();
    await phone.getByTestId('area-select').waitFor({ state: 'visible' });
    // Touch screens get the touch hint, not the desktop-only Ctrl/⌘ + click one.
    expect(await phone.locator('.hint-mouse').first().isVisible()).toBe(false);
    expect(await phone.locator('.hint-touch').first().isVisible()).toBe(true);
    await phone.getByTestId('area-select').selectOption(['kampung-pondok']);
    await phone.getByTestId('channel-select').selectOption('mosque');
    await phone.getByTestId('level-select').selectOption('awas');
    await sendOk(phone, 'send-warning');
    await phone.getByTestId('evac-area-select').selectOption(['kampung-pondok']);
    await phone.getByTestId('shelter-select').selectOption('sdn-05');
    await sendOk(phone, 'send-evacuation');
    await phone.screenshot({ path: join(ROOT, 'docs', 'screenshot-phone-orders.png') });

    // ---- close a road by tapping the map: the map tab opens for the tap, then the orders come back ----
    await phone.getByTestId('form-close_road').locator('summary').first().tap();
    await phone.getByTestId('road-pick').tap();
    await phone.getByTestId('map').waitFor({ state: 'visible' });
    const mb = (await phone.getByTestId('map').boundingBox())!;
    await phone.touchscreen.tap(mb.x + mb.width * 0.5, mb.y + mb.height * 0.5);
    await expect.poll(() => phone.getByTestId('road-x').inputValue(), { timeout: 10_000 }).toMatch(/^\d+$/);
    expect(await phone.getByTestId('road-x').isVisible()).toBe(true);

    // ---- task the PMI boat to Kampung Pondok once it is ready ----
    await expect.poll(() => mapTick(phone), { timeout: 60_000 }).toBeGreaterThan(25);
    await phone.getByTestId('group-unit').locator('summary').first().tap();
    await phone.getByTestId('unit-select').selectOption('pmi-perahu-1');
    await phone.getByTestId('task-area-select').selectOption('kampung-pondok');
    await sendOk(phone, 'send-task');

    // The units tab shows the boat with its task; the map tab shows the alert state flagged on the area.
    await phone.getByTestId('tab-units').tap();
    await expect.poll(() => text(phone, 'units'), { timeout: 20_000 }).toContain('Kampung Pondok');
    await phone.getByTestId('tab-shelters').tap();
    await phone.getByTestId('shelters').waitFor({ state: 'visible' });
    await phone.getByTestId('tab-map').tap();
    await expect.poll(() => mapTick(phone), { timeout: 60_000 }).toBeGreaterThan(70);
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.waitForTimeout(400);
    await phone.screenshot({ path: join(ROOT, 'docs', 'screenshot-phone-map.png') });
  });

  it('shows an MSEL delay and skip at once, in words, and a wrong evaluator code as a sentence', async () => {
    const code = await newDrill();
    const page = await newPage({ width: 1280, height: 860 });
    await page.goto(`${srv.url}/#/`);
    await page.evaluate((k) => sessionStorage.setItem('gladi.fac.key', k), KEY);
    await page.goto(`${srv.url}/#/fasilitator/${code}`);
    await page.getByTestId('msel-row-1').waitFor({ timeout: 20_000 });
    // Team names, not ids; a conditional row waits for its condition, not for "H+0:00".
    expect(await text(page, 'msel-status-1-tim-a')).toMatch(/^Tim A: menunggu · H\+0:10$/);
    expect(await text(page, 'msel-status-4-tim-a')).not.toContain('H+0:00');
    // The drill has not started: nothing ticks, so what shows comes from the action itself.
    await page.getByTestId('msel-target').selectOption('tim-a');
    await page.getByTestId('msel-delay-1').click();
    await expect.poll(() => text(page, 'msel-status-1-tim-a'), { timeout: 3_000 }).toBe('Tim A: menunggu · H+0:20');
    expect(await text(page, 'msel-status-1-tim-b')).toBe('Tim B: menunggu · H+0:10');
    await page.getByTestId('msel-skip-3').click();
    await expect.poll(() => page.getByTestId('msel-status-3-tim-a').getAttribute('data-status'), { timeout: 3_000 }).toBe('skipped');
    expect(await text(page, 'msel-status-3-tim-a')).toBe('Tim A: dilewati');
    expect(await text(page, 'msel-result')).toContain('#3');
    // The control room switches language keeping what was typed and the MSEL's state.
    await page.getByTestId('note-text').fill('Tim A belum menetapkan status');
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();
    await expect.poll(() => text(page, 'msel-status-3-tim-a'), { timeout: 5_000 }).toBe('Tim A: skipped');
    expect(await text(page, 'msel-status-1-tim-a')).toBe('Tim A: pending · H+0:20');
    expect(await page.getByTestId('note-text').inputValue()).toBe('Tim A belum menetapkan status');
    await page.getByTestId('lang-switch').locator('[data-lang="id"]').click();

    // A wrong evaluator code: one sentence saying what to do, and no control room behind it.
    const ev = await newPage({ width: 1280, height: 800 });
    await ev.goto(`${srv.url}/#/`);
    await ev.evaluate(([c]) => { localStorage.setItem(`gladi.eval.${c}`, 'SALAH1'); localStorage.setItem('gladi.name', 'Evi'); }, [code]);
    await ev.goto(`${srv.url}/#/evaluator/${code}`);
    await ev.getByTestId('control-gate').waitFor({ timeout: 15_000 });
    await expect.poll(() => text(ev, 'control-error'), { timeout: 10_000 }).toBe(drillWords.id['err.bad_key.evaluatorCode']);
    expect(await ev.getByTestId('join-code-display').count()).toBe(0);
    // Too short a code is caught before it is sent, in words.
    await ev.getByTestId('eval-code-input').fill('ABC');
    await ev.getByTestId('control-gate').locator('button[type=submit]').click();
    expect(await ev.getByTestId('control-gate').textContent()).toContain(drillWords.id['home.eval.short']);
    expect(await ev.getByTestId('control-gate').textContent()).not.toMatch(/Too small|expected string/);
  });
});
