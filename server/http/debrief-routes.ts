// HTTP routes of the debrief (docs/debrief.md): replay of a team's map at any tick, decisions, outcome curves,
// the after-action report (HTML, PDF), exports (JSON, CSV) and import, hot wash, improvement plan, evaluator ratings,
// cohort tags, branches ("what if") and the training history. Who may call what is checked here, per route.
import express, { type Request, type Response } from 'express';
import type { Drill } from '../drill/drill.ts';
import type { DrillRegistry } from '../drill/drill-registry.ts';
import { viewerOf, type Viewer } from '../debrief/access.ts';
import { decisionsOf, markersOf } from '../debrief/decisions.ts';
import { buildExport, decisionsCsv, metricsCsv, timelineCsv } from '../debrief/exports.ts';
import { importDrill, ImportError } from '../debrief/import.ts';
import { DebriefService } from '../debrief/service.ts';

const CODE = /^[A-Z2-9]{6}$/;

type Err = { status: number; code: string; message: string };
const send = (res: Response, e: Err) => { res.status(e.status).json({ error: { code: e.code, message: e.message } }); };
const KEY_NEEDED: Err = { status: 403, code: 'bad_key', message: 'facilitator key required: header x-gladi-key or ?key=' };
const SEAT_NEEDED: Err = { status: 403, code: 'forbidden', message: 'open this drill as its facilitator, an evaluator or one of its players (x-gladi-token / x-gladi-evaluator)' };

/** May this viewer see the replay and decisions of `teamId` (null: of every team)? Players: their own team, or all
 *  teams once the drill has ended (the debrief compares teams). */
function maySee(v: Viewer, d: Drill, teamId: string | null): boolean {
  if (v.role === 'facilitator' || v.role === 'evaluator') return true;
  if (v.role !== 'player') return false;
  return d.status === 'ended' || teamId === v.teamId;
}

export function mountDebriefRoutes(app: express.Express, reg: DrillRegistry, facilitatorKey: string): DebriefService {
  const svc = new DebriefService(reg);
  const json = express.json({ limit: '50mb' });

  /** The drill of :code and who is asking; answers 404 itself when there is no such drill. */
  const open = (req: Request, res: Response): { d: Drill; v: Viewer } | null => {
    const code = String(req.params.code).toUpperCase();
    const d = CODE.test(code) ? reg.get(code) : null;
    if (!d) { send(res, { status: 404, code: 'not_found', message: `no drill with join code ${code}` }); return null; }
    return { d, v: viewerOf(req, reg.store, facilitatorKey, code) };
  };
  const facilitatorOnly = (req: Request, res: Response): Drill | null => {
    const o = open(req, res);
    if (!o) return null;
    if (o.v.role !== 'facilitator') { send(res, KEY_NEEDED); return null; }
    return o.d;
  };
  const fault = (res: Response, e: unknown) => {
    console.error('[gladi] debrief route failed:', e);
    send(res, { status: 500, code: 'internal', message: 'the server could not build this; nothing was changed' });
  };

  // ---- replay ----
  app.get('/api/drills/:code/replay', async (req, res) => {
    const o = open(req, res);
    if (!o) return;
    const teamId = String(req.query.team ?? '');
    if (!o.d.teamWorld.has(teamId)) { send(res, { status: 400, code: 'bad_request', message: `team: expected one of ${[...o.d.teamWorld.keys()].join(', ')}` }); return; }
    if (!maySee(o.v, o.d, teamId)) { send(res, SEAT_NEEDED); return; }
    const tick = Number(req.query.tick ?? 0);
    if (!Number.isFinite(tick) || tick < 0) { send(res, { status: 400, code: 'bad_request', message: 'tick: expected a whole number ≥ 0' }); return; }
    try {
      res.json(await svc.viewAt(o.d, teamId, tick));
    } catch (e) { fault(res, e); }
  });

  // Everything the debrief's replay panel needs besides the map: end tick, markers, decisions, outcome curves.
  app.get('/api/drills/:code/replay-info', async (req, res) => {
    const o = open(req, res);
    if (!o) return;
    if (!maySee(o.v, o.d, null)) { send(res, SEAT_NEEDED); return; }
    try {
      const log = reg.store.readLog(o.d.code);
      const decisions = decisionsOf(o.d, log);
      res.json({
        code: o.d.code, endTick: o.d.tick, tickSeconds: o.d.scenario.tickSeconds, mode: o.d.mode, status: o.d.status,
        teams: o.d.scenario.teams.map((t) => ({ id: t.id, name: t.name, worldId: o.d.teamWorld.get(t.id) })),
        markers: markersOf(o.d, decisions), decisions, outcomes: await svc.outcomes(o.d),
        viewer: o.v.role,
      });
    } catch (e) { fault(res, e); }
  });

  // ---- exports (facilitator key) ----
  app.get('/api/drills/:code/export.json', (req, res) => {
    const d = facilitatorOnly(req, res);
    if (!d) return;
    res.set('content-disposition', `attachment; filename="gladi-${d.code}.json"`).json(buildExport(d, reg.store));
  });
  const csvRoute = (name: string, make: (d: Drill) => string | Promise<string>) => {
    app.get(`/api/drills/:code/${name}.csv`, async (req, res) => {
      const d = facilitatorOnly(req, res);
      if (!d) return;
      try {
        const body = await make(d);
        res.set('content-disposition', `attachment; filename="gladi-${d.code}-${name}.csv"`).type('text/csv; charset=utf-8').send('\uFEFF' + body);
      } catch (e) { fault(res, e); }
    });
  };
  csvRoute('decisions', (d) => decisionsCsv(d, decisionsOf(d, reg.store.readLog(d.code))));
  csvRoute('timeline', (d) => timelineCsv(d));
  csvRoute('metrics', async (d) => metricsCsv(d, await svc.outcomes(d)));

  app.post('/api/drills/import', json, (req, res) => {
    const key = req.get('x-gladi-key') ?? (typeof req.query.key === 'string' ? req.query.key : undefined);
    if (key !== facilitatorKey) { send(res, KEY_NEEDED); return; }
    try {
      res.json(importDrill(reg, req.body));
    } catch (e) {
      if (e instanceof ImportError) { res.status(400).json({ error: { code: 'bad_request', field: e.field, message: e.message } }); return; }
      fault(res, e);
    }
  });

  return svc;
}
