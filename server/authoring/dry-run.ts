// Dry run ("Coba jalankan"): plays a scenario with its MSEL through a real drill (in-memory store, parallel worlds,
// optionally a scripted team per world) as fast as it can, and reports when each row fired in each world and who
// received it, rows that never fired, rows whose targets do not exist, and the water depth over time at the places
// the MSEL names. Used by `npm run sim -- DIR --msel` and the editor.
import { Drill, type DrillOutput } from '../drill/drill.ts';
import type { FeedItem } from '../protocol/events.ts';
import { S2C } from '../protocol/events.ts';
import { may, TEAM_ROLES, type TeamRole } from '../protocol/rights.ts';
import { createPolicy, type PolicyName } from '../policy/index.ts';
import { projectTeamView } from '../drill/view.ts';
import { checkScenario, type LoadedScenario, type ScenarioSource } from '../scenario/check-scenario.ts';
import { renderDiagnostic, type CheckLang } from '../scenario/diagnostic.ts';
import { checkMselRecords, readMselCsv, type MselRow } from '../scenario/msel-rows.ts';
import { commandSchema, ENGINE_VERSION, interpolate, type World } from '../sim/index.ts';
import { MemoryStore } from '../store/memory-store.ts';
import { DEFAULT_POLICY, type Seat } from '../store/store.ts';
import { conditionText } from './inject-text.ts';
import { contextOf } from './scenario-files.ts';

export interface DryRunRow {
  no: number;
  time: string;
  condition: string | null;
  to: string;
  /** Who gets it, in words: every player of every team, one team, or one role in each team. */
  recipients: string[];
  /** Per team world: the scenario minute it fired at, or null (never fired). */
  fired: { teamId: string; minute: number | null; deliveries: number }[];
  effect: string | null;
}

export interface DryRunReport {
  scenario: string;
  policy: PolicyName | null;
  minutes: number;
  ms: number;
  rows: DryRunRow[];
  /** Rows that never fired in any world. */
  neverFired: number[];
  /** Rows left out because what they name does not exist (or another error), with the checker's words. */
  badRows: { row: number; no: string; messages: string[] }[];
  /** Water depth (m) every `every` minutes at the places the MSEL names (areas: deepest cell; shelters: their cell). */
  depth: { every: number; minutes: number[]; places: { kind: 'area' | 'shelter'; id: string; depth: number[] }[] };
  /** Coastal water level at the same minutes. */
  seaLevel: number[];
}

class Inbox implements DrillOutput {
  /** `${teamId}|${no}` → deliveries (one per team message or role message). */
  readonly count = new Map<string, number>();
  readonly byTeam = new Map<string, FeedItem[]>();
  private take(teamId: string, event: string, payload: unknown) {
    if (event !== S2C.feed) return;
    const item = payload as FeedItem;
    if (item.kind !== 'inject' || item.no === undefined) return;
    const k = `${teamId}|${item.no}`;
    this.count.set(k, (this.count.get(k) ?? 0) + 1);
    const list = this.byTeam.get(teamId) ?? [];
    list.push(item);
    this.byTeam.set(teamId, list);
  }
  toTeam(_c: string, teamId: string, event: string, payload: unknown) { this.take(teamId, event, payload); }
  toRole(_c: string, teamId: string, _role: string, event: string, payload: unknown) { this.take(teamId, event, payload); }
  toFacilitators() {}
}

const ROLE_WORDS: Record<CheckLang, Record<string, string>> = {
  id: { commander: 'komandan', logistics: 'logistik', communications: 'komunikasi', health: 'kesehatan', shelter: 'pengungsian', ngo_liaison: 'penghubung LSM' },
  en: { commander: 'commander', logistics: 'logistics', communications: 'communications', health: 'health', shelter: 'shelter', ngo_liaison: 'NGO liaison' },
};

