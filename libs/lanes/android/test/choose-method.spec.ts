import { chooseAndroidMethod } from '../src';
import { writeGradlew } from './fake-gradle';
import { cleanupSandboxes, writeFakeTool, writeTree } from '@akc/core/testing';
import { createSandbox, makeContext, makeZip } from './helpers';

afterEach(cleanupSandboxes);

describe('android lane: auto method selection', () => {
  it('takes a prebuilt file first', () => {
    const sb = createSandbox();
    writeGradlew(sb, '');
    writeTree(sb.projectDir, { 'app.aab': makeZip() });
    const choice = chooseAndroidMethod(makeContext(sb, { env: { AKC_ANDROID_AAB_PATH: 'app.aab' } }));
    expect(choice).toMatchObject({
      method: 'prebuilt',
      available: true,
      reason: expect.stringContaining('AKC_ANDROID_AAB_PATH'),
    });
  });

  it('picks Gradle when android/gradlew exists, even with eas available', () => {
    const sb = createSandbox();
    writeGradlew(sb, '');
    writeTree(sb.projectDir, { 'eas.json': '{}' });
    writeFakeTool(sb, 'eas', '');
    expect(chooseAndroidMethod(makeContext(sb))).toEqual({
      method: 'gradle',
      available: true,
      reason: 'auto: android/gradlew exists',
    });
  });

  it('picks a root ./gradlew for a native project', () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { gradlew: '' });
    expect(chooseAndroidMethod(makeContext(sb))).toMatchObject({
      method: 'gradle',
      reason: 'auto: gradlew exists',
    });
  });

  it('picks EAS for a managed Expo project', () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': '{}' });
    writeFakeTool(sb, 'eas', '');
    expect(chooseAndroidMethod(makeContext(sb))).toMatchObject({ method: 'eas', available: true });
  });

  it('reports unavailable, saying what it looked for', () => {
    const sb = createSandbox();
    const choice = chooseAndroidMethod(makeContext(sb));
    expect(choice.available).toBe(false);
    expect(choice.reason).toContain('no android/gradlew');
    expect(choice.reason).toContain('no eas.json and eas is not on PATH');
  });
});
