import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { androidLane } from '../src';
import { READY_BUILD_GRADLE, writeGradlew } from './fake-gradle';
import { cleanupSandboxes, writeFakeTool, writeTree } from '@akc/core/testing';
import { createSandbox, makeContext } from './helpers';

afterEach(cleanupSandboxes);

describe('android lane: preflight', () => {
  it('reports every Gradle problem at once, each with a fix', async () => {
    const sb = createSandbox();
    writeGradlew(sb, '');
    chmodSync(join(sb.projectDir, 'android/gradlew'), 0o644);
    const ctx = makeContext(sb, { options: { module: 'mobile', gradle_task: 'assembleRelease' } });
    const report = await androidLane.preflight!(ctx);
    expect(report.problems.map((p) => p.id)).toEqual([
      'android.gradlew_not_executable',
      'android.java_missing',
      'android.task_artifact_mismatch',
      'android.module_missing',
    ]);
    expect(report.problems[0]!.fix).toBe('chmod +x android/gradlew');
  });

  it('warns when build.gradle ignores the injected version or has no signing config', async () => {
    const sb = createSandbox();
    writeGradlew(sb, '', 'android { defaultConfig { versionCode 1 } }');
    const report = await androidLane.preflight!(makeContext(sb, { env: { JAVA_HOME: '/opt/jdk' } }));
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([
      expect.stringContaining('android/app/build.gradle does not read the injected version'),
      expect.stringContaining('sets no signingConfig'),
    ]);
  });

  it('is clean for a ready Gradle project and never runs gradlew', async () => {
    const sb = createSandbox();
    const marker = writeGradlew(sb, '', READY_BUILD_GRADLE);
    writeFakeTool(sb, 'java', '');
    expect(await androidLane.preflight!(makeContext(sb))).toEqual({ problems: [], warnings: [] });
    expect(existsSync(marker)).toBe(false);
  });

  it('reports every EAS problem at once', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': '{ not json' });
    const report = await androidLane.preflight!(makeContext(sb, { options: { method: 'eas' } }));
    expect(report.problems.map((p) => p.id)).toEqual(['android.eas_not_found', 'android.eas_json_missing']);
    expect(report.warnings).toEqual(expect.arrayContaining([expect.stringContaining('EXPO_TOKEN')]));
  });

  it('reports one method problem listing every way out when auto finds nothing', async () => {
    const sb = createSandbox();
    const report = await androidLane.preflight!(makeContext(sb));
    expect(report.problems).toEqual([
      expect.objectContaining({
        id: 'android.method_unavailable',
        fix: expect.stringContaining('AKC_ANDROID_AAB_PATH'),
      }),
    ]);
  });

  it('reports a prebuilt method without a file', async () => {
    const sb = createSandbox();
    const report = await androidLane.preflight!(makeContext(sb, { options: { method: 'prebuilt' } }));
    expect(report.problems.map((p) => p.id)).toEqual(['android.prebuilt_missing']);
  });
});
