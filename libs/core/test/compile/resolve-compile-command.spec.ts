import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CommandLineError,
  findExecutableOnPath,
  noCompileCommandError,
  resolveCompileCommand,
  splitCommandLine,
} from '../../src/compile';
import { nodeScript, tempTree, thrown } from './helpers';

describe('splitCommandLine', () => {
  it.each([
    ['akc compile', ['akc', 'compile']],
    ['  python -m akc   compile\t--x  ', ['python', '-m', 'akc', 'compile', '--x']],
    [`node "my script.js" 'a b' c\\ d`, ['node', 'my script.js', 'a b', 'c d']],
    [`x "a \\"q\\" \\\\ \\n" 'lit\\eral'`, ['x', 'a "q" \\ \\n', 'lit\\eral']],
    [`x "" ''`, ['x', '', '']],
    [`x a"b"'c'`, ['x', 'abc']],
    [`x "\\$HOME"`, ['x', '$HOME']],
    [`x '|&;$'`, ['x', '|&;$']],
  ])('%j', (line, want) => {
    expect(splitCommandLine(line)).toEqual(want);
  });

  it.each([
    [`x "open`, /unterminated " quote/],
    [`x 'open`, /unterminated ' quote/],
    ['x \\', /trailing backslash/],
    ['make compile && echo ok', /'&' needs a shell/],
    ['x | y', /'\|' needs a shell/],
    ['x $HOME', /'\$' needs a shell/],
    ['x `id`', /'`' needs a shell/],
  ])('refuses %j', (line, want) => {
    expect(() => splitCommandLine(line)).toThrow(CommandLineError);
    expect(() => splitCommandLine(line)).toThrow(want);
  });
});

describe('resolveCompileCommand', () => {
  const noPath = { PATH: '' };

  it('AKC_COMPILE_CMD wins over config and PATH', () => {
    const dir = tempTree({ '.akc/config.json': { compile: { command: ['cfg-compile'] } } });
    const bin = tempTree();
    nodeScript(bin, 'akc-compile', '');
    const env = { AKC_COMPILE_CMD: `python -m "akc compile"`, PATH: bin };
    expect(resolveCompileCommand({ projectDir: dir, env })).toEqual({
      argv: ['python', '-m', 'akc compile'],
      source: 'env',
    });
  });

  it('a blank AKC_COMPILE_CMD counts as unset', () => {
    const dir = tempTree({ '.akc/config.json': { compile: { command: 'cfg-compile --fast' } } });
    expect(resolveCompileCommand({ projectDir: dir, env: { ...noPath, AKC_COMPILE_CMD: '  ' } })).toEqual({
      argv: ['cfg-compile', '--fast'],
      source: 'config',
    });
  });

  it('reads compile.command from .akc/config.json as an array or a string', () => {
    const dir = tempTree({ '.akc/config.json': { compile: { command: ['node', 'tools/compile.js'] } } });
    expect(resolveCompileCommand({ projectDir: dir, env: noPath })).toEqual({
      argv: ['node', 'tools/compile.js'],
      source: 'config',
    });
  });

  it('uses a config object passed in instead of reading the file', () => {
    const dir = tempTree({ '.akc/config.json': '{ broken' });
    const config = { compile: { command: "my-compile 'a b'" } };
    expect(resolveCompileCommand({ projectDir: dir, env: noPath, config })?.argv).toEqual([
      'my-compile',
      'a b',
    ]);
    expect(resolveCompileCommand({ projectDir: dir, env: noPath, config: null })).toBeNull();
  });

  it('falls back to an akc-compile executable on PATH (absolute entries only)', () => {
    const dir = tempTree();
    const bin = tempTree();
    const exe = nodeScript(bin, 'akc-compile', '');
    const notExec = tempTree({ 'akc-compile': 'not executable' });
    const env = { PATH: ['relative/bin', '', notExec, bin].join(':') };
    expect(resolveCompileCommand({ projectDir: dir, env })).toEqual({ argv: [exe], source: 'default' });
    expect(findExecutableOnPath('akc-compile', { PATH: 'relative' }, 'linux')).toBeNull();
  });

  it('returns null when nothing is configured, and the error explains all three options', () => {
    const dir = tempTree({ '.akc/config.json': { other: 1, compile: { command: null } } });
    expect(resolveCompileCommand({ projectDir: dir, env: noPath })).toBeNull();
    const e = noCompileCommandError();
    expect(e.message).toMatch(/AKC_COMPILE_CMD is not set/);
    expect(e.message).toMatch(/compile\.command/);
    expect(e.message).toMatch(/'akc-compile' executable is on PATH/);
  });

  it('a bad AKC_COMPILE_CMD is a clear error', () => {
    const e = thrown(() =>
      resolveCompileCommand({ projectDir: tempTree(), env: { AKC_COMPILE_CMD: 'x "open' } }),
    );
    expect(e.message).toMatch(/AKC_COMPILE_CMD is not a valid command line: unterminated " quote/);
  });

  it.each([
    ['{ nope', /not valid JSON/],
    ['[]', /top level must be a JSON object/],
    ['{"compile": "x"}', /compile must be an object/],
    ['{"compile": {"command": 5}}', /compile.command must be a command string or a non-empty array/],
    ['{"compile": {"command": []}}', /non-empty array/],
    ['{"compile": {"command": ["x", 1]}}', /non-empty array of strings/],
    ['{"compile": {"command": [""]}}', /compile.command\[0\] is empty/],
    ['{"compile": {"command": "a && b"}}', /compile.command is not a valid command line/],
  ])('config %s is EPROJECTCONFIG (%s)', (body, want) => {
    const dir = tempTree({ '.akc/config.json': body });
    const e = thrown(() => resolveCompileCommand({ projectDir: dir, env: noPath }));
    expect(e.code).toBe('EPROJECTCONFIG');
    expect(e.message).toMatch(want);
    expect(e.message).toContain(path.join(dir, '.akc', 'config.json'));
  });

  it('a directory in place of config.json is an error, not a crash', () => {
    const dir = tempTree();
    fs.mkdirSync(path.join(dir, '.akc', 'config.json'), { recursive: true });
    expect(thrown(() => resolveCompileCommand({ projectDir: dir, env: noPath })).message).toMatch(
      /not a regular file/,
    );
  });
});
