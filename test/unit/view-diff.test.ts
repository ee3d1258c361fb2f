// The shared view-diff module: deltas made by the server and applied by the client's code rebuild the server's
// view exactly; every delta names the tick it builds on, a missed one is detected as a gap (not silently applied),
// and a snapshot puts the client back on track.
import { describe, expect, it } from 'vitest';
import { projectTeamView } from '../../server/drill/view.ts';
import { applyDelta, decodeBase64, diffViews, encodeBase64 } from '../../server/protocol/view-diff.ts';
import type { TeamView, ViewDelta } from '../../server/protocol/events.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { createWorld, step, type World } from '../../server/sim/index.ts';
import { PARIAMAN_DIR } from '../helpers/drill-harness.ts';

const { scenario } = loadScenario(PARIAMAN_DIR);

/** What a client holds: a copy of the snapshot's view and its water grid. */
function clientFrom(w: World): { view: TeamView; water: Uint8Array } {
  const snap = projectTeamView(w, 'tim-a', true);
  return { view: structuredClone({ ...snap.view, water: '' }), water: decodeBase64(snap.view.water) };
}

const comparable = (v: TeamView) => ({ ...v, water: '' });

describe('view diff', { timeout: 60_000 }, () => {
  it('round-trips: every delta applied by the client rebuilds the server view, water included', () => {
    const w = createWorld(scenario, 4);
    let last = projectTeamView(w, 'tim-a');
    const client = clientFrom(w);
    for (let t = 0; t < 40; t++) {
      step(w, t === 3 ? [{ type: 'warn', areas: ['kampung-pondok', 'pasir'], channel: 'siren', level: 'awas' }, { type: 'evacuate', areas: ['pasir'], shelterId: 'sdn-05' }] : []);
      const next = projectTeamView(w, 'tim-a');
      const d = diffViews(last, next);
      expect(d.baseTick).toBe(last.view.tick);
      // Through JSON, as on the wire.
      const r = applyDelta(client.view, client.water, JSON.parse(JSON.stringify(d)) as ViewDelta);
      expect(r.status).toBe('applied');
      last = next;
    }
    expect(comparable(client.view)).toEqual(comparable(last.view));
    expect([...client.water]).toEqual([...last.water]);
    // Something really moved (the test would be weak otherwise).
    expect(client.view.areas.find((a) => a.id === 'pasir')!.warned).toBe(true);
  });

  it('detects a missed frame as a gap, ignores old frames, and goes on after a snapshot', () => {
    const w = createWorld(scenario, 4);
    const deltas: ViewDelta[] = [];
    let last = projectTeamView(w, 'tim-a');
    const client = clientFrom(w);
    for (let t = 0; t < 12; t++) {
      step(w, t === 1 ? [{ type: 'warn', areas: ['pasir'], channel: 'sms', level: 'siaga' }] : []);
      const next = projectTeamView(w, 'tim-a');
      deltas.push(diffViews(last, next));
      last = next;
    }
    expect(applyDelta(client.view, client.water, deltas[0]).status).toBe('applied');
    // deltas[1] is lost: deltas[2] builds on a tick the client does not hold.
    expect(applyDelta(client.view, client.water, deltas[2])).toEqual({ status: 'gap', have: 1, base: 2 });
    expect(client.view.tick).toBe(1);
    // An old frame arriving late changes nothing.
    expect(applyDelta(client.view, client.water, deltas[0]).status).toBe('stale');
    // The snapshot (view:resync) at the server's current state, then the next delta applies.
    const snap = projectTeamView(w as World, 'tim-a', true);
    client.view = structuredClone({ ...snap.view, water: '' });
    client.water = decodeBase64(snap.view.water);
    step(w, []);
    const after = projectTeamView(w, 'tim-a');
    const d = diffViews(last, after);
    expect(applyDelta(client.view, client.water, d).status).toBe('applied');
    expect(comparable(client.view)).toEqual(comparable(after.view));
  });

  it('applies a delta made by the client itself (no baseTick) unless it is older', () => {
    const w = createWorld(scenario, 4);
    const p = projectTeamView(w, 'tim-a', true);
    const view = structuredClone(p.view);
    const water = decodeBase64(p.view.water);
    expect(applyDelta(view, water, { teamId: 'tim-a', tick: 5, score: 42 }).status).toBe('applied');
    expect(view.score).toBe(42);
    expect(applyDelta(view, water, { teamId: 'tim-a', tick: 4, score: 1 }).status).toBe('stale');
    expect(view.score).toBe(42);
  });

  it('encodes base64 the same way as Node', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 37) & 0xff);
    expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect([...decodeBase64(encodeBase64(bytes))]).toEqual([...bytes]);
  });
});
