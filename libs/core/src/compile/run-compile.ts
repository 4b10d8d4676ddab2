/**
 * Run the compile command as a child process (spec §5.1, fixing §16.5: no process-wide chdir,
 * no compile progress on our stdout). The child runs without a shell, in the project dir, with
 * stdin closed; its stdout and stderr are handed line by line to `onOutput` (the CLI forwards
 * them to stderr) and never written to `process.stdout` here.
 *
 * The goal is appended as `--goal <goal>` (two arguments, the form `akc compile` takes), or as
 * one `--goal=<goal>` argument when the goal starts with `-`, so argument parsers such as
 * argparse do not mistake it for a flag. A blank goal appends nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { constants as osConstants } from 'node:os';
import type { AkcError } from '../errors/akc-error';
import type { Env } from '../util/env';
import { compileError } from './compile-errors';
import { findRunId } from './find-run-id';
import { LineSplitter, OutputTail } from './output-lines';

/** 30 minutes. */
export const DEFAULT_COMPILE_TIMEOUT_MS = 30 * 60 * 1000;
/** Time between SIGTERM and SIGKILL when compile is stopped. */
export const KILL_GRACE_MS = 5000;
/** How long output pipes may stay open after compile exited before we stop reading them. */
const PIPE_DRAIN_MS = 2000;

/** Inputs of `runCompile`. */
export interface RunCompileOptions {
  /** From `resolveCompileCommand`; the goal is appended. */
  argv: readonly string[];
  /** The child's working directory; must exist. */
  projectDir: string;
  goal: string;
  /** The child's complete environment (the caller passes process.env or a copy). */
  env: Env;
  /** Every output line of the child, in order per stream. Must not throw. */
  onOutput: (line: string, stream: 'stdout' | 'stderr') => void;
  /** @default DEFAULT_COMPILE_TIMEOUT_MS */
  timeoutMs?: number;
  /** Aborting stops the child (SIGTERM, then SIGKILL after KILL_GRACE_MS). */
  signal?: AbortSignal;
  /** @default Date.now — the start time also bounds run-id discovery by mtime. */
  now?: () => number;
  /** @default KILL_GRACE_MS */
  killGraceMs?: number;
}

/** What happened. `runId` is looked for only after exit code 0 (see find-run-id.ts). */
export interface CompileRunResult {
  /** The exit code; 128 + signal number when the child was killed by a signal. */
  exitCode: number;
  runId: string | null;
  durationMs: number;
  /** The last 40 output lines of both streams, for error messages. */
  outputTail: string[];
  /** The signal that ended the child, if any. */
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  startedAtMs: number;
}

/**
 * Spawn compile and wait for it. Resolves for every child that started, whatever its exit
 * (use `compileFailure(result)` to turn a failed run into an error).
 * @throws AkcError (compile code) when the project dir is missing, the signal is already
 *   aborted, or the command cannot be started (ENOENT, EACCES, …).
 */
export async function runCompile(opts: RunCompileOptions): Promise<CompileRunResult> {
  assertDirectory(opts.projectDir);
  if (opts.signal?.aborted) throw compileError('compile was cancelled before it started');
  const argv = compileArgv(opts.argv, opts.goal);
  const now = opts.now ?? Date.now;
  const startedAtMs = now();
  const run = await superviseChild(argv, opts);
  const exitCode = run.code ?? 128 + (run.signal ? (osConstants.signals[run.signal] ?? 0) : 0);
  const runId =
    exitCode === 0 && !run.timedOut && !run.aborted
      ? (findRunId({ projectDir: opts.projectDir, compileStdout: run.lastStdoutLine, startedAtMs })?.runId ??
        null)
      : null;
  return {
    exitCode,
    runId,
    durationMs: Math.max(0, now() - startedAtMs),
    outputTail: run.tail,
    signal: run.signal,
    timedOut: run.timedOut,
    aborted: run.aborted,
    startedAtMs,
  };
}

/** argv plus the goal arguments (see the module comment). */
export function compileArgv(argv: readonly string[], goal: string): string[] {
  const g = goal.trim();
  if (g === '') return [...argv];
  return g.startsWith('-') ? [...argv, `--goal=${g}`] : [...argv, '--goal', g];
}

/**
 * The error for a compile run that did not succeed (non-zero exit, timeout, cancel), with the
 * output tail in `params.output_tail`; null for exit code 0.
 */
