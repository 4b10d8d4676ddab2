import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iosLane } from '../src';
import { cleanupSandboxes, writeFakeTool, writeTree } from '@akc/core/testing';
import { createSandbox, makeContext } from './helpers';

afterEach(cleanupSandboxes);

describe('ios lane: plan mode', () => {
  it('writes plan.json with the exact argv, cwd and env, and runs nothing', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': JSON.stringify({ build: { production: {} } }) });
    const marker = join(sb.root, 'ran');
    writeFakeTool(sb, 'eas', `fs.writeFileSync(${JSON.stringify(marker)}, 'ran');`);
    const result = await iosLane.package!(makeContext(sb, { mode: 'plan', options: { eas_local: true } }));

    expect(existsSync(marker)).toBe(false);
    const planPath = join(sb.workDir, 'plan.json');
    const plan = JSON.parse(readFileSync(planPath, 'utf8')) as Record<string, unknown>;
    const expectedIpa = join(sb.workDir, 'app-1.4.0-1040001.ipa');
    expect(plan).toMatchObject({
      lane: 'ios',
      method: 'eas',
      steps: [
        {
          tool: 'eas',
          cwd: sb.projectDir,
          argv: [
            'eas',
            'build',
            '--platform',
            'ios',
            '--profile',
            'production',
            '--non-interactive',
            '--json',
            '--wait',
            '--local',
            '--output',
            expectedIpa,
          ],
          env_added: { AKC_MARKETING_VERSION: '1.4.0', AKC_BUILD_NUMBER: '1040001' },
        },
      ],
      expected_artifact: { kind: 'ipa', path: expectedIpa },
    });
    expect(result).toMatchObject({
      execution_mode: 'plan',
      artifact_authority: 'plan_only',
      distribution_ready: false,
      artifacts: [{ kind: 'plan', path: planPath }],
      outputs: { method: 'eas' },
    });
    expect(result.plan?.[0]).toMatch(/^eas build --platform ios/);
  });

  it('plans even when no method is available, recording the preflight problems', async () => {
    const sb = createSandbox();
    const preflight = await iosLane.preflight!(makeContext(sb));
    const result = await iosLane.package!(makeContext(sb, { mode: 'plan', preflight }));
    const plan = JSON.parse(readFileSync(join(sb.workDir, 'plan.json'), 'utf8')) as {
      method_available: boolean;
      preflight_problems: unknown[];
    };
    expect(plan.method_available).toBe(false);
    expect(plan.preflight_problems).toEqual(preflight.problems);
    expect(result.distribution_ready).toBe(false);
  });

  it('execute mode fails closed (EPACKAGING) when preflight found problems, running nothing', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': '{}' });
    const marker = join(sb.root, 'ran');
    writeFakeTool(sb, 'eas', `fs.writeFileSync(${JSON.stringify(marker)}, 'ran');`);
    const preflight = await iosLane.preflight!(makeContext(sb));
    expect(preflight.problems.map((p) => p.id)).toEqual(['ios.eas_profile_missing']);
    await expect(iosLane.package!(makeContext(sb, { preflight }))).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('no build profile "production"'),
    });
    expect(existsSync(marker)).toBe(false);
  });
});
