import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { androidLane } from '../src';
import { cleanupSandboxes, writeTree } from '@akc/core/testing';
import { createSandbox, makeContext, makeZip } from './helpers';

afterEach(cleanupSandboxes);

describe('android lane: prebuilt', () => {
  it('verifies, copies and hashes a prebuilt .aab named by AKC_ANDROID_AAB_PATH', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'out/app-release.aab': makeZip() });
    const result = await androidLane.package!(
      makeContext(sb, { env: { AKC_ANDROID_AAB_PATH: 'out/app-release.aab' } }),
    );
    const copy = join(sb.workDir, 'app-release.aab');
    expect(readFileSync(copy)).toEqual(makeZip());
    expect(result).toMatchObject({
      artifact_authority: 'prebuilt',
      distribution_ready: true,
      artifacts: [{ kind: 'aab', path: copy, bytes: makeZip().length }],
      outputs: { method: 'prebuilt', prebuilt_from: 'AKC_ANDROID_AAB_PATH' },
    });
  });

  it('takes an .apk from AKC_ANDROID_APK_PATH first when artifact is apk', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'a.aab': makeZip(), 'b.apk': makeZip() });
    const ctx = makeContext(sb, {
      options: { artifact: 'apk' },
      env: { AKC_ANDROID_AAB_PATH: 'a.aab', AKC_ANDROID_APK_PATH: 'b.apk' },
    });
    const result = await androidLane.package!(ctx);
    expect(result.artifacts[0]).toMatchObject({ kind: 'apk', path: join(sb.workDir, 'b.apk') });
  });

  it('refuses a missing file', async () => {
    const sb = createSandbox();
    const ctx = makeContext(sb, { options: { method: 'prebuilt', prebuilt_path: 'gone.aab' } });
    await expect(androidLane.package!(ctx)).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('does not exist'),
    });
  });

  it('refuses a file that is not a zip', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'app.aab': 'not a zip at all' });
    const ctx = makeContext(sb, { options: { prebuilt_path: 'app.aab' } });
    await expect(androidLane.package!(ctx)).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('not a zip'),
    });
  });

  it('refuses a file with the wrong extension', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'app.ipa': makeZip() });
    const ctx = makeContext(sb, { options: { prebuilt_path: 'app.ipa' } });
    await expect(androidLane.package!(ctx)).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('not an .aab or .apk'),
    });
  });
});
