// Every built-in town scenario opens in a real browser: a facilitator creates a drill over the socket, a player
// joins it in Chromium, the drill runs for a while at top speed so the hazard shows, and the map is photographed
// into docs/town-<id>.png (docs/towns.md). Checks that the map drew, that the clock moved, and that the town's
// hazard layers are on the map where the scenario has them: health facilities (hospital / puskesmas), TES, failed
// landslide zones, the embankment and its breach, with the legend entries that go with them; a tap on a facility,
// a TES or a landslide opens its info box. The same map is then looked at on a phone (390×844, touch, DPR 3) and in
// the control room (test-output/town-<id>-phone.png, -control.png).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { townMapWords } from '../../client/i18n/words-towns-map.ts';
import type { MapLayers, MapSpot } from '../../client/map/map-scene.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { connect, request } from '../helpers/server.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test-output');
const KEY = 'test-key';
const W = townMapWords.id;

/** Tick to photograph at: when each town's hazard is visible (short enough to keep the test quick); what must be on
 *  the map by then (a landslide zone failed, an embankment breached). */
const TOWNS: { id: string; tick: number; slid?: boolean; breach?: boolean }[] = [
  { id: 'pariaman-rob', tick: 75 },
  { id: 'pariaman-tsunami', tick: 33 },
  { id: 'sibolga', tick: 110, slid: true },
  { id: 'plaju', tick: 40 },
  // The tanggul gives way at D+2 H+2 (tick 100 of 30 minutes); by tick 106 the gap is a few cells wide.
  { id: 'batanghari', tick: 106, breach: true },
  { id: 'bukittinggi', tick: 150, slid: true },
];

let srv: Awaited<ReturnType<typeof startServer>>;
let dataDir: string;
let browser: Browser;
let fac: Socket;

const layersOf = (page: Page) => page.evaluate(() => window.__gladiMap?.layers ?? null) as Promise<MapLayers | null>;
const spotsOf = (page: Page) => page.evaluate(() => window.__gladiMap?.spots ?? []) as Promise<MapSpot[]>;

