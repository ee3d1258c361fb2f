// The import rules of docs/architecture.md, checked on every `npm test`:
// - no run-time import cycles in server/ and client/ (type-only imports are erased and do not count);
// - the client imports at run time only from client/ and server/protocol/ (types from anywhere), and nothing it
//   reaches at run time imports zod (the browser bundle stays small);
// - the engine (server/sim/**) reaches no Node API at run time and uses no clock and no Math.random;
// - server code outside the engine and the protocol reaches the engine at run time only through server/sim/index.ts.
// The checker is tested on small in-memory projects first, so a checker that finds nothing cannot pass unnoticed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Edge { to: string; spec: string; typeOnly: boolean }
type Project = Map<string, string>; // path (posix, relative to the root) → source

/** Source without comments (strings and template literals are kept, so a `//` inside a string stays). */
export function stripComments(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i], n = src[i + 1];
    if (c === '/' && n === '/') { while (i < src.length && src[i] !== '\n') i++; out += '\n'; continue; }
    if (c === '/' && n === '*') { i += 2; while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) { if (src[i] === '\n') out += '\n'; i++; } i++; continue; }
    if (c === '"' || c === "'" || c === '`') {
      const q = c; out += c; i++;
      while (i < src.length && src[i] !== q) { if (src[i] === '\\') { out += src[i++]; } out += src[i++]; }
      out += q; continue;
    }
    out += c;
  }
  return out;
}

/** Import and re-export specifiers of one file, each marked type-only or run-time. */
export function importsOf(src: string): { spec: string; typeOnly: boolean }[] {
  const code = stripComments(src);
  const found: { spec: string; typeOnly: boolean }[] = [];
  // import x from '…' / import { a, type B } from '…' / import type … from '…' / export … from '…' (multi-line)
  // The clause between the keyword and `from` holds no quote or semicolon, so one statement never runs into the next.
  const re = /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(re)) {
    const clause = m[3].trim();
    let typeOnly = !!m[2];
    const braces = /^\{([\s\S]*)\}$/.exec(clause);
    if (!typeOnly && braces) {
      const names = braces[1].split(',').map((s) => s.trim()).filter(Boolean);
      typeOnly = names.length > 0 && names.every((s) => s.startsWith('type '));
    }
    found.push({ spec: m[4], typeOnly });
  }
  for (const m of code.matchAll(/(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g)) found.push({ spec: m[1], typeOnly: false });
  for (const m of code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1], typeOnly: false });
  return found;
}

function resolveSpec(project: Project, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  for (const c of [base, `${base}.ts`, `${base}/index.ts`]) if (project.has(c)) return c;
  return null;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeApi = (spec: string) => spec.startsWith('node:') || NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0]);
