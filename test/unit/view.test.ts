// Team views and deltas: a delta applied to the last view gives the next view; unchanged parts are not sent.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffViews, projectTeamView, quantizeWater } from '../../server/drill/view.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { createWorld, step } from '../../server/sim/world.ts';

const { scenario } = loadScenario(resolve(import.meta.dirname, '..', '..', 'scenarios', 'pariaman-rob'));

describe('team views', () => {
  it('send only what changed, and the deltas rebuild the view exactly', () => {
    const w = createWorld(scenario, 9);
    let prev = projectTeamView(w, 'tim-a');
    const water = Uint8Array.from(Buffer.from(prev.view.water, 'base64'));
    let view = structuredClone(prev.view);
    let sentBytes = 0;
    for (let t = 0; t < 120; t++) {
      step(w, t === 5 ? [{ type: 'warn', areas: ['kampung-pondok'], channel: 'siren', level: 'awas' }, { type: 'evacuate', areas: ['kampung-pondok'], shelterId: 'sdn-05' }] : []);
      const next = projectTeamView(w, 'tim-a');
      const d = diffViews(prev, next);
      sentBytes += JSON.stringify(d).length;
      if (d.water) for (let k = 0; k < d.water.length; k += 2) water[d.water[k]] = d.water[k + 1];
      const { water: _w, teamId: _t, ...rest } = d;
      view = { ...view, ...rest };
      prev = next;
    }
    expect([...water]).toEqual([...quantizeWater(w.flood.h)]);
    const { water: _a, ...got } = view;
    const { water: _b, ...want } = prev.view;
    expect(got).toEqual(want);
    // Deltas are far smaller than full views.
    expect(sentBytes / 120).toBeLessThan(JSON.stringify(prev.view).length / 3);
  });

  it('leave out what did not change', () => {
    const w = createWorld(scenario, 9);
    const a = projectTeamView(w, 'tim-a');
    const b = projectTeamView(w, 'tim-a');
    expect(Object.keys(diffViews(a, b)).sort()).toEqual(['teamId', 'tick']);
  });
});
