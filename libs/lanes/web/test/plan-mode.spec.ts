import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { webLane, type WebLaneOptions } from '../src';
import { fakeBin, laneContext, packageContext, tempDir, testEnv, writeTree } from './helpers/harness';

const MARKING_BUILD = `require('node:fs').writeFileSync('BUILD_RAN', 'yes'); require('node:fs').mkdirSync('dist');`;

describe('web lane: plan mode (--packaging-mode plan)', () => {
  it('writes an inspectable plan.json with the exact argv, cwd and env names, and builds nothing', async () => {
    const bin = fakeBin({
      'marking-build': MARKING_BUILD,
      'fake-deploy': 'console.log("https://x.example")',
    });
    const projectDir = writeTree(tempDir(), { 'package.json': '{"scripts":{"build":"marking-build"}}' });
    const options = { deploy_command: 'fake-deploy --prod', output_dir: 'dist' };
    const logs: string[] = [];
    const ctx = laneContext<WebLaneOptions>({
      projectDir,
      options,
      env: testEnv([bin], { SECRET_TOKEN: 's3cr3t' }),
      logs,
    });
    const pctx = packageContext(ctx, { mode: 'plan', preflight: await webLane.preflight!(ctx) });
    const result = await webLane.package!(pctx);

    expect(result).toMatchObject({
      execution_mode: 'plan',
      artifact_authority: 'plan_only',
      distribution_ready: false,
    });
    expect(existsSync(join(projectDir, 'BUILD_RAN'))).toBe(false);
    expect(existsSync(join(projectDir, 'dist'))).toBe(false);
    expect(readdirSync(pctx.workDir)).toEqual(['plan.json']);

    const path = join(pctx.workDir, 'plan.json');
    const text = readFileSync(path, 'utf8');
    expect(result.artifacts).toEqual([
      {
        kind: 'plan',
        path,
        bytes: Buffer.byteLength(text),
        sha256: createHash('sha256').update(text).digest('hex'),
      },
    ]);
    expect(text).not.toContain('s3cr3t');
    const plan = JSON.parse(text);
    expect(plan.steps[0]).toMatchObject({
      step: 'build',
      argv: ['npm', 'run', 'build'],
      cwd: projectDir,
      env_added: ['AKC_DELIVERY_ID', 'AKC_WEB_BUILD_ID'],
      blocked_by: null,
    });
    expect(plan.steps[1]).toMatchObject({ step: 'archive', output_dir: 'dist', mtime: 0 });
    expect(plan.steps[1].archive).toBe(join(pctx.workDir, `web-bundle-${ctx.versions.web_build_id}.tar`));
    expect(plan.steps[2]).toMatchObject({
      step: 'deploy',
      argv: ['fake-deploy', '--prod'],
      env_added: ['AKC_WEB_BUNDLE_DIR', 'AKC_WEB_ARCHIVE', 'AKC_DELIVERY_ID', 'AKC_WEB_BUILD_ID'],
    });
    expect(plan.expected_outputs).toEqual([{ kind: 'web_bundle', path: plan.steps[1].archive }]);
    expect(result.plan?.[0]).toBe(
      `build: npm run build (cwd ${projectDir}; adds AKC_DELIVERY_ID, AKC_WEB_BUILD_ID)`,
    );
    expect(result.plan?.[2]).toContain('deploy: fake-deploy --prod');
    expect(result.plan?.[3]).toBe('hosting_url: (from the deploy output, else null) [deploy_command output]');
    expect(logs.filter((l) => l.startsWith('plan: '))).toHaveLength(result.plan!.length);
  });

  it('still writes a plan when prerequisites are missing (the fallback), recording what blocks it', async () => {
    const projectDir = tempDir();
    const ctx = laneContext<WebLaneOptions>({ projectDir, options: { hosting_url: 'nope' } });
    const preflight = await webLane.preflight!(ctx);
    expect(preflight.problems.map((p) => p.id)).toEqual(['web.options.invalid', 'web.package_json.missing']);
    const pctx = packageContext(ctx, { mode: 'plan', preflight });
    const result = await webLane.package!(pctx);

    const plan = JSON.parse(readFileSync(join(pctx.workDir, 'plan.json'), 'utf8'));
    expect(plan.steps[0]).toMatchObject({ argv: null, blocked_by: { id: 'web.package_json.missing' } });
    expect(plan.preflight_problems).toHaveLength(2);
    expect(result.plan?.[0]).toMatch(/^build: blocked \(no package\.json/);
    expect(result.distribution_ready).toBe(false);
    expect(result.plan?.[2]).toBe('hosting_url: null [none]');
  });

  it('is deterministic: the same input gives the same plan bytes', async () => {
    const projectDir = writeTree(tempDir(), { 'package.json': '{"scripts":{"build":"x"}}' });
    const ctx = laneContext<WebLaneOptions>({ projectDir });
    const workDir = join(tempDir(), 'w');
    const a = await webLane.package!(packageContext(ctx, { mode: 'plan', workDir }));
    const b = await webLane.package!(packageContext(ctx, { mode: 'plan', workDir }));
    expect(b.artifacts[0]?.sha256).toBe(a.artifacts[0]?.sha256);
  });
});
