import { join } from 'node:path';
import { checkEasProject, type EasProjectCheck } from '../../../src/lane/kit';
import { cleanupSandboxes, createBuildSandbox, writeFakeTool, writeTree } from '../../../src/testing';

afterEach(cleanupSandboxes);

const IOS = {
  platform: 'ios',
  profile: 'production',
  local: true,
  buildNumberEnv: 'AKC_BUILD_NUMBER',
  versionNameEnv: 'AKC_MARKETING_VERSION',
  buildNumberKey: 'ios.buildNumber',
  remoteEnvLabel: 'AKC_MARKETING_VERSION/AKC_BUILD_NUMBER',
} as const;

function check(over: Partial<EasProjectCheck> = {}) {
  const sb = createBuildSandbox('akc-kit-');
  return { sb, input: { ...IOS, projectDir: sb.projectDir, env: { PATH: sb.path }, ...over } };
}

describe('lane kit: checkEasProject', () => {
  it('reports eas missing and eas.json missing at once, with fixes', () => {
    const { sb, input } = check();
    const out = checkEasProject(input);
    expect(out.problems).toEqual([
      { id: 'ios.eas_not_found', reason: 'eas is not on PATH', fix: 'Install it: npm install -g eas-cli' },
      {
        id: 'ios.eas_json_missing',
        reason: `${join(sb.projectDir, 'eas.json')} is missing or not JSON`,
        fix: 'Run `eas build:configure` in the project folder.',
      },
    ]);
    expect(out.warnings).toEqual([
      'EXPO_TOKEN is not set: non-interactive eas build needs it unless `eas login` was run here.',
    ]);
  });

  it('names the profiles eas.json has when the wanted one is missing', () => {
    const { sb, input } = check({ platform: 'android', profile: 'release' });
    writeFakeTool(sb, 'eas', '');
    writeTree(sb.projectDir, { 'eas.json': JSON.stringify({ build: { preview: {}, dev: {} } }) });
    expect(checkEasProject({ ...input, env: { ...input.env, EXPO_TOKEN: 't' } })).toEqual({
      problems: [
        {
          id: 'android.eas_profile_missing',
          reason: 'eas.json has no build profile "release" (has: preview, dev)',
          fix: 'Add build.release to eas.json or set lanes.android.eas_profile to one of its profiles.',
        },
      ],
      warnings: [],
    });
    writeTree(sb.projectDir, { 'eas.json': '{}' });
    expect(checkEasProject(input).problems[0]!.reason).toContain('(has: none)');
  });

  it('warns when app.json is static, when app.config does not read both numbers, and for remote builds', () => {
    const { sb, input } = check({ local: false });
    writeFakeTool(sb, 'eas', '');
    writeTree(sb.projectDir, { 'eas.json': JSON.stringify({ build: { production: {} } }), 'app.json': '{}' });
    expect(checkEasProject(input).warnings).toEqual([
      'EXPO_TOKEN is not set: non-interactive eas build needs it unless `eas login` was run here.',
      'app.json is static and cannot read AKC_BUILD_NUMBER: add an app.config.js that sets ios.buildNumber from it.',
      'remote EAS builds evaluate app.config on EAS servers, where AKC_MARKETING_VERSION/AKC_BUILD_NUMBER from this ' +
        'machine are not set; set lanes.ios.eas_local: true, or make the build profile supply the version numbers.',
    ]);
    writeTree(sb.projectDir, {
      'app.config.ts': 'export default { version: process.env.AKC_MARKETING_VERSION };',
    });
    expect(
      checkEasProject({ ...input, local: true, env: { ...input.env, EXPO_TOKEN: 't' } }).warnings,
    ).toEqual([
      'app.config.ts does not read AKC_BUILD_NUMBER and AKC_MARKETING_VERSION: the build keeps its own numbers.',
    ]);
    writeTree(sb.projectDir, {
      'app.config.ts': 'process.env.AKC_MARKETING_VERSION; process.env.AKC_BUILD_NUMBER',
    });
    expect(checkEasProject({ ...input, local: true, env: { ...input.env, EXPO_TOKEN: 't' } })).toEqual({
      problems: [],
      warnings: [],
    });
  });
});