function recipientsOf(to: string, loaded: LoadedScenario, lang: CheckLang): string[] {
  const teams = loaded.scenario.teams;
  if (to === 'all') return [lang === 'id' ? `semua pemain di ${teams.length} tim` : `every player of the ${teams.length} teams`];
  const team = teams.find((t) => t.id === to);
  if (team) return [lang === 'id' ? `semua pemain ${team.name}` : `every player of ${team.name}`];
  if ((TEAM_ROLES as readonly string[]).includes(to)) {
    return [lang === 'id' ? `peran ${ROLE_WORDS.id[to]} di tiap tim (${teams.map((t) => t.name).join(', ')}); tidak sampai bila tak ada yang memegang peran itu` : `the ${ROLE_WORDS.en[to]} role in each team (${teams.map((t) => t.name).join(', ')}); nobody gets it if no player holds that role`];
  }
  return [lang === 'id' ? 'tidak ada (penerima tidak dikenal)' : 'nobody (unknown recipient)'];
}

const hhmm = (m: number) => { const d = Math.floor(m / 1440), r = m % 1440; return `${d ? `D+${d} ` : ''}H+${Math.floor(r / 60)}:${String(Math.round(r % 60)).padStart(2, '0')}`; };

/**
 * Loads what can be loaded: a scenario whose only errors are MSEL rows still runs, without those rows, and the
 * rows are reported. Returns null (with the errors) when the scenario itself does not load.
 */
export function loadForDryRun(src: ScenarioSource, lang: CheckLang = 'id'): { loaded: LoadedScenario | null; badRows: DryRunReport['badRows']; errors: string[] } {
  const r = checkScenario(src);
  if (r.loaded) return { loaded: r.loaded, badRows: [], errors: [] };
  const base = checkScenario(src, { ignoreMsel: true });
  if (!base.loaded) return { loaded: null, badRows: [], errors: base.diagnostics.filter((d) => d.level === 'error').map((d) => `${d.file}${d.line ? `:${d.line}` : ''} ${d.field ?? ''}: ${renderDiagnostic(d, lang).message}`) };
  const yamlMsel = /^msel:\s*(\S+)/m.exec(src.read('scenario.yaml') ?? '')?.[1];
  const text = yamlMsel ? src.read(yamlMsel) : null;
  if (!yamlMsel || text === null) return { loaded: base.loaded, badRows: [], errors: [] };
  const read = readMselCsv(text, yamlMsel);
  const ctx = contextOf(src).context;
  const checked = checkMselRecords(read.records, yamlMsel, ctx);
  const badRows: DryRunReport['badRows'] = [];
  read.records.forEach((rec, i) => {
    if (checked.rowOk[i]) return;
    const row = i + 2;
    badRows.push({ row, no: rec.no ?? String(i + 1), messages: checked.diagnostics.filter((d) => d.row === row && d.level === 'error').map((d) => `${d.field}: ${renderDiagnostic(d, lang).message}`) });
  });
  return { loaded: { ...base.loaded, msel: checked.rows }, badRows, errors: [] };
}