export function compileFailure(result: CompileRunResult, argv: readonly string[]): AkcError | null {
  if (result.exitCode === 0 && !result.timedOut && !result.aborted) return null;
  const command = argv.join(' ');
  const lastLine = [...result.outputTail].reverse().find((l) => l.trim() !== '');
  const why = result.timedOut
    ? `timed out after ${Math.round(result.durationMs / 1000)} s and was stopped`
    : result.aborted
      ? 'was cancelled'
      : `exited with code ${result.exitCode}${result.signal ? ` (${result.signal})` : ''}`;
  return compileError(
    `compile command '${command}' ${why}${lastLine ? `; last output: ${lastLine.trim()}` : ''}`,
    {
      command,
      exit_code: result.exitCode,
      signal: result.signal,
      output_tail: result.outputTail,
    },
  );
}

function assertDirectory(dir: string): void {
  let ok = false;
  try {
    ok = fs.statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw compileError(`project dir ${dir} does not exist or is not a directory`);
}

interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  tail: string[];
  lastStdoutLine: string | null;
}

function superviseChild(argv: string[], opts: RunCompileOptions): Promise<ChildOutcome> {
  const [program = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: opts.projectDir,
      env: childEnv(opts.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      detached: process.platform !== 'win32', // own process group, so a stop reaches grandchildren
      windowsHide: true,
    });
    const io = collectOutput(child, opts.onOutput);
    const stopper = createStopper(child, opts.killGraceMs ?? KILL_GRACE_MS);
    const disarm = armStops(child, opts, stopper, io.destroy);
    child.once('error', (e: NodeJS.ErrnoException) => {
      disarm();
      const reason = `cannot start compile command '${program}': ${startFailure(e)}`;
      reject(compileError(reason, { command: argv.join(' ') }, e));
    });
    child.once('close', (code, signal) => {
      disarm();
      io.flush();
      const last = io.lastStdoutLine();
      resolve({ code, signal, ...stopper.reason(), tail: io.tail.lines(), lastStdoutLine: last });
    });
  });
}

/** Timeout, abort and pipe-drain timers; returns the function that disarms them all. */
function armStops(
  child: ChildProcess,
  opts: RunCompileOptions,
  stopper: ReturnType<typeof createStopper>,
  destroyPipes: () => void,
): () => void {
  const timer = setTimeout(() => stopper.stop('timeout'), opts.timeoutMs ?? DEFAULT_COMPILE_TIMEOUT_MS);
  const onAbort = () => stopper.stop('abort');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // A grandchild that left our process group could keep the pipes open after compile exited.
  let drainTimer: NodeJS.Timeout | undefined;
  child.once('exit', () => {
    drainTimer = setTimeout(destroyPipes, PIPE_DRAIN_MS);
  });
  return () => {
    clearTimeout(timer);
    clearTimeout(drainTimer);
    stopper.dispose();
    opts.signal?.removeEventListener('abort', onAbort);
  };
}

function startFailure(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOENT') return 'not found (check the program name, PATH and that it exists) (ENOENT)';
  if (e.code === 'EACCES') return 'permission denied (is it executable?) (EACCES)';
  return `${e.message}${e.code ? ` (${e.code})` : ''}`;
}

function childEnv(env: Env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

function collectOutput(child: ChildProcess, onOutput: RunCompileOptions['onOutput']) {
  const tail = new OutputTail(40);
  let lastStdout: string | null = null;
  const emit = (line: string, stream: 'stdout' | 'stderr') => {
    tail.add(line);
    try {
      onOutput(line, stream);
    } catch {
      // A failing log sink must not kill the supervision of the child.
    }
  };
  const out = new LineSplitter((line) => {
    if (line.trim() !== '') lastStdout = line;
    emit(line, 'stdout');
  });
  const err = new LineSplitter((line) => emit(line, 'stderr'));
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => err.push(c));
  return {
    tail,
    lastStdoutLine: () => lastStdout,
    flush: () => {
      out.end();
      err.end();
    },
    destroy: () => {
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

function createStopper(child: ChildProcess, graceMs: number) {
  let why: 'timeout' | 'abort' | null = null;
  let killTimer: NodeJS.Timeout | undefined;
  const send = (sig: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      child.kill(sig); // the group is gone already; make sure the child itself is
    }
  };
  return {
    stop(reason: 'timeout' | 'abort') {
      if (why) return;
      why = reason;
      send('SIGTERM');
      killTimer = setTimeout(() => send('SIGKILL'), graceMs);
    },
    reason: () => ({ timedOut: why === 'timeout', aborted: why === 'abort' }),
    dispose: () => clearTimeout(killTimer),
  };
}
