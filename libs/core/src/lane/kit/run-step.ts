import { akcError, isAkcError } from '../../errors/akc-error';
import type { LaneContext } from '../contract';
import { runTool, type RunToolResult } from './run-tool';
import { renderCommand, type ToolStep } from './tool-step';

/** The parts of a lane context a tool run needs. */
export type RunStepContext = Pick<LaneContext<unknown>, 'env' | 'log' | 'signal' | 'now'>;

/** How often a silent tool gets a "still running" line, so a long build never looks hung. */
const HEARTBEAT_MS = 60_000;

/**
 * Run one tool step: every output line goes to `ctx.log` (stderr in the CLI, never stdout), a
 * heartbeat line is logged while the tool is silent, and a non-zero exit throws ETOOL carrying the
 * last output lines and `hint`. Aborting `ctx.signal` kills the tool (ETOOL "aborted").
 */
export async function runStep(
  ctx: RunStepContext,
  step: ToolStep,
  hint: string,
  timeoutMs: number,
): Promise<RunToolResult> {
  if (ctx.signal.aborted)
    throw akcError('ETOOL', { tool: step.tool, reason: 'aborted before start', tail: [], hint });
  ctx.log(`$ ${renderCommand(step.argv)}`);
  const heartbeat = startHeartbeat(ctx, step.tool);
  try {
    const env = { ...ctx.env, ...step.env };
    const onLine = (line: string) => {
      heartbeat.touch();
      ctx.log(line);
    };
    const result = await runTool({
      argv: step.argv,
      cwd: step.cwd,
      env,
      onLine,
      signal: ctx.signal,
      timeoutMs,
    });
    if (result.exitCode !== 0) {
      throw akcError('ETOOL', {
        tool: step.tool,
        reason: `exited with status ${result.exitCode}`,
        tail: result.tail,
        hint,
      });
    }
    return result;
  } catch (e) {
    // runTool's own failures (not on PATH, timeout, abort) carry no lane-specific hint yet.
    if (isAkcError(e) && e.code === 'ETOOL' && e.params.hint === undefined) {
      throw akcError('ETOOL', { ...e.params, tool: step.tool, hint }, e);
    }
    throw e;
  } finally {
    heartbeat.stop();
  }
}

/** Log "still running" every HEARTBEAT_MS of silence; `touch` on each output line. */
function startHeartbeat(ctx: RunStepContext, tool: string): { touch: () => void; stop: () => void } {
  const started = ctx.now();
  let last = started;
  const timer = setInterval(() => {
    const now = ctx.now();
    if (now - last < HEARTBEAT_MS) return;
    ctx.log(
      `${tool} still running (${formatDuration(now - started)}, no output for ${formatDuration(now - last)})`,
    );
  }, HEARTBEAT_MS);
  timer.unref();
  return { touch: () => (last = ctx.now()), stop: () => clearInterval(timer) };
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
