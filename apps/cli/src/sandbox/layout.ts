import { readFileSync } from 'node:fs';

/**
 * Files of a project's sandbox: the emulators package's own layout (a dependency-free module, so
 * the CLI never loads the emulators themselves to find these paths).
 */
export {
  sandboxLayout as sandboxPaths,
  type SandboxLayout as SandboxPaths,
} from '@akc/emulators/sandbox-layout';
import type { SandboxLayout as SandboxPaths } from '@akc/emulators/sandbox-layout';

/** The parts of the daemon's `state.json` the CLI relies on (see the emulators README, "Sandbox"). */
export interface SandboxState {
  pid: number;
  started_at: string;
  env_file: string;
  urls: Record<string, string>;
  control_urls: Record<string, string>;
  credentials: Record<string, string>;
  seeded: Record<string, string>;
}

/** Reads `state.json`; null when missing or not a state file (a half-written one cannot exist: it is renamed into place). */
export function readSandboxState(paths: SandboxPaths): SandboxState | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(paths.stateFile, 'utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v['pid'] !== 'number' || !Number.isInteger(v['pid']) || v['pid'] <= 0) return null;
  if (typeof v['started_at'] !== 'string' || typeof v['env_file'] !== 'string') return null;
  const maps = ['urls', 'control_urls', 'credentials', 'seeded'].map((k) => stringMap(v[k]));
  const [urls, control_urls, credentials, seeded] = maps;
  if (!urls || !control_urls || !credentials || !seeded) return null;
  return {
    pid: v['pid'],
    started_at: v['started_at'],
    env_file: v['env_file'],
    urls,
    control_urls,
    credentials,
    seeded,
  };
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return undefined;
    out[k] = v;
  }
  return out;
}

/** The pid written in `daemon.lock`, or null. */
export function readLockPid(paths: SandboxPaths): number | null {
  try {
    const pid = Number.parseInt(readFileSync(paths.lockFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
