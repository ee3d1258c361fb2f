// Scenario checker: npm run check -- scenarios/<id> [more folders…] [--lang en] [--json] [--all]
// Lists every error, warning and info at once (file, row or line, field, what is wrong, how to fix it), in
// Bahasa Indonesia unless --lang en. Also checks that no other folder next to it uses the same id.
// Exit 1 when there is an error. --all checks every folder under scenarios/ (as the server does at start-up).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkScenario, dirSource } from '../server/scenario/check-scenario.ts';
import { countLevels, formatDiagnostic, renderDiagnostic, type CheckLang, type Diagnostic } from '../server/scenario/diagnostic.ts';

const args = process.argv.slice(2);
let lang: CheckLang = 'id';
let json = false;
let all = false;
const dirs: string[] = [];
for (let k = 0; k < args.length; k++) {
  const a = args[k];
  if (a === '--lang') { const v = args[++k]; if (v !== 'id' && v !== 'en') fail('--lang: id atau en / id or en'); lang = v; }
  else if (a === '--json') json = true;
  else if (a === '--all') all = true;
  else if (a === '--help' || a === '-h') fail('');
  else if (a.startsWith('--')) fail(`opsi tidak dikenal / unknown option ${a}`);
  else dirs.push(a);
}
if (all) dirs.push(...listFolders(resolve('scenarios')));
if (!dirs.length) fail('folder skenario belum diberikan / scenario folder missing');

function fail(msg: string): never {
  if (msg) console.error(`check: ${msg}`);
  console.error('pakai / usage: npm run check -- scenarios/<id> [--lang en] [--json] [--all]');
  process.exit(2);
}

function listFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).sort().map((n) => join(root, n)).filter((d) => existsSync(join(d, 'scenario.yaml')));
}

let errors = 0;
const out: object[] = [];
for (const dir of dirs) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(lang === 'id' ? `check: folder ${dir} tidak ada` : `check: folder ${dir} not found`);
    errors++;
    continue;
  }
  const r = checkScenario(dirSource(dir));
  const ds: Diagnostic[] = [...r.diagnostics];
  // Same id in a sibling folder: only one can be loaded (the one named after the id).
  if (r.id) {
    const here = basename(resolve(dir));
    for (const other of listFolders(dirname(resolve(dir)))) {
      const name = basename(other);
      if (name === here) continue;
      const o = checkScenarioIdOnly(other);
      if (o === r.id && here !== r.id) ds.unshift({ level: 'error', file: 'scenario.yaml', field: 'id', code: 'dup_scenario_id', params: { id: r.id, other: name, folder: here } });
    }
  }
  const c = countLevels(ds);
  errors += c.errors;
  if (json) {
    out.push({ dir, id: r.id, ok: c.errors === 0, ...c, diagnostics: ds.map((d) => renderDiagnostic(d, lang)) });
    continue;
  }
  console.log(`\n${dir}${r.id ? `  (id: ${r.id})` : ''}`);
  for (const level of ['error', 'warning', 'info'] as const) for (const d of ds.filter((x) => x.level === level)) console.log('  ' + formatDiagnostic(d, lang).replace(/\n/g, '\n  '));
  console.log(lang === 'id'
    ? `  ${c.errors} galat, ${c.warnings} peringatan, ${c.infos} info${c.errors ? ' — skenario ini TIDAK akan dimuat server' : ' — siap dipakai'}`
    : `  ${c.errors} error(s), ${c.warnings} warning(s), ${c.infos} info${c.errors ? ' — the server will NOT load this scenario' : ' — ready to use'}`);
}
if (json) console.log(JSON.stringify(dirs.length === 1 && out.length === 1 ? out[0] : out));
process.exit(errors ? 1 : 0);

/** The id of a sibling folder's scenario.yaml, read cheaply (no grid checks). */
function checkScenarioIdOnly(dir: string): string | null {
  const text = dirSource(dir).read('scenario.yaml');
  const m = text ? /^id:\s*["']?([^\s"'#]+)/m.exec(text) : null;
  return m ? m[1] : null;
}
