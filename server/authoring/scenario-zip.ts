// A scenario as one file to share between towns: a zip (fflate) of the folder layout, `<id>/scenario.yaml`,
// `<id>/elevation.asc`, … Reading accepts the files at the root or under one folder, and refuses anything that is
// not a scenario text file, so a zip from another town cannot write elsewhere.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { SCENARIO_FILE } from './scenario-files.ts';

/** Uncompressed size limit of an imported zip (a 1.5 M-cell map as two ASCII grids is ~20 MB). */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

export function zipScenario(id: string, files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) entries[`${id}/${name}`] = strToU8(text);
  return zipSync(entries, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
}

export class ZipError extends Error {
  constructor(readonly text: { id: string; en: string }) { super(text.en); }
}

export function unzipScenario(data: Uint8Array): { files: Record<string, string>; skipped: string[] } {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new ZipError({ id: `zip terlalu besar (> ${MAX_UNZIPPED_BYTES / 2 ** 20} MB setelah dibuka)`, en: `zip too big (> ${MAX_UNZIPPED_BYTES / 2 ** 20} MB unpacked)` });
        return !f.name.endsWith('/');
      },
    });
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError({ id: `bukan berkas zip yang terbaca (${(e as Error).message})`, en: `not a readable zip file (${(e as Error).message})` });
  }
  const names = Object.keys(entries).filter((n) => !n.startsWith('__MACOSX/'));
  // One top folder (as exported) or the files at the root.
  const tops = new Set(names.map((n) => (n.includes('/') ? n.split('/')[0] : '')));
  const prefix = tops.size === 1 && !tops.has('') ? `${[...tops][0]}/` : '';
  const files: Record<string, string> = {};
  const skipped: string[] = [];
  for (const n of names) {
    const rel = n.slice(prefix.length);
    if (!SCENARIO_FILE.test(rel)) { skipped.push(n); continue; }
    files[rel] = strFromU8(entries[n]);
  }
  if (!files['scenario.yaml']) throw new ZipError({ id: 'zip tidak berisi scenario.yaml', en: 'the zip holds no scenario.yaml' });
  return { files, skipped };
}