export function dryRun(loaded: LoadedScenario, opts: { policy?: PolicyName | null; seed?: number; every?: number; lang?: CheckLang; badRows?: DryRunReport['badRows']; minutes?: number } = {}): DryRunReport {
  const t0 = performance.now();
  const lang = opts.lang ?? 'id';
  const sc = loaded.scenario;
  const seed = opts.seed ?? 1;
  const every = opts.every ?? 10;
  const code = 'DRYRUN';
  const store = new MemoryStore();
  const inbox = new Inbox();
  // Without players every team's world is the same: one joint world is enough (three times faster).
  const mode = opts.policy ? 'parallel' : 'joint';
  const drill = new Drill(store, inbox, { code, loaded, seed, mode });
  store.createDrill({
    code, scenarioId: sc.id, seed, mode, status: 'lobby', speed: 1, tick: 0, facilitatorTokenHash: '', evaluatorCode: '',
    createdAt: new Date(0).toISOString(), archived: false, engineVersion: ENGINE_VERSION, scenarioHash: drill.scenarioHash, policy: { ...DEFAULT_POLICY },
  });
  // One seat per role in every team, so role-addressed rows have someone to reach (and a policy has hands).
  const seats = new Map<string, Map<TeamRole, Seat>>();
  for (const t of sc.teams) {
    const m = new Map<TeamRole, Seat>();
    for (const role of TEAM_ROLES) {
      const seat: Seat = { code, tokenHash: `dry-${t.id}-${role}`, name: `${role}`, teamId: t.id, role };
      store.putSeat(seat);
      m.set(role, seat);
    }
    seats.set(t.id, m);
  }
  const policies = opts.policy ? new Map(sc.teams.map((t) => [t.id, createPolicy(opts.policy!, sc)])) : null;

  // Places the MSEL names: areas in depth conditions and effects, shelters in occupancy conditions.
  const areaIds = new Set<string>(), shelterIds = new Set<string>();
  for (const r of loaded.msel) {
    if (r.condition?.kind === 'depth') areaIds.add(r.condition.area);
    if (r.condition?.kind === 'occupancy') shelterIds.add(r.condition.shelter);
    const e = r.effect as { area?: string; shelter?: string } | null;
    if (e?.area) areaIds.add(e.area);
    if (e?.shelter) shelterIds.add(e.shelter);
  }
  // The cells a depth condition looks at: the area's habitable cells (server/drill/inject.ts conditionHolds).
  const w0 = drill.worldOf(sc.teams[0].id);
  const areaCells = new Map([...areaIds].map((id) => [id, w0.hoods[sc.neighbourhoods.findIndex((n) => n.id === id)]?.cells ?? []]));
  const places: DryRunReport['depth']['places'] = [
    ...[...areaIds].map((id) => ({ kind: 'area' as const, id, depth: [] as number[] })),
    ...[...shelterIds].map((id) => ({ kind: 'shelter' as const, id, depth: [] as number[] })),
  ];
  const minutes: number[] = [], seaLevel: number[] = [];
  const sample = (w: World) => {
    const minute = (w.tick * sc.tickSeconds) / 60;
    minutes.push(minute);
    seaLevel.push(Math.round((interpolate(sc.seaLevel, minute) + (w.seaLevelOffset ?? 0)) * 100) / 100);
    for (const p of places) {
      let d = 0;
      if (p.kind === 'area') for (const c of areaCells.get(p.id) ?? []) d = Math.max(d, w.flood.h[c]);
      else { const s = sc.shelters.find((x) => x.id === p.id); if (s) d = w.flood.h[s.y * sc.width + s.x]; }
      p.depth.push(Math.round(d * 100) / 100);
    }
  };

  const started = drill.clock('start');
  if (!started.ok) throw new Error(`dry run: ${started.message}`);
  const first = sc.teams[0].id;
  const everyTicks = Math.max(1, Math.round((every * 60) / sc.tickSeconds));
  let clientNo = 0;
  sample(drill.worldOf(first));
  const endTick = Math.min(sc.durationTicks, opts.minutes !== undefined ? Math.round((opts.minutes * 60) / sc.tickSeconds) : Infinity);
  while (drill.tick < endTick && drill.status === 'running') {
    if (policies) {
      for (const t of sc.teams) {
        const w = drill.worldOf(t.id);
        const projected = projectTeamView(w, t.id);
        for (const a of policies.get(t.id)!.act({ tick: w.tick, view: projected.view, water: projected.water, injects: inbox.byTeam.get(t.id) ?? [] })) {
          const parsed = commandSchema.safeParse(a.command);
          if (!parsed.success || !may(a.role, parsed.data.type)) continue;
          drill.submit(seats.get(t.id)!.get(a.role)!, `dry-${++clientNo}`, parsed.data);
        }
      }
    }
    drill.accrue(1 / drill.speed);
    drill.stepOwed();
    while (drill.midTick) drill.stepOwed();
    const w = drill.worldOf(first);
    if (w.tick % everyTicks === 0) sample(w);
  }
  const state = drill.msel();
  const rows: DryRunRow[] = loaded.msel.map((r: MselRow) => {
    const st = state.find((x) => x.no === r.no);
    return {
      no: r.no, time: r.condition && r.minute === 0 ? '' : hhmm(r.minute), condition: r.condition ? conditionText(r.condition) : null, to: r.to,
      recipients: recipientsOf(r.to, loaded, lang),
      fired: sc.teams.map((t) => {
        const b = st?.byWorld.find((x) => x.worldId === drill.teamWorld.get(t.id));
        const minute = b && b.status === 'fired' ? (b.firedTick * sc.tickSeconds) / 60 : null;
        return { teamId: t.id, minute, deliveries: inbox.count.get(`${t.id}|${r.no}`) ?? 0 };
      }),
      effect: st?.effect ?? null,
    };
  });
  return {
    scenario: sc.id, policy: opts.policy ?? null, minutes: (drill.tick * sc.tickSeconds) / 60, ms: Math.round(performance.now() - t0), rows,
    neverFired: rows.filter((r) => r.fired.every((f) => f.minute === null)).map((r) => r.no),
    badRows: opts.badRows ?? [],
    depth: { every, minutes, places }, seaLevel,
  };
}

