// MSEL spreadsheets on the command line:
//   npm run msel -- import FILE [--scenario DIR] [--map MAPPING.json] [--json] [--write] [--save-map] [--lang en]
//   npm run msel -- export DIR --format csv|xlsx --out FILE
// import prints a row-by-row report (accepted / accepted with warnings / rejected, with reasons) and writes
// DIR/msel.csv only with --write (and the mapping to DIR/msel-mapping.json). Exit 1 when a row is rejected.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importMsel, mappingTemplate, type ImportReport, type MselMapping } from '../server/authoring/msel-import.ts';
import { exportMselCsv, exportMselXlsx, writeMselCsv } from '../server/authoring/msel-export.ts';
import { loadContextOf, setMselFile } from '../server/authoring/scenario-files.ts';
import { checkScenario, dirSource } from '../server/scenario/check-scenario.ts';
import { countLevels, formatDiagnostic, type CheckLang } from '../server/scenario/diagnostic.ts';

const args = process.argv.slice(2);
const cmd = args.shift();
let lang: CheckLang = 'id';
const flags = new Map<string, string | true>();
const positional: string[] = [];
for (let k = 0; k < args.length; k++) {
  const a = args[k];
  if (['--scenario', '--map', '--format', '--out', '--lang'].includes(a)) { const v = args[++k]; if (v === undefined) usage(`${a} ?`); flags.set(a, v); }
  else if (['--json', '--write', '--save-map'].includes(a)) flags.set(a, true);
  else if (a.startsWith('--')) usage(`opsi tidak dikenal / unknown option ${a}`);
  else positional.push(a);
}
if (flags.get('--lang') === 'en') lang = 'en';
const say = (id: string, en: string) => (lang === 'id' ? id : en);

function usage(msg?: string): never {
  if (msg) console.error(`msel: ${msg}`);
  console.error('pakai / usage:\n  npm run msel -- import FILE [--scenario DIR] [--map MAPPING.json] [--json] [--write] [--save-map] [--lang en]\n  npm run msel -- export DIR --format csv|xlsx --out FILE');
  process.exit(2);
}
function die(id: string, en: string): never { console.error(`msel: ${say(id, en)}`); process.exit(2); }

if (cmd === 'import') await runImport();
else if (cmd === 'export') await runExport();
else usage(cmd ? `perintah tidak dikenal / unknown command ${cmd}` : undefined);

async function runImport(): Promise<void> {
  const file = positional[0];
  if (!file) usage('FILE ?');
  if (!existsSync(file)) die(`berkas ${file} tidak ada`, `file ${file} not found`);
  const dir = flags.get('--scenario') as string | undefined;
  if (flags.has('--write') && !dir) die('--write butuh --scenario FOLDER', '--write needs --scenario DIR');
  const mapFile = (flags.get('--map') as string | undefined) ?? (dir && existsSync(join(dir, 'msel-mapping.json')) ? join(dir, 'msel-mapping.json') : undefined);
  let mapping: MselMapping = {};
  if (mapFile) {
    try { mapping = JSON.parse(readFileSync(mapFile, 'utf8')) as MselMapping; }
    catch (e) { die(`${mapFile}: bukan JSON yang sah (${(e as Error).message})`, `${mapFile}: not valid JSON (${(e as Error).message})`); }
  }
  let context = null;
  if (dir) {
    const c = loadContextOf(dir);
    if (!c.context) {
      console.error(say(`msel: skenario ${dir} punya galat, jadi penerima dan tempat tidak bisa diperiksa:`, `msel: scenario ${dir} has errors, so recipients and places cannot be checked:`));
      for (const d of c.diagnostics.filter((x) => x.level === 'error')) console.error('  ' + formatDiagnostic(d, lang));
      process.exit(2);
    }
    context = c.context;
  }
  const report = await importMsel(readFileSync(file), { mapping, context, lang, fileName: file });
  if (flags.has('--json')) {
    console.log(JSON.stringify({
      rows: report.rows.map((r) => ({ no: r.no, status: r.status, messages: r.messages, row: r.row })),
      accepted: report.accepted, warnings: report.warnings, rejected: report.rejected,
      problems: report.problems, columns: report.columns, unmapped: report.unmapped,
    }));
  } else printReport(report);
  if (flags.has('--save-map') || flags.has('--write')) {
    const out = mapFile ?? (dir ? join(dir, 'msel-mapping.json') : 'msel-mapping.json');
    writeFileSync(out, JSON.stringify(mappingTemplate(report, mapping), null, 2) + '\n');
    if (!flags.has('--json')) console.log(say(`pemetaan disimpan di ${out} (isi nilai yang kosong, lalu impor lagi)`, `mapping saved to ${out} (fill the empty values, then import again)`));
  }
  if (flags.has('--write') && dir) {
    if (report.problems.some((p) => p.level === 'error')) die('lembar ini bermasalah; tidak ada yang ditulis', 'the sheet has problems; nothing written');
    writeFileSync(join(dir, 'msel.csv'), writeMselCsv(report.mselRows));
    setMselFile(dir, 'msel.csv');
    const r = checkScenario(dirSource(dir));
    const c = countLevels(r.diagnostics);
    if (!flags.has('--json')) {
      console.log(say(`ditulis: ${join(dir, 'msel.csv')} (${report.mselRows.length} baris; ${report.rejected} baris ditolak TIDAK ditulis)`, `written: ${join(dir, 'msel.csv')} (${report.mselRows.length} rows; ${report.rejected} rejected rows NOT written)`));
      console.log(say(`pemeriksaan skenario: ${c.errors} galat, ${c.warnings} peringatan`, `scenario check: ${c.errors} error(s), ${c.warnings} warning(s)`));
    }
  }
  process.exit(report.rejected || report.problems.some((p) => p.level === 'error') ? 1 : 0);
}

