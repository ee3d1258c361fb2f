// Versions: a drill replays from the scenario snapshot it started with, never the folder; a keyframe of another
// engine version is discarded and the log replayed instead; a log recorded by another engine version is checked
// against that engine's checkpoints and the drill opens read-only when they differ or cannot be checked.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Drill } from '../../server/drill/drill.ts';
import { recoverDrill } from '../../server/drill/drill-replay.ts';
import { encodeKeyframe, readKeyframeHeader } from '../../server/drill/keyframes.ts';
import { restoreScenario, snapshotScenario } from '../../server/drill/scenario-snapshot.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { ENGINE_VERSION } from '../../server/sim/index.ts';
import { MemoryStore } from '../../server/store/memory-store.ts';
import { SqliteStore } from '../../server/store/sqlite-store.ts';
import { NO_OUTPUT } from '../../server/drill/drill-output.ts';
import { PARIAMAN_DIR, registryOver, runTo, seat } from '../helpers/drill-harness.ts';

const tmp: string[] = [];
afterAll(() => { for (const d of tmp) rmSync(d, { recursive: true, force: true }); });
const freshDir = (p: string) => { const d = mkdtempSync(join(tmpdir(), p)); tmp.push(d); return d; };

/** A drill played to tick 34 (past a keyframe) with commands of two teams, in `store`. */
function played(store: MemoryStore | SqliteStore, scenarios = [loadScenario(PARIAMAN_DIR)]) {
  const { reg } = registryOver(store, scenarios);
  const { drill: d } = reg.create('pariaman-rob', { seed: 77 });
  d.clock('start');
  runTo(d, 2);
  d.submit(seat(d.code, 'tim-a'), 'va-warn-001', { type: 'warn', areas: ['kampung-pondok', 'pasir'], channel: 'siren', level: 'awas' });
  runTo(d, 6);
  d.submit(seat(d.code, 'tim-b'), 'vb-evac-001', { type: 'evacuate', areas: ['karan-aur'], shelterId: 'masjid-raya' });
  runTo(d, 34);
  d.clock('pause');
  return d;
}

describe('scenario snapshots', { timeout: 60_000 }, () => {
  it('round-trip the parsed scenario exactly (same content hash, Infinity and typed arrays kept)', () => {
    const loaded = loadScenario(PARIAMAN_DIR);
    const snap = snapshotScenario(loaded);
    const back = restoreScenario(snap.body);
    expect(snapshotScenario(back).hash).toBe(snap.hash);
    expect(back.scenario.elevation).toBeInstanceOf(Float64Array);
    expect([...back.scenario.landUse]).toEqual([...loaded.scenario.landUse]);
    expect(back.scenario.landUseClasses.map((c) => c.walkCost)).toEqual(loaded.scenario.landUseClasses.map((c) => c.walkCost));
  });

  it('keep a drill replaying as it started when the scenario folder is edited afterwards', () => {
    const dir = join(freshDir('gladi-scn-'), 'pariaman-rob');
    cpSync(PARIAMAN_DIR, dir, { recursive: true });
    const store = new MemoryStore();
    const d = played(store, [loadScenario(dir)]);
    const want = d.hashes();

    // Edit the folder: the sea comes 40 cm higher and every neighbourhood has more households.
    const yamlPath = join(dir, 'scenario.yaml');
    const yaml = readFileSync(yamlPath, 'utf8').replace(/level: (-?\d+(\.\d+)?)/g, (_m, v) => `level: ${(Number(v) + 0.4).toFixed(2)}`)
      .replace(/households: (\d+)/g, (_m, v) => `households: ${Number(v) + 40}`);
    writeFileSync(yamlPath, yaml);
    const edited = loadScenario(dir);
    expect(snapshotScenario(edited).hash).not.toBe(d.scenarioHash);

    // A restart with the edited folder: the drill replays from its own snapshot, to the same hashes.
    const after = registryOver(store, [edited]).reg.get(d.code)!;
    expect(after.scenarioHash).toBe(d.scenarioHash);
    expect(after.hashes()).toEqual(want);
    // Without a keyframe too (the whole log replayed over the snapshot).
    const bare = new Drill(store, NO_OUTPUT, { code: d.code, loaded: restoreScenario(store.getScenarioSnapshot(d.scenarioHash)!.body), seed: 77, mode: 'parallel', status: 'paused', scenarioHash: d.scenarioHash });
    expect(bare.restore(store.readLog(d.code), d.tick, null).keyframeUsed).toBe(false);
    expect(bare.hashes()).toEqual(want);
    // A new drill takes the edited folder, and it really plays differently.
    const fresh = played(store, [edited]);
    expect(fresh.scenarioHash).not.toBe(d.scenarioHash);
    expect(fresh.hashes()['tim-a']).not.toBe(want['tim-a']);
  });
});

