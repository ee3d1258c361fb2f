// Finds a Chromium for playwright-core (which brings no browser of its own) and launches it headless with a
// software GL (SwiftShader), so the Phaser WebGL renderer works on machines without a GPU.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const MISSING = "Chromium not found: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH";

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (existsSync(p) && executable(p)) return p;
  }
  return null;
}

function locate(): string | null {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (executable(env)) return env;
    throw new Error(`CHROMIUM_PATH=${env} is not an executable file. ${MISSING}`);
  }
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  return onPath('chromium') ?? onPath('chromium-browser');
}

/** Path of a Chromium binary; installs Debian's package when missing and running as root. */
export function chromiumPath(): string {
  const found = locate();
  if (found) return found;
  if (process.getuid?.() === 0) {
    const r = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y --no-install-recommends chromium'], {
      stdio: 'inherit', timeout: 10 * 60 * 1000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const after = r.status === 0 ? locate() : null;
    if (after) return after;
  }
  throw new Error(MISSING);
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}
