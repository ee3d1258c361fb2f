// The debrief in a real browser: a drill played over sockets (a team warns and evacuates, another does nothing), then
// the facilitator's debrief page: the replay scrubber moves the map to another minute, a timeline marker and a
// decision jump there, a click on a metric shows its evidence (formula, weight, inputs, events); the player's hot-wash
// form is sent and the history lists the drill. Screenshots: docs/screenshot-debrief.png,
// docs/screenshot-debrief-evidence.png (and test-output/ for the rest).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { connect, request, waitFor } from '../helpers/server.ts';
import type { ViewDelta } from '../../server/protocol/messages.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test-output');
const DOCS = join(ROOT, 'docs');
const KEY = 'test-key';

let srv: Awaited<ReturnType<typeof startServer>>;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: Socket[] = [];

async function newPage(width = 1400, height = 1000): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') console.error(`[console] ${m.text()}`); });
  return page;
}

const mapTick = (page: Page) => page.evaluate(() => window.__gladiMap?.tick ?? -1);

describe('debrief in the browser', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gladi-debrief-'));
    srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, facilitatorKey: KEY, quiet: true });
    browser = await launchBrowser();
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('replays the map with the scrubber and markers, shows decisions and metric evidence, takes the hot wash', async () => {
    // ---- a short drill over sockets ----
    const fac = await connect(srv.url);
    const a = await connect(srv.url);
    sockets.push(fac, a);
    const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: KEY, scenarioId: 'pariaman-rob', seed: 4 });
    if (!c.ok) throw new Error(c.error.message);
    const code = c.code;
    expect((await request(fac, 'drill:watch', { code, token: c.token })).ok).toBe(true);
    const ja = await request<{ token: string }>(a, 'drill:join', { code, name: 'Rina', teamId: 'tim-a', role: 'commander' });
    if (!ja.ok) throw new Error(ja.error.message);
    expect((await request(fac, 'drill:clock', { code, action: 'speed', speed: 20 })).ok).toBe(true);
    expect((await request(fac, 'drill:clock', { code, action: 'start' })).ok).toBe(true);
    expect((await request(a, 'command:send', { clientId: 'br-a-000001', command: { type: 'warn', areas: ['kampung-pondok', 'pasir', 'karan-aur'], channel: 'siren', level: 'awas' } })).ok).toBe(true);
    expect((await request(a, 'command:send', { clientId: 'br-a-000002', command: { type: 'evacuate', areas: ['kampung-pondok', 'pasir'], shelterId: 'sdn-05' } })).ok).toBe(true);
    await waitFor<ViewDelta>(fac, 'view:delta', (d) => d.teamId === 'tim-c' && d.tick >= 60, 60_000);
    expect((await request(fac, 'drill:clock', { code, action: 'end' })).ok).toBe(true);

    // ---- the facilitator's debrief ----
    const page = await newPage();
    await page.goto(srv.url + '/#/');
    await page.evaluate(({ k, code: cd, tok }) => { sessionStorage.setItem('gladi.fac.key', k); localStorage.setItem(`gladi.fac.${cd}`, tok); }, { k: KEY, code, tok: c.token });
    await page.goto(`${srv.url}/#/debrief/${code}`);
    const scrubber = page.getByTestId('replay-scrubber');
    await scrubber.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => window.__gladiMap?.ready === true, undefined, { timeout: 60_000 });
    const end = Number(await scrubber.getAttribute('max'));
    expect(end).toBeGreaterThanOrEqual(60);
    await expect.poll(() => mapTick(page), { timeout: 30_000 }).toBe(end);

    // The scrubber moves the map to minute 25.
    await scrubber.fill('25');
    await expect.poll(() => mapTick(page), { timeout: 30_000 }).toBe(25);
    expect(await page.getByTestId('replay-clock').textContent()).toContain('0:25');

    // A marker (the first warning of team A) jumps there.
    const warnMarker = page.getByTestId('marker-first_warning').first();
    await warnMarker.click();
    await expect.poll(() => mapTick(page), { timeout: 30_000 }).toBeLessThan(5);

    // Decisions: who, which command; clicking one jumps to just after it.
    const decisions = page.getByTestId('decision');
    await expect.poll(() => decisions.count()).toBeGreaterThanOrEqual(2);
    expect(await decisions.first().textContent()).toContain('Rina');
    await page.getByTestId('decision-search').fill('evak');
    await expect.poll(() => decisions.count()).toBe(1);
    await page.getByTestId('decision-search').fill('');
    await scrubber.fill('40');
    await expect.poll(() => mapTick(page), { timeout: 30_000 }).toBe(40);
    await page.getByTestId('replay').screenshot({ path: join(OUT, 'debrief-replay.png') });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(DOCS, 'screenshot-debrief.png') });

    // A click on a metric shows its evidence.
    await page.getByTestId('metric-button-tim-a-publicTrust').click();
    const dlg = page.getByTestId('evidence');
    await dlg.waitFor({ state: 'visible' });
    expect((await page.getByTestId('evidence-formula').textContent())!.length).toBeGreaterThan(20);
    expect(await page.getByTestId('evidence-events').locator('li').count()).toBeGreaterThan(0);
    // The world's own records: trust per area, from its start to now.
    expect(await page.getByTestId('evidence-detail').locator('tr').count()).toBeGreaterThan(2);
    await page.screenshot({ path: join(DOCS, 'screenshot-debrief-evidence.png') });
    await page.getByTestId('evidence-close').click();

    // Outcome curves switch between people safe, stranded, casualties, trust.
    await page.getByTestId('outcome-stranded').click();
    expect(await page.getByTestId('outcomes').locator('path.series').count()).toBe(3);

    // ---- the player's hot wash ----
    const player = await newPage(1000, 900);
    await player.goto(srv.url + '/#/');
    await player.evaluate(({ cd, tok }) => localStorage.setItem(`gladi.seat.${cd}`, tok), { cd: code, tok: ja.token });
    await player.goto(`${srv.url}/#/debrief/${code}`);
    const form = player.getByTestId('hotwash-form');
    await form.waitFor({ timeout: 60_000 });
    await player.getByTestId('hw-strength-0').fill('Sirene dibunyikan cepat');
    await player.getByTestId('hw-improve-0').fill('Evakuasi lansia lebih awal');
    await player.getByTestId('hw-realism-4').check();
    await player.getByTestId('hw-usefulness-5').check();
    await player.getByTestId('hw-send').click();
    await expect.poll(() => player.getByTestId('hw-msg').textContent()).toMatch(/Terima kasih|Thank you/);
    await form.screenshot({ path: join(OUT, 'debrief-hotwash.png') });

    // The facilitator sees it summarised.
    await page.reload();
    await page.getByTestId('hotwash-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('hotwash-summary').textContent()).toContain('Sirene dibunyikan cepat');
    await page.getByTestId('hotwash').screenshot({ path: join(OUT, 'debrief-hotwash-summary.png') });

    // ---- the EEG in the control room: the evaluator's rating with a note ----
    await page.goto(`${srv.url}/#/fasilitator/${code}`);
    const eeg = page.getByTestId('eeg');
    await eeg.waitFor({ timeout: 60_000 });
    await eeg.locator('summary').click();
    const objective = (await page.locator('[data-testid^="eeg-rating-"]').first().getAttribute('data-testid'))!.replace('eeg-rating-', '');
    await page.getByTestId(`eeg-rating-${objective}`).selectOption('M');
    await page.getByTestId(`eeg-note-${objective}`).fill('Peringatan cepat, tetapi lansia di Pasir tidak dijemput.');
    await page.getByTestId(`eeg-save-${objective}`).click();
    await expect.poll(() => eeg.textContent()).toContain('Tersimpan');
    await eeg.screenshot({ path: join(OUT, 'debrief-eeg.png') });

    // ---- tags and the training history ----
    const tagged = await fetch(`${srv.url}/api/drills/${code}/tags`, {
      method: 'PUT', headers: { 'content-type': 'application/json', 'x-gladi-key': KEY },
      body: JSON.stringify({ cohort: 'Angkatan 2026-A', agencies: ['BPBD Kota Pariaman'], teamAgencies: { 'tim-a': 'BPBD Kota Pariaman', 'tim-b': 'Dinas Sosial', 'tim-c': 'Dinas Kesehatan' } }),
    });
    expect(tagged.status).toBe(200);
    await page.goto(`${srv.url}/#/riwayat`);
    await page.getByTestId('history-chart').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('history-agencies').textContent()).toContain('BPBD Kota Pariaman');
    expect(await page.getByTestId('history-people').textContent()).toContain('Rina');
    await page.screenshot({ path: join(DOCS, 'screenshot-debrief-history.png') });

    // ---- in English ----
    await page.goto(`${srv.url}/#/debrief/${code}`);
    await page.getByTestId('replay-scrubber').waitFor({ timeout: 60_000 });
    await page.locator('[data-lang="en"]').click();
    await expect.poll(async () => (await page.getByTestId('replay').textContent()) ?? '', { timeout: 60_000 }).toContain('Map replay');
    await page.getByTestId('replay-scrubber').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('replay').textContent()).toContain('Decisions');
    await page.screenshot({ path: join(OUT, 'debrief-en.png') });
    await page.locator('[data-lang="id"]').click();
  });
});
