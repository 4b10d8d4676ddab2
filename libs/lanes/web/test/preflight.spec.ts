import { webLane, type WebLaneOptions } from '../src';
import { fakeBin, laneContext, tempDir, testEnv, writeTree } from './helpers/harness';

describe('web lane: preflight (local facts only, every problem at once)', () => {
  it('passes for a project with a build script and node/npm on PATH', async () => {
    const projectDir = writeTree(tempDir(), { 'package.json': '{"scripts":{"build":"vite build"}}' });
    const report = await webLane.preflight!(laneContext<WebLaneOptions>({ projectDir }));
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([expect.stringContaining('hosting_url recorded as null')]);
  });

  it('reports every problem together, each with a fix', async () => {
    const projectDir = writeTree(tempDir(), { 'package.json': '{"name":"x","scripts":{"test":"jest"}}' });
    const options = { deploy_command: ['./deploy.sh'], hosting_url: 'ftp://x', colour: 'blue' };
    const report = await webLane.preflight!(
      laneContext<WebLaneOptions>({ projectDir, options, env: { PATH: tempDir() } }),
    );

    expect(report.problems.map((p) => p.id)).toEqual([
      'web.options.invalid',
      'web.options.invalid',
      'web.build_script.missing',
    ]);
    expect(report.problems.map((p) => p.reason)).toEqual([
      expect.stringContaining("unknown option 'colour'"),
      expect.stringContaining('hosting_url: must be an absolute http(s) URL'),
      expect.stringContaining('has no "build" script'),
    ]);
    for (const p of report.problems) expect(p.fix.length).toBeGreaterThan(20);
  });

  it('checks the programs on env.PATH without running them', async () => {
    const empty = tempDir();
    const projectDir = writeTree(tempDir(), { 'package.json': '{"scripts":{"build":"x"}}' });
    const options = { deploy_command: ['./deploy.sh', '--prod'] };
    const report = await webLane.preflight!(
      laneContext<WebLaneOptions>({ projectDir, options, env: { PATH: empty } }),
    );

    expect(report.problems.map((p) => p.id)).toEqual([
      'web.tool.npm',
      'web.tool.node',
      'web.deploy_command.not_found',
    ]);
    expect(report.problems[0]?.fix).toContain('Install Node.js 20');
    expect(report.problems[2]?.reason).toContain(
      './deploy.sh (the deploy command) is not an executable file',
    );
  });

  it('accepts a configured build_command without package.json and finds it on PATH', async () => {
    const bin = fakeBin({ 'my-build': '' });
    const projectDir = tempDir();
    const ok = laneContext<WebLaneOptions>({
      projectDir,
      options: { build_command: 'my-build --prod' },
      env: testEnv([bin]),
    });
    expect((await webLane.preflight!(ok)).problems).toEqual([]);
    const missing = laneContext<WebLaneOptions>({ projectDir, options: { build_command: 'nope-build' } });
    expect((await webLane.preflight!(missing)).problems.map((p) => p.id)).toEqual(['web.tool.nope-build']);
  });

  it('reports an unparseable package.json and a missing project folder', async () => {
    const projectDir = writeTree(tempDir(), { 'package.json': '{"scripts": {' });
    const bad = await webLane.preflight!(laneContext<WebLaneOptions>({ projectDir }));
    expect(bad.problems.map((p) => p.id)).toEqual(['web.package_json.invalid']);
    const gone = await webLane.preflight!(
      laneContext<WebLaneOptions>({ projectDir: `${projectDir}/missing` }),
    );
    expect(gone.problems.map((p) => p.id)).toEqual(['web.project_dir.missing']);
  });

  it('gives no hosting warning when a compile hint supplies the URL', async () => {
    const projectDir = writeTree(tempDir(), { 'package.json': '{"scripts":{"build":"x"}}' });
    const compile = { web_distribution_hints: { suggested_base_urls: ['https://hinted.example.com'] } };
    const report = await webLane.preflight!(laneContext<WebLaneOptions>({ projectDir, compile }));
    expect(report.warnings).toEqual([]);
  });
});
