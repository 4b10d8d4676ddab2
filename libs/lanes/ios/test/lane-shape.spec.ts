import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iosDefault, { iosLane, parseIosOptions } from '../src';

describe('ios lane: shape and options', () => {
  it('declares the contract fields and the package.json version', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(iosDefault).toBe(iosLane);
    expect(iosLane).toMatchObject({
      apiVersion: 1,
      id: 'ios',
      kind: 'build',
      platform: 'ios',
      version: pkg.version,
    });
    expect(typeof iosLane.preflight).toBe('function');
    expect(typeof iosLane.package).toBe('function');
  });

  it('applies defaults', () => {
    expect(parseIosOptions(undefined)).toEqual({
      ok: true,
      value: { method: 'auto', eas_profile: 'production', eas_local: false, timeout_minutes: 60 },
    });
  });

  it('returns every option error at once', () => {
    const result = parseIosOptions({
      method: 'gradle',
      eas_local: 'yes',
      scheme: '',
      workspace: 'a',
      project: 'b',
      typo: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringContaining('lanes.ios.typo is not an option'),
      expect.stringContaining('lanes.ios.method must be one of'),
      'lanes.ios.scheme must be a non-empty string',
      'lanes.ios: set workspace or project, not both',
      'lanes.ios.eas_local must be true or false',
    ]);
  });

  it('rejects a non-object', () => {
    expect(parseIosOptions(['eas'])).toEqual({ ok: false, errors: ['lanes.ios must be an object'] });
  });
});
