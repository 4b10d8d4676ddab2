import { spawn } from 'node:child_process';
import { akcError } from '../../errors/akc-error';
import type { Env } from '../../util/env';

export interface RunToolOptions {
  /** argv[0] is the program (resolved on PATH from `env.PATH`); no shell is involved. */
  argv: readonly string[];
  cwd: string;
  env: Env;
  /** Every output line (stdout and stderr) as it arrives; the CLI prints these to stderr. */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  /** Kill the tool after this long (default 60 minutes). */
  timeoutMs?: number;
  /** How many trailing lines to keep for error messages (default 40). */
  tailLines?: number;
}

export interface RunToolResult {
  exitCode: number;
  stdout: string;
  tail: string[];
  durationMs: number;
}

/**
 * Run a build tool (eas, gradlew, xcodebuild, npm run build) as a child process: output streams
 * line by line to `onLine`, never to our stdout; stdout is also collected (for `--json` tools).
 * A tool that cannot start, times out or is aborted throws ETOOL with the last lines of output.
 */
export function runTool(opts: RunToolOptions): Promise<RunToolResult> {
  const started = Date.now();
  const keep = opts.tailLines ?? 40;
  const tail: string[] = [];
  const push = (line: string) => {
    tail.push(line);
    if (tail.length > keep) tail.shift();
    opts.onLine?.(line);
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.env)) if (v !== undefined) env[k] = v;
  const [cmd, ...args] = opts.argv;
  if (!cmd) return Promise.reject(akcError('ETOOL', { tool: '(none)', reason: 'empty command' }));
  if (opts.signal?.aborted)
    return Promise.reject(akcError('ETOOL', { tool: cmd, reason: 'aborted before it started', tail: [] }));
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let failure: string | null = null;
    const split = (onText: (t: string) => void) => {
      let buf = '';
      return {
        data: (d: Buffer) => {
          const text = d.toString('utf8');
          onText(text);
          buf += text;
          let nl;
          while ((nl = buf.indexOf('\n')) >= 0) {
            push(buf.slice(0, nl).replace(/\r$/, ''));
            buf = buf.slice(nl + 1);
          }
        },
        end: () => buf && push(buf),
      };
    };
    const out = split((t) => (stdout += t));
    const err = split(() => undefined);
    child.stdout.on('data', out.data);
    child.stderr.on('data', err.data);
    const kill = (why: string) => {
      failure = why;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    };
    const timer = setTimeout(
      () => kill(`timed out after ${opts.timeoutMs ?? 3_600_000} ms`),
      opts.timeoutMs ?? 3_600_000,
    );
    const onAbort = () => kill('aborted');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason = e.code === 'ENOENT' ? `${cmd} was not found on PATH` : e.message;
      reject(akcError('ETOOL', { tool: cmd, reason, tail: [] }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      out.end();
      err.end();
      if (failure) return reject(akcError('ETOOL', { tool: cmd, reason: failure, tail: [...tail] }));
      resolve({ exitCode: code ?? 1, stdout, tail: [...tail], durationMs: Date.now() - started });
    });
  });
}

/** Throw ETOOL with the output tail unless the tool exited 0. */
export function assertToolSucceeded(tool: string, r: RunToolResult): void {
  if (r.exitCode !== 0)
    throw akcError('ETOOL', { tool, reason: `exited with status ${r.exitCode}`, tail: r.tail });
}
