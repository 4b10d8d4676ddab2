import fc from 'fast-check';
import { isAkcError, type AkcError } from '../../src/errors/akc-error';
import { deriveProviderVersions, withBuildCode } from '../../src/versioning';
import { decoratedArb } from './arbitraries';

function errorOf(fn: () => unknown): AkcError {
  try {
    fn();
  } catch (e) {
    if (isAkcError(e)) return e as AkcError;
    throw e;
  }
  throw new Error('expected an AkcError');
}

describe('deriveProviderVersions', () => {
  it('maps a release', () => {
    expect(deriveProviderVersions('1.2.3')).toEqual({
      delivery_version: '1.2.3',
      semver: { major: 1, minor: 2, patch: 3, prerelease: null, build: null },
      ios_marketing_version: '1.2.3',
      ios_build_number: '10203601',
      android_version_name: '1.2.3',
      android_version_code: 10_203_601,
      web_build_id: '1.2.3+10203601',
    });
  });

  it('maps a decorated pre-release with build metadata', () => {
    expect(deriveProviderVersions('  v01.2-beta.2+build.7 ')).toEqual({
      delivery_version: 'v01.2-beta.2+build.7',
      semver: { major: 1, minor: 2, patch: 0, prerelease: 'beta.2', build: 'build.7' },
      ios_marketing_version: '1.2.0',
      ios_build_number: '10200231',
      android_version_name: '1.2.0-beta.2',
      android_version_code: 10_200_231,
      web_build_id: '1.2.0-beta.2+10200231',
    });
  });

  it('gives the spec inputs that the original mapped to 0.0.0 their real versions', () => {
    expect(deriveProviderVersions('v1.2.3').ios_marketing_version).toBe('1.2.3');
    expect(deriveProviderVersions('1.2').ios_marketing_version).toBe('1.2.0');
    expect(deriveProviderVersions('01.002.3-beta').android_version_name).toBe('1.2.3-beta');
    expect(deriveProviderVersions('2.5.7+build.1').web_build_id).toBe('2.5.7+20507601');
  });

  it('rejects what parseDeliveryVersion rejects', () => {
    expect(errorOf(() => deriveProviderVersions('')).code).toBe('EVERSION');
    expect(errorOf(() => deriveProviderVersions('1.2.3.4')).code).toBe('EVERSION');
  });

  it('idempotent parsing: v prefix and whitespace never change the mapping', () => {
    fc.assert(
      fc.property(decoratedArb, ([, text]) => {
        const a = deriveProviderVersions(text);
        const plain = deriveProviderVersions(text.trim().replace(/^[vV]/, ''));
        expect({ ...a, delivery_version: '' }).toEqual({ ...plain, delivery_version: '' });
        expect(deriveProviderVersions(a.delivery_version)).toEqual(a);
      }),
    );
  });

  it('every output is self-consistent', () => {
    fc.assert(
      fc.property(decoratedArb, ([v, text]) => {
        const p = deriveProviderVersions(text);
        expect(p.semver).toEqual(v);
        expect(p.ios_build_number).toBe(String(p.android_version_code));
        expect(p.ios_marketing_version).toMatch(/^\d+\.\d+\.\d+$/);
        expect(p.web_build_id).toBe(`${p.android_version_name}+${p.android_version_code}`);
      }),
    );
  });
});

describe('withBuildCode', () => {
  const base = deriveProviderVersions('1.2.3-rc.1');

  it('rewrites the build fields within the slot', () => {
    const p = withBuildCode(base, base.android_version_code + 9);
    expect(p.android_version_code).toBe(10_203_430);
    expect(p.ios_build_number).toBe('10203430');
    expect(p.web_build_id).toBe('1.2.3-rc.1+10203430');
    expect(base.android_version_code).toBe(10_203_421);
  });

  it('refuses codes outside the slot', () => {
    expect(String(errorOf(() => withBuildCode(base, 10_203_431)).params.reason)).toContain(
      '10203421-10203430',
    );
    expect(errorOf(() => withBuildCode(base, 10_203_420)).code).toBe('EVERSION');
  });
});
