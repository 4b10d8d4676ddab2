import { existsSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isAkcError, type AkcError } from '@akc/core';
import { webLane, type WebLaneOptions } from '../src';
import { fakeBin, laneContext, packageContext, tempDir, testEnv, writeTree } from './helpers/harness';

/** A fake build tool on PATH that writes real files into `<cwd>/<out>` (default dist). */
const FAKE_BUILD = `
const fs = require('node:fs'); const path = require('node:path');
const out = path.join(process.cwd(), process.argv[2] || 'dist');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'index.html'), '<h1>fake</h1>');
console.log('fake build wrote ' + out);`;

const FAILING_BUILD = `
for (let i = 1; i <= 30; i++) console.error('compile error line ' + i);
process.exit(3);`;

const SLOW_BUILD = `
require('node:fs').writeFileSync('build.pid', String(process.pid));
console.log('starting a very long build');
setInterval(() => console.log('still building'), 50);`;

async function failure(p: Promise<unknown>): Promise<AkcError> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAkcError(err)) throw new Error(`expected an AkcError, got ${String(err)}`);
  return err;
}

function project(options: WebLaneOptions | Record<string, unknown>, tree: Record<string, string> = {}) {
  const bin = fakeBin({ 'fake-build': FAKE_BUILD, 'failing-build': FAILING_BUILD, 'slow-build': SLOW_BUILD });
  const projectDir = writeTree(tempDir(), {
    'package.json': '{"name":"p","scripts":{"build":"fake-build"}}',
    ...tree,
  });
  const logs: string[] = [];
  return {
    projectDir,
    logs,
    ctx: laneContext<WebLaneOptions>({ projectDir, options, env: testEnv([bin]), logs }),
  };
}

async function execute(ctx: ReturnType<typeof project>['ctx'], signal?: AbortSignal) {
  const preflight = await webLane.preflight!(ctx);
  return webLane.package!(
    packageContext({ ...ctx, ...(signal ? { signal } : {}) }, { mode: 'execute', preflight }),
  );
}

