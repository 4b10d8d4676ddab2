import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import androidDefault, { androidLane, parseAndroidOptions } from '../src';

describe('android lane: shape and options', () => {
  it('declares the contract fields and the package.json version', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(androidDefault).toBe(androidLane);
    expect(androidLane).toMatchObject({
      apiVersion: 1,
      id: 'android',
      kind: 'build',
      platform: 'android',
      version: pkg.version,
    });
  });

  it('applies defaults, with assembleRelease as the default task for apk', () => {
    expect(parseAndroidOptions(undefined)).toEqual({
      ok: true,
      value: {
        method: 'auto',
        eas_profile: 'production',
        eas_local: false,
        artifact: 'aab',
        gradle_task: 'bundleRelease',
        module: 'app',
        gradle_args: [],
        timeout_minutes: 60,
      },
    });
    const apk = parseAndroidOptions({ artifact: 'apk' });
    expect(apk.ok && apk.value.gradle_task).toBe('assembleRelease');
  });

  it('returns every option error at once', () => {
    const result = parseAndroidOptions({
      method: 'xcodebuild',
      artifact: 'ipa',
      gradle_args: '--no-daemon',
      module: 'a b',
      nope: true,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.stringContaining('lanes.android.nope is not an option'),
        expect.stringContaining('lanes.android.method must be one of'),
        expect.stringContaining('lanes.android.module must be a Gradle project path'),
        'lanes.android.artifact must be aab or apk',
        'lanes.android.gradle_args must be an array of strings',
      ],
    });
  });
});
