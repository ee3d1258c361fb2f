// Authoring over HTTP: the scenarios that failed to load (for the home page), and the scenario editor's API
// (facilitator key in header x-gladi-key). See docs/authoring.md.
import type express from 'express';
import type { DrillRegistry } from '../drill/drill-registry.ts';
import { failedSummary, type FailedScenario } from '../scenario/load-scenario.ts';

export interface AuthoringOptions {
  /** Folder of the scenario library (GLADI_SCENARIOS_DIR). */
  scenariosDir: string;
  /** Folders that did not load at start-up, with what the checker found. */
  failed: FailedScenario[];
}

export function mountEditorRoutes(app: express.Express, reg: DrillRegistry, facilitatorKey: string, opts: AuthoringOptions): void {
  void reg; void facilitatorKey;
  // Public: names of folders and what is wrong, so the facilitator sees why a scenario is missing from the list.
  app.get('/api/scenario-problems', (_req, res) => { res.json(opts.failed.map(failedSummary)); });
}