describe('keyframes', { timeout: 60_000 }, () => {
  it('carry the engine version and scenario hash, and one of another engine version is discarded', () => {
    const store = new MemoryStore();
    const d = played(store);
    const want = d.hashes();
    const kf = store.latestKeyframe(d.code)!;
    expect(kf.engineVersion).toBe(ENGINE_VERSION);
    expect(readKeyframeHeader(kf.blob)).toEqual({ engineVersion: ENGINE_VERSION, scenarioHash: d.scenarioHash, tick: kf.tick });

    // The normal case uses it.
    const rec = store.getDrill(d.code)!;
    const fromKf = registryOver(store).reg;
    const withKf = new Drill(store, NO_OUTPUT, { code: d.code, loaded: d.loaded, seed: 77, mode: 'parallel', status: 'paused', scenarioHash: d.scenarioHash });
    expect(recoverDrill(withKf, store, rec).keyframeUsed).toBe(true);
    expect(withKf.hashes()).toEqual(want);
    expect(fromKf.get(d.code)!.hashes()).toEqual(want);

    // A keyframe "written by another engine" at the same tick, holding worlds that are wrong for this drill (another
    // seed, further on): if it were loaded the hashes would differ.
    const other = played(new MemoryStore());
    runTo(other, 40);
    const foreign = encodeKeyframe({ engineVersion: ENGINE_VERSION + 1, scenarioHash: d.scenarioHash, tick: kf.tick }, other.worlds, {});
    store.putKeyframe(d.code, { tick: kf.tick + 1, blob: foreign, engineVersion: ENGINE_VERSION + 1, scenarioHash: d.scenarioHash });
    const again = new Drill(store, NO_OUTPUT, { code: d.code, loaded: d.loaded, seed: 77, mode: 'parallel', status: 'paused', scenarioHash: d.scenarioHash });
    const r = recoverDrill(again, store, rec);
    expect(r.keyframeUsed).toBe(false);
    expect(again.hashes()).toEqual(want);
    expect(again.debrief()).toEqual(d.debrief());
    expect(again.readOnly).toBeNull();
  });
});

describe('a log recorded by another engine version', { timeout: 60_000 }, () => {
  /** The drill as if recorded by engine ENGINE_VERSION − 1, with that engine's checkpoints (`hashes` per tick). */
  function recordedByOldEngine(fix: ((hashes: Record<string, string>) => Record<string, string>) | null) {
    const store = new MemoryStore();
    const d = played(store);
    store.updateDrill(d.code, { engineVersion: ENGINE_VERSION - 1 });
    if (fix) for (const c of store.listCheckpoints(d.code)) store.putCheckpoint(d.code, { ...c, engineVersion: ENGINE_VERSION - 1, hashes: fix(c.hashes) });
    return { store, d };
  }

  it('continues when this engine reproduces every hash the old one recorded', () => {
    const { store, d } = recordedByOldEngine((h) => h);
    const r = registryOver(store).reg.get(d.code)!;
    expect(r.readOnly).toBeNull();
    expect(r.hashes()).toEqual(d.hashes());
    expect(store.getDrill(d.code)!.engineVersion).toBe(ENGINE_VERSION);
    expect(r.clock('resume').ok).toBe(true);
  });

  it('opens read-only, saying so, when this engine replays it differently', () => {
    const { store, d } = recordedByOldEngine((h) => ({ ...h, 'tim-b': 'f'.repeat(16) }));
    const r = registryOver(store).reg.get(d.code)!;
    expect(r.readOnly).toMatchObject({ reason: 'engine_changed', recordedWith: ENGINE_VERSION - 1, engine: ENGINE_VERSION });
    expect(r.state([]).readOnly?.reason).toBe('engine_changed');
    expect(r.debrief().readOnly?.reason).toBe('engine_changed');
    expect(r.clock('resume')).toMatchObject({ ok: false, message: expect.stringMatching(/read-only/) });
    expect(r.submit(seat(d.code, 'tim-a'), 'ro-cmd-0001', { type: 'activate_posko' })).toMatchObject({ ok: false, code: 'wrong_state' });
    r.accrue(10);
    expect(r.due).toBe(false);
    // Still ended and archived normally.
    expect(r.clock('end').ok).toBe(true);
  });

  it('opens read-only when nothing the old engine recorded can be checked', () => {
    const { store, d } = recordedByOldEngine(null);
    const r = registryOver(store).reg.get(d.code)!;
    expect(r.readOnly).toMatchObject({ reason: 'engine_unverified' });
  });
});
