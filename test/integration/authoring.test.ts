// Authoring over a real server: upload a scenario zip, check it, fix it, save it as a version, start a drill from
// it over Socket.IO and see its own inject arrive; the drill records the version's content hash; a broken folder
// is listed for the home page; a saved version survives a restart.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { writeArrayBuffer } from 'geotiff';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMsel } from '../../server/authoring/msel-import.ts';
import { readScenarioFolder } from '../../server/authoring/scenario-files.ts';
import { zipScenario } from '../../server/authoring/scenario-zip.ts';
import { startServer } from '../../server/main.ts';
import type { FeedItem } from '../../server/protocol/messages.ts';
import { connect, request, TEST_KEY, until } from '../helpers/server.ts';

const BUILT_IN = resolve(import.meta.dirname, '..', '..', 'scenarios', 'pariaman-rob');
const root = mkdtempSync(join(tmpdir(), 'gladi-author-'));
const scenariosDir = join(root, 'scenarios');
const dataDir = join(root, 'data');
let srv: Awaited<ReturnType<typeof startServer>>;
const open: Socket[] = [];

beforeAll(async () => {
  cpSync(BUILT_IN, join(scenariosDir, 'pariaman-rob'), { recursive: true });
  // A broken copy: its id clashes with the built-in and a shelter is in the sea.
  cpSync(BUILT_IN, join(scenariosDir, 'salinan-rusak'), { recursive: true });
  const y = join(scenariosDir, 'salinan-rusak', 'scenario.yaml');
  writeFileSync(y, readFileSync(y, 'utf8').replace('x: 82, y: 28', 'x: 2, y: 28'));
  srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, scenariosDir, facilitatorKey: TEST_KEY, quiet: true });
});
afterAll(async () => { for (const s of open) s.disconnect(); await srv?.close(); rmSync(root, { recursive: true, force: true }); });

