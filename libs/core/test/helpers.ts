import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import type { ControlPlaneIO } from '../src/control-plane/io';

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh project folder under the OS temp dir, removed after the test file. */
export function tempProject(prefix = 'akc-core-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Relaxed env so preflight does not block (most control-plane tests are not about preflight). */
export const RELAXED = { AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: '1' };

export function testIO(
  env: Record<string, string | undefined> = RELAXED,
  now?: () => number,
): ControlPlaneIO {
  return { cwd: process.cwd(), homeDir: tmpdir(), env, now: now ?? (() => Date.now()) };
}

/** A manual clock for deterministic timestamps. */
export function manualClock(start = 1_800_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** path -> sha256 of every file below dir (to assert "nothing changed on disk"). */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
