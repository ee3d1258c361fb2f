// HTTP routes of the debrief (docs/debrief.md): replay of a team's map at any tick, decisions, outcome curves,
// the after-action report (HTML, PDF), exports (JSON, CSV) and import, hot wash, improvement plan, evaluator ratings,
// cohort tags, branches ("what if") and the training history. Who may call what is checked here, per route.
import express, { type Request, type Response } from 'express';
import type { Drill } from '../drill/drill.ts';
import type { DrillRegistry } from '../drill/drill-registry.ts';
import { mayReadTeamOf, teamsVisible, viewerOf, type Viewer } from '../debrief/access.ts';
import { debriefScope, mayReadTeam } from '../protocol/rights-gate.ts';
import { decisionsOf, markersOf } from '../debrief/decisions.ts';
import { buildExport, decisionsCsv, metricsCsv, timelineCsv } from '../debrief/exports.ts';
import { importDrill, ImportError } from '../debrief/import.ts';
import { DebriefService } from '../debrief/service.ts';
import { evidenceOf } from '../debrief/evidence.ts';
import { BranchError, compare, createBranch, type BranchChild } from '../debrief/branch.ts';
import { getDoc } from '../debrief/docs.ts';
import type { BranchLink } from '../debrief/service.ts';
import { POLICY_NAMES } from '../policy/index.ts';
import { getTags, history, putTags, tagsBody } from '../debrief/history.ts';
import { answers, hotwashAnswer, saveAnswer, summarise } from '../debrief/hotwash.ts';
import { objectivesOf, putRating, RATINGS, type Rating } from '../debrief/objectives.ts';
import { getPlan, planBody, putPlan } from '../debrief/plan.ts';
import { buildReport, renderHtml } from '../debrief/report.ts';
import { renderPdf } from '../debrief/report-pdf.ts';
import type { ReportLang } from '../debrief/report-words.ts';
import { z } from 'zod';

const CODE = /^[A-Z2-9]{6}$/;

type Err = { status: number; code: string; message: string };
const send = (res: Response, e: Err) => { res.status(e.status).json({ error: { code: e.code, message: e.message } }); };
const KEY_NEEDED: Err = { status: 403, code: 'bad_key', message: 'facilitator key required: header x-gladi-key or ?key=' };
const SEAT_NEEDED: Err = { status: 403, code: 'forbidden', message: 'open this drill as its facilitator, an evaluator or one of its players (x-gladi-token / x-gladi-evaluator)' };

/** May this viewer read `teamId` (null: the drill as a whole, at least their own team)? The rights gate decides. */
function maySee(v: Viewer, d: Drill, teamId: string | null): boolean {
  return teamId === null ? teamsVisible(v, d) !== null : mayReadTeamOf(v, d, teamId);
}