describe('web lane: failures are precise errors, never a stack trace', () => {
  it('a failing build is ETOOL carrying the last lines of its output', async () => {
    const { ctx, logs } = project({ build_command: ['failing-build'] });
    const err = await failure(execute(ctx));
    expect(err.code).toBe('ETOOL');
    expect(err.message).toContain('exited with status 3');
    expect(err.message).toContain('compile error line 30');
    expect(err.message).not.toContain('compile error line 10\n');
    expect(err.params.tail).toEqual(
      expect.arrayContaining(['compile error line 29', 'compile error line 30']),
    );
    expect(logs).toContain('compile error line 1');
  });

  it('a build that writes no output folder is EPACKAGING naming the folders it looked for', async () => {
    const { ctx } = project({ build_command: ['node', '-e', 'console.log("built nothing")'] });
    const err = await failure(execute(ctx));
    expect(err.code).toBe('EPACKAGING');
    expect(err.message).toContain('none of dist, build, out, web-build exists');
    expect(err.hint).toContain('lanes.web.output_dir');
  });

  it('a configured output_dir the build did not create is EPACKAGING', async () => {
    const { ctx } = project({ build_command: ['fake-build', 'dist'], output_dir: 'public' });
    const err = await failure(execute(ctx));
    expect(err.code).toBe('EPACKAGING');
    expect(err.message).toContain('public does not exist');
  });

  it('an empty output folder is EPACKAGING', async () => {
    const { ctx } = project({
      build_command: ['node', '-e', 'require("fs").mkdirSync("dist/empty", {recursive: true})'],
    });
    const err = await failure(execute(ctx));
    expect(err.code).toBe('EPACKAGING');
    expect(err.message).toContain('holds no files');
  });

  it('an output_dir escaping the project is a preflight problem, and execute refuses to run', async () => {
    const { ctx, projectDir } = project({ output_dir: '../elsewhere' });
    const report = await webLane.preflight!(ctx);
    expect(report.problems.map((p) => p.id)).toEqual(['web.options.invalid']);
    expect(report.problems[0]?.reason).toContain('must be a folder inside the project');
    const err = await failure(webLane.package!(packageContext(ctx, { mode: 'execute', preflight: report })));
    expect(err.code).toBe('EPACKAGING');
    expect(existsSync(join(projectDir, 'dist'))).toBe(false);
  });

  it('an output_dir that is a symlink out of the project is refused by preflight and by execute', async () => {
    const outside = tempDir();
    const { ctx, projectDir } = project({ build_command: ['fake-build', 'dist'], output_dir: 'public' });
    symlinkSync(outside, join(projectDir, 'public'));
    const report = await webLane.preflight!(ctx);
    expect(report.problems.map((p) => p.id)).toEqual(['web.output_dir.outside']);
    const err = await failure(
      webLane.package!(packageContext(ctx, { mode: 'execute', preflight: { problems: [] } })),
    );
    expect(err.code).toBe('EPACKAGING');
    expect(err.message).toContain('outside the project');
  });

  it('a symlink in the output pointing outside it is EPACKAGING, and no archive is left behind', async () => {
    const { ctx } = project(
      { build_command: ['node', '-e', 'require("fs").symlinkSync("/etc/hostname", "dist/h")'] },
      {
        'dist/index.html': '<p>x</p>',
      },
    );
    const pctx = packageContext(ctx, { mode: 'execute', preflight: await webLane.preflight!(ctx) });
    const err = await failure(webLane.package!(pctx));
    expect(err.code).toBe('EPACKAGING');
    expect(err.message).toContain('points outside the output folder');
    expect(readdirSync(pctx.workDir)).toEqual([]);
  });

  it('execute mode fails closed on preflight problems, before running anything', async () => {
    const { ctx, projectDir } = project({ build_command: ['fake-build'] });
    const preflight = { problems: [{ id: 'x', reason: 'npm missing', fix: 'install npm' }] };
    const err = await failure(webLane.package!(packageContext(ctx, { mode: 'execute', preflight })));
    expect(err.code).toBe('EPACKAGING');
    expect(err.message).toContain('npm missing');
    expect(err.hint).toContain('install npm');
    expect(existsSync(join(projectDir, 'dist'))).toBe(false);
  });

  it('aborting the signal kills a long build and rejects with ETOOL', async () => {
    const controller = new AbortController();
    const logs: string[] = [];
    const { ctx, projectDir } = project({ build_command: ['slow-build'] });
    const started = Date.now();
    const run = execute(
      { ...ctx, log: (l) => (logs.push(l), l.includes('starting') && controller.abort()) },
      controller.signal,
    );
    const err = await failure(run);
    expect(err.code).toBe('ETOOL');
    expect(err.message).toContain('aborted');
    expect(Date.now() - started).toBeLessThan(10_000);
    const pid = Number(readFileSync(join(projectDir, 'build.pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('an abort after the build stops before the deploy command runs', async () => {
    const controller = new AbortController();
    const bin = fakeBin({
      'fake-build': FAKE_BUILD,
      'marking-deploy': 'require("node:fs").writeFileSync("DEPLOYED", "")',
    });
    const projectDir = writeTree(tempDir(), { 'package.json': '{"scripts":{"build":"fake-build"}}' });
    const options = { build_command: ['fake-build'], deploy_command: ['marking-deploy'] };
    const log = (line: string) => void (line.startsWith('archived ') && controller.abort());
    const ctx = laneContext<WebLaneOptions>({ projectDir, options, env: testEnv([bin]) });
    const err = await failure(execute({ ...ctx, log }, controller.signal));
    expect(err.code).toBe('ETOOL');
    expect(err.message).toContain('deploy failed: aborted before it started');
    expect(existsSync(join(projectDir, 'DEPLOYED'))).toBe(false);
  });

  it('an already aborted signal runs nothing', async () => {
    const { ctx, projectDir } = project({ build_command: ['fake-build'] });
    const err = await failure(execute(ctx, AbortSignal.abort()));
    expect(err.code).toBe('EPACKAGING');
    expect(err.message).toContain('aborted before the build started');
    expect(existsSync(join(projectDir, 'dist'))).toBe(false);
  });
});
