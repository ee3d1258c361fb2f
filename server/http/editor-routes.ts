// Authoring over HTTP: the scenarios that failed to load (for the home page), and the scenario editor's API
// (facilitator key in header x-gladi-key): open a folder scenario or a saved version, check a draft, save a
// version (offered for new drills at once), dry run, export/import a zip, start from GIS files, import an MSEL
// spreadsheet. See docs/authoring.md.
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { DrillRegistry } from '../drill/drill-registry.ts';
import { dryRun, loadForDryRun } from '../authoring/dry-run.ts';
import { filesToModel, modelToFiles, type EditorModel } from '../authoring/editor-model.ts';
import { importGis } from '../authoring/gis/import-gis.ts';
import { GisError } from '../authoring/gis/gis-error.ts';
import { importMsel, type MselMapping } from '../authoring/msel-import.ts';
import { exportMselCsv, exportMselXlsx } from '../authoring/msel-export.ts';
import { checkMselRecords } from '../scenario/msel-rows.ts';
import { contextOf, readScenarioFolder } from '../authoring/scenario-files.ts';
import { unzipScenario, zipScenario, ZipError } from '../authoring/scenario-zip.ts';
import { latestVersions, saveVersion } from '../authoring/versions.ts';
import { isPolicyName } from '../policy/index.ts';
import { checkScenario, memorySource } from '../scenario/check-scenario.ts';
import { countLevels, renderDiagnostic, type Diagnostic } from '../scenario/diagnostic.ts';
import { failedSummary, type FailedScenario } from '../scenario/load-scenario.ts';

export interface AuthoringOptions {
  /** Folder of the scenario library (GLADI_SCENARIOS_DIR). */
  scenariosDir: string;
  /** Folders that did not load at start-up, with what the checker found. */
  failed: FailedScenario[];
}

type Req = express.Request;
type Res = express.Response;

const both = (ds: Diagnostic[]) => ds.map((d) => ({ id: renderDiagnostic(d, 'id'), en: renderDiagnostic(d, 'en') }));
const fail = (res: Res, status: number, code: string, message: string, extra: object = {}) => { res.status(status).json({ error: { code, message, ...extra } }); };

