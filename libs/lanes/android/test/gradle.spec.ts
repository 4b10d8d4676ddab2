import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { androidLane } from '../src';
import { buildsArtifact, writeGradlew } from './fake-gradle';
import { cleanupSandboxes, readInvocations, writeTree } from '@akc/core/testing';
import { createSandbox, makeContext, makeZip } from './helpers';

afterEach(cleanupSandboxes);

describe('android lane: Gradle', () => {
  it('runs :app:bundleRelease with the version properties and env, then copies and hashes the .aab', async () => {
    const sb = createSandbox();
    const marker = writeGradlew(sb, buildsArtifact());
    const result = await androidLane.package!(makeContext(sb, { options: { gradle_args: ['--no-daemon'] } }));

    const [call] = readInvocations(readFileSync(marker, 'utf8'));
    expect(call).toMatchObject({
      args: [
        ':app:bundleRelease',
        '-PversionCode=1040001',
        '-PversionName=1.4.0',
        '--console=plain',
        '--no-daemon',
      ],
      cwd: join(sb.projectDir, 'android'),
      env: { AKC_VERSION_CODE: '1040001', AKC_VERSION_NAME: '1.4.0' },
    });
    const aab = join(sb.workDir, 'app-1.4.0-1040001.aab');
    const bytes = readFileSync(aab);
    expect(result).toMatchObject({
      execution_mode: 'execute',
      artifact_authority: 'authoritative',
      distribution_ready: true,
      outputs: {
        method: 'gradle',
        method_reason: 'auto: android/gradlew exists',
        gradle_task: ':app:bundleRelease',
        versions: { android_version_name: '1.4.0', android_version_code: 1040001 },
      },
    });
    expect(result.artifacts).toEqual([
      {
        kind: 'aab',
        path: aab,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    ]);
    expect(result.outputs.command).toContain(':app:bundleRelease -PversionCode=1040001');
    expect(sb.logs).toContain('BUILD SUCCESSFUL in 1s');
  });

  it('fails with ETOOL carrying the last Gradle lines and a run-it-by-hand hint', async () => {
    const sb = createSandbox();
    writeGradlew(
      sb,
      `for (let i = 1; i <= 30; i++) console.log('gradle line ' + i);\nconsole.error('FAILURE: Build failed with an exception.');\nprocess.exit(1);`,
    );
    const err = await androidLane.package!(makeContext(sb)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ETOOL', hint: expect.stringContaining(':app:bundleRelease') });
    expect((err as Error).message).toContain('FAILURE: Build failed with an exception.');
    expect((err as Error).message).toContain('gradle line 30');
  });

  it('refuses a stale artifact left by an earlier build', async () => {
    const sb = createSandbox();
    writeGradlew(sb, `console.log('BUILD SUCCESSFUL (nothing written)');`);
    const old = join(sb.projectDir, 'android/app/build/outputs/bundle/release/app-release.aab');
    writeTree(sb.projectDir, { 'android/app/build/outputs/bundle/release/app-release.aab': makeZip() });
    utimesSync(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    await expect(androidLane.package!(makeContext(sb))).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('only stale .aab'),
    });
  });

  it('builds an APK with assembleRelease and marks an unsigned one as not distribution-ready', async () => {
    const sb = createSandbox();
    writeGradlew(sb, buildsArtifact('apk/release/app-release-unsigned.apk'));
    const result = await androidLane.package!(makeContext(sb, { options: { artifact: 'apk' } }));
    expect(result).toMatchObject({
      distribution_ready: false,
      artifacts: [{ kind: 'apk', path: join(sb.workDir, 'app-1.4.0-1040001.apk') }],
      outputs: { gradle_task: ':app:assembleRelease', unsigned: true },
    });
  });

  it('finds a flavored bundle through the task name', async () => {
    const sb = createSandbox();
    writeGradlew(sb, buildsArtifact('bundle/prodRelease/app-prod-release.aab'));
    const result = await androidLane.package!(
      makeContext(sb, { options: { gradle_task: 'bundleProdRelease' } }),
    );
    expect(result.outputs.gradle_output).toBe(
      join(sb.projectDir, 'android/app/build/outputs/bundle/prodRelease/app-prod-release.aab'),
    );
  });
});
