import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileArgv, compileFailure, runCompile, type RunCompileOptions } from '../../src/compile';
import { LineSplitter, OutputTail } from '../../src/compile/output-lines';
import { childEnv, nodeScript, readJsonFile, rejected, tempTree } from './helpers';

/** A fake compile that records how it was called, writes outputs for `rid` and prints its id. */
const RECORDING_COMPILE = `
const fs = require('fs');
const rid = process.env.FAKE_RUN_ID || 'run-1';
fs.writeFileSync('called.json', JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));
fs.mkdirSync('.akc/run', { recursive: true });
fs.writeFileSync('.akc/run/' + rid + '.manifest.json', JSON.stringify({ run_id: rid }));
console.log('compiling…');
console.error('warning: on stderr');
if (process.env.PRINT_ID !== '0') console.log(JSON.stringify({ run_id: rid }));
`;

function opts(dir: string, argv: string[], extra: Partial<RunCompileOptions> = {}) {
  const lines: Array<[string, string]> = [];
  const o: RunCompileOptions = {
    argv,
    projectDir: dir,
    goal: 'Beta of the notes PWA',
    env: childEnv(),
    onOutput: (line, stream) => lines.push([stream, line]),
    ...extra,
  };
  return { o, lines };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('runCompile', () => {
  it('runs the command in the project dir with --goal, streams output to onOutput and finds the run id', async () => {
    const dir = tempTree();
    const exe = nodeScript(tempTree(), 'akc-compile', RECORDING_COMPILE);
    const cwdBefore = process.cwd();
    const stdoutWrite = jest.spyOn(process.stdout, 'write');
    const { o, lines } = opts(dir, [exe, '--fast']);
    const r = await runCompile(o);
    expect(stdoutWrite).not.toHaveBeenCalled();
    stdoutWrite.mockRestore();
    expect(process.cwd()).toBe(cwdBefore);
    expect(r).toMatchObject({ exitCode: 0, runId: 'run-1', signal: null, timedOut: false, aborted: false });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(readJsonFile(path.join(dir, 'called.json'))).toEqual({
      argv: ['--fast', '--goal', 'Beta of the notes PWA'],
      cwd: dir,
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        ['stdout', 'compiling…'],
        ['stderr', 'warning: on stderr'],
        ['stdout', '{"run_id":"run-1"}'],
      ]),
    );
    expect(r.outputTail).toEqual(expect.arrayContaining(['compiling…', 'warning: on stderr']));
    expect(compileFailure(r, [exe])).toBeNull();
  });

  it('finds the run id from the newest run manifest when compile prints none', async () => {
    const dir = tempTree();
    const exe = nodeScript(tempTree(), 'c', RECORDING_COMPILE);
    const { o } = opts(dir, [exe], { env: childEnv({ PRINT_ID: '0', FAKE_RUN_ID: 'from-file' }) });
    expect((await runCompile(o)).runId).toBe('from-file');
  });

  it('passes a goal starting with "-" as one --goal= argument, and a blank goal not at all', async () => {
    expect(compileArgv(['c'], '--help me')).toEqual(['c', '--goal=--help me']);
    expect(compileArgv(['c'], '  ')).toEqual(['c']);
    const dir = tempTree();
    const exe = nodeScript(tempTree(), 'c', RECORDING_COMPILE);
    await runCompile(opts(dir, [exe], { goal: '-x' }).o);
    expect(readJsonFile<{ argv: string[] }>(path.join(dir, 'called.json')).argv).toEqual(['--goal=-x']);
  });

  it('a non-zero exit resolves with the code and the last 40 lines; compileFailure names both', async () => {
    const exe = nodeScript(
      tempTree(),
      'c',
      `for (let i = 1; i <= 100; i++) console.error('line ' + i); console.log('fatal: no intent'); process.exit(3);`,
    );
    const r = await runCompile(opts(tempTree(), [exe]).o);
    expect(r.exitCode).toBe(3);
    expect(r.runId).toBeNull();
    expect(r.outputTail).toHaveLength(40);
    expect(r.outputTail).toContain('fatal: no intent');
    expect(r.outputTail).not.toContain('line 1');
    const e = compileFailure(r, [exe])!;
    expect(e.message).toMatch(/exited with code 3; last output: (fatal: no intent|line 100)/);
    expect(e.params).toMatchObject({ exit_code: 3, output_tail: r.outputTail, command: exe });
  });

  it('a command that does not exist is a clear error, not a crash', async () => {
    const e = await rejected(runCompile(opts(tempTree(), ['/nonexistent/akc-compile']).o));
    expect(e.message).toMatch(
      /cannot start compile command '\/nonexistent\/akc-compile': not found .*ENOENT/,
    );
    const onPath = await rejected(runCompile(opts(tempTree(), ['akc-compile-not-installed-xyz']).o));
    expect(onPath.message).toMatch(/not found/);
  });

  it('a file that is not executable is a clear error', async () => {
    const bin = tempTree({ 'c.js': 'console.log(1)' });
    const e = await rejected(runCompile(opts(tempTree(), [path.join(bin, 'c.js')]).o));
    expect(e.message).toMatch(/permission denied .*EACCES/);
  });

  it('a missing project dir is refused before spawning', async () => {
    const e = await rejected(runCompile(opts('/nonexistent/project', ['node']).o));
    expect(e.message).toMatch(/project dir \/nonexistent\/project does not exist/);
  });

  it('kills compile and its children on timeout (SIGTERM, then SIGKILL when ignored)', async () => {
    const dir = tempTree();
    const exe = nodeScript(
      tempTree(),
      'c',
      `const { spawn } = require('child_process');
       const kid = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       require('fs').writeFileSync('kid.pid', String(kid.pid));
       process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
       console.log('started');
       setInterval(() => {}, 1000);`,
    );
    const { o } = opts(dir, [exe], { timeoutMs: 500, killGraceMs: 300 });
    const r = await runCompile(o);
    expect(r).toMatchObject({
      timedOut: true,
      aborted: false,
      signal: 'SIGKILL',
      exitCode: 137,
      runId: null,
    });
    const kid = Number(fs.readFileSync(path.join(dir, 'kid.pid'), 'utf8'));
    await new Promise((ok) => setTimeout(ok, 200));
    expect(isAlive(kid)).toBe(false);
    expect(compileFailure(r, [exe])!.message).toMatch(/timed out after \d+ s and was stopped/);
  });

  it('stops compile when the signal aborts, and refuses an already aborted signal', async () => {
    const exe = nodeScript(tempTree(), 'c', `console.log('started'); setInterval(() => {}, 1000);`);
    const ac = new AbortController();
    const { o, lines } = opts(tempTree(), [exe], { signal: ac.signal });
    const running = runCompile(o);
    while (lines.length === 0) await new Promise((ok) => setTimeout(ok, 20));
    ac.abort();
    const r = await running;
    expect(r).toMatchObject({ aborted: true, timedOut: false, signal: 'SIGTERM', exitCode: 143 });
    expect(compileFailure(r, [exe])!.message).toMatch(/was cancelled/);
    const e = await rejected(runCompile(opts(tempTree(), [exe], { signal: ac.signal }).o));
    expect(e.message).toMatch(/cancelled before it started/);
  });

  it('a throwing onOutput does not break supervision', async () => {
    const exe = nodeScript(tempTree(), 'c', `console.log('a'); console.log('b');`);
    const r = await runCompile({
      ...opts(tempTree(), [exe]).o,
      onOutput: () => {
        throw new Error('sink failed');
      },
    });
    expect(r.exitCode).toBe(0);
    expect(r.outputTail).toEqual(['a', 'b']);
  });
});

describe('output lines', () => {
  it('keeps a multi-byte character split across chunks whole, handles CRLF and a final partial line', () => {
    const got: string[] = [];
    const s = new LineSplitter((l) => got.push(l));
    const bytes = Buffer.from('héllo\r\nwörld\nlast', 'utf8');
    for (const b of bytes) s.push(Buffer.from([b]));
    s.end();
    expect(got).toEqual(['héllo', 'wörld', 'last']);
  });

  it('the tail keeps the newest lines and cuts very long ones', () => {
    const t = new OutputTail(2);
    ['1', '2', 'x'.repeat(5000)].forEach((l) => t.add(l));
    const lines = t.lines();
    expect(lines[0]).toBe('2');
    expect(lines[1]).toHaveLength(2001);
  });
});
