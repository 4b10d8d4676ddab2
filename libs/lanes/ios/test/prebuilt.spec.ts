import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iosLane } from '../src';
import { cleanupSandboxes, writeTree } from '@akc/core/testing';
import { createSandbox, makeContext, makeZip } from './helpers';

afterEach(cleanupSandboxes);

describe('ios lane: prebuilt', () => {
  it('verifies, copies and hashes a prebuilt .ipa named by AKC_IOS_IPA_PATH', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'dist/Notes.ipa': makeZip() });
    const ctx = makeContext(sb, { env: { AKC_IOS_IPA_PATH: 'dist/Notes.ipa' } });
    const result = await iosLane.package!(ctx);
    const copy = join(sb.workDir, 'Notes.ipa');
    expect(readFileSync(copy)).toEqual(makeZip());
    expect(result).toMatchObject({
      execution_mode: 'execute',
      artifact_authority: 'prebuilt',
      distribution_ready: true,
      artifacts: [{ kind: 'ipa', path: copy, bytes: makeZip().length }],
      outputs: { method: 'prebuilt', prebuilt_from: 'AKC_IOS_IPA_PATH', tool_duration_ms: 0 },
    });
  });

  it('prefers lanes.ios.prebuilt_path over the env var', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'a.ipa': makeZip('a', 'a'), 'b.ipa': makeZip('b', 'b') });
    const ctx = makeContext(sb, { options: { prebuilt_path: 'a.ipa' }, env: { AKC_IOS_IPA_PATH: 'b.ipa' } });
    const result = await iosLane.package!(ctx);
    expect(result.outputs).toMatchObject({ prebuilt_source: join(sb.projectDir, 'a.ipa') });
  });

  it('refuses a missing file with EPACKAGING', async () => {
    const sb = createSandbox();
    const ctx = makeContext(sb, { options: { method: 'prebuilt', prebuilt_path: 'nope.ipa' } });
    await expect(iosLane.package!(ctx)).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('does not exist'),
    });
  });

  it('refuses a file that is not a zip with EPACKAGING', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'app.ipa': '<html>403 Forbidden</html>' });
    const ctx = makeContext(sb, { options: { prebuilt_path: 'app.ipa' } });
    await expect(iosLane.package!(ctx)).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('not a zip'),
    });
  });

  it('refuses a file without the .ipa extension', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'app.zip': makeZip() });
    const ctx = makeContext(sb, { options: { prebuilt_path: 'app.zip' } });
    await expect(iosLane.package!(ctx)).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('not an .ipa'),
    });
  });
});