/** The report as lines for a terminal. */
export function formatDryRun(r: DryRunReport, lang: CheckLang = 'id'): string[] {
  const say = (id: string, en: string) => (lang === 'id' ? id : en);
  const out: string[] = [];
  out.push(say(`Coba jalankan ${r.scenario}: ${r.minutes} menit skenario dalam ${r.ms} ms${r.policy ? `, tim dimainkan kebijakan "${r.policy}"` : ', tanpa pemain'}`,
    `Dry run of ${r.scenario}: ${r.minutes} scenario minutes in ${r.ms} ms${r.policy ? `, teams played by policy "${r.policy}"` : ', no players'}`));
  out.push('');
  for (const row of r.rows) {
    const when = row.fired.map((f) => `${f.teamId} ${f.minute === null ? say('tidak pernah', 'never') : hhmm(f.minute)}`).join(' · ');
    out.push(`#${row.no} ${row.time || ''}${row.condition ? ` [${row.condition}]` : ''} → ${row.to}: ${when}${row.effect ? `  ${say('efek', 'effect')} ${row.effect}` : ''}`);
    out.push(`     ${say('penerima', 'recipients')}: ${row.recipients.join('; ')}`);
  }
  out.push('');
  out.push(r.neverFired.length ? say(`Tidak pernah terkirim: #${r.neverFired.join(', #')} (periksa kondisi dan waktunya)`, `Never fired: #${r.neverFired.join(', #')} (check their conditions and times)`) : say('Semua baris terkirim di setidaknya satu tim.', 'Every row fired in at least one team.'));
  for (const b of r.badRows) out.push(say(`Baris ${b.row} (no ${b.no}) dilewati: ${b.messages.join('; ')}`, `Row ${b.row} (no ${b.no}) left out: ${b.messages.join('; ')}`));
  if (r.depth.places.length) {
    out.push('');
    out.push(say('Kedalaman air (m) di tempat yang disebut MSEL, tiap ' + r.depth.every + ' menit (dunia tim pertama):', `Water depth (m) at the places the MSEL names, every ${r.depth.every} minutes (first team's world):`));
    const step = Math.max(1, Math.ceil(r.depth.minutes.length / 13));
    const idx = r.depth.minutes.map((_, k) => k).filter((k) => k % step === 0);
    out.push(`${say('menit', 'minute').padEnd(22)}${idx.map((k) => String(r.depth.minutes[k]).padStart(6)).join('')}`);
    out.push(`${say('muka laut', 'sea level').padEnd(22)}${idx.map((k) => r.seaLevel[k].toFixed(2).padStart(6)).join('')}`);
    for (const p of r.depth.places) out.push(`${`${p.kind === 'area' ? say('wilayah', 'area') : say('pengungsian', 'shelter')} ${p.id}`.slice(0, 21).padEnd(22)}${idx.map((k) => p.depth[k].toFixed(2).padStart(6)).join('')}`);
  }
  return out;
}
