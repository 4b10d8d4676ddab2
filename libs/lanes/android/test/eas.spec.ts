import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { androidLane } from '../src';
import {
  SANDBOX_VERSIONS as VERSIONS,
  cleanupSandboxes,
  readInvocations,
  recordInvocation,
  writeFakeTool,
  writeTree,
  type BuildSandbox as Sandbox,
} from '@akc/core/testing';
import { createSandbox, makeContext, makeZip } from './helpers';

afterEach(cleanupSandboxes);

interface FakeEasSpec {
  appBuildVersion?: string;
  archiveUrl?: string;
}

/** A fake `eas` that logs progress to stderr, writes a real zip to --output and prints build JSON. */
function fakeEas(sb: Sandbox, spec: FakeEasSpec = {}): string {
  const marker = join(sb.root, 'eas-invocations.ndjson');
  writeFakeTool(
    sb,
    'eas',
    `${recordInvocation(marker)}
const args = process.argv.slice(2);
const out = args.includes('--output') ? args[args.indexOf('--output') + 1] : null;
console.error('Build in progress…');
if (out) fs.writeFileSync(out, Buffer.from(${JSON.stringify(makeZip().toString('base64'))}, 'base64'));
console.log(JSON.stringify([{
  id: 'b-456', status: 'FINISHED', platform: 'ANDROID', appVersion: '1.4.0',
  appBuildVersion: ${JSON.stringify(spec.appBuildVersion ?? String(VERSIONS.android_version_code))},
  artifacts: { buildUrl: ${JSON.stringify(spec.archiveUrl ?? null)} ?? out },
}]));`,
  );
  return marker;
}

function easProject(sb: Sandbox): void {
  writeTree(sb.projectDir, { 'eas.json': JSON.stringify({ build: { production: {} } }) });
}

describe('android lane: EAS', () => {
  it('builds locally with the version env and records the EAS build id', async () => {
    const sb = createSandbox();
    easProject(sb);
    const marker = fakeEas(sb);
    const result = await androidLane.package!(makeContext(sb, { options: { eas_local: true } }));
    const [call] = readInvocations(readFileSync(marker, 'utf8'));
    const aab = join(sb.workDir, 'app-1.4.0-1040001.aab');
    expect(call!.args).toEqual([
      'build',
      '--platform',
      'android',
      '--profile',
      'production',
      '--non-interactive',
      '--json',
      '--wait',
      '--local',
      '--output',
      aab,
    ]);
    expect(call!.env).toMatchObject({ AKC_VERSION_CODE: '1040001', AKC_VERSION_NAME: '1.4.0' });
    expect(result).toMatchObject({
      artifact_authority: 'authoritative',
      distribution_ready: true,
      artifacts: [{ kind: 'aab', path: aab, bytes: makeZip().length }],
      outputs: {
        method: 'eas',
        method_reason: expect.stringContaining('eas.json exists'),
        eas_build_id: 'b-456',
        eas_build_url: aab,
      },
    });
  });

  it('fails with ETOOL and the last lines when eas exits non-zero', async () => {
    const sb = createSandbox();
    easProject(sb);
    writeFakeTool(sb, 'eas', `console.error('Error: build command failed.');\nprocess.exit(1);`);
    await expect(
      androidLane.package!(makeContext(sb, { options: { eas_local: true } })),
    ).rejects.toMatchObject({
      code: 'ETOOL',
      message: expect.stringContaining('Error: build command failed.'),
    });
  });

  it('refuses a versionCode other than the delivery one', async () => {
    const sb = createSandbox();
    easProject(sb);
    fakeEas(sb, { appBuildVersion: '12' });
    await expect(
      androidLane.package!(makeContext(sb, { options: { eas_local: true } })),
    ).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('versionCode 12 (expected 1040001)'),
    });
  });

  it('refuses an APK from EAS when an .aab is configured, before downloading anything', async () => {
    const sb = createSandbox();
    easProject(sb);
    fakeEas(sb, { archiveUrl: 'https://artifacts.invalid/build.apk' });
    await expect(androidLane.package!(makeContext(sb))).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('EAS built an .apk but lanes.android.artifact is aab'),
    });
    expect(existsSync(join(sb.workDir, 'app-1.4.0-1040001.aab'))).toBe(false);
  });
});