const ENGINE = 'server/sim/';
const FORBIDDEN_IN_ENGINE: [RegExp, string][] = [
  [/\bMath\.random\s*\(/, 'Math.random'],
  [/\bDate\.now\s*\(/, 'Date.now'],
  [/\bperformance\.now\s*\(/, 'performance.now'],
  [/\bnew\s+Date\s*\(/, 'new Date'],
  [/\bprocess\s*\.\s*(hrtime|env|argv|memoryUsage)\b/, 'process'],
  [/\b(setTimeout|setInterval|setImmediate)\s*\(/, 'timers'],
];

export interface Violations { cycles: string[][]; clientLeaks: string[]; engine: string[]; clientZod: string[]; engineEntry: string[] }

/** Checks a project against the import rules. */
export function checkProject(project: Project): Violations {
  const edges = new Map<string, Edge[]>();
  const bare = new Map<string, string[]>();
  for (const [file, src] of project) {
    const list: Edge[] = [];
    const ext: string[] = [];
    for (const { spec, typeOnly } of importsOf(src)) {
      const to = resolveSpec(project, file, spec);
      if (to) list.push({ to, spec, typeOnly });
      else if (!spec.startsWith('.') && !typeOnly) ext.push(spec);
    }
    edges.set(file, list);
    bare.set(file, ext);
  }
  const runTime = (f: string) => (edges.get(f) ?? []).filter((e) => !e.typeOnly).map((e) => e.to);

  // Cycles: strongly connected components of the run-time graph (Tarjan), each reported as one cycle.
  const cycles: string[][] = [];
  let counter = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [];
  const visit = (v: string) => {
    index.set(v, counter); low.set(v, counter); counter++; stack.push(v); onStack.add(v);
    for (const w of runTime(v)) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || runTime(v).includes(v)) cycles.push(comp.sort());
    }
  };
  for (const f of edges.keys()) if (!index.has(f)) visit(f);

  const clientLeaks: string[] = [];
  for (const [file, list] of edges) {
    if (!file.startsWith('client/')) continue;
    for (const e of list) if (!e.typeOnly && !e.to.startsWith('client/') && !e.to.startsWith('server/protocol/')) clientLeaks.push(`${file} → ${e.to}`);
  }

  // Engine: Node APIs anywhere in its run-time closure (an engine file may import protocol data, which must stay
  // pure too), and clocks or Math.random in its own files.
  const engine: string[] = [];
  const seen = new Set<string>();
  const todo = [...project.keys()].filter((f) => f.startsWith(ENGINE));
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const spec of bare.get(f) ?? []) if (isNodeApi(spec)) engine.push(`${f}: imports Node API "${spec}"`);
    for (const to of runTime(f)) if (!seen.has(to)) todo.push(to);
    if (f.startsWith(ENGINE)) {
      const code = stripComments(project.get(f)!);
      for (const [re, name] of FORBIDDEN_IN_ENGINE) if (re.test(code)) engine.push(`${f}: uses ${name}`);
    }
  }
  // The browser bundle stays zod-free: nothing the client reaches at run time imports zod.
  const clientZod: string[] = [];
  const reach = new Set<string>();
  const queue = [...project.keys()].filter((f) => f.startsWith('client/'));
  while (queue.length) {
    const f = queue.pop()!;
    if (reach.has(f)) continue;
    reach.add(f);
    if ((bare.get(f) ?? []).includes('zod')) clientZod.push(f);
    for (const to of runTime(f)) if (!reach.has(to)) queue.push(to);
  }
  // Server code outside the engine and the protocol reaches the engine at run time only through its entry.
  const engineEntry: string[] = [];
  for (const [file, list] of edges) {
    if (!file.startsWith('server/') || file.startsWith(ENGINE) || file.startsWith('server/protocol/')) continue;
    for (const e of list) if (!e.typeOnly && e.to.startsWith(ENGINE) && e.to !== `${ENGINE}index.ts`) engineEntry.push(`${file} → ${e.to}`);
  }
  return { cycles, clientLeaks, engine, clientZod, engineEntry };
}

function readProject(root: string): Project {
  const project: Project = new Map();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) { if (name !== 'node_modules') walk(p); } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
        project.set(relative(root, p).split('\\').join('/'), readFileSync(p, 'utf8'));
      }
    }
  };
  for (const d of ['server', 'client']) walk(join(root, d));
  return project;
}

