import { existsSync } from 'node:fs';
import { iosLane } from '../src';
import { cleanupSandboxes, writeFakeTool, writeTree } from '@akc/core/testing';
import { createSandbox, makeContext, makeZip } from './helpers';

afterEach(cleanupSandboxes);

describe('ios lane: preflight', () => {
  it('reports every xcodebuild problem at once, each with a fix', async () => {
    const sb = createSandbox();
    const report = await iosLane.preflight!(
      makeContext(sb, { options: { method: 'xcodebuild', workspace: 'ios/Missing.xcworkspace' } }),
    );
    expect(report.problems.map((p) => p.id)).toEqual([
      'ios.xcodebuild_not_found',
      'ios.xcode_project_missing',
      'ios.export_options_missing',
    ]);
    for (const p of report.problems) expect(p.fix.length).toBeGreaterThan(10);
  });

  it('reports every EAS problem at once and warns about version injection', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': JSON.stringify({ build: { preview: {} } }), 'app.json': '{}' });
    const report = await iosLane.preflight!(makeContext(sb, { options: { method: 'eas' } }));
    expect(report.problems.map((p) => p.id)).toEqual(['ios.eas_not_found', 'ios.eas_profile_missing']);
    expect(report.problems[1]!.reason).toContain('has: preview');
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('EXPO_TOKEN'),
        expect.stringContaining('app.json is static'),
      ]),
    );
  });

  it('reports one method problem listing every way out when auto finds nothing', async () => {
    const sb = createSandbox();
    const report = await iosLane.preflight!(makeContext(sb));
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      id: 'ios.method_unavailable',
      fix: expect.stringContaining('AKC_IOS_IPA_PATH'),
    });
  });

  it('is clean for a ready EAS project and never runs the tool', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, {
      'eas.json': JSON.stringify({ build: { production: {} } }),
      'app.config.js': 'process.env.AKC_BUILD_NUMBER; process.env.AKC_MARKETING_VERSION',
    });
    writeFakeTool(sb, 'eas', `fs.writeFileSync(${JSON.stringify(sb.root + '/ran')}, '');`);
    const report = await iosLane.preflight!(
      makeContext(sb, { options: { eas_local: true }, env: { EXPO_TOKEN: 'x' } }),
    );
    expect(report).toEqual({ problems: [], warnings: [] });
    expect(existsSync(sb.root + '/ran')).toBe(false);
  });

  it('flags a prebuilt file that is not a zip', async () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'bad.ipa': 'nope', 'good.ipa': makeZip() });
    const bad = await iosLane.preflight!(makeContext(sb, { options: { prebuilt_path: 'bad.ipa' } }));
    expect(bad.problems.map((p) => p.id)).toEqual(['ios.prebuilt_invalid']);
    const good = await iosLane.preflight!(makeContext(sb, { options: { prebuilt_path: 'good.ipa' } }));
    expect(good.problems).toEqual([]);
  });
});
