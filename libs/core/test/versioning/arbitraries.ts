import fc from 'fast-check';
import { PRERELEASE_LABELS, formatSemver, type Semver } from '../../src/versioning';

/** Any pre-release the build-code formula can map: null, a bare label or `label.N` (N <= 18). */
export const prereleaseArb: fc.Arbitrary<string | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...PRERELEASE_LABELS),
  fc
    .tuple(fc.constantFrom(...PRERELEASE_LABELS), fc.integer({ min: 0, max: 18 }))
    .map(([l, n]) => `${l}.${n}`),
);

/** Any version inside the documented bounds, sometimes with build metadata. */
export const semverArb: fc.Arbitrary<Semver> = fc.record({
  major: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 209 })),
  minor: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 99 })),
  patch: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 99 })),
  prerelease: prereleaseArb,
  build: fc.option(fc.constantFrom('build.7', 'sha-1f2e', '001', 'x'), { nil: null }),
});

/** The text form of a semver with random decoration: v/V prefix, surrounding whitespace. */
export const decoratedArb: fc.Arbitrary<[Semver, string]> = fc
  .tuple(
    semverArb,
    fc.constantFrom('', 'v', 'V'),
    fc.constantFrom('', ' ', '\t', '  \n'),
    fc.constantFrom('', ' ', '\n'),
  )
  .map(([v, prefix, lead, trail]) => [v, `${lead}${prefix}${formatSemver(v)}${trail}`]);
