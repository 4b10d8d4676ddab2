import { join } from 'node:path';
import { runStep, type RunStepContext, type ToolStep } from '../../../src/lane/kit';
import { isAkcError } from '../../../src/errors/akc-error';
import { cleanupSandboxes, createBuildSandbox, writeFakeTool } from '../../../src/testing';

afterEach(cleanupSandboxes);

function setup(signal = new AbortController().signal) {
  const sb = createBuildSandbox('akc-kit-');
  const logs: string[] = [];
  const ctx: RunStepContext = { env: { PATH: sb.path }, log: (l) => logs.push(l), signal, now: Date.now };
  const step = (tool: string, args: string[] = [], env: Record<string, string> = {}): ToolStep => ({
    tool,
    argv: [tool, ...args],
    cwd: sb.projectDir,
    env,
  });
  return { sb, logs, ctx, step };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('lane kit: runStep', () => {
  it('logs the command and every output line, passes the step env, and returns stdout', async () => {
    const { sb, logs, ctx, step } = setup();
    writeFakeTool(
      sb,
      'tool',
      `console.error('on stderr'); console.log(process.env.AKC_X + ' ' + process.cwd());`,
    );
    const result = await runStep(ctx, step('tool', ['a b'], { AKC_X: 'injected' }), 'hint', 60_000);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`injected ${sb.projectDir}`);
    expect(logs[0]).toBe("$ tool 'a b'");
    expect(logs).toEqual(expect.arrayContaining(['on stderr', `injected ${sb.projectDir}`]));
  });

  it('throws ETOOL with the exit status, the last output lines and the hint on a non-zero exit', async () => {
    const { sb, ctx, step } = setup();
    writeFakeTool(sb, 'tool', `console.error('boom'); process.exit(3);`);
    const e = await rejection(runStep(ctx, step('tool'), 'do this', 60_000));
    expect(isAkcError(e) && e.code).toBe('ETOOL');
    expect(isAkcError(e) && e.params).toMatchObject({
      tool: 'tool',
      reason: 'exited with status 3',
      tail: ['boom'],
      hint: 'do this',
    });
  });

  it('adds the hint and the step tool to runTool failures such as a tool not on PATH', async () => {
    const { ctx, step } = setup();
    const e = await rejection(runStep(ctx, { ...step('missing-tool'), tool: 'named' }, 'install it', 60_000));
    expect(isAkcError(e) && e.code).toBe('ETOOL');
    expect(isAkcError(e) && e.params).toMatchObject({ tool: 'named', hint: 'install it' });
  });

  it('does not start the tool when the signal is already aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    const { sb, logs, ctx, step } = setup(abort.signal);
    const marker = join(sb.root, 'ran');
    writeFakeTool(sb, 'tool', `fs.writeFileSync(${JSON.stringify(marker)}, 'ran');`);
    const e = await rejection(runStep(ctx, step('tool'), 'h', 60_000));
    expect(isAkcError(e) && e.params).toMatchObject({
      tool: 'tool',
      reason: 'aborted before start',
      tail: [],
      hint: 'h',
    });
    expect(logs).toEqual([]);
  });

  it('logs a heartbeat while a tool is silent', async () => {
    const { sb, logs, step } = setup();
    let clock = 0;
    const ctx: RunStepContext = {
      env: { PATH: sb.path },
      log: (l) => logs.push(l),
      signal: new AbortController().signal,
      now: () => clock,
    };
    writeFakeTool(sb, 'tool', `setTimeout(() => {}, 300);`);
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance', 'Date'],
    });
    try {
      const running = runStep(ctx, step('tool'), 'h', 600_000);
      clock = 125_000;
      jest.advanceTimersByTime(60_000);
      jest.useRealTimers();
      await running;
    } finally {
      jest.useRealTimers();
    }
    expect(logs).toContain('tool still running (2m05s, no output for 2m05s)');
  });
});
