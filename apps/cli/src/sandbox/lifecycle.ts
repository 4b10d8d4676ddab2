import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { akcError } from '@akc/core';
import { spawnDaemon, waitUntilReady, type DaemonArgs } from './daemon';
import { sandboxPaths, type SandboxState } from './layout';
import { isSandboxDaemon, probeSandbox, removeStaleFiles } from './probe';

/** `akc sandbox start --json`. */
export interface StartResult {
  /** False when a live sandbox was already running (nothing was started). */
  started: boolean;
  /** A dead daemon's state.json was found and removed first. */
  cleaned_stale: boolean;
  pid: number;
  started_at: string;
  urls: Record<string, string>;
  control_urls: Record<string, string>;
  env_file: string;
  log_file: string;
  /** Ids and paths only: key material stays in the files. */
  credentials: Record<string, string>;
  seeded: Record<string, string>;
}

/** A started sandbox; `child` is set for --foreground (the caller waits for it). */
export interface StartOutcome {
  result: StartResult;
  child?: ChildProcess;
}

/** Starts the daemon unless a live one serves the project; cleans a stale one first. */
export async function startSandbox(args: DaemonArgs, foreground: boolean): Promise<StartOutcome> {
  const paths = sandboxPaths(args.projectDir);
  const probe = await probeSandbox(paths);
  if (probe.kind === 'running') return { result: toStartResult(probe.state, paths.logFile, false, false) };
  if (probe.kind === 'unhealthy') {
    throw akcError('EINTERNAL', {
      reason: `a sandbox daemon (pid ${probe.pid}) is running but its emulators do not answer; run \`akc sandbox stop\` and start again`,
    });
  }
  if (probe.kind === 'stale') removeStaleFiles(paths);
  const spawned = spawnDaemon(paths, args, foreground);
  const ready = await waitUntilReady(paths, spawned);
  const mine = ready.kind === 'ready';
  return {
    result: toStartResult(ready.state, paths.logFile, mine, probe.kind === 'stale'),
    child: mine && foreground ? spawned.child : undefined,
  };
}

function toStartResult(
  state: SandboxState,
  logFile: string,
  started: boolean,
  cleaned: boolean,
): StartResult {
  const { pid, started_at, urls, control_urls, env_file, credentials, seeded } = state;
  return {
    started,
    cleaned_stale: cleaned,
    pid,
    started_at,
    urls,
    control_urls,
    env_file,
    log_file: logFile,
    credentials,
    seeded,
  };
}

/** `akc sandbox status --json`: the fields are null when no sandbox runs. */
export interface StatusResult {
  running: boolean;
  pid: number | null;
  urls: Record<string, string> | null;
  env_file: string | null;
  started_at: string | null;
  uptime_seconds: number | null;
}

/** Reports without changing anything; `condition` says why it is not running (for the human text). */
export async function sandboxStatus(
  projectDir: string,
  now: number,
): Promise<{
  result: StatusResult;
  condition: 'running' | 'none' | 'stale' | 'unhealthy';
  pid: number | null;
}> {
  const probe = await probeSandbox(sandboxPaths(projectDir));
  if (probe.kind !== 'running') {
    const pid = probe.kind === 'none' ? null : probe.pid;
    const result = {
      running: false,
      pid: null,
      urls: null,
      env_file: null,
      started_at: null,
      uptime_seconds: null,
    };
    return { result, condition: probe.kind, pid };
  }
  const { pid, urls, env_file, started_at } = probe.state;
  const uptime = Math.max(0, Math.round((now - Date.parse(started_at)) / 1000));
  return {
    result: { running: true, pid, urls, env_file, started_at, uptime_seconds: uptime },
    condition: 'running',
    pid,
  };
}

/** `akc sandbox stop --json`. */
export interface StopResult {
  /** A live daemon was signalled. */
  was_running: boolean;
  pid: number | null;
  /** SIGTERM was not enough (bounded wait) and SIGKILL was sent. */
  forced: boolean;
  /** Files of a dead daemon were removed. */
  cleaned_stale: boolean;
  /** The credentials folder was deleted (--purge). */
  purged: boolean;
}

const STOP_TIMEOUT_MS = 6000;

/** SIGTERM, bounded wait for exit and state removal, SIGKILL as a last resort. Idempotent. */
export async function stopSandbox(projectDir: string, purge: boolean): Promise<StopResult> {
  const paths = sandboxPaths(projectDir);
  const probe = await probeSandbox(paths);
  const result: StopResult = {
    was_running: false,
    pid: null,
    forced: false,
    cleaned_stale: false,
    purged: false,
  };
  if (probe.kind === 'stale') {
    removeStaleFiles(paths);
    result.cleaned_stale = true;
  } else if (probe.kind !== 'none') {
    Object.assign(result, { was_running: true, pid: probe.pid });
    signal(probe.pid, 'SIGTERM');
    const gone = () => !isSandboxDaemon(probe.pid) && !existsSync(paths.stateFile);
    if (!(await waitFor(gone, STOP_TIMEOUT_MS))) {
      result.forced = true;
      signal(probe.pid, 'SIGKILL');
      await waitFor(() => !isSandboxDaemon(probe.pid), 2000);
      removeStaleFiles(paths);
    }
  }
  if (purge) {
    rmSync(paths.credentialsDir, { recursive: true, force: true });
    result.purged = true;
  }
  return result;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
