import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { akcError } from '@akc/core';
import type { SandboxPaths, SandboxState } from './layout';
import { probeSandbox } from './probe';

/** Exit code of the daemon when another live daemon already serves the project. */
export const EXIT_ALREADY_RUNNING = 3;
/** How long `start` waits for state.json and healthy emulators. */
export const START_TIMEOUT_MS = 10_000;

/** Options passed through to the daemon (`run-sandbox.js`) as flags. */
export interface DaemonArgs {
  projectDir: string;
  bundleId?: string;
  packageName?: string;
  firebaseAppId?: string;
  betaGroup?: string;
  ports?: string;
}

/** A spawned daemon and where its output goes. */
export interface SpawnedDaemon {
  child: ChildProcess;
  /** Offset of this run's first byte in sandbox.log (detached only), for the failure tail. */
  logOffset: number;
}

/** The daemon script of @akc/emulators; resolved at run time so `akc --help` never loads it. */
export function resolveDaemonScript(): string {
  try {
    return require.resolve('@akc/emulators/sandbox-daemon');
  } catch (error) {
    throw akcError('EINTERNAL', { reason: 'the sandbox daemon (@akc/emulators) is not installed' }, error);
  }
}

/**
 * Starts the daemon. Detached: own session, stdio appended to sandbox.log, unref'd so this command
 * can exit. Foreground: a plain child whose output goes to our stderr (stdout stays for the summary
 * and --json).
 */
export function spawnDaemon(paths: SandboxPaths, args: DaemonArgs, foreground: boolean): SpawnedDaemon {
  const argv = [resolveDaemonScript(), ...toFlags(args)];
  // .akc/ keeps its default mode (other akc data lives there); only .akc/sandbox/ is private.
  mkdirSync(dirname(paths.dir), { recursive: true });
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  if (foreground) {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 2, 2], cwd: args.projectDir });
    return { child, logOffset: 0 };
  }
  const fd = openSync(paths.logFile, 'a', 0o600);
  const logOffset = statSync(paths.logFile).size;
  writeSync(fd, `--- akc sandbox start ${new Date().toISOString()}\n`);
  try {
    const child = spawn(process.execPath, argv, {
      detached: true,
      stdio: ['ignore', fd, fd],
      cwd: args.projectDir,
    });
    child.unref();
    return { child, logOffset };
  } finally {
    closeSync(fd);
  }
}

function toFlags(args: DaemonArgs): string[] {
  const flags = ['--project-dir', args.projectDir];
  const optional: [string, string | undefined][] = [
    ['--bundle-id', args.bundleId],
    ['--package-name', args.packageName],
    ['--firebase-app-id', args.firebaseAppId],
    ['--beta-group', args.betaGroup],
    ['--ports', args.ports],
  ];
  for (const [flag, value] of optional) if (value !== undefined) flags.push(flag, value);
  return flags;
}

/** Result of waiting for a spawned daemon. */
export type ReadyResult = { kind: 'ready'; state: SandboxState } | { kind: 'other'; state: SandboxState };

/**
 * Waits (bounded) until the spawned daemon wrote state.json and its emulators answer. When it lost
 * the race to another daemon (exit 3), returns that one's state. Fails with the log tail otherwise.
 */
export async function waitUntilReady(paths: SandboxPaths, spawned: SpawnedDaemon): Promise<ReadyResult> {
  const { child } = spawned;
  // An object, not a `let`: the exit callback writes it while the loop below reads it.
  const exit: { code: number | null } = { code: child.exitCode };
  child.once('exit', (code, signal) => (exit.code = code ?? (signal ? 128 : 1)));
  // A failed spawn emits 'error' (and no 'exit'); unhandled it would crash the CLI.
  child.once('error', () => (exit.code ??= 1));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const probe = await probeSandbox(paths);
    if (probe.kind === 'running' && probe.pid === child.pid) return { kind: 'ready', state: probe.state };
    if (probe.kind === 'running' && exit.code === EXIT_ALREADY_RUNNING)
      return { kind: 'other', state: probe.state };
    if (exit.code !== null && exit.code !== EXIT_ALREADY_RUNNING) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (exit.code === null) child.kill('SIGTERM');
  const tail = logTail(paths.logFile, spawned.logOffset);
  const what =
    exit.code === null
      ? `did not start within ${START_TIMEOUT_MS / 1000} s`
      : `exited with code ${exit.code}`;
  throw akcError('EINTERNAL', { reason: `the sandbox daemon ${what}${tail ? `; log: ${tail}` : ''}` });
}

/** The last lines this run wrote to sandbox.log (the daemon never logs key material). */
function logTail(logFile: string, offset: number): string {
  try {
    const text = readFileSync(logFile).subarray(offset).toString('utf8');
    return text.split('\n').filter(Boolean).slice(-8).join(' | ');
  } catch {
    return '';
  }
}

/**
 * Keeps a --foreground daemon attached: signals that reach this process (Ctrl-C, a SIGTERM to the
 * CLI) are passed on so the daemon cleans up, and we resolve with its exit code once it is gone.
 */
export function waitForForeground(child: ChildProcess): Promise<number> {
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve) => {
    const done = (code: number | null) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 1);
    };
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('exit', done);
  });
}
