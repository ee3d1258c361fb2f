// Import of an export.json: a new drill (new join code, status ended) with the exported log, seats and debrief
// documents, on this server's copy of the scenario when its content hash matches, else on the scenario files carried
// in the export. The imported drill is replayed at once and its final state hashes compared with the exported ones.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { hashToken, newJoinCode, newToken, type DrillRegistry } from '../drill/drill-registry.ts';
import { loadScenario, type LoadedScenario } from '../scenario/load-scenario.ts';
import { ENGINE_VERSION } from '../sim/index.ts';
import { DEFAULT_POLICY, type LogKind } from '../store/store.ts';
import { putDoc, type DocKind } from './docs.ts';
import { contentHash, drillExport, EXPORTED_DOCS, scenarioSnapshot } from './exports.ts';

export interface ImportResult {
  code: string;
  token: string;
  scenarioId: string;
  hashes: Record<string, string>;
  expected: Record<string, string>;
  sameHash: boolean;
}

export class ImportError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/** The scenario an export was played on: this server's copy when identical, else the export's own files. */
function scenarioFor(reg: DrillRegistry, snap: { id: string; contentHash: string; files: Record<string, string> }): { id: string; loaded: LoadedScenario } {
  if (contentHash(snap.files) !== snap.contentHash) throw new ImportError('scenario.contentHash', 'does not match the scenario files in the export (the file was altered)');
  for (const [id, loaded] of reg.scenarios) {
    if (loaded.scenario.id === snap.id && scenarioSnapshot(loaded).contentHash === snap.contentHash) return { id, loaded };
  }
  const id = `${snap.id}@${snap.contentHash.slice(0, 8)}`;
  const known = reg.scenarios.get(id);
  if (known) return { id, loaded: known };
  const dir = join(tmpdir(), `gladi-import-${snap.contentHash.slice(0, 16)}`);
  for (const [name, text] of Object.entries(snap.files)) {
    const rel = normalize(name);
    if (rel.startsWith('..') || rel.startsWith('/')) throw new ImportError('scenario.files', `"${name}": a file name must stay inside the scenario folder`);
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  let loaded: LoadedScenario;
  try {
    loaded = loadScenario(dir);
  } catch (e) {
    throw new ImportError('scenario.files', `the scenario in the export does not load: ${(e as Error).message}`);
  }
  reg.scenarios.set(id, loaded);
  return { id, loaded };
}

export function importDrill(reg: DrillRegistry, body: unknown): ImportResult {
  const parsed = drillExport.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(issue.path.join('.') || 'export', `${issue.message} (expected a Gladi export.json)`);
  }
  const x = parsed.data;
  if (x.engineVersion !== ENGINE_VERSION) {
    throw new ImportError('engineVersion', `recorded with engine version ${x.engineVersion}, this server runs ${ENGINE_VERSION}: the replay would differ`);
  }
  const { id: scenarioId, loaded } = scenarioFor(reg, x.scenario);
  const store = reg.store;
  let code = newJoinCode();
  while (store.getDrill(code)) code = newJoinCode();
  const token = newToken();
  store.createDrill({
    code, scenarioId, seed: x.drill.seed, mode: x.drill.mode, status: 'ended', speed: 1, tick: x.drill.tick,
    facilitatorTokenHash: hashToken(token), evaluatorCode: randomBytes(5).toString('hex').toUpperCase(),
    createdAt: new Date().toISOString(), archived: false, engineVersion: ENGINE_VERSION, scenarioHash: null, policy: { ...DEFAULT_POLICY },
  });
  // Imported seats cannot be claimed: their tokens are new random values nobody holds.
  const actor = new Map<string, string>();
  for (const s of x.seats) {
    const th = hashToken(newToken());
    actor.set(s.seat, th);
    store.putSeat({ code, tokenHash: th, name: s.name, teamId: s.teamId, role: s.role });
  }
  if (x.start) {
    // A branch: its worlds at the fork, as its first keyframe and as the replay's starting point.
    const blob = Buffer.from(x.start.blob, 'base64');
    store.putKeyframe(code, { tick: x.start.tick, blob, engineVersion: ENGINE_VERSION, scenarioHash: null });
    putDoc(store, 'start', code, { tick: x.start.tick, blob: x.start.blob });
  }
  for (const e of x.log) {
    store.append({ code, tick: e.tick, kind: e.kind as LogKind, teamId: e.teamId, clientId: e.clientId, actor: actor.get(e.actor) ?? e.actor, payload: e.payload, engineVersion: ENGINE_VERSION, scenarioHash: null });
  }
  for (const k of EXPORTED_DOCS) if (x.docs[k] !== undefined) putDoc(store, k as DocKind, code, x.docs[k]);
  putDoc(store, 'tags', code, { ...(x.docs.tags as object ?? {}), importedFrom: x.drill.code, ...(x.start?.parent ? { branchOf: x.start.parent } : {}) });
  const d = reg.get(code);
  if (!d) throw new ImportError('drill.scenarioId', `scenario ${scenarioId} could not be opened`);
  const hashes = d.hashes();
  const sameHash = Object.keys(x.finalHashes).length > 0 && Object.entries(x.finalHashes).every(([w, h]) => hashes[w] === h);
  void loaded;
  return { code, token, scenarioId, hashes, expected: x.finalHashes, sameHash };
}
