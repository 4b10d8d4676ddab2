import fc from 'fast-check';
import { isAkcError, type AkcError } from '../../src/errors/akc-error';
import {
  InMemoryHighWaterMarkStore,
  allocateBuildNumbers,
  compareSemver,
  deriveProviderVersions,
  formatSemver,
  naturalVersionCode,
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

const APP = 'com.example.notes';

describe('allocateBuildNumbers', () => {
  it('first build gets the natural code and records it', () => {
    const store = new InMemoryHighWaterMarkStore();
    const p = allocateBuildNumbers(deriveProviderVersions('1.2.3'), store, APP);
    expect(p.android_version_code).toBe(10_203_601);
    expect(store.read(APP)).toBe(10_203_601);
    expect(store.read('other.app')).toBeNull();
  });

  it('rebuilds of the same version go up by one, across build metadata', () => {
    const store = new InMemoryHighWaterMarkStore();
    const codes = ['1.2.3', '1.2.3', 'v1.2.3+ci.2', ' 1.2.3 '].map(
      (v) => allocateBuildNumbers(deriveProviderVersions(v), store, APP).android_version_code,
    );
    expect(codes).toEqual([10_203_601, 10_203_602, 10_203_603, 10_203_604]);
    const last = allocateBuildNumbers(deriveProviderVersions('1.2.3'), store, APP);
    expect(last.ios_build_number).toBe('10203605');
    expect(last.web_build_id).toBe('1.2.3+10203605');
  });

  it('a newer version jumps to its natural code; keys are independent', () => {
    const store = new InMemoryHighWaterMarkStore({ [APP]: 10_203_650 });
    expect(
      allocateBuildNumbers(deriveProviderVersions('1.3.0-beta.1'), store, APP).android_version_code,
    ).toBe(10_300_221);
    expect(allocateBuildNumbers(deriveProviderVersions('1.0.0'), store, 'web.app').android_version_code).toBe(
      10_000_601,
    );
    expect(store.snapshot()).toEqual({ [APP]: 10_300_221, 'web.app': 10_000_601 });
  });

  it('refuses an older version and leaves the store unchanged', () => {
    const store = new InMemoryHighWaterMarkStore({ [APP]: 20_000_601 });
    const err = errorOf(() => allocateBuildNumbers(deriveProviderVersions('1.9.9'), store, APP));
    expect(err.code).toBe('EVERSION');
    expect(String(err.params.reason)).toContain('2.0.0');
    expect(store.read(APP)).toBe(20_000_601);
  });

  it('refuses the 11th build of a pre-release with a clear message', () => {
    const store = new InMemoryHighWaterMarkStore();
    const v = deriveProviderVersions('1.2.3-beta.2');
    for (let i = 0; i < 10; i++) allocateBuildNumbers(v, store, APP);
    const err = errorOf(() => allocateBuildNumbers(v, store, APP));
    expect(err.message).toContain("invalid delivery version '1.2.3-beta.2'");
    expect(String(err.params.reason)).toContain('already built 10 times');
    expect(String(err.params.reason)).toContain('bump the version');
    expect(
      allocateBuildNumbers(deriveProviderVersions('1.2.3-beta.3'), store, APP).android_version_code,
    ).toBe(10_203_241);
  });

  it('the last release of the range can be rebuilt up to Play’s maximum and no further', () => {
    const store = new InMemoryHighWaterMarkStore({ [APP]: 2_099_999_999 });
    expect(allocateBuildNumbers(deriveProviderVersions('209.99.99'), store, APP).android_version_code).toBe(
      2_100_000_000,
    );
    expect(errorOf(() => allocateBuildNumbers(deriveProviderVersions('209.99.99'), store, APP)).code).toBe(
      'EVERSION',
    );
  });

  it('requires an app key', () => {
    const store = new InMemoryHighWaterMarkStore();
    expect(errorOf(() => allocateBuildNumbers(deriveProviderVersions('1.0.0'), store, ' ')).code).toBe(
      'EVERSION',
    );
  });
});

describe('allocation properties', () => {
  it('a sequence of builds in non-decreasing version order gets strictly increasing codes', () => {
    fc.assert(
      fc.property(
        // Distinct versions (build metadata aside), so no pre-release exceeds its 10 builds.
        fc.uniqueArray(fc.tuple(semverArb, fc.integer({ min: 1, max: 10 })), {
          minLength: 1,
          maxLength: 12,
          selector: ([v]) => formatSemver(v, false),
        }),
        (list) => {
          const sorted = [...list].sort(([a], [b]) => compareSemver(a, b));
          const store = new InMemoryHighWaterMarkStore();
          let previous = 0;
          for (const [v, builds] of sorted) {
            for (let b = 0; b < builds; b++) {
              const p = allocateBuildNumbers(deriveProviderVersions(formatSemver(v)), store, APP);
              expect(p.android_version_code).toBeGreaterThan(previous);
              const slot = versionCodeSlot(v);
              expect(p.android_version_code).toBeGreaterThanOrEqual(slot.first);
              expect(p.android_version_code).toBeLessThanOrEqual(slot.last);
              expect(store.read(APP)).toBe(p.android_version_code);
              previous = p.android_version_code;
            }
          }
        },
      ),
    );
  });

  it('any order: each success exceeds the mark, each refusal leaves it unchanged', () => {
    fc.assert(
      fc.property(fc.array(semverArb, { minLength: 1, maxLength: 20 }), (list) => {
        const store = new InMemoryHighWaterMarkStore();
        for (const v of list) {
          const before = store.read(APP);
          try {
            const p = allocateBuildNumbers(deriveProviderVersions(formatSemver(v)), store, APP);
            expect(p.android_version_code).toBeGreaterThan(before ?? 0);
            expect(p.android_version_code).toBeGreaterThanOrEqual(naturalVersionCode(v));
          } catch (e) {
            expect(isAkcError(e) && e.code === 'EVERSION').toBe(true);
            expect(store.read(APP)).toBe(before);
          }
        }
      }),
    );
  });
});