function printReport(r: ImportReport): void {
  const word = { accepted: say('DITERIMA', 'ACCEPTED'), warning: say('DITERIMA+CATATAN', 'ACCEPTED+WARNINGS'), rejected: say('DITOLAK', 'REJECTED') };
  console.log(say(`${r.file}: ${r.format.toUpperCase()}`, `${r.file}: ${r.format.toUpperCase()}`) + (r.format === 'csv' ? ` (${r.encoding}, ${say('pemisah', 'separator')} "${r.separator}")` : '') + `, ${say('judul kolom di baris', 'header on row')} ${r.headerRow}`);
  console.log('  ' + Object.entries(r.columns).map(([h, c]) => `${h} → ${c}`).join(' · '));
  for (const p of r.problems) console.log(`  ${p.level === 'error' ? say('GALAT', 'ERROR') : 'INFO'} ${p.message}${p.fix ? `\n      → ${p.fix}` : ''}`);
  for (const row of r.rows) {
    const x = row.row;
    console.log(`\n${say('baris', 'row')} ${row.sheetRow}  ${word[row.status]}  no ${row.no ?? '?'}  ${x.time || x.condition}  ${x.method} ${x.from} → ${x.to}`);
    console.log(`  «${x.message.id.replace(/\n/g, ' / ').slice(0, 100)}»${x.expectedActions.length ? `  ${say('perintah', 'commands')}: ${x.expectedActions.join(', ')}` : ''}`);
    for (const m of row.messages) console.log(`  ${m.level === 'error' ? say('GALAT', 'ERROR') : m.level === 'warning' ? say('PERINGATAN', 'WARNING') : 'INFO'}${m.field ? ` ${m.field}` : ''}: ${m.message}${m.fix ? `\n      → ${m.fix}` : ''}`);
  }
  console.log(say(`\n${r.rows.length} baris: ${r.accepted} diterima, ${r.warnings} diterima dengan catatan, ${r.rejected} ditolak`, `\n${r.rows.length} rows: ${r.accepted} accepted, ${r.warnings} accepted with warnings, ${r.rejected} rejected`));
  if (r.unmapped.to.length) console.log(say(`penerima yang perlu dipetakan (sekali saja, --save-map): ${r.unmapped.to.join(', ')}`, `recipients to map (once, --save-map): ${r.unmapped.to.join(', ')}`));
}

async function runExport(): Promise<void> {
  const dir = positional[0];
  const format = flags.get('--format');
  const out = flags.get('--out') as string | undefined;
  if (!dir || (format !== 'csv' && format !== 'xlsx') || !out) usage('export DIR --format csv|xlsx --out FILE');
  const r = checkScenario(dirSource(dir));
  if (!r.loaded) {
    for (const d of r.diagnostics.filter((x) => x.level === 'error')) console.error(formatDiagnostic(d, lang));
    die('skenario punya galat: perbaiki dulu (npm run check)', 'the scenario has errors: fix them first (npm run check)');
  }
  if (format === 'csv') writeFileSync(out, exportMselCsv(r.loaded.msel));
  else writeFileSync(out, await exportMselXlsx(r.loaded.msel, r.loaded.scenario.id));
  console.log(say(`${r.loaded.msel.length} baris MSEL ditulis ke ${out}`, `${r.loaded.msel.length} MSEL rows written to ${out}`));
}
