// The server under load: a real Gladi process of its own on 127.0.0.1, with a fresh data dir and a copy of the
// built-in scenario holding as many teams as the run asks for. Used by scripts/load.ts (steady and storm runs).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const LOAD_KEY = 'load-test-key';
const ROOT = resolve(import.meta.dirname, '..');

export interface LoadServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) when the process ends, whoever ends it. */
  exited: Promise<string>;
  /** Server resident memory now, from /proc/<pid>/status (MB); 0 once it has gone. */
  rssMB(): number;
  metrics(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** VmRSS of a process in MB, or 0 when it is gone (Linux /proc). */
export function procRssMB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat; 0 when it is gone. */
export function procCpuSeconds(pid: number, mainThreadOnly = false): number {
  try {
    // /proc/<pid>/task/<pid>/stat is the main thread alone (the socket thread); /proc/<pid>/stat every thread.
    const f = readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return 0;
  }
}

/** `minMinutes`: the scenario copy lasts at least this long, so a steady run measures drills being played, not the
 *  moment every drill ends at once (20 drills handed back and their debrief replays built: see docs/load.md). */
export async function startLoadServer(opts: { teams: number; port: number; env?: Record<string, string>; nodeArgs?: string[]; minMinutes?: number }): Promise<LoadServer> {
  const scenariosDir = mkdtempSync(join(tmpdir(), 'gladi-load-scn-'));
  cpSync(join(ROOT, 'scenarios', 'pariaman-rob'), join(scenariosDir, 'pariaman-rob'), { recursive: true });
  const yamlPath = join(scenariosDir, 'pariaman-rob', 'scenario.yaml');
  const teamsYaml = Array.from({ length: opts.teams }, (_, i) => `  - { id: tim-${i + 1}, name: Tim ${i + 1} }`).join('\n');
  let yaml = readFileSync(yamlPath, 'utf8').replace(/teams:\n(  - .*\n)+/, `teams:\n${teamsYaml}\n`);
  yaml = yaml.replace(/^(\s*durationMinutes:\s*)(\d+)/m, (_, key: string, n: string) => `${key}${Math.max(Number(n), Math.ceil(opts.minMinutes ?? 0))}`);
  writeFileSync(yamlPath, yaml);

  const dataDir = mkdtempSync(join(tmpdir(), 'gladi-load-'));
  // GLADI_LOAD_NODE_ARGS: extra Node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const extra = (process.env.GLADI_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, ...(opts.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: String(opts.port), HOST: '127.0.0.1', DATA_DIR: dataDir, GLADI_FACILITATOR_KEY: LOAD_KEY,
      GLADI_SCENARIOS_DIR: scenariosDir, ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<string>((ok) => child.once('exit', (c, sig) => ok(sig ?? String(c))));
  const cleanup = () => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scenariosDir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('server did not start in 30 s')), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    void exited.then((c) => { clearTimeout(timer); fail(new Error(`server exited with ${c} before serving (port ${opts.port} in use? pass --port)`)); });
  }).catch((e) => { cleanup(); throw e; });
  // Keep reading stdout so the pipe never fills and blocks the server.
  child.stdout!.resume();
  const pid = child.pid!;
  let gone = false;
  void exited.then(() => { gone = true; });
  return {
    url, pid, child, exited,
    rssMB: () => (gone ? 0 : procRssMB(pid)),
    async metrics() {
      const r = await fetch(`${url}/api/metrics`, { headers: { 'x-gladi-key': LOAD_KEY }, signal: AbortSignal.timeout(10_000) });
      return (await r.json()) as Record<string, number>;
    },
    async stop() {
      if (!gone) {
        child.kill('SIGTERM');
        const t = setTimeout(() => { if (!gone) child.kill('SIGKILL'); }, 10_000);
        await exited;
        clearTimeout(t);
      }
      cleanup();
    },
  };
}