/** Taps (or clicks) a spot of the map and returns the info box's text ('' when none opened). */
async function tapSpot(page: Page, spot: MapSpot, touch: boolean): Promise<string> {
  // A box still open from the last tap may lie over the spot: close it first.
  const open = page.getByTestId('map-tip');
  if (await open.isVisible()) {
    const b = (await open.locator('button').boundingBox())!;
    if (touch) await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
    else await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    await expect.poll(() => open.isVisible(), { timeout: 5_000 }).toBe(false);
  }
  const box = (await page.getByTestId('map').locator('canvas').boundingBox())!;
  const x = box.x + spot.x, y = box.y + spot.y;
  if (touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
  const tip = page.getByTestId('map-tip');
  await tip.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
  return (await tip.isVisible()) ? (await tip.textContent()) ?? '' : '';
}

async function joinAs(page: Page, code: string, name: string): Promise<void> {
  await page.goto(srv.url + `/#/?kode=${code}`);
  await expect.poll(() => page.getByTestId('join-team').locator('option[value="tim-a"]').count(), { timeout: 15_000 }).toBe(1);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join-team').selectOption('tim-a');
  await page.getByTestId('join-role').selectOption('commander');
  await page.getByTestId('join-submit').click();
  await page.waitForFunction(() => window.__gladiMap?.ready === true, undefined, { timeout: 30_000 });
}

describe('town scenarios in the browser', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gladi-towns-'));
    srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, facilitatorKey: KEY, quiet: true });
    browser = await launchBrowser();
    fac = await connect(srv.url);
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    fac?.disconnect();
    await browser?.close();
    await srv?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const town of TOWNS) {
    it(`opens ${town.id}, plays it to tick ${town.tick}, shows its hazards and photographs the map`, async () => {
      const { scenario: sc } = loadScenario(join(ROOT, 'scenarios', town.id));
      const facs = sc.facilities ?? [];
      const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: KEY, scenarioId: town.id, seed: 1 });
      if (!c.ok) throw new Error(c.error.message);
      const w = await request(fac, 'drill:watch', { code: c.code, token: c.token });
      if (!w.ok) throw new Error(w.error.message);

      const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
      const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
      const roomCtx = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
      try {
        const page = await ctx.newPage();
        page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
        await joinAs(page, c.code, 'Pengamat');

        await request(fac, 'drill:clock', { code: c.code, action: 'speed', speed: 20 });
        await request(fac, 'drill:clock', { code: c.code, action: 'start' });
        await page.waitForFunction((t) => (window.__gladiMap?.tick ?? -1) >= t, town.tick, { timeout: 90_000 });
        await request(fac, 'drill:clock', { code: c.code, action: 'pause' });
        await page.waitForTimeout(600); // the last frame drawn

        // The layers the scenario has are drawn, and no others.
        const layers = (await layersOf(page))!;
        expect(layers).not.toBeNull();
        expect(layers.shelters).toBe(sc.shelters.length);
        expect(layers.tes).toBe(sc.shelters.filter((s) => s.vertical).length);
        expect(layers.hospitals).toBe(facs.filter((f) => f.kind === 'hospital').length);
        expect(layers.puskesmas).toBe(facs.filter((f) => f.kind === 'puskesmas').length);
        expect(layers.embankments).toBe(sc.embankments?.length ?? 0);
        // Rivers by name where they enter, and the water at the edge (sea, Musi, Batang Hari) by its class name.
        expect(layers.rivers).toBe((sc.rivers ?? []).length + sc.landUseClasses.filter((k) => k.isSea && sc.landUse.includes(k.code)).length);
        if (town.slid) {
          expect(layers.slidZones).toBeGreaterThan(0);
          expect(layers.landslideCells).toBeGreaterThan(0);
          // A slide closes the roads under its debris.
          expect(layers.closedRoads).toBeGreaterThan(0);
        }
        if (town.breach) expect(layers.breachCells).toBeGreaterThan(0);
        else expect(layers.breachCells).toBe(0);
        // Legend entries only for what this map has.
        const legendShown = async (layer: string) => page.locator(`[data-testid="map-legend"] [data-layer="${layer}"]`).isVisible();
        await page.getByTestId('map-legend').locator('summary').evaluate((s) => (s.parentElement as HTMLDetailsElement).open = true);
        expect(await legendShown('tes')).toBe(layers.tes > 0);
        expect(await legendShown('hospital')).toBe(layers.hospitals > 0);
        expect(await legendShown('puskesmas')).toBe(layers.puskesmas > 0);
        expect(await legendShown('embankment')).toBe(layers.embankments > 0);

        // The inject alert over the map is closed for the photograph.
        const alertClose = page.getByTestId('alert-open').locator('xpath=following-sibling::button');
        if (await alertClose.isVisible()) await alertClose.click();
        const map = page.getByTestId('map');
        const box = await map.boundingBox();
        expect(box && box.width > 300 && box.height > 200).toBe(true);
        const png = await map.screenshot({ path: join(ROOT, 'docs', `town-${town.id}.png`) });
        expect(png.length).toBeGreaterThan(20_000); // a drawn map, not a blank canvas
        await page.screenshot({ path: join(OUT, `town-${town.id}-page.png`) });

        // The clock runs in scenario time (days shown from the second day on).
        const clock = (await page.getByTestId('clock').textContent()) ?? '';
        expect(clock).toMatch(/^H\+\d/);

        // A click on each kind of icon opens its info box, in Bahasa Indonesia.
        const spots = await spotsOf(page);
        const hospital = facs.find((f) => f.kind === 'hospital');
        if (hospital) {
          const spot = spots.find((s) => s.kind === 'facility' && s.id === hospital.id)!;
          expect(spot.visible).toBe(true);
          const tip = await tapSpot(page, spot, false);
          expect(tip).toContain(hospital.name);
          expect(tip).toContain(W['map.tip.hospital']);
          expect(tip).toMatch(/Pasien dirawat: [\d.]+ dari [\d.]+ tempat tidur/);
          await map.screenshot({ path: join(OUT, `town-${town.id}-tip.png`) });
        }
        const tes = sc.shelters.find((s) => s.vertical);
        if (tes) {
          const tip = await tapSpot(page, spots.find((s) => s.kind === 'shelter' && s.id === tes.id)!, false);
          expect(tip).toContain(tes.name);
          expect(tip).toContain(W['map.tip.tes']);
        }
        if (town.slid) {
          const spot = spots.find((s) => s.kind === 'landslide')!;
          expect(spot).toBeTruthy();
          const tip = await tapSpot(page, spot, false);
          expect(tip).toContain(W['map.tip.landslide']);
          expect(tip).toContain(W['map.tip.landslideBody']);
        }
        if (town.breach) {
          const spot = spots.find((s) => s.kind === 'embankment')!;
          const tip = await tapSpot(page, spot, false);
          expect(tip).toContain(W['map.tip.breach']);
        }
        // A neighbourhood's name opens its warning state and people.
        const area = spots.find((s) => s.kind === 'area' && s.visible)!;
        const areaTip = await tapSpot(page, area, false);
        expect(areaTip).toContain(sc.neighbourhoods.find((n) => n.id === area.id)!.name);
        expect(areaTip).toMatch(new RegExp(`${W['map.tip.notWarned']}|Diperingatkan`));
        expect(areaTip).toMatch(/Di rumah [\d.]+ · bergerak [\d.]+/);
        await page.mouse.click(box!.x + 5, box!.y + 5); // a tap on nothing closes the box (unless an icon is there)
        if (hospital) {
          // The mouse resting on the hospital opens its box, in English after a language switch, and leaving closes it.
          const spot = spots.find((s) => s.kind === 'facility' && s.id === hospital.id)!;
          const canvas = (await map.locator('canvas').boundingBox())!;
          await page.locator('[data-testid="lang-switch"] [data-lang="en"]').click();
          await page.mouse.move(canvas.x + spot.x + 3, canvas.y + spot.y + 2);
          await page.mouse.move(canvas.x + spot.x, canvas.y + spot.y);
          await expect.poll(async () => (await page.getByTestId('map-tip').isVisible()) ? (await page.getByTestId('map-tip').textContent()) ?? '' : '', { timeout: 5_000 })
            .toContain(townMapWords.en['map.tip.hospital']);
          await page.mouse.move(canvas.x + canvas.width + 40, canvas.y + 10);
          await expect.poll(() => page.getByTestId('map-tip').isVisible(), { timeout: 5_000 }).toBe(false);
        }

        // The same map on a phone: a finger's tap on the hospital opens its box.
        const phone = await phoneCtx.newPage();
        phone.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
        await joinAs(phone, c.code, 'Ponsel');
        await phone.waitForFunction((t) => (window.__gladiMap?.tick ?? -1) >= t && (window.__gladiMap?.spots?.length ?? 0) > 0, town.tick, { timeout: 30_000 });
        await phone.waitForTimeout(400);
        expect((await layersOf(phone))!.hospitals).toBe(layers.hospitals);
        if (hospital) {
          const spot = (await spotsOf(phone)).find((s) => s.kind === 'facility' && s.id === hospital.id)!;
          const tip = await tapSpot(phone, spot, true);
          expect(tip).toContain(hospital.name);
        }
        await phone.screenshot({ path: join(OUT, `town-${town.id}-phone.png`) });

        // The control room draws the same layers for the team it shows.
        await roomCtx.addInitScript(([k, v]) => localStorage.setItem(k, v), [`gladi.fac.${c.code}`, c.token] as const);
        const room = await roomCtx.newPage();
        room.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
        await room.goto(srv.url + `/#/fasilitator/${c.code}`);
        await room.waitForFunction(() => window.__gladiMap?.ready === true && (window.__gladiMap?.spots?.length ?? 0) > 0, undefined, { timeout: 30_000 });
        await room.waitForTimeout(400);
        const roomLayers = (await layersOf(room))!;
        expect(roomLayers.hospitals + roomLayers.puskesmas).toBe(facs.length);
        expect(roomLayers.slidZones).toBe(layers.slidZones);
        expect(roomLayers.breachCells).toBe(layers.breachCells);
        await room.screenshot({ path: join(OUT, `town-${town.id}-control.png`) });
      } finally {
        await ctx.close();
        await phoneCtx.close();
        await roomCtx.close();
      }
    }, 180_000);
  }
});
