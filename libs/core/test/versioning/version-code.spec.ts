import fc from 'fast-check';
import { isAkcError, type AkcError } from '../../src/errors/akc-error';
import {
  MAX_VERSION_CODE,
  PRERELEASE_BUILD_ROOM,
  RELEASE_BUILD_ROOM,
  compareSemver,
  decodeVersionCode,
  naturalVersionCode,
  nextBuildCode,
  parseDeliveryVersion,
  versionCodeSlot,
} from '../../src/versioning';
import { semverArb } from './arbitraries';

function errorOf(fn: () => unknown): AkcError {
  try {
    fn();
  } catch (e) {
    if (isAkcError(e)) return e as AkcError;
    throw e;
  }
  throw new Error('expected an AkcError');
}

const code = (s: string): number => naturalVersionCode(parseDeliveryVersion(s));

describe('naturalVersionCode: the formula', () => {
  it.each<[string, number]>([
    ['0.0.0-alpha', 1],
    ['0.0.0-alpha.0', 11],
    ['0.0.0-beta', 201],
    ['0.0.0-rc.18', 591],
    ['0.0.0', 601],
    ['1.0.0', 10_000_601],
    ['1.0.1', 10_001_601],
    ['1.2.3', 10_203_601],
    ['1.2.3-alpha.1', 10_203_021],
    ['1.2.3-beta.1', 10_203_221],
    ['1.2.3-beta.2', 10_203_231],
    ['1.2.3-rc.1', 10_203_421],
    ['1.2.3+build.7', 10_203_601],
    ['2.3.4', 20_304_601],
    ['209.99.99', 2_099_999_601],
  ])('%s -> %d', (version, expected) => {
    expect(code(version)).toBe(expected);
  });

  it('fixes the original defect: 1.2.3 maps above 1.0.1', () => {
    expect(code('1.2.3')).toBeGreaterThan(code('1.0.1'));
  });

  it('orders pre-releases below their release', () => {
    expect(code('1.2.3-beta.1')).toBeLessThan(code('1.2.3-rc.1'));
    expect(code('1.2.3-rc.1')).toBeLessThan(code('1.2.3'));
    expect(code('1.2.3-beta')).toBeLessThan(code('1.2.3-beta.0'));
    expect(code('1.2.3-beta.9')).toBeLessThan(code('1.2.3-beta.10'));
    expect(code('1.2.2')).toBeLessThan(code('1.2.3-alpha'));
  });

  it('gives each version a slot: 10 builds per pre-release, 400 per release', () => {
    expect(versionCodeSlot(parseDeliveryVersion('1.2.3-beta.2'))).toEqual({
      first: 10_203_231,
      last: 10_203_240,
    });
    expect(versionCodeSlot(parseDeliveryVersion('1.2.3'))).toEqual({ first: 10_203_601, last: 10_204_000 });
    expect(versionCodeSlot(parseDeliveryVersion('209.99.99')).last).toBe(MAX_VERSION_CODE);
    expect(versionCodeSlot(parseDeliveryVersion('0.0.0-alpha')).first).toBe(1);
  });

  it('rejects hand-made semvers outside the bounds', () => {
    const base = { major: 1, minor: 2, patch: 3, prerelease: null, build: null };
    expect(String(errorOf(() => naturalVersionCode({ ...base, major: 210 })).params.reason)).toContain(
      '0 to 209',
    );
    expect(String(errorOf(() => naturalVersionCode({ ...base, minor: -1 })).params.reason)).toContain(
      '0 to 99',
    );
    expect(String(errorOf(() => naturalVersionCode({ ...base, patch: 1.5 })).params.reason)).toContain(
      '0 to 99',
    );
    expect(errorOf(() => naturalVersionCode({ ...base, prerelease: 'dev' })).code).toBe('EVERSION');
  });
});

