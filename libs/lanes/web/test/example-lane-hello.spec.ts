import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANE_API_VERSION, type LanePlugin } from '@akc/core';
import { laneContext, packageContext, tempDir, testEnv } from './helpers/harness';
import { readTar } from './helpers/read-tar';

const EXAMPLE = join(__dirname, '../../../../examples/lane-hello');
const load = createRequire(__filename);

function loadLane(dir: string): LanePlugin {
  return (load(dir) as { default: LanePlugin }).default;
}

describe('examples/lane-hello: a third-party lane replacing the web build lane', () => {
  const hello = loadLane(join(EXAMPLE, 'index.js'));

  it('declares itself as the web build lane, in its package.json version', () => {
    const pkg = JSON.parse(readFileSync(join(EXAMPLE, 'package.json'), 'utf8')) as {
      version: string;
      keywords: string[];
    };
    expect(hello).toMatchObject({
      apiVersion: LANE_API_VERSION,
      id: 'web',
      kind: 'build',
      platform: 'web',
      version: pkg.version,
    });
    expect(pkg.keywords).toContain('akc-lane');
  });

  it('packages a greeting page into a reproducible archive and returns a valid result', async () => {
    const options = { greeting: 'Hi <team>!', hosting_url: 'https://hello.example.com' };
    const ctx = laneContext<Record<string, unknown>>({ projectDir: tempDir(), options, env: testEnv() });
    expect(await hello.preflight!(ctx)).toEqual({ problems: [] });
    const first = await hello.package!(packageContext(ctx, { mode: 'execute' }));
    const second = await hello.package!(packageContext(ctx, { mode: 'execute' }));

    expect(first).toMatchObject({
      execution_mode: 'execute',
      artifact_authority: 'authoritative',
      distribution_ready: true,
    });
    expect(first.deploy).toMatchObject({ hosting_url: 'https://hello.example.com', method: 'configured' });
    expect(second.artifacts[0]?.sha256).toBe(first.artifacts[0]?.sha256);
    const entries = readTar(first.artifacts[0]!.path);
    expect(entries.map((e) => [e.name, e.mode.toString(8), e.mtime, e.uid])).toEqual([
      ['index.html', '644', 0, 0],
    ]);
    expect(entries[0]?.content.toString()).toContain('<h1>Hi &#60;team&#62;!</h1>');
    expect(readFileSync(first.artifacts[0]!.path).length).toBe(first.artifacts[0]?.bytes);
  });

  it('writes a plan only in plan mode and reports bad options in preflight', async () => {
    const ctx = laneContext<Record<string, unknown>>({ projectDir: tempDir() });
    const plan = await hello.package!(packageContext(ctx, { mode: 'plan' }));
    expect(plan).toMatchObject({
      execution_mode: 'plan',
      artifact_authority: 'plan_only',
      distribution_ready: false,
    });
    const bad = laneContext<Record<string, unknown>>({ projectDir: tempDir(), options: { greting: 'typo' } });
    expect((await hello.preflight!(bad)).problems.map((p) => p.reason)).toEqual([
      "unknown option 'greting' (known: greeting, hosting_url)",
    ]);
  });

  it('ships broken fixture lanes that fail exactly the way their names say', () => {
    const fixtures = join(EXAMPLE, 'test-fixtures');
    expect(() => load(join(fixtures, 'broken-throws-on-load'))).toThrow(/fails while it is loaded/);
    expect(loadLane(join(fixtures, 'broken-wrong-api-version')).apiVersion).toBe(99);
    const noId = loadLane(join(fixtures, 'broken-missing-id'));
    expect(noId).toMatchObject({ apiVersion: 1, kind: 'build' });
    expect('id' in noId).toBe(false);
  });
});