export function mountEditorRoutes(app: express.Express, reg: DrillRegistry, facilitatorKey: string, opts: AuthoringOptions): void {
  // Folder scenarios as loaded at start-up (saved versions may not take their ids).
  const folderIds = new Set([...reg.scenarios.values()].filter((l) => !l.dir.startsWith('versi:')).map((l) => l.scenario.id));
  // Saved versions join the library: the newest of each id is offered for new drills.
  const stored = latestVersions(reg.store, folderIds);
  for (const l of stored.loaded) if (!reg.scenarios.has(l.scenario.id)) reg.scenarios.set(l.scenario.id, l);
  for (const f of stored.failed) opts.failed.push({ folder: `versi ${f.id}@${f.version}`, id: f.id, diagnostics: f.diagnostics });

  // Public: names of folders and what is wrong, so the facilitator sees why a scenario is missing from the list.
  app.get('/api/scenario-problems', (_req, res) => { res.json(opts.failed.map(failedSummary)); });

  const r = express.Router();
  r.use((req, res, next) => {
    if (req.get('x-gladi-key') !== facilitatorKey) { fail(res, 403, 'bad_key', 'x-gladi-key header: facilitator key required'); return; }
    next();
  });
  r.use(express.json({ limit: '80mb' }));

  /** The draft a request carries: a model (from the editor) or files. */
  const draftFiles = (req: Req): Record<string, string> | null => {
    const b = req.body as { model?: EditorModel; files?: Record<string, string> } | undefined;
    if (b?.model && typeof b.model === 'object') return modelToFiles(b.model);
    if (b?.files && typeof b.files === 'object') return b.files;
    return null;
  };
  const report = (files: Record<string, string>) => {
    const c = checkScenario(memorySource('editor', files));
    return { id: c.id, ok: !!c.loaded, ...countLevels(c.diagnostics), diagnostics: both(c.diagnostics) };
  };

  r.get('/scenarios', (_req, res) => {
    const drills = reg.store.listDrills();
    res.json({
      folders: [...reg.scenarios.values()].filter((l) => !l.dir.startsWith('versi:')).map((l) => ({ id: l.scenario.id, title: l.scenario.title })),
      versions: reg.store.listScenarioVersions().map((v) => ({ ...v, drills: drills.filter((d) => d.scenarioHash === v.contentHash).map((d) => d.code) })),
    });
  });

  r.get('/scenario/:id', (req, res) => {
    const id = String(req.params.id);
    const version = req.query.version ? Number(req.query.version) : null;
    let files: Record<string, string> | null = null;
    if (version !== null) files = reg.store.getScenarioVersion(id, version)?.files ?? null;
    else {
      const l = reg.scenarios.get(id);
      if (l && !l.dir.startsWith('versi:')) files = readScenarioFolder(l.dir);
      else {
        const v = reg.store.listScenarioVersions(id)[0];
        if (v) files = reg.store.getScenarioVersion(id, v.version)!.files;
      }
    }
    if (!files) { fail(res, 404, 'not_found', `no scenario "${id}"${version !== null ? ` version ${version}` : ''}`); return; }
    res.json({ model: filesToModel(files), check: report(files) });
  });

  r.post('/check', (req, res) => {
    const files = draftFiles(req);
    if (!files) { fail(res, 400, 'bad_request', 'body: expected {model} or {files}'); return; }
    res.json(report(files));
  });

  r.post('/save', (req, res) => {
    const files = draftFiles(req);
    if (!files) { fail(res, 400, 'bad_request', 'body: expected {model} or {files}'); return; }
    const note = String((req.body as { note?: unknown }).note ?? '').slice(0, 500);
    const s = saveVersion(reg.store, files, { note, folderIds });
    if (!s.ok) { res.status(422).json({ error: { code: 'check_failed', message: 'the scenario has errors' }, ...countLevels(s.diagnostics), diagnostics: both(s.diagnostics) }); return; }
    reg.scenarios.set(s.loaded.scenario.id, s.loaded);
    res.json({ id: s.version.scenarioId, version: s.version.version, contentHash: s.version.contentHash, createdAt: s.version.createdAt, ...countLevels(s.diagnostics), diagnostics: both(s.diagnostics) });
  });

  r.post('/dry-run', (req, res) => {
    const files = draftFiles(req);
    if (!files) { fail(res, 400, 'bad_request', 'body: expected {model} or {files}'); return; }
    const lang = (req.body as { lang?: string }).lang === 'en' ? 'en' : 'id';
    const policy = String((req.body as { policy?: unknown }).policy ?? '');
    const l = loadForDryRun(memorySource('editor', files), lang);
    if (!l.loaded) { res.status(422).json({ error: { code: 'check_failed', message: 'the scenario has errors' }, errors: l.errors }); return; }
    res.json(dryRun(l.loaded, { policy: isPolicyName(policy) ? policy : null, badRows: l.badRows, lang }));
  });

  r.post('/export', (req, res) => {
    const files = draftFiles(req);
    if (!files) { fail(res, 400, 'bad_request', 'body: expected {model} or {files}'); return; }
    const id = (/^id:\s*([a-z0-9-]+)/m.exec(files['scenario.yaml'] ?? '')?.[1]) ?? 'skenario';
    res.type('application/zip').set('content-disposition', `attachment; filename="${id}.zip"`).send(Buffer.from(zipScenario(id, files)));
  });

  r.get('/export/:id', (req, res) => {
    const id = String(req.params.id);
    const version = req.query.version ? Number(req.query.version) : null;
    const l = reg.scenarios.get(id);
    const files = version !== null ? reg.store.getScenarioVersion(id, version)?.files
      : l && !l.dir.startsWith('versi:') ? readScenarioFolder(l.dir)
      : reg.store.listScenarioVersions(id)[0] ? reg.store.getScenarioVersion(id, reg.store.listScenarioVersions(id)[0].version)!.files : undefined;
    if (!files) { fail(res, 404, 'not_found', `no scenario "${id}"`); return; }
    res.type('application/zip').set('content-disposition', `attachment; filename="${id}${version !== null ? `-v${version}` : ''}.zip"`).send(Buffer.from(zipScenario(id, files)));
  });

  r.post('/import-zip', express.raw({ type: () => true, limit: '60mb' }), (req, res) => {
    try {
      const { files, skipped } = unzipScenario(new Uint8Array(req.body as Buffer));
      res.json({ model: filesToModel(files), check: report(files), skipped });
    } catch (e) {
      if (e instanceof ZipError) { fail(res, 400, 'bad_zip', e.text.en, { text: e.text }); return; }
      throw e;
    }
  });

  // GIS import as a job: POST starts it and answers at once with its id; GET /gis/:job gives the stage and share
  // done (the import yields between chunks, so polls are answered), then the result. Finished jobs are kept 10 minutes.
  interface GisJob { stage: { id: string; en: string }; done: number; result?: object; error?: object; finished?: number }
  const jobs = new Map<string, GisJob>();
  r.get('/gis/:job', (req, res) => {
    const j = jobs.get(String(req.params.job));
    if (!j) { fail(res, 404, 'not_found', 'no such GIS import job'); return; }
    res.json(j);
  });

  r.post('/gis', async (req, res) => {
    const b = req.body as { dem?: { name: string; b64: string }; landuse?: { name: string; b64: string }; features?: { name: string; b64: string }; cell?: number; crs?: string; id?: string };
    if (!b?.dem?.b64) { fail(res, 400, 'bad_request', 'dem: a GeoTIFF or ESRI ASCII file is required'); return; }
    const bytes = (f: { b64: string }) => new Uint8Array(Buffer.from(f.b64, 'base64'));
    const wantJob = (req.query.job ?? '') === '1';
    const jobId = randomBytes(6).toString('hex');
    const job: GisJob = { stage: { id: 'menunggu', en: 'waiting' }, done: 0 };
    if (wantJob) {
      for (const [k, j] of jobs) if (j.finished && Date.now() - j.finished > 10 * 60_000) jobs.delete(k);
      jobs.set(jobId, job);
      res.json({ job: jobId });
    }
    try {
      const out = await importGis({
        dem: { data: bytes(b.dem), name: b.dem.name },
        landuse: b.landuse ? { data: bytes(b.landuse), name: b.landuse.name } : undefined,
        features: b.features ? { text: Buffer.from(b.features.b64, 'base64').toString('utf8'), name: b.features.name } : undefined,
        cell: Number(b.cell ?? 20), crs: b.crs || undefined, id: String(b.id || 'skenario-baru'),
      }, (stage, done) => { job.stage = stage; job.done = done; });
      const result = { model: filesToModel(out.files), check: report(out.files), report: out.report };
      if (wantJob) Object.assign(job, { result, finished: Date.now() });
      else res.json(result);
    } catch (e) {
      const error = e instanceof GisError ? { code: 'gis', message: e.text.en, text: e.text, fix: e.fix } : { code: 'internal', message: (e as Error).message };
      if (wantJob) Object.assign(job, { error, finished: Date.now() });
      else if (e instanceof GisError) fail(res, 400, 'gis', e.text.en, { text: e.text, fix: e.fix });
      else throw e;
    }
  });

  // The draft's MSEL as a spreadsheet in HSEEP columns (rows with errors left out; the checker lists them).
  r.post('/msel-export', async (req, res) => {
    const b = req.body as { model?: EditorModel; format?: string };
    if (!b?.model) { fail(res, 400, 'bad_request', 'model: the editor model is required'); return; }
    const rows = checkMselRecords(b.model.msel, 'msel.csv', null).rows;
    const id = typeof b.model.scenario.id === 'string' ? b.model.scenario.id : 'msel';
    if (b.format === 'xlsx') res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').set('content-disposition', `attachment; filename="${id}-msel.xlsx"`).send(Buffer.from(await exportMselXlsx(rows, id)));
    else res.type('text/csv; charset=utf-8').set('content-disposition', `attachment; filename="${id}-msel.csv"`).send(exportMselCsv(rows));
  });

  r.post('/msel-import', async (req, res) => {
    const b = req.body as { file?: { name: string; b64: string }; mapping?: MselMapping; lang?: string; model?: EditorModel };
    if (!b?.file?.b64) { fail(res, 400, 'bad_request', 'file: a CSV or XLSX file is required'); return; }
    const files = b.model ? modelToFiles(b.model) : null;
    const context = files ? contextOf(memorySource('editor', files)).context : null;
    const rep = await importMsel(new Uint8Array(Buffer.from(b.file.b64, 'base64')), { mapping: b.mapping ?? {}, context, lang: b.lang === 'en' ? 'en' : 'id', fileName: b.file.name });
    res.json({ ...rep, mselRows: undefined });
  });

  app.use('/api/editor', r);
}
