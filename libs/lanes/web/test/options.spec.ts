import { parseWebOptions } from '../src';
import { formatArgv, splitCommand } from '../src/split-command';

describe('web lane: options (lanes.web)', () => {
  it('accepts nothing at all as "all defaults"', () => {
    expect(parseWebOptions(undefined)).toEqual({ ok: true, value: {} });
    expect(parseWebOptions(null)).toEqual({ ok: true, value: {} });
  });

  it('normalises command strings to argv, without a shell', () => {
    const parsed = parseWebOptions({
      build_command: 'node scripts/build.js --out "my dist"',
      deploy_command: ['wrangler', 'pages', 'deploy'],
      output_dir: './public/',
      hosting_url: ' https://app.example.com ',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        build_command: ['node', 'scripts/build.js', '--out', 'my dist'],
        deploy_command: ['wrangler', 'pages', 'deploy'],
        output_dir: 'public/',
        hosting_url: 'https://app.example.com',
      },
    });
    if (parsed.ok) expect(parseWebOptions(parsed.value)).toEqual(parsed);
  });

  it('reports every invalid key at once', () => {
    const parsed = parseWebOptions({
      build_command: 'npm run build && npm run export',
      deploy_command: [],
      output_dir: '/var/www',
      hosting_url: 'example.com',
      outDir: 'dist',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      "unknown option 'outDir' (known: build_command, output_dir, deploy_command, hosting_url)",
      "build_command: '&&' needs a shell, and commands run without one; use an argv array or a script file",
      "output_dir: '/var/www' must be a folder inside the project (relative, without leading ..)",
      'deploy_command: must be a command string or a non-empty array of non-empty strings',
      'hosting_url: must be an absolute http(s) URL, got "example.com"',
    ]);
  });

  it('refuses output_dir that climbs out of the project', () => {
    for (const dir of ['..', '../x', 'a/../../x'])
      expect(parseWebOptions({ output_dir: dir }).ok).toBe(false);
    expect(parseWebOptions({ output_dir: 'a/../dist' })).toEqual({ ok: true, value: { output_dir: 'dist' } });
  });

  it('splits quotes and escapes like a shell would, and refuses what only a shell understands', () => {
    expect(splitCommand(`a 'b c' "d \\"e\\"" f\\ g ''`)).toEqual({
      ok: true,
      argv: ['a', 'b c', 'd "e"', 'f g', ''],
    });
    expect(splitCommand('a "b')).toEqual({ ok: false, error: 'unbalanced " quote' });
    expect(splitCommand('build | tee log').ok).toBe(false);
    expect(formatArgv(['npm', 'run', 'build', 'my dist'])).toBe('npm run build "my dist"');
  });
});
