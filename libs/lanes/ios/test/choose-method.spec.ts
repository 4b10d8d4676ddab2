import { chooseIosMethod } from '../src';
import { cleanupSandboxes, writeFakeTool, writeTree } from '@akc/core/testing';
import { createSandbox, makeContext, makeZip } from './helpers';

afterEach(cleanupSandboxes);

describe('ios lane: auto method selection', () => {
  it('takes a prebuilt .ipa first, even when tools are available', () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': '{}', 'app.ipa': makeZip() });
    writeFakeTool(sb, 'eas', '');
    const choice = chooseIosMethod(makeContext(sb, { env: { AKC_IOS_IPA_PATH: 'app.ipa' } }));
    expect(choice).toMatchObject({
      method: 'prebuilt',
      available: true,
      reason: expect.stringContaining('AKC_IOS_IPA_PATH'),
    });
  });

  it('picks xcodebuild when it is on PATH and ios/ has a workspace', () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'ios/App.xcworkspace/contents.xcworkspacedata': '', 'eas.json': '{}' });
    writeFakeTool(sb, 'xcodebuild', '');
    writeFakeTool(sb, 'eas', '');
    expect(chooseIosMethod(makeContext(sb))).toMatchObject({ method: 'xcodebuild', available: true });
  });

  it('falls to EAS when there is a workspace but no xcodebuild, and says why', () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'ios/App.xcodeproj/project.pbxproj': '', 'eas.json': '{}' });
    writeFakeTool(sb, 'eas', '');
    expect(chooseIosMethod(makeContext(sb))).toEqual({
      method: 'eas',
      available: true,
      reason:
        'auto: eas.json exists and eas is on PATH (ios/App.xcodeproj exists but xcodebuild is not on PATH)',
    });
  });

  it('reports unavailable when eas.json exists but eas is not on PATH', () => {
    const sb = createSandbox();
    writeTree(sb.projectDir, { 'eas.json': '{}' });
    const choice = chooseIosMethod(makeContext(sb));
    expect(choice).toMatchObject({ method: 'eas', available: false });
    expect(choice.reason).toContain('eas.json exists and eas is not on PATH');
  });

  it('reports unavailable with everything it looked for on an empty project', () => {
    const sb = createSandbox();
    const choice = chooseIosMethod(makeContext(sb));
    expect(choice.available).toBe(false);
    expect(choice.reason).toContain('no prebuilt .ipa');
    expect(choice.reason).toContain('xcodebuild is not on PATH');
    expect(choice.reason).toContain('no eas.json');
  });

  it('keeps an explicit method as is', () => {
    const sb = createSandbox();
    expect(chooseIosMethod(makeContext(sb, { options: { method: 'xcodebuild' } }))).toEqual({
      method: 'xcodebuild',
      available: true,
      reason: 'lanes.ios.method is "xcodebuild"',
    });
  });
});