export function mountDebriefRoutes(app: express.Express, reg: DrillRegistry, facilitatorKey: string): DebriefService {
  const svc = new DebriefService(reg);
  const json = express.json({ limit: '50mb' });

  const fault = (res: Response, e: unknown) => {
    console.error('[gladi] debrief route failed:', e);
    send(res, { status: 500, code: 'internal', message: 'the server could not build this; nothing was changed' });
  };
  /** The drill of :code and who is asking; answers 404 (or 500) itself when there is no drill to read. The drill is
   *  one in this thread (DrillRegistry.read): an ended drill itself; a drill still running in a drill host worker, a
   *  read-only copy at its current tick, so these routes never touch a hosted drill directly. */
  const open = async (req: Request, res: Response): Promise<{ d: Drill; v: Viewer } | null> => {
    const code = String(req.params.code).toUpperCase();
    let d: Drill | null;
    try {
      d = CODE.test(code) ? await reg.read(code) : null;
    } catch (e) { fault(res, e); return null; }
    if (!d) { send(res, { status: 404, code: 'not_found', message: `no drill with join code ${code}` }); return null; }
    return { d, v: viewerOf(req, reg.store, facilitatorKey, code) };
  };
  /** For routes that need only the drill's code and who asks (documents kept in the store): the drill is not read,
   *  so no copy of a hosted drill is made. Answers 404 itself when the store has no such drill. */
  const openCode = (req: Request, res: Response): { code: string; v: Viewer } | null => {
    const code = String(req.params.code).toUpperCase();
    if (!CODE.test(code) || !reg.store.getDrill(code)) { send(res, { status: 404, code: 'not_found', message: `no drill with join code ${code}` }); return null; }
    return { code, v: viewerOf(req, reg.store, facilitatorKey, code) };
  };
  const facilitatorCode = (req: Request, res: Response): string | null => {
    const o = openCode(req, res);
    if (!o) return null;
    if (o.v.role !== 'facilitator') { send(res, KEY_NEEDED); return null; }
    return o.code;
  };
  const facilitatorOnly = async (req: Request, res: Response): Promise<Drill | null> => {
    const o = await open(req, res);
    if (!o) return null;
    if (o.v.role !== 'facilitator') { send(res, KEY_NEEDED); return null; }
    return o.d;
  };

  // ---- replay ----
  app.get('/api/drills/:code/replay', async (req, res) => {
    const o = await open(req, res);
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
    const o = await open(req, res);
    if (!o) return;
    if (!maySee(o.v, o.d, null)) { send(res, SEAT_NEEDED); return; }
    try {
      const vis = teamsVisible(o.v, o.d)!;
      const keep = (teamId: string) => vis.scope === 'all' || teamId === vis.teamId;
      const log = reg.store.readLog(o.d.code);
      const decisions = decisionsOf(o.d, log).filter((x) => keep(x.teamId));
      const outcomes = Object.fromEntries(Object.entries(await svc.outcomes(o.d)).filter(([id]) => keep(id)));
      res.json({
        code: o.d.code, endTick: o.d.tick, tickSeconds: o.d.scenario.tickSeconds, mode: o.d.mode, status: o.d.status,
        teams: o.d.scenario.teams.filter((t) => keep(t.id)).map((t) => ({ id: t.id, name: t.name, worldId: o.d.teamWorld.get(t.id) })),
        markers: markersOf(o.d, decisions).filter((m) => keep(m.teamId)), decisions, outcomes,
        viewer: o.v.role, scope: vis.scope,
      });
    } catch (e) { fault(res, e); }
  });

  // The evidence behind each metric of a team: formula, weight, inputs and the events that moved it.
  app.get('/api/drills/:code/evidence', async (req, res) => {
    const o = await open(req, res);
    if (!o) return;
    const teamId = String(req.query.team ?? '');
    if (!o.d.teamWorld.has(teamId)) { send(res, { status: 400, code: 'bad_request', message: `team: expected one of ${[...o.d.teamWorld.keys()].join(', ')}` }); return; }
    if (!maySee(o.v, o.d, teamId)) { send(res, SEAT_NEEDED); return; }
    res.json(evidenceOf(o.d, teamId));
  });

  // ---- exports (facilitator key) ----
  app.get('/api/drills/:code/export.json', async (req, res) => {
    const d = await facilitatorOnly(req, res);
    if (!d) return;
    try {
      const start = await svc.startOf(d.code);
      const link = getDoc<BranchLink | null>(reg.store, 'branch', d.code, null);
      res.set('content-disposition', `attachment; filename="gladi-${d.code}.json"`)
        .json(buildExport(d, reg.store, start ? { ...start, parent: link?.parent ?? null } : null));
    } catch (e) { fault(res, e); }
  });
  const csvRoute = (name: string, make: (d: Drill) => string | Promise<string>) => {
    app.get(`/api/drills/:code/${name}.csv`, async (req, res) => {
      const d = await facilitatorOnly(req, res);
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

  // ---- the after-action report (facilitator key) ----
  const lang = (req: Request): ReportLang => (req.query.lang === 'en' ? 'en' : 'id');
  app.get('/api/drills/:code/report.html', async (req, res) => {
    const d = await facilitatorOnly(req, res);
    if (!d) return;
    try {
      res.type('text/html; charset=utf-8').send(renderHtml(buildReport(d, reg.store, await svc.outcomes(d), lang(req))));
    } catch (e) { fault(res, e); }
  });
  app.get('/api/drills/:code/report.pdf', async (req, res) => {
    const d = await facilitatorOnly(req, res);
    if (!d) return;
    try {
      const pdf = await renderPdf(buildReport(d, reg.store, await svc.outcomes(d), lang(req)));
      res.set('content-disposition', `inline; filename="gladi-${d.code}-aar.pdf"`).type('application/pdf').send(pdf);
    } catch (e) { fault(res, e); }
  });

  // ---- improvement plan (facilitator) ----
  app.get('/api/drills/:code/plan', (req, res) => {
    const code = facilitatorCode(req, res);
    if (code) res.json({ items: getPlan(reg.store, code) });
  });
  app.put('/api/drills/:code/plan', json, (req, res) => {
    const code = facilitatorCode(req, res);
    if (!code) return;
    const p = planBody.safeParse(req.body);
    if (!p.success) { badBody(res, p.error); return; }
    putPlan(reg.store, code, p.data.items);
    res.json({ items: p.data.items });
  });

  // ---- objectives with suggested ratings; the evaluator's EEG rating (facilitator or evaluator) ----
  app.get('/api/drills/:code/objectives', async (req, res) => {
    const o = await open(req, res);
    if (!o) return;
    const vis = teamsVisible(o.v, o.d);
    if (!vis) { send(res, SEAT_NEEDED); return; }
    res.json({ objectives: objectivesOf(o.d, reg.store).map((x) => ({ ...x, teams: x.teams.filter((t) => vis.scope === 'all' || t.teamId === vis.teamId) })) });
  });
  const ratingBody = z.strictObject({
    objectiveId: z.string().max(80), teamId: z.string().max(80), rating: z.enum(RATINGS as [Rating, ...Rating[]]),
    note: z.string().trim().max(2000), by: z.string().trim().max(80).optional(),
  });
  app.put('/api/drills/:code/ratings', json, async (req, res) => {
    const o = await open(req, res);
    if (!o) return;
    if (o.v.role !== 'facilitator' && o.v.role !== 'evaluator') { send(res, { status: 403, code: 'forbidden', message: 'only the facilitator or an evaluator may rate objectives (x-gladi-evaluator: the evaluator code)' }); return; }
    const p = ratingBody.safeParse(req.body);
    if (!p.success) { badBody(res, p.error); return; }
    const objectives = objectivesOf(o.d, reg.store);
    if (!objectives.some((x) => x.id === p.data.objectiveId)) { send(res, { status: 400, code: 'bad_request', message: `objectiveId: expected one of ${objectives.map((x) => x.id).join(', ')}` }); return; }
    if (!o.d.teamWorld.has(p.data.teamId)) { send(res, { status: 400, code: 'bad_request', message: `teamId: expected one of ${[...o.d.teamWorld.keys()].join(', ')}` }); return; }
    putRating(o.d, reg.store, p.data.objectiveId, p.data.teamId, { rating: p.data.rating, note: p.data.note, by: p.data.by || o.v.role, at: new Date().toISOString() });
    res.json({ objectives: objectivesOf(o.d, reg.store) });
  });

  // ---- hot wash: players answer once the drill has ended; the facilitator reads the summary ----
  app.post('/api/drills/:code/hotwash', json, async (req, res) => {
    const o = await open(req, res);
    if (!o) return;
    if (o.v.role !== 'player') { send(res, { status: 403, code: 'forbidden', message: 'the hot-wash form is for the players of this drill (x-gladi-token: your seat token)' }); return; }
    if (o.d.status !== 'ended') { send(res, { status: 409, code: 'wrong_state', message: 'the hot wash opens when the drill has ended' }); return; }
    const p = hotwashAnswer.safeParse(req.body);
    if (!p.success) { badBody(res, p.error); return; }
    const seat = reg.store.findSeat(o.d.code, o.v.tokenHash)!;
    saveAnswer(reg.store, o.d.code, { ...p.data, seat: seat.tokenHash.slice(0, 16), name: seat.name, teamId: seat.teamId, role: seat.role, at: new Date().toISOString() });
    res.json({ ok: true });
  });
  app.get('/api/drills/:code/hotwash', (req, res) => {
    const o = openCode(req, res);
    if (!o) return;
    const v = o.v;
    if (v.role === 'player') {
      const mine = answers(reg.store, o.code).find((a) => a.seat === v.tokenHash.slice(0, 16)) ?? null;
      res.json({ mine });
      return;
    }
    if (o.v.role !== 'facilitator') { send(res, KEY_NEEDED); return; }
    res.json({ summary: summarise(answers(reg.store, o.code)) });
  });

  // ---- what if: branches ----
  const branchBody = z.strictObject({ tick: z.number().int().min(0), policy: z.enum(POLICY_NAMES).nullable().optional() });
  app.post('/api/drills/:code/branch', json, async (req, res) => {
    const o = await open(req, res);
    if (!o) return;
    if (o.v.role !== 'facilitator' && o.v.role !== 'player') { send(res, { status: 403, code: 'forbidden', message: 'the facilitator or a team of this drill may open a branch' }); return; }
    const p = branchBody.safeParse(req.body);
    if (!p.success) { badBody(res, p.error); return; }
    try {
      const b = await createBranch(svc, o.d, { tick: p.data.tick, policy: p.data.policy ?? null, by: o.v.role });
      // Whoever opened the branch runs it: the answer carries the branch's facilitator token.
      res.json({ code: b.code, token: b.token, forkTick: b.forkTick, status: b.drill.status, hashes: b.drill.hashes() });
    } catch (e) {
      if (e instanceof BranchError) { res.status(e.status).json({ error: { code: e.status === 409 ? 'wrong_state' : 'bad_request', field: e.field ?? undefined, message: e.message } }); return; }
      fault(res, e);
    }
  });
  app.get('/api/drills/:code/branches', async (req, res) => {
    const o = await open(req, res);
    if (!o) return;
    if (!maySee(o.v, o.d, null)) { send(res, SEAT_NEEDED); return; }
    try {
      const link = getDoc<BranchLink | null>(reg.store, 'branch', o.d.code, null);
      const children = getDoc<BranchChild[]>(reg.store, 'branches', o.d.code, []);
      let pair: [Drill, Drill] | null = null;
      if (link) { const parent = await reg.read(link.parent); if (parent) pair = [parent, o.d]; }
      else if (children.length) { const child = await reg.read(children[children.length - 1].code); if (child) pair = [o.d, child]; }
      const cmp = pair ? await compare(svc, pair[0], pair[1]) : null;
      res.json({ link, children, comparison: cmp?.comparison ?? null, divergedTick: cmp?.divergedTick ?? null, policies: POLICY_NAMES });
    } catch (e) { fault(res, e); }
  });

  // ---- training over time: tags per drill, the history of every ended drill (facilitator) ----
  app.get('/api/drills/:code/tags', async (req, res) => {
    const o = await open(req, res);
    if (!o) return;
    if (!maySee(o.v, o.d, null)) { send(res, SEAT_NEEDED); return; }
    res.json({ tags: getTags(reg, o.d.code) });
  });
  app.put('/api/drills/:code/tags', json, (req, res) => {
    const code = facilitatorCode(req, res);
    if (!code) return;
    const p = tagsBody.safeParse(req.body);
    if (!p.success) { badBody(res, p.error); return; }
    putTags(reg, code, p.data);
    res.json({ tags: p.data });
  });
  app.get('/api/history', (req, res) => {
    const key = req.get('x-gladi-key') ?? (typeof req.query.key === 'string' ? req.query.key : undefined);
    if (key !== facilitatorKey) { send(res, KEY_NEEDED); return; }
    try {
      res.json({ drills: history(reg) });
    } catch (e) { fault(res, e); }
  });

  return svc;
}

function badBody(res: Response, err: z.ZodError): void {
  const issue = err.issues[0];
  const field = issue.path.join('.');
  res.status(400).json({ error: { code: 'bad_request', field: field || undefined, message: `${field || 'body'}: ${issue.message}` } });
}
