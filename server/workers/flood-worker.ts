// A worker thread that computes floods ahead of time (server/sim/flood-ahead.ts) for the socket thread's clock.
// Messages: {kind:'scenario', key, scenario} once per scenario, then {kind:'ahead', id, key, part}; answers
// {id, ok:true, result} or {id, ok:false, error}. The result's buffers are transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { floodAhead, type HazardPart, type Scenario } from '../sim/index.ts';

const scenarios = new Map<string, Scenario>();

function buffersOf(o: unknown, out: Set<ArrayBuffer>): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(o)) { if (o.buffer instanceof ArrayBuffer) out.add(o.buffer); }
  else if (o && typeof o === 'object') for (const v of Object.values(o)) buffersOf(v, out);
  return out;
}

parentPort!.on('message', (m: { kind: 'scenario'; key: string; scenario: Scenario } | { kind: 'ahead'; id: number; key: string; part: HazardPart }) => {
  if (m.kind === 'scenario') { scenarios.set(m.key, m.scenario); return; }
  try {
    const scenario = scenarios.get(m.key);
    if (!scenario) throw new Error(`no scenario ${m.key}`);
    const result = floodAhead(m.part, scenario);
    parentPort!.postMessage({ id: m.id, ok: true, result }, [...buffersOf(result, new Set())]);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: String(e) });
  }
});