describe('the import checker itself', () => {
  const p = (files: Record<string, string>): Project => new Map(Object.entries(files));

  it('finds a run-time cycle, and ignores one made of type-only imports', () => {
    const bad = checkProject(p({
      'server/a.ts': "import { b } from './b.ts';\nexport const a = 1;",
      'server/b.ts': "import {\n  a,\n} from './a.ts';\nexport const b = a;",
    }));
    expect(bad.cycles).toEqual([['server/a.ts', 'server/b.ts']]);
    const typesOnly = checkProject(p({
      'server/a.ts': "import type { B } from './b.ts';\nexport type A = B;",
      'server/b.ts': "import { type A } from './a.ts';\nexport type B = A;",
    }));
    expect(typesOnly.cycles).toEqual([]);
    // A side-effect import just before a type-only import does not make the latter a run-time one.
    const sideEffect = checkProject(p({
      'server/a.ts': "import './b.ts';\nimport type { B } from './c.ts';\nexport type A = B;",
      'server/b.ts': 'export {};',
      'server/c.ts': "import { type A } from './a.ts';\nexport type B = A;",
    }));
    expect(sideEffect.cycles).toEqual([]);
    const reexport = checkProject(p({
      'server/a.ts': "export * from './b.ts';",
      'server/b.ts': "export { a } from './a.ts';",
    }));
    expect(reexport.cycles).toHaveLength(1);
  });

  it('flags a client run-time import outside server/protocol/, not a type-only one', () => {
    const v = checkProject(p({
      'client/x.ts': "import type { World } from '../server/sim/world.ts';\nimport { C2S } from '../server/protocol/events.ts';\nimport { step } from '../server/sim/world.ts';",
      'server/sim/world.ts': 'export const step = 1; export type World = {};',
      'server/protocol/events.ts': 'export const C2S = {};',
    }));
    expect(v.clientLeaks).toEqual(['client/x.ts → server/sim/world.ts']);
    const zod = checkProject(p({
      'client/y.ts': "import { C2S } from '../server/protocol/events.ts';",
      'server/protocol/events.ts': "export { s } from './schema.ts';\nexport const C2S = {};",
      'server/protocol/schema.ts': "import { z } from 'zod';\nexport const s = z.string();",
    }));
    expect(zod.clientZod).toEqual(['server/protocol/schema.ts']);
    const entry = checkProject(p({
      'server/drill/d.ts': "import { step } from '../sim/index.ts';\nimport type { World } from '../sim/world.ts';\nimport { advanceFlood } from '../sim/flood.ts';",
      'server/sim/index.ts': "export { step } from './world.ts';",
      'server/sim/world.ts': 'export const step = 1; export type World = {};',
      'server/sim/flood.ts': 'export const advanceFlood = 1;',
    }));
    expect(entry.engineEntry).toEqual(['server/drill/d.ts → server/sim/flood.ts']);
  });

  it('flags Node APIs reached by the engine, clocks and Math.random, but not words in comments', () => {
    const v = checkProject(p({
      'server/sim/a.ts': "// Math.random is never used here; Date.now() neither\nimport { b } from '../protocol/b.ts';\nexport const a = () => Math.random();",
      'server/protocol/b.ts': "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;",
      'server/sim/c.ts': "import { createHash } from 'crypto';\nexport const t = performance.now();",
      'server/sim/d.ts': "import { z } from 'zod';\nexport const s = z.string();",
    }));
    expect(v.engine.sort()).toEqual([
      'server/protocol/b.ts: imports Node API "node:fs"',
      'server/sim/a.ts: uses Math.random',
      'server/sim/c.ts: imports Node API "crypto"',
      'server/sim/c.ts: uses performance.now',
    ]);
  });
});

describe('the project', () => {
  const project = readProject(resolve(import.meta.dirname, '..', '..'));
  const v = checkProject(project);

  it('reads the real source tree', () => {
    expect(project.size).toBeGreaterThan(50);
    expect([...project.keys()].some((f) => f.startsWith('server/sim/'))).toBe(true);
    // The parser sees real imports: the tick order imports the command registry at run time, the engine's types as types.
    expect(importsOf(project.get('server/sim/tick.ts')!)).toContainEqual({ spec: './commands/index.ts', typeOnly: false });
    expect(importsOf(project.get('server/sim/tick.ts')!)).toContainEqual({ spec: './command.ts', typeOnly: true });
  });
  it('has no run-time import cycles', () => expect(v.cycles).toEqual([]));
  it('has the client import only server/protocol/ at run time', () => expect(v.clientLeaks).toEqual([]));
  it('keeps zod out of the browser bundle', () => expect(v.clientZod).toEqual([]));
  it('has server code reach the engine only through server/sim/index.ts', () => expect(v.engineEntry).toEqual([]));
  it('keeps the engine free of Node APIs, clocks and Math.random', () => expect(v.engine).toEqual([]));
});
