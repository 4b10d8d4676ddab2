import { isAkcError, type AkcError } from '../../src/errors/akc-error';
import { compareSemver, formatSemver, parseDeliveryVersion, type Semver } from '../../src/versioning';

function errorOf(fn: () => unknown): AkcError {
  try {
    fn();
  } catch (e) {
    if (isAkcError(e)) return e as AkcError;
    throw e;
  }
  throw new Error('expected an AkcError');
}

const v = (
  major: number,
  minor: number,
  patch: number,
  prerelease: string | null = null,
  build: string | null = null,
): Semver => ({
  major,
  minor,
  patch,
  prerelease,
  build,
});

describe('parseDeliveryVersion: accepted forms', () => {
  it.each<[string, Semver]>([
    ['1.2.3', v(1, 2, 3)],
    ['0.0.0', v(0, 0, 0)],
    ['v1.2.3', v(1, 2, 3)],
    ['V1.2.3', v(1, 2, 3)],
    ['1.2', v(1, 2, 0)],
    ['v1.2', v(1, 2, 0)],
    ['  1.0.0  ', v(1, 0, 0)],
    ['\t v2.5.7 \n', v(2, 5, 7)],
    ['01.002.3', v(1, 2, 3)],
    ['01.002.3-beta', v(1, 2, 3, 'beta')],
    ['1.2.3-beta.2', v(1, 2, 3, 'beta.2')],
    ['1.2.3-beta.02', v(1, 2, 3, 'beta.2')],
    ['1.2.3-alpha', v(1, 2, 3, 'alpha')],
    ['1.2.3-alpha.0', v(1, 2, 3, 'alpha.0')],
    ['1.2.3-rc.18', v(1, 2, 3, 'rc.18')],
    ['1.2.3+build.7', v(1, 2, 3, null, 'build.7')],
    ['2.5.7+build.1', v(2, 5, 7, null, 'build.1')],
    ['1.2.3-rc.1+sha-abc.0', v(1, 2, 3, 'rc.1', 'sha-abc.0')],
    ['1.2-beta.1', v(1, 2, 0, 'beta.1')],
    ['209.99.99', v(209, 99, 99)],
  ])('%j', (input, expected) => {
    expect(parseDeliveryVersion(input)).toEqual(expected);
  });
});

describe('parseDeliveryVersion: rejected forms', () => {
  it.each<[string, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['7', 'one-part version'],
    ['v7', 'one-part version'],
    ['1.2.3.4', 'more than 3 numeric parts'],
    ['1.x.3', "minor part 'x' is not a non-negative integer"],
    ['1.2.3beta', "patch part '3beta'"],
    ['1..3', 'minor part is empty'],
    ['1.2.', 'patch part is empty'],
    ['1.2 .3', "minor part '2 '"],
    ['version 1.2.3', 'must start with a number'],
    ['=1.2.3', 'must start with a number'],
    ['~1.2.3', 'must start with a number'],
    ['vv1.2.3', 'must start with a number'],
    ['v', 'must start with a number'],
    ['-1.2.3', 'must start with a number'],
    ['.1.2', 'must start with a number'],
    ['210.0.0', 'major 210 is out of range: at most 209'],
    ['1.100.0', 'minor 100 is out of range: at most 99'],
    ['1.2.100', 'patch 100 is out of range: at most 99'],
    ['99999999999999999999.0.0', 'major 99999999999999999999 is out of range'],
    ['1.2.3-', 'empty pre-release'],
    ['1.2.3-gamma', "pre-release 'gamma' is not supported"],
    ['1.2.3-Beta.1', "pre-release 'Beta.1' is not supported"],
    ['1.2.3-beta1', "pre-release 'beta1' is not supported"],
    ['1.2.3-beta.x', "pre-release 'beta.x' is not supported"],
    ['1.2.3-beta.1.2', "pre-release 'beta.1.2' is not supported"],
    ['1.2.3-beta.19', 'pre-release number 19 is out of range: at most 18'],
    ['1.2.3+', 'empty build metadata'],
    ['1.2.3+a..b', "build metadata 'a..b'"],
    ['1.2.3+a+b', "build metadata 'a+b'"],
    ['1.2.3+a_b', "build metadata 'a_b'"],
    [`1.2.3+${'a'.repeat(200)}`, 'longer than 128 characters'],
  ])('%j -> %s', (input, reason) => {
    const err = errorOf(() => parseDeliveryVersion(input));
    expect(err.code).toBe('EVERSION');
    expect(err.exit).toBe(2);
    expect(String(err.params.reason)).toContain(reason);
    expect(err.message).toContain('invalid delivery version');
  });

  it('reports a long input shortened', () => {
    const err = errorOf(() => parseDeliveryVersion(`x${'9'.repeat(120)}`));
    expect(String(err.params.value).length).toBeLessThanOrEqual(80);
  });

  it('rejects a non-string at runtime', () => {
    expect(errorOf(() => parseDeliveryVersion(42 as unknown as string)).code).toBe('EVERSION');
  });
});

describe('formatSemver', () => {
  it('formats with and without build metadata', () => {
    expect(formatSemver(v(1, 2, 3, 'beta.2', 'b.7'))).toBe('1.2.3-beta.2+b.7');
    expect(formatSemver(v(1, 2, 3, 'beta.2', 'b.7'), false)).toBe('1.2.3-beta.2');
    expect(formatSemver(v(1, 2, 0))).toBe('1.2.0');
  });

  it('round-trips through parseDeliveryVersion', () => {
    for (const input of ['v01.2', '1.2.3-rc.1+x', ' 3.0.0-alpha ']) {
      const parsed = parseDeliveryVersion(input);
      expect(parseDeliveryVersion(formatSemver(parsed))).toEqual(parsed);
    }
  });
});

describe('compareSemver (semver 2.0.0 precedence)', () => {
  const ordered = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.1',
    '1.1.0',
    '2.0.0',
  ];
  const parse = (s: string): Semver => {
    const [core = '', pre] = s.split('-', 2);
    const [a = 0, b = 0, c = 0] = core.split('.').map(Number);
    return v(a, b, c, pre ?? null);
  };

  it('orders the semver.org example chain', () => {
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(compareSemver(parse(ordered[i] ?? ''), parse(ordered[j] ?? ''))).toBe(Math.sign(i - j));
      }
    }
  });

  it('ignores build metadata', () => {
    expect(compareSemver(v(1, 2, 3, null, 'a'), v(1, 2, 3, null, 'b'))).toBe(0);
  });
});
