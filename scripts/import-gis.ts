// From GIS files to a scenario folder:
//   npm run import-gis -- --dem FILE.tif|.asc [--landuse FILE.geojson|.tif] [--features FILE.geojson] --cell 20
//                         --out scenarios/<id> [--crs EPSG:32747] [--lang en]
// Elevation in any CRS is reprojected to the local UTM zone and resampled; NODATA over the sea is filled from the
// coastline; land use and places come from GeoJSON (OSM / QGIS exports, lon/lat). An existing scenario.yaml in
// --out keeps its settings (grid and, with --features, places replaced). Then the checker runs on the result.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { importGis } from '../server/authoring/gis/import-gis.ts';
import { GisError } from '../server/authoring/gis/gis-error.ts';
import { writeScenarioFolder } from '../server/authoring/scenario-files.ts';
import { checkScenario, dirSource } from '../server/scenario/check-scenario.ts';
import { countLevels, formatDiagnostic, type CheckLang } from '../server/scenario/diagnostic.ts';

const args = process.argv.slice(2);
const opt = new Map<string, string>();
for (let k = 0; k < args.length; k++) {
  const a = args[k];
  if (!['--dem', '--landuse', '--features', '--cell', '--out', '--crs', '--lang'].includes(a)) usage(`opsi tidak dikenal / unknown option ${a}`);
  const v = args[++k];
  if (v === undefined) usage(`${a} ?`);
  opt.set(a, v);
}
const lang: CheckLang = opt.get('--lang') === 'en' ? 'en' : 'id';
const say = (t: { id: string; en: string }) => t[lang];
function usage(msg?: string): never {
  if (msg) console.error(`import-gis: ${msg}`);
  console.error('pakai / usage: npm run import-gis -- --dem FILE [--landuse FILE] [--features FILE.geojson] --cell 20 --out scenarios/<id> [--crs EPSG:xxxx] [--lang en]');
  process.exit(2);
}
const dem = opt.get('--dem'), out = opt.get('--out');
if (!dem || !out) usage('--dem dan --out wajib / --dem and --out are required');
const cell = Number(opt.get('--cell') ?? 20);
const read = (f: string) => {
  if (!existsSync(f)) { console.error(`import-gis: ${lang === 'id' ? `berkas ${f} tidak ada` : `file ${f} not found`}`); process.exit(2); }
  return new Uint8Array(readFileSync(f));
};
const prjOf = (f: string) => { const p = f.replace(/\.[^.]+$/, '.prj'); return existsSync(p) ? readFileSync(p, 'utf8') : null; };
const lu = opt.get('--landuse'), feat = opt.get('--features');

let lastStage = '';
try {
  const t0 = performance.now();
  const { files, report } = await importGis({
    dem: { data: read(dem), name: basename(dem), prj: prjOf(dem) },
    landuse: lu ? { data: read(lu), name: basename(lu), prj: prjOf(lu) } : undefined,
    features: feat ? { text: new TextDecoder().decode(read(feat)), name: basename(feat) } : undefined,
    cell, crs: opt.get('--crs'), id: basename(resolve(out)),
    existingYaml: existsSync(join(out, 'scenario.yaml')) ? readFileSync(join(out, 'scenario.yaml'), 'utf8') : null,
  }, (stage, done) => {
    const s = say(stage);
    if (s !== lastStage) { if (lastStage && process.stdout.isTTY) process.stdout.write('\n'); lastStage = s; if (!process.stdout.isTTY) console.log(`[${Math.round(done * 100)}%] ${s}`); }
    if (process.stdout.isTTY) process.stdout.write(`\r[${String(Math.round(done * 100)).padStart(3)}%] ${s}   `);
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  writeScenarioFolder(out, files);
  console.log(lang === 'id'
    ? `\n${out}: ${report.width}×${report.height} sel ${report.cell} m, ${report.crs}, pusat ${report.centre.join(', ')} (${Math.round(performance.now() - t0)} ms)`
    : `\n${out}: ${report.width}×${report.height} cells of ${report.cell} m, ${report.crs}, centre ${report.centre.join(', ')} (${Math.round(performance.now() - t0)} ms)`);
  console.log(`  ${Object.entries(report.landUse).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  console.log(lang === 'id'
    ? `  wilayah ${report.places.neighbourhoods}, pengungsian ${report.places.shelters}, unit ${report.places.units}, tanggul ${report.places.embankments}`
    : `  neighbourhoods ${report.places.neighbourhoods}, shelters ${report.places.shelters}, units ${report.places.units}, embankments ${report.places.embankments}`);
  for (const n of report.notes) console.log(`  • ${say(n)}`);
  const r = checkScenario(dirSource(out));
  const c = countLevels(r.diagnostics);
  console.log(lang === 'id' ? `\nPemeriksaan: ${c.errors} galat, ${c.warnings} peringatan` : `\nCheck: ${c.errors} error(s), ${c.warnings} warning(s)`);
  for (const d of r.diagnostics.filter((x) => x.level !== 'info')) console.log('  ' + formatDiagnostic(d, lang).replace(/\n/g, '\n  '));
  if (c.errors) console.log(lang === 'id' ? `  Lengkapi lalu periksa lagi: npm run check -- ${out}` : `  Complete it, then check again: npm run check -- ${out}`);
} catch (e) {
  if (e instanceof GisError) {
    console.error(`\nimport-gis: ${say(e.text)}\n  → ${say(e.fix)}`);
    process.exit(1);
  }
  throw e;
}