const api = async <T = Record<string, unknown>>(path: string, init: RequestInit & { json?: unknown } = {}) => {
  const res = await fetch(srv.url + path, {
    ...init,
    headers: { 'x-gladi-key': TEST_KEY, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  return { status: res.status, body: (await res.json()) as T };
};

interface CheckReport { ok: boolean; errors: number; diagnostics: { id: { code: string; message: string; fix: string }; en: { code: string; message: string } }[] }
interface Model { scenario: Record<string, unknown> & { id: string; shelters: { id: string; x: number; y: number }[] }; msel: Record<string, string>[]; grid: { width: number; landUse: number[] } }

describe('authoring over HTTP and Socket.IO', () => {
  it('lists the folder that failed at start-up, with its errors in both languages', async () => {
    const res = await fetch(`${srv.url}/api/scenario-problems`);
    const list = (await res.json()) as { folder: string; errors: { id: { code: string; message: string }; en: { message: string } }[] }[];
    expect(list.map((f) => f.folder)).toEqual(['salinan-rusak']);
    expect(list[0].errors[0].id.code).toBe('dup_scenario_id');
    expect(list[0].errors[0].id.message).toMatch(/sudah dipakai oleh folder pariaman-rob/);
    expect(list[0].errors[0].en.message).toMatch(/already used by folder pariaman-rob/);
    const scenarios = (await (await fetch(`${srv.url}/api/scenarios`)).json()) as { id: string }[];
    expect(scenarios.map((s) => s.id)).toEqual(['pariaman-rob']);
  });

  it('refuses the editor API without the facilitator key', async () => {
    const res = await fetch(`${srv.url}/api/editor/scenarios`);
    expect(res.status).toBe(403);
  });

  it('upload → check → save → start a drill from the saved version, which plays its own MSEL', async () => {
    // A town's zip: the Pariaman folder under a new id, with one shelter in the sea and an inject of its own.
    const files = readScenarioFolder(BUILT_IN);
    files['scenario.yaml'] = files['scenario.yaml'].replace('id: pariaman-rob', 'id: kota-uji').replace('x: 84, y: 64', 'x: 3, y: 64');
    files['msel.csv'] = files['msel.csv'].trimEnd() + '\n99,H+0:02,,radio,Lurah Uji,all,"Salam dari kota uji",Greetings from the test town,,,\n';
    const up = await api<{ model: Model; check: CheckReport; skipped: string[] }>('/api/editor/import-zip', { method: 'POST', body: Buffer.from(zipScenario('kota-uji', files)), headers: { 'content-type': 'application/zip' } });
    expect(up.status).toBe(200);
    expect(up.body.check.ok).toBe(false);
    const sea = up.body.check.diagnostics.find((d) => d.id.code === 'thing_in_sea')!;
    expect(sea.en.message).toMatch(/masjid-raya: cell \(3, 64\) is in the sea/);
    expect(sea.id.fix).toMatch(/Pindahkan ke darat/);

    // Saving a draft with errors is refused, with the errors.
    const refused = await api<{ error: { code: string }; errors: number }>('/api/editor/save', { method: 'POST', json: { model: up.body.model } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toBeGreaterThan(0);

    // The facilitator moves the mosque back onto land (as the editor does) and checks again.
    const model = up.body.model;
    model.scenario.shelters.find((s) => s.id === 'masjid-raya')!.x = 84;
    const checked = await api<CheckReport>('/api/editor/check', { method: 'POST', json: { model } });
    expect(checked.body).toMatchObject({ ok: true, errors: 0 });
    const saved = await api<{ id: string; version: number; contentHash: string }>('/api/editor/save', { method: 'POST', json: { model, note: 'masjid dipindah' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: 'kota-uji', version: 1 });
    const again = await api<{ version: number; contentHash: string }>('/api/editor/save', { method: 'POST', json: { model, note: 'lagi' } });
    expect(again.body.version).toBe(2);
    expect(again.body.contentHash).toBe(saved.body.contentHash);

    // The saved version is offered for new drills at once.
    const fac = await connect(srv.url);
    open.push(fac);
    const list = await request<{ scenarios: { id: string }[] }>(fac, 'scenario:list', {});
    expect(list.ok && list.scenarios.map((s) => s.id)).toContain('kota-uji');
    const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'kota-uji', seed: 2 });
    if (!c.ok) throw new Error(c.error.message);
    await request(fac, 'drill:watch', { code: c.code, token: c.token });
    const player = await connect(srv.url);
    open.push(player);
    const feed: FeedItem[] = [];
    player.on('feed:item', (i: FeedItem) => feed.push(i));
    const joined = await request(player, 'drill:join', { code: c.code, name: 'Rina', teamId: 'tim-a', role: 'commander' });
    expect(joined.ok).toBe(true);
    await request(fac, 'drill:clock', { code: c.code, action: 'speed', speed: 20 });
    await request(fac, 'drill:clock', { code: c.code, action: 'start' });
    const mine = await until(() => feed.find((i) => i.kind === 'inject' && i.no === 99), 20_000, 'row 99');
    expect(mine.text?.id).toBe('Salam dari kota uji');
    await request(fac, 'drill:clock', { code: c.code, action: 'pause' });

    // The drill records the version it ran: the versions list names it.
    const versions = await api<{ versions: { scenarioId: string; version: number; contentHash: string; drills: string[] }[] }>('/api/editor/scenarios');
    const v = versions.body.versions.filter((x) => x.scenarioId === 'kota-uji');
    expect(v.map((x) => x.version).sort()).toEqual([1, 2]);
    expect(v.every((x) => x.drills.includes(c.code))).toBe(true);

    // Export the saved version as a zip of the folder layout.
    const zipRes = await fetch(`${srv.url}/api/editor/export/kota-uji?version=1`, { headers: { 'x-gladi-key': TEST_KEY } });
    expect(zipRes.headers.get('content-type')).toMatch(/zip/);
    const entries = unzipSync(new Uint8Array(await zipRes.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual(['kota-uji/elevation.asc', 'kota-uji/landuse.asc', 'kota-uji/msel.csv', 'kota-uji/scenario.yaml']);
    expect(new TextDecoder().decode(entries['kota-uji/msel.csv'])).toContain('Salam dari kota uji');

    // A dry run of the draft from the editor.
    const dry = await api<{ rows: { no: number; fired: { minute: number | null }[] }[] }>('/api/editor/dry-run', { method: 'POST', json: { model } });
    expect(dry.body.rows.find((r) => r.no === 99)!.fired[0].minute).toBe(2);

    // The draft's MSEL as an XLSX in HSEEP columns, read back by the importer.
    const xlsx = await fetch(`${srv.url}/api/editor/msel-export`, { method: 'POST', headers: { 'x-gladi-key': TEST_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ model, format: 'xlsx' }) });
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    const back = await importMsel(new Uint8Array(await xlsx.arrayBuffer()), { fileName: 'msel.xlsx' });
    expect(back.rejected).toBe(0);
    expect(back.mselRows.map((r) => r.no)).toEqual(model.msel.map((r) => Number(r.no)).sort((a, b) => a - b));
  }, 90_000);

  it('imports GIS files as a job whose stage and progress can be polled, and reports a refused file in both languages', async () => {
    const W = 80, H = 60, RES = 0.0002;
    const v = new Float32Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) v[y * W + x] = x < 15 ? -9999 : 0.8 + 0.04 * (x - 15);
    const tif = Buffer.from(await writeArrayBuffer(v, { width: W, height: H, ModelPixelScale: [RES, RES, 0], ModelTiepoint: [0, 0, 0, 100.1, -0.6, 0], GDAL_NODATA: '-9999', GeographicTypeGeoKey: 4326, GTModelTypeGeoKey: 2 }));
    const start = await api<{ job: string }>('/api/editor/gis?job=1', { method: 'POST', json: { dem: { name: 'dem.tif', b64: tif.toString('base64') }, cell: 20, id: 'kota-gis' } });
    expect(start.status).toBe(200);
    const stages = new Set<string>();
    const done = await until(async () => {
      const j = await api<{ stage: { en: string }; done: number; result?: { model: Model; check: CheckReport; report: { crs: string } } }>(`/api/editor/gis/${start.body.job}`);
      stages.add(j.body.stage.en);
      return j.body.result ? j.body : null;
    }, 30_000, 'GIS job');
    expect(done.done).toBe(1);
    expect(done.result!.report.crs).toBe('EPSG:32747');
    expect(done.result!.model.grid.width).toBeGreaterThan(70);
    expect(stages.has('done')).toBe(true);
    const bad = await api<{ job: string }>('/api/editor/gis?job=1', { method: 'POST', json: { dem: { name: 'peta.geojson', b64: Buffer.from('{"type":"FeatureCollection","features":[]}').toString('base64') }, cell: 20 } });
    const err = await until(async () => (await api<{ error?: { text: { id: string; en: string } } }>(`/api/editor/gis/${bad.body.job}`)).body.error, 10_000, 'GIS error');
    expect(err.text.id).toMatch(/bukan GeoTIFF atau ESRI ASCII/);
    expect(err.text.en).toMatch(/not a readable GeoTIFF or ESRI ASCII grid/);
  }, 60_000);

  it('keeps saved versions across a restart and refuses a version that takes a folder scenario\'s id', async () => {
    await srv.close();
    srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, scenariosDir, facilitatorKey: TEST_KEY, quiet: true });
    const scenarios = (await (await fetch(`${srv.url}/api/scenarios`)).json()) as { id: string }[];
    expect(scenarios.map((s) => s.id).sort()).toEqual(['kota-uji', 'pariaman-rob']);
    const files = readScenarioFolder(BUILT_IN);
    const clash = await api<{ diagnostics: { en: { code: string; message: string } }[] }>('/api/editor/save', { method: 'POST', json: { files } });
    expect(clash.status).toBe(422);
    expect(clash.body.diagnostics[0].en.code).toBe('dup_scenario_id');
  }, 60_000);
});
