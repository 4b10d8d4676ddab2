import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { akc, tempDir } from './run-cli';

// The fixture app shared with `npm run demo` (plain JS in tools/).
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
export const fixtureApp = require('../../../tools/fixture-app.js') as {
  writeFixtureApp: (dir: string) => void;
  storedZip: (entry: string, content: string) => Buffer;
};

/** Control-API base URLs of the sandbox emulators. */
export interface SandboxControl {
  asc: string;
  play: string;
  firebase: string;
  smtp: string;
}

const projects: Array<{ dir: string; env: Record<string, string>; pid: number }> = [];
afterAll(async () => {
  for (const p of projects.splice(0)) {
    akc(['sandbox', 'stop', '--purge'], { cwd: p.dir, env: p.env });
    // The project folder may already be gone (tempDir cleanup): make sure the daemon is too.
    if (isAlive(p.pid)) process.kill(p.pid, 'SIGTERM');
    for (let i = 0; i < 50 && isAlive(p.pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(p.pid)) process.kill(p.pid, 'SIGKILL');
  }
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A fixture app with a running `akc sandbox` (stopped after the test file); every lane points at
 * the emulators through AKC_SANDBOX=1. `laneOptions` are merged into its .akc/config.json lanes.
 */
export function sandboxProject(laneOptions: Record<string, object> = {}): {
  dir: string;
  env: Record<string, string>;
  ctl: SandboxControl;
} {
  const dir = tempDir();
  fixtureApp.writeFixtureApp(dir);
  if (Object.keys(laneOptions).length > 0) {
    const file = join(dir, '.akc/config.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as { lanes: Record<string, object> };
    for (const [k, v] of Object.entries(laneOptions)) config.lanes[k] = { ...config.lanes[k], ...v };
    writeFileSync(file, JSON.stringify(config));
  }
  const env = { AKC_PROJECT_DIR: dir, AKC_PACKAGING_ENFORCE_PREFLIGHT: '1' };
  const started = akc(
    ['sandbox', 'start', '--bundle-id', 'com.example.notes', '--package-name', 'com.example.notes', '--json'],
    { cwd: dir, env },
  );
  if (started.code !== 0) throw new Error(started.stderr);
  const state = JSON.parse(readFileSync(join(dir, '.akc/sandbox/state.json'), 'utf8')) as {
    pid: number;
    control_urls: SandboxControl;
  };
  projects.push({ dir, env, pid: state.pid });
  return { dir, env: { ...env, AKC_SANDBOX: '1' }, ctl: state.control_urls };
}
