// The scenario editor in a real browser against the real server: open the built-in scenario, give it a new id,
// draw a neighbourhood on the map, add an MSEL row to one team, see live checking and who receives the row, save
// a version, dry-run it; the saved version is offered for new drills. Screenshots: docs/screenshot-editor*.png.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';
import { launchBrowser } from '../helpers/browser.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const KEY = 'editor-test-key';
let srv: Awaited<ReturnType<typeof startServer>>;
let root: string;
let browser: Browser;

/** Page coordinates of the corner (x, y) of the cell grid on the editor canvas (a hair inside, so it rounds to x, y). */
async function cellPoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator('[data-testid=editor-canvas]').boundingBox())!;
  const px = box.width / 120; // pariaman-rob is 120 cells wide
  return { x: box.x + (x + 0.1) * px, y: box.y + (y + 0.1) * px };
}

describe('scenario editor in the browser', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'gladi-editor-'));
    cpSync(join(ROOT, 'scenarios', 'pariaman-rob'), join(root, 'scenarios', 'pariaman-rob'), { recursive: true });
    // A broken copy for the home page: its own id, a shelter in the sea.
    cpSync(join(ROOT, 'scenarios', 'pariaman-rob'), join(root, 'scenarios', 'salinan-rusak'), { recursive: true });
    const y = join(root, 'scenarios', 'salinan-rusak', 'scenario.yaml');
    const text = readFileSync(y, 'utf8');
    const broken = text.replace('id: pariaman-rob', 'id: salinan-rusak').replace('x: 82, y: 28', 'x: 2, y: 28');
    if (broken === text || !broken.includes('x: 2, y: 28')) throw new Error('the built-in scenario changed: update this test');
    writeFileSync(y, broken);
    srv = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(root, 'data'), scenariosDir: join(root, 'scenarios'), facilitatorKey: KEY, quiet: true });
    browser = await launchBrowser();
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('draws a neighbourhood, adds an MSEL row, checks live, saves a version and dry-runs it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1500, height: 950 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}/#/`);
    // The home page tells the facilitator which scenario failed and why.
    await page.waitForSelector('[data-testid=scenario-problems] li');
    const problems = (await page.textContent('[data-testid=scenario-problems]')) ?? '';
    expect(problems).toMatch(/Folder salinan-rusak/);
    expect(problems).toMatch(/sdn-05: sel \(2, 28\) berada di laut/);
    await page.locator('[data-testid=scenario-problems]').screenshot({ path: join(ROOT, 'docs', 'screenshot-home-problems.png') });
    await page.click('[data-testid=editor-link]');
    await page.waitForSelector('[data-testid=editor-page]');
    await page.fill('[data-testid=editor-key]', KEY);
    await page.click('[data-testid=editor-open]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=editor-open-select] option').length > 1);
    await page.selectOption('[data-testid=editor-open-select]', 'folder:pariaman-rob');
    await page.click('[data-testid=editor-open]');
    await page.waitForSelector('[data-testid=editor-diagnostics]');
    expect(await page.textContent('[data-testid=editor-check-badge]')).toBe('0 galat · 0 peringatan');

    // A new id, so the copy does not take the built-in's place.
    await page.click('[data-tab=people]');
    const idInput = page.locator('[data-testid=editor-panel] section').first().locator('input').first();
    await idInput.fill('pariaman-latihan');
    await idInput.dispatchEvent('change');

    // Draw a neighbourhood over housing east of Karan Aur: four corners, then Finish.
    await page.click('[data-tool=hood]');
    for (const [x, y] of [[48, 70], [58, 70], [58, 80], [48, 80]]) {
      const p = await cellPoint(page, x, y);
      await page.mouse.click(p.x, p.y);
    }
    await page.click('[data-testid=editor-finish]');
    await page.waitForSelector('[data-testid=editor-panel] .editor-item.selected[data-id=wilayah-1]');
    // Households on the new neighbourhood.
    const households = page.locator('.editor-item.selected[data-id=wilayah-1] input').nth(2);
    await households.fill('60');
    await households.dispatchEvent('change');
    await page.click('[data-tool=select]');
    // Move the first shelter three cells east by dragging it.
    const shelter = await page.evaluate(async (key) => {
      const r = await fetch('/api/editor/scenario/pariaman-rob', { headers: { 'x-gladi-key': key } });
      return ((await r.json()) as { model: { scenario: { shelters: { id: string; x: number; y: number }[] } } }).model.scenario.shelters[0];
    }, KEY);
    const from = await cellPoint(page, shelter.x + 0.4, shelter.y + 0.4), to = await cellPoint(page, shelter.x + 3.4, shelter.y + 0.4);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector(`.editor-item.selected[data-id=${shelter.id}]`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshot-editor.png') });

    // A neighbourhood drawn over the sea is caught by the live check.
    await page.click('[data-tool=hood]');
    for (const [x, y] of [[1, 1], [6, 1], [6, 6], [1, 6]]) { const p = await cellPoint(page, x, y); await page.mouse.click(p.x, p.y); }
    await page.click('[data-testid=editor-finish]');
    await page.click('[data-tab=check]');
    await page.waitForFunction(() => /[1-9]\d* galat/.test(document.querySelector('[data-testid=editor-check-badge]')?.textContent ?? ''));
    expect(await page.textContent('[data-testid=editor-diagnostics]')).toMatch(/wilayah-2: tidak ada sel permukiman/);
    // Remove it again.
    await page.click('[data-tab=places]');
    await page.locator('.editor-item[data-id=wilayah-2] button.danger').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-check-badge]')?.textContent === '0 galat · 0 peringatan');

    // An MSEL row for Tim A only, five minutes in.
    await page.click('[data-tab=msel]');
    const before = await page.locator('[data-testid=msel-table] tbody tr').count();
    await page.click('[data-testid=msel-add]');
    const row = page.locator('[data-testid=msel-table] tbody tr').last();
    await expect.poll(() => page.locator('[data-testid=msel-table] tbody tr').count()).toBe(before + 1);
    const set = async (sel: string, value: string) => { const i = row.locator(sel); await i.fill(value); await i.dispatchEvent('change'); };
    await set('td:nth-child(2) input', 'H+0:05');
    await set('td:nth-child(5) input', 'Lurah Latihan');
    await set('td:nth-child(7) textarea >> nth=0', 'Warga wilayah baru minta informasi evakuasi.');
    await set('td:nth-child(6) input', 'tim-a');
    await expect.poll(async () => (await page.locator('[data-testid=msel-table] tbody tr').last().locator('td.receives').textContent()) ?? '').toBe('semua pemain Tim A');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-check-badge]')?.textContent === '0 galat · 0 peringatan');
    await page.evaluate(() => { window.scrollTo(0, 0); document.querySelector('.editor-side')!.scrollTop = 0; });
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshot-editor-msel.png') });

    // An Indonesian spreadsheet: semicolons, office names in "Kepada"; the report comes first, rows are appended on request.
    const sheet = 'No;Waktu;Metode;Dari;Kepada;Pesan;Tindakan yang Diharapkan\r\n31;H+0:40;Telepon;Camat;Dinas Sosial;"Posko pengungsian penuh";Buka pengungsian baru\r\n32;H+0:50;Surat;Sekda;Bagian Umum;"Laporan ke bupati";\r\n';
    await page.setInputFiles('[data-testid=msel-sheet-input]', { name: 'msel-kabupaten.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
    await page.waitForSelector('[data-testid=msel-sheet-append]');
    expect(await page.textContent('[data-testid=msel-sheet-report]')).toMatch(/1 diterima dengan catatan, 1 ditolak/);
    const rowsBefore = await page.locator('[data-testid=msel-table] tbody tr').count();
    await page.click('[data-testid=msel-sheet-append]');
    await expect.poll(() => page.locator('[data-testid=msel-table] tbody tr').count()).toBe(rowsBefore + 1);
    expect(await page.locator('[data-testid=msel-table] tbody tr').last().locator('td.receives').textContent()).toMatch(/^peran Pengungsian .* di tiap tim$/);

    // Save as a version.
    await page.fill('[data-testid=editor-note]', 'wilayah baru dan inject lurah');
    await page.click('[data-testid=editor-save]');
    await page.waitForFunction(() => /Tersimpan: pariaman-latihan versi 1/.test(document.querySelector('[data-testid=editor-status]')?.textContent ?? ''));

    // Dry run: the new row fires at H+0:05 for Tim A.
    await page.click('[data-testid=editor-dry-run]');
    await page.waitForSelector('[data-testid=dry-table]', { timeout: 60_000 });
    const dryText = (await page.textContent('[data-testid=dry-table]')) ?? '';
    expect(dryText).toMatch(/tim-a H\+0:05/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshot-editor-dry-run.png') });

    // Switching to English keeps the draft (the page is rebuilt in the other language).
    await page.click('[data-lang=en]');
    await page.waitForFunction(() => document.querySelector('[data-testid=editor-check-badge]')?.textContent === '0 errors · 0 warnings');
    expect(await page.textContent('[data-tab=places]')).toBe('Places');
    await page.click('[data-tab=places]');
    await page.waitForSelector('.editor-item[data-id=wilayah-1]');
    await page.click('[data-lang=id]');

    // The server offers the saved version for new drills, with the new neighbourhood and inject.
    const scenarios = (await (await fetch(`${srv.url}/api/scenarios`)).json()) as { id: string }[];
    expect(scenarios.map((s) => s.id).sort()).toEqual(['pariaman-latihan', 'pariaman-rob']);
    const saved = (await (await fetch(`${srv.url}/api/editor/scenario/pariaman-latihan?version=1`, { headers: { 'x-gladi-key': KEY } })).json()) as { model: { scenario: { neighbourhoods: { id: string; polygon: number[][]; households: number }[]; shelters: { id: string; x: number; y: number }[] }; msel: { no?: string; to?: string; message_id?: string; time?: string }[] } };
    expect(saved.model.scenario.shelters.find((x) => x.id === shelter.id)).toMatchObject({ x: shelter.x + 3, y: shelter.y });
    const hood = saved.model.scenario.neighbourhoods.find((n) => n.id === 'wilayah-1')!;
    expect(hood.polygon).toEqual([[48, 70], [58, 70], [58, 80], [48, 80]]);
    expect(hood.households).toBe(60);
    expect(saved.model.msel.find((r) => r.time === 'H+0:05')).toMatchObject({ to: 'tim-a', message_id: 'Warga wilayah baru minta informasi evakuasi.' });
    expect(saved.model.msel.at(-1)).toMatchObject({ no: '31', to: 'shelter', message_id: 'Posko pengungsian penuh' });
    expect(errors, errors.join("\n")).toEqual([]);
    await ctx.close();
  }, 180_000);

  it('picks the place of an MSEL effect and expected action by clicking the map', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1500, height: 950 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv.url}/#/editor`);
    await page.waitForSelector('[data-testid=editor-page]');
    await page.fill('[data-testid=editor-key]', KEY);
    await page.click('[data-testid=editor-open]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=editor-open-select] option').length > 1);
    await page.selectOption('[data-testid=editor-open-select]', 'folder:pariaman-rob');
    await page.click('[data-testid=editor-open]');
    await page.waitForSelector('[data-testid=editor-diagnostics]');
    // A cell inside the first neighbourhood, away from shelters and unit bases (they are picked before areas).
    const sc = await page.evaluate(async (key) => {
      const r = await fetch('/api/editor/scenario/pariaman-rob', { headers: { 'x-gladi-key': key } });
      return ((await r.json()) as { model: { scenario: { neighbourhoods: { id: string; polygon: [number, number][] }[]; shelters: { x: number; y: number }[]; ngos: { units: { x: number; y: number }[] }[] } } }).model.scenario;
    }, KEY);
    const inPoly = (poly: [number, number][], x: number, y: number) => {
      let c = false;
      for (let a = 0, b = poly.length - 1; a < poly.length; b = a++) if (poly[a][1] > y !== poly[b][1] > y && x < ((poly[b][0] - poly[a][0]) * (y - poly[a][1])) / (poly[b][1] - poly[a][1]) + poly[a][0]) c = !c;
      return c;
    };
    const hood = sc.neighbourhoods[0];
    const points = [...sc.shelters, ...sc.ngos.flatMap((n) => n.units)];
    let cell: [number, number] | null = null;
    for (let y = 0; y < 120 && !cell; y++) for (let x = 0; x < 120 && !cell; x++) {
      if (inPoly(hood.polygon, x + 0.5, y + 0.5) && sc.neighbourhoods.filter((n) => inPoly(n.polygon, x + 0.5, y + 0.5)).length === 1 && points.every((p) => Math.hypot(p.x - x, p.y - y) > 4)) cell = [x, y];
    }
    expect(cell, 'a free cell inside the first neighbourhood').not.toBeNull();
    const badge = async () => Number(/^(\d+) galat/.exec((await page.textContent('[data-testid=editor-check-badge]')) ?? '')?.[1] ?? NaN);

    await page.click('[data-tab=msel]');
    await page.click('[data-testid=msel-add]');
    const row = page.locator('[data-testid=msel-table] tbody tr').last();
    const effect = row.locator('td:nth-child(10) .pick-cell input');
    const action = row.locator('td:nth-child(8) .pick-cell input');
    await expect.poll(badge).toBeGreaterThanOrEqual(0);
    await page.waitForTimeout(800);
    const base = await badge();
    // A complaint from an area that does not exist: the live check flags it.
    await effect.fill('complaint(tidak-ada)');
    await effect.dispatchEvent('change');
    await expect.poll(badge).toBe(base + 1);

    // Pick on map: the button waits for a click on the map, the area's id replaces the wrong one.
    await row.locator('[data-testid=msel-pick-effect]').click();
    await expect.poll(async () => (await page.textContent('[data-testid=editor-status]')) ?? '').toMatch(/Klik tempat di peta untuk efek baris #\d+: wilayah/);
    expect(await page.locator('[data-testid=msel-table] tbody tr').last().locator('[data-testid=msel-pick-effect]').getAttribute('aria-pressed')).toBe('true');
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      const tr = [...document.querySelectorAll('[data-testid=msel-table] tbody tr')].at(-1)!;
      const side = document.querySelector('.editor-side')!;
      side.scrollTop += tr.getBoundingClientRect().top - side.getBoundingClientRect().top - 250;
      const wide = tr.closest('.editor-scroll');
      if (wide) wide.scrollLeft = wide.scrollWidth;
    });
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshot-editor-pick.png'), fullPage: true });
    const p = await cellPoint(page, cell![0] + 0.4, cell![1] + 0.4);
    await page.mouse.click(p.x, p.y);
    await expect.poll(() => page.locator('[data-testid=msel-table] tbody tr').last().locator('td:nth-child(10) .pick-cell input').inputValue()).toBe(`complaint(${hood.id}, no_rescue)`);
    await expect.poll(badge).toBe(base); // the live check ran again
    expect(await page.textContent('[data-testid=editor-status]')).toMatch(new RegExp(`diisi: complaint\\(${hood.id}`));

    // The expected action: `evacuate` gets the same area as its target.
    await action.fill('warn; evacuate');
    await action.dispatchEvent('change');
    await page.locator('[data-testid=msel-table] tbody tr').last().locator('[data-testid=msel-pick-action]').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    const q = await cellPoint(page, cell![0] + 0.4, cell![1] + 0.4);
    await page.mouse.click(q.x, q.y);
    await expect.poll(() => page.locator('[data-testid=msel-table] tbody tr').last().locator('td:nth-child(8) .pick-cell input').inputValue()).toBe(`warn(${hood.id}); evacuate`);
    // Picking is over after one place.
    expect(await page.locator('[data-testid=msel-table] tbody tr').last().locator('[data-testid=msel-pick-action]').getAttribute('aria-pressed')).toBe('false');
    expect(errors, errors.join("\n")).toEqual([]);
    await ctx.close();
  }, 90_000);
});
