import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { iosLane } from '../src';
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
  status?: string;
  appBuildVersion?: string;
  /** Override artifacts.applicationArchiveUrl; by default the --output path. */
  archiveUrl?: string;
  writeOutput?: boolean;
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
console.error('Compressing project files… done');
console.error('Build in progress…');
if (out && ${spec.writeOutput !== false}) fs.writeFileSync(out, Buffer.from(${JSON.stringify(makeZip().toString('base64'))}, 'base64'));
console.log(JSON.stringify([{
  id: 'b-123', status: ${JSON.stringify(spec.status ?? 'FINISHED')}, platform: 'IOS',
  appVersion: '1.4.0', appBuildVersion: ${JSON.stringify(spec.appBuildVersion ?? VERSIONS.ios_build_number)},
  project: { slug: 'notes', ownerAccount: { name: 'akc' } },
  error: ${spec.status === 'ERRORED' ? "{ message: 'Fastlane build failed' }" : 'null'},
  artifacts: { buildUrl: ${JSON.stringify(spec.archiveUrl ?? null)} ?? out, applicationArchiveUrl: ${JSON.stringify(spec.archiveUrl ?? null)} ?? out },
}], null, 2));`,
  );
  return marker;
}

function easProject(sb: Sandbox): void {
  writeTree(sb.projectDir, {
    'eas.json': JSON.stringify({ build: { production: {} } }),
    'app.config.js':
      'module.exports = { version: process.env.AKC_MARKETING_VERSION, ios: { buildNumber: process.env.AKC_BUILD_NUMBER } };',
  });
}

describe('ios lane: EAS', () => {
  it('builds locally, injects the version numbers, records the build id and hashes the .ipa', async () => {
    const sb = createSandbox();
    easProject(sb);
    const marker = fakeEas(sb);
    const result = await iosLane.package!(makeContext(sb, { options: { eas_local: true } }));

    const [call] = readInvocations(readFileSync(marker, 'utf8'));
    expect(call!.args).toEqual(
      expect.arrayContaining([
        'build',
        '--platform',
        'ios',
        '--profile',
        'production',
        '--non-interactive',
        '--json',
        '--wait',
        '--local',
      ]),
    );
    expect(call!.env).toMatchObject({ AKC_BUILD_NUMBER: '1040001', AKC_MARKETING_VERSION: '1.4.0' });
    expect(call!.cwd).toBe(sb.projectDir);

    const ipa = join(sb.workDir, 'app-1.4.0-1040001.ipa');
    const bytes = readFileSync(ipa);
    expect(result).toMatchObject({
      execution_mode: 'execute',
      artifact_authority: 'authoritative',
      distribution_ready: true,
    });
    expect(result.artifacts).toEqual([
      {
        kind: 'ipa',
        path: ipa,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    ]);
    expect(result.outputs).toMatchObject({
      method: 'eas',
      eas_build_id: 'b-123',
      eas_build_url: 'https://expo.dev/accounts/akc/projects/notes/builds/b-123',
      versions: { ios_marketing_version: '1.4.0', ios_build_number: '1040001' },
    });
    expect(typeof result.outputs.tool_duration_ms).toBe('number');
    expect(sb.logs).toContain('Build in progress…');
  });

  it('fails with ETOOL carrying the last output lines when eas exits non-zero', async () => {
    const sb = createSandbox();
    easProject(sb);
    writeFakeTool(
      sb,
      'eas',
      `for (let i = 1; i <= 50; i++) console.error('eas line ' + i);\nprocess.exit(3);`,
    );
    const err = await iosLane.package!(makeContext(sb, { options: { eas_local: true } })).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'ETOOL' });
    const message = (err as Error).message;
    expect(message).toContain('exited with status 3');
    expect(message).toContain('eas line 50');
    expect(message).toContain('eas line 36');
    expect(message).not.toMatch(/eas line 35$/m);
  });

  it('fails with ETOOL when the EAS build ended ERRORED, pointing at the build page', async () => {
    const sb = createSandbox();
    easProject(sb);
    fakeEas(sb, { status: 'ERRORED', writeOutput: false });
    const err = await iosLane.package!(makeContext(sb, { options: { eas_local: true } })).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'ETOOL', hint: expect.stringContaining('builds/b-123') });
    expect((err as Error).message).toContain('ERRORED: Fastlane build failed');
  });

  it('refuses a build whose recorded build number is not the delivery one (collision guard)', async () => {
    const sb = createSandbox();
    easProject(sb);
    fakeEas(sb, { appBuildVersion: '7' });
    const err = await iosLane.package!(makeContext(sb, { options: { eas_local: true } })).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'EPACKAGING' });
    expect((err as Error).message).toContain('build number 7 (expected 1040001)');
  });

  it('refuses to download a remote artifact over plain http', async () => {
    const sb = createSandbox();
    easProject(sb);
    fakeEas(sb, { archiveUrl: 'http://artifacts.example.com/app.ipa?sig=secret' });
    const err = await iosLane.package!(makeContext(sb)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EPACKAGING' });
    expect((err as Error).message).toContain('non-https');
    expect((err as Error).message).not.toContain('secret');
    expect(existsSync(join(sb.workDir, 'app-1.4.0-1040001.ipa'))).toBe(false);
  });

  it('reports EPACKAGING when a local build writes no file', async () => {
    const sb = createSandbox();
    easProject(sb);
    writeFakeTool(sb, 'eas', `console.log('[]');`);
    await expect(iosLane.package!(makeContext(sb, { options: { eas_local: true } }))).rejects.toMatchObject({
      code: 'EPACKAGING',
      message: expect.stringContaining('wrote no .ipa'),
    });
  });
});
