import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iosLane } from '../src';
import {
  cleanupSandboxes,
  readInvocations,
  recordInvocation,
  writeFakeTool,
  writeTree,
  type BuildSandbox as Sandbox,
} from '@akc/core/testing';
import { createSandbox, makeContext, makeZip } from './helpers';

afterEach(cleanupSandboxes);

/** A fake xcodebuild: `archive` checks the version build settings and makes the .xcarchive; `-exportArchive` writes App.ipa. */
function fakeXcodebuild(sb: Sandbox, failArchive = false): string {
  const marker = join(sb.root, 'xcodebuild-invocations.ndjson');
  writeFakeTool(
    sb,
    'xcodebuild',
    `${recordInvocation(marker)}
const args = process.argv.slice(2);
const arg = (flag) => args[args.indexOf(flag) + 1];
if (args.includes('archive')) {
  console.log('** ARCHIVE STARTED **');
  if (${failArchive}) { console.error('error: No signing certificate "iOS Distribution" found'); process.exit(65); }
  if (!args.includes('MARKETING_VERSION=1.4.0') || !args.includes('CURRENT_PROJECT_VERSION=1040001')) process.exit(70);
  fs.mkdirSync(arg('-archivePath'), { recursive: true });
  console.log('** ARCHIVE SUCCEEDED **');
} else if (args.includes('-exportArchive')) {
  if (!fs.existsSync(arg('-archivePath')) || !fs.existsSync(arg('-exportOptionsPlist'))) process.exit(71);
  fs.mkdirSync(arg('-exportPath'), { recursive: true });
  fs.writeFileSync(arg('-exportPath') + '/Notes.ipa', Buffer.from(${JSON.stringify(makeZip().toString('base64'))}, 'base64'));
  console.log('** EXPORT SUCCEEDED **');
} else process.exit(64);`,
  );
  return marker;
}

function xcodeProject(sb: Sandbox): void {
  writeTree(sb.projectDir, {
    'ios/Notes.xcworkspace/contents.xcworkspacedata': '<Workspace/>',
    'ios/Pods/Pods.xcodeproj/project.pbxproj': '',
    'ios/ExportOptions.plist':
      '<plist><dict><key>method</key><string>app-store-connect</string></dict></plist>',
  });
}

describe('ios lane: xcodebuild', () => {
  it('archives with the version build settings, exports, and returns the .ipa', async () => {
    const sb = createSandbox();
    xcodeProject(sb);
    const marker = fakeXcodebuild(sb);
    const result = await iosLane.package!(makeContext(sb));

    const calls = readInvocations(readFileSync(marker, 'utf8'));
    expect(calls.map((c) => c.args)).toEqual([
      [
        '-workspace',
        join(sb.projectDir, 'ios/Notes.xcworkspace'),
        '-scheme',
        'Notes',
        '-configuration',
        'Release',
        '-archivePath',
        join(sb.workDir, 'App.xcarchive'),
        'archive',
        'MARKETING_VERSION=1.4.0',
        'CURRENT_PROJECT_VERSION=1040001',
      ],
      [
        '-exportArchive',
        '-archivePath',
        join(sb.workDir, 'App.xcarchive'),
        '-exportPath',
        join(sb.workDir, 'export'),
        '-exportOptionsPlist',
        join(sb.projectDir, 'ios/ExportOptions.plist'),
      ],
    ]);
    const ipa = join(sb.workDir, 'app-1.4.0-1040001.ipa');
    expect(result).toMatchObject({
      artifact_authority: 'authoritative',
      distribution_ready: true,
      artifacts: [{ kind: 'ipa', path: ipa, bytes: makeZip().length }],
      outputs: { method: 'xcodebuild', method_reason: expect.stringContaining('xcodebuild is on PATH') },
    });
    expect(readFileSync(ipa).subarray(0, 2).toString()).toBe('PK');
    expect(sb.logs).toContain('** ARCHIVE SUCCEEDED **');
  });

  it('fails with ETOOL and the signing error when archive fails', async () => {
    const sb = createSandbox();
    xcodeProject(sb);
    fakeXcodebuild(sb, true);
    const err = await iosLane.package!(makeContext(sb)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ETOOL', hint: expect.stringContaining('Signing') });
    expect((err as Error).message).toContain('No signing certificate');
    expect(existsSync(join(sb.workDir, 'app-1.4.0-1040001.ipa'))).toBe(false);
  });
});
