// HTTP side: the built client, and a few read-only JSON endpoints (scenarios, drill state, debrief).
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillRegistry } from '../drill/drill-registry.ts';
import { scenarioSummaries } from './socket-server.ts';
import { credentialsOf, principalOf } from '../drill/principal.ts';
import { cutDebrief, debriefScope } from '../protocol/rights-gate.ts';
import { mountDebriefRoutes } from './debrief-routes.ts';
import { mountEditorRoutes, type AuthoringOptions } from './editor-routes.ts';
import { compressResponses, serveClient } from './static-assets.ts';

const CODE = /^[A-Z2-9]{6}$/;

/** A request to a drill failed (a drill host gone, a bug): a clear 500, not Express's stack trace page. */
function fault(res: express.Response, e: unknown): void {
  console.error('[gladi] API route failed:', e);
  if (!res.headersSent) res.status(500).json({ error: { code: 'internal', message: 'the server could not answer this; nothing was changed' } });
}

export function createApp(reg: DrillRegistry, clientDir: string, facilitatorKey: string, operatorMetrics: () => Promise<object> | object, authoring: AuthoringOptions = { scenariosDir: '', failed: [] }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // gzip/brotli for every response; hashed assets precompressed and cached for a year (static-assets.ts).
  app.use(compressResponses());

  // Operator and facilitator reads ask the same gate as everything else (server/drill/principal.ts): the key, or the
  // drill's facilitator token for a route of that drill.
  const isFacilitator = (req: express.Request) => {
    const code = typeof req.params.code === 'string' ? req.params.code.toUpperCase() : '';
    return principalOf(reg.store, facilitatorKey, code, credentialsOf((n) => req.get(n), req.query as Record<string, unknown>)).role === 'facilitator';
  };

  app.get('/api/health', (_req, res) => { res.json({ ok: true }); });
  app.get('/api/scenarios', (_req, res) => { res.json(scenarioSummaries(reg)); });

  // The list of drills is for facilitators only (header x-gladi-key).
  app.get('/api/drills', (req, res) => {
    if (!isFacilitator(req)) { res.status(403).json({ error: { code: 'bad_key', message: 'x-gladi-key header: facilitator key required' } }); return; }
    res.json(reg.store.listDrills().map(({ facilitatorTokenHash: _, ...rest }) => rest));
  });

  // The live routes reach a drill through its link (server/drill/drill-link.ts): it may run in a drill host worker.
  app.get('/api/drills/:code', (req, res) => {
    const code = String(req.params.code).toUpperCase();
    const d = CODE.test(code) ? reg.live(code) : null;
    if (!d) { res.status(404).json({ error: { code: 'not_found', message: `no drill with join code ${code}` } }); return; }
    res.json(d.state(reg.store.listSeats(code)));
  });

  // State hashes per world, for checking determinism and recovery (facilitator key required).
  app.get('/api/drills/:code/hashes', async (req, res) => {
    if (!isFacilitator(req)) { res.status(403).json({ error: { code: 'bad_key', message: 'x-gladi-key header: facilitator key required' } }); return; }
    const code = String(req.params.code).toUpperCase();
    const d = CODE.test(code) ? reg.live(code) : null;
    if (!d) { res.status(404).json({ error: { code: 'not_found', message: `no drill with join code ${code}` } }); return; }
    try {
      // The hashes answer for the tick the drill is at when it answers: tick and status are read after it.
      const hashes = await d.hashes();
      res.json({ tick: d.tick, status: d.status, hashes });
    } catch (e) { fault(res, e); }
  });

  // Operator figures: tick cost, event-loop lag, memory, sockets (facilitator key required).
  app.get('/api/metrics', async (req, res) => {
    if (!isFacilitator(req)) { res.status(403).json({ error: { code: 'bad_key', message: 'x-gladi-key header: facilitator key required' } }); return; }
    try {
      res.json(await operatorMetrics());
    } catch (e) { fault(res, e); }
  });

  app.get('/api/drills/:code/debrief', async (req, res) => {
    const code = String(req.params.code).toUpperCase();
    const d = CODE.test(code) ? reg.live(code) : null;
    if (!d) { res.status(404).json({ error: { code: 'not_found', message: `no drill with join code ${code}` } }); return; }
    // The rights gate: facilitator and evaluators read every team; players what the facilitator released, after the end.
    const who = principalOf(reg.store, facilitatorKey, code, credentialsOf((n) => req.get(n), req.query as Record<string, unknown>));
    const scope = debriefScope(who, d.gate);
    if (!scope.ok) { res.status(403).json({ error: { code: scope.code, reason: scope.reason, message: scope.message } }); return; }
    try {
      res.json(cutDebrief(await d.debrief(), scope.scope, who.role === 'player' ? who.teamId : null));
    } catch (e) { fault(res, e); }
  });

  mountDebriefRoutes(app, reg, facilitatorKey);
  mountEditorRoutes(app, reg, facilitatorKey, authoring);

  app.use('/api', (_req, res) => { res.status(404).json({ error: { code: 'not_found', message: 'no such API endpoint' } }); });

  if (existsSync(join(clientDir, 'index.html'))) {
    app.use(serveClient(clientDir));
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The client is not built yet: run "npm run build" (npm start does this).');
    });
  }
  return app;
}
