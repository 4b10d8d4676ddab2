import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { readLockPid, readSandboxState, type SandboxPaths, type SandboxState } from './layout';

/** What is on disk and in the process table for a project's sandbox. */
export type SandboxProbe =
  | { kind: 'none' }
  /** state.json (or the lock) names a process that is gone, or is not a sandbox daemon any more. */
  | { kind: 'stale'; pid: number }
  /** The daemon process lives but its emulators do not answer (starting, stopping or hung). */
  | { kind: 'unhealthy'; pid: number; state: SandboxState | null }
  | { kind: 'running'; pid: number; state: SandboxState };

/** Looks at state.json, the lock, the daemon process and every `/__control/health`. Changes nothing. */
export async function probeSandbox(paths: SandboxPaths): Promise<SandboxProbe> {
  const state = readSandboxState(paths);
  const pid = state?.pid ?? readLockPid(paths);
  if (pid === null) return { kind: 'none' };
  if (!isSandboxDaemon(pid)) return { kind: 'stale', pid };
  if (state && (await allHealthy(Object.values(state.control_urls)))) return { kind: 'running', pid, state };
  return { kind: 'unhealthy', pid, state };
}

/** Removes what a dead daemon left behind (state, env file, lock); credentials stay. */
export function removeStaleFiles(paths: SandboxPaths): void {
  for (const file of [paths.stateFile, paths.envFile, paths.lockFile]) rmSync(file, { force: true });
}

/** True when the process exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Alive and running the daemon script: a pid from an old state file may have been reused by an
 * unrelated process, which `stop` must never signal. Falls back to "alive" where the command line
 * cannot be read.
 */
export function isSandboxDaemon(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const commandLine = readCommandLine(pid);
  return commandLine === undefined ? true : commandLine.includes('run-sandbox');
}

function readCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // No procfs (macOS): ask ps.
  }
  const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
  if (ps.error || ps.status === null) return undefined;
  return ps.stdout;
}

/** Every URL answers `GET /__control/health` with 200 within a second. */
export async function allHealthy(controlUrls: string[]): Promise<boolean> {
  if (controlUrls.length === 0) return false;
  const results = await Promise.all(
    controlUrls.map(async (url) => {
      try {
        const response = await fetch(`${url}/__control/health`, { signal: AbortSignal.timeout(1000) });
        await response.arrayBuffer();
        return response.status === 200;
      } catch {
        return false;
      }
    }),
  );
  return results.every(Boolean);
}
