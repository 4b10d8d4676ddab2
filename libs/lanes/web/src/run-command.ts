import {
  akcError,
  assertToolSucceeded,
  runTool,
  type Env,
  type LaneContext,
  type RunToolResult,
} from '@akc/core';
import { findExecutable } from './find-executable';
import { formatArgv } from './split-command';

/**
 * Run `argv` in the project folder without a shell, streaming every output line to `ctx.log`
 * (stderr in the CLI, never stdout). The program is resolved the way preflight checks it
 * (relative to the project or on `env.PATH`). A non-zero exit or an abort (`ctx.signal`) is ETOOL
 * with the last lines of output.
 */
export async function runCommand(
  ctx: LaneContext<unknown>,
  argv: readonly string[],
  env: Env,
  what: string,
): Promise<RunToolResult> {
  const [program, ...args] = argv;
  // runTool only listens for a future abort; an abort that already happened must stop us here.
  if (ctx.signal.aborted)
    throw akcError('ETOOL', { tool: what, reason: 'aborted before it started', tail: [] });
  const label = `${what} (${formatArgv(argv)})`;
  const resolved = program === undefined ? null : findExecutable(program, env, ctx.projectDir);
  ctx.log(`${what}: ${formatArgv(argv)} in ${ctx.projectDir}`);
  const result = await runTool({
    argv: [resolved ?? program ?? '', ...args],
    cwd: ctx.projectDir,
    env,
    onLine: ctx.log,
    signal: ctx.signal,
  });
  assertToolSucceeded(label, result);
  return result;
}
