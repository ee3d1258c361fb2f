// Team views and deltas: a delta applied to the last view gives the next view; unchanged parts are not sent.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffViews, projectTeamView, quantizeWater } from '../../server/drill/view.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { createWorld, step } from '../../server/sim/index.ts';
import { applyDelta } from '../../server/protocol/view-diff.ts';

const { scenario } = loadScenario(resolve(import.meta.dirname, '..', '..', 'scenarios', 'pariaman-rob'));

describe('team views', { timeout: 60_000 }, () => {
  it('send only what changed, and the deltas rebuild the view exactly', () => {
    const w = createWorld(scenario, 9);
    let prev = projectTeamView(w, 'tim-a', true);
    const water = Uint8Array.from(Buffer.from(prev.view.water, 'base64'));
    let view = structuredClone(prev.view);
    let sentBytes = 0;
    for (let t = 0; t < 120; t++) {
      step(w, t === 5 ? [{ type: 'warn', areas: ['kampung-pondok'], channel: 'siren', level: 'awas' }, { type: 'evacuate', areas: ['kampung-pondok'], shelterId: 'sdn-05' }] : []);
      const next = projectTeamView(w, 'tim-a');
      const d = diffViews(prev, next);
      sentBytes += JSON.stringify(d).length;
      // Applied as the client does (server/protocol/view-diff.ts).
      expect(applyDelta(view, water, d).status).toBe('applied');
      prev = next;
    }
    // The client holds exactly what the server believes it holds, within a decimetre of the true depth.
    expect([...water]).toEqual([...prev.water]);
    const exact = quantizeWater(w.flood.h, w.flood.sea);
    expect(Math.max(...exact.map((v, i) => Math.abs(v - water[i])))).toBeLessThanOrEqual(1);
    const { water: _a, ...got } = view;
    expect(sentBytes / 120).toBeLessThan(2600); // sea cells are never sent; water is packed four bytes a cell (2549 B/tick at engine 6, 2499 at 5)
    const { water: _b, ...want } = prev.view;
    expect(got).toEqual(want);
    // Deltas are far smaller than full views.
    expect(sentBytes / 120).toBeLessThan(JSON.stringify(projectTeamView(w, 'tim-a', true).view).length / 3);
  });

  it('leave out what did not change', () => {
    const w = createWorld(scenario, 9);
    const a = projectTeamView(w, 'tim-a');
    const b = projectTeamView(w, 'tim-a');
    expect(Object.keys(diffViews(a, b)).sort()).toEqual(['baseTick', 'teamId', 'tick']);
  });
});
