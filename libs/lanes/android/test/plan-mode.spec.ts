import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { androidLane } from '../src';
import { writeGradlew } from './fake-gradle';
import { cleanupSandboxes } from '@akc/core/testing';
import { createSandbox, makeContext } from './helpers';

afterEach(cleanupSandboxes);

describe('android lane: plan mode', () => {
  it('writes plan.json with the exact Gradle argv, cwd and env, and runs nothing', async () => {
    const sb = createSandbox();
    const marker = writeGradlew(sb, '');
    const result = await androidLane.package!(makeContext(sb, { mode: 'plan' }));

    expect(existsSync(marker)).toBe(false);
    const planPath = join(sb.workDir, 'plan.json');
    const androidDir = join(sb.projectDir, 'android');
    expect(JSON.parse(readFileSync(planPath, 'utf8'))).toMatchObject({
      lane: 'android',
      method: 'gradle',
      steps: [
        {
          tool: 'gradlew',
          cwd: androidDir,
          argv: [
            join(androidDir, 'gradlew'),
            ':app:bundleRelease',
            '-PversionCode=1040001',
            '-PversionName=1.4.0',
            '--console=plain',
          ],
          env_added: { AKC_VERSION_CODE: '1040001', AKC_VERSION_NAME: '1.4.0' },
        },
      ],
      expected_artifact: { kind: 'aab', path: join(sb.workDir, 'app-1.4.0-1040001.aab') },
      gradle_outputs: { dir: join(androidDir, 'app/build/outputs/bundle'), variant: 'release' },
    });
    expect(result).toMatchObject({
      execution_mode: 'plan',
      artifact_authority: 'plan_only',
      distribution_ready: false,
      artifacts: [{ kind: 'plan', path: planPath }],
    });
  });

  it('execute mode fails closed when preflight found problems, running nothing', async () => {
    const sb = createSandbox();
    const marker = writeGradlew(sb, '', 'android { }');
    const preflight = await androidLane.preflight!(makeContext(sb));
    expect(preflight.problems.map((p) => p.id)).toEqual(['android.java_missing']);
    await expect(androidLane.package!(makeContext(sb, { preflight }))).rejects.toMatchObject({
      code: 'EPACKAGING',
    });
    expect(existsSync(marker)).toBe(false);
  });
});