describe('decodeVersionCode', () => {
  it('decodes codes back to version and rebuild index', () => {
    expect(decodeVersionCode(10_203_601)).toEqual({
      semver: { major: 1, minor: 2, patch: 3, prerelease: null, build: null },
      rebuild: 0,
    });
    expect(decodeVersionCode(10_203_235)).toEqual({
      semver: { major: 1, minor: 2, patch: 3, prerelease: 'beta.2', build: null },
      rebuild: 4,
    });
    expect(decodeVersionCode(MAX_VERSION_CODE).rebuild).toBe(RELEASE_BUILD_ROOM - 1);
  });

  it.each([0, -1, 1.5, MAX_VERSION_CODE + 1, Number.NaN])('rejects %d', (n) => {
    expect(errorOf(() => decodeVersionCode(n)).code).toBe('EVERSION');
  });
});

describe('nextBuildCode', () => {
  const base = 10_203_601; // 1.2.3

  it('uses the natural code when nothing (or only older versions) was built', () => {
    expect(nextBuildCode(base, null)).toBe(base);
    expect(nextBuildCode(base, code('1.2.2') + 5)).toBe(base);
  });

  it('gives a rebuild the mark + 1', () => {
    expect(nextBuildCode(base, base)).toBe(base + 1);
    expect(nextBuildCode(base, base + 41)).toBe(base + 42);
  });

  it('refuses when the slot is used up', () => {
    const err = errorOf(() => nextBuildCode(base, base + RELEASE_BUILD_ROOM - 1));
    expect(err.code).toBe('EVERSION');
    expect(String(err.params.reason)).toContain('1.2.3 was already built 400 times');
    expect(String(err.params.reason)).toContain('bump the version');
    const pre = code('1.2.3-beta.2');
    expect(
      String(errorOf(() => nextBuildCode(pre, pre + PRERELEASE_BUILD_ROOM - 1)).params.reason),
    ).toContain('1.2.3-beta.2 was already built 10 times');
  });

  it('refuses an older version after a later one was built', () => {
    const err = errorOf(() => nextBuildCode(base, code('1.3.0')));
    expect(String(err.params.reason)).toContain('a later version (1.3.0, build code 10300601)');
    expect(errorOf(() => nextBuildCode(code('1.2.3-rc.1'), base)).code).toBe('EVERSION');
  });

  it('rejects a base that is not a natural code and a corrupt high-water mark', () => {
    expect(String(errorOf(() => nextBuildCode(base + 1, null)).params.reason)).toContain(
      'not the first build code',
    );
    expect(String(errorOf(() => nextBuildCode(base, 3e9)).params.reason)).toContain('high-water mark');
    expect(String(errorOf(() => nextBuildCode(base, 0)).params.reason)).toContain('high-water mark');
  });
});

describe('properties', () => {
  it('monotonic: semver order implies code order, strictly for distinct versions', () => {
    fc.assert(
      fc.property(semverArb, semverArb, (a, b) => {
        const c = compareSemver(a, b);
        const ca = naturalVersionCode(a);
        const cb = naturalVersionCode(b);
        expect(Math.sign(ca - cb)).toBe(c);
        // No build of the earlier version reaches the later one's first build.
        if (c < 0) expect(versionCodeSlot(a).last).toBeLessThan(cb);
      }),
      { numRuns: 2000 },
    );
  });

  it('bounds: every code of every slot is in 1 … 2 100 000 000', () => {
    fc.assert(
      fc.property(semverArb, (v) => {
        const slot = versionCodeSlot(v);
        expect(slot.first).toBeGreaterThanOrEqual(1);
        expect(slot.last).toBeLessThanOrEqual(MAX_VERSION_CODE);
        expect(Number.isSafeInteger(slot.first)).toBe(true);
      }),
    );
  });

  it('deterministic, and decoding inverts encoding', () => {
    fc.assert(
      fc.property(semverArb, fc.nat(), (v, r) => {
        const slot = versionCodeSlot(v);
        expect(naturalVersionCode({ ...v })).toBe(slot.first);
        const rebuild = r % (slot.last - slot.first + 1);
        const decoded = decodeVersionCode(slot.first + rebuild);
        expect(decoded.rebuild).toBe(rebuild);
        expect(compareSemver(decoded.semver, v)).toBe(0);
        expect(decoded.semver.prerelease).toBe(v.prerelease);
      }),
    );
  });

  it('every code in range decodes to a version whose slot contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_VERSION_CODE }), (n) => {
        const { semver, rebuild } = decodeVersionCode(n);
        expect(naturalVersionCode(semver) + rebuild).toBe(n);
      }),
    );
  });
});
