import { akcError, type AkcError } from '../errors/akc-error';

/**
 * The semantic version parsed from a `delivery_version`, normalised: numbers without leading
 * zeros, a missing minor or patch filled with 0, a leading `v` and surrounding whitespace removed.
 */
export interface Semver {
  major: number;
  minor: number;
  patch: number;
  /** Normalised pre-release, e.g. `beta.2`, or null for a release. */
  prerelease: string | null;
  /** Build metadata after `+`, as given, or null. It never affects ordering or build codes. */
  build: string | null;
}

/** Pre-release labels that can be mapped to a build code, in semver (ASCII) order. */
export const PRERELEASE_LABELS = ['alpha', 'beta', 'rc'] as const;
/** One of {@link PRERELEASE_LABELS}. */
export type PrereleaseLabel = (typeof PRERELEASE_LABELS)[number];

/** The largest accepted major version (keeps every build code <= Play's 2 100 000 000). */
export const MAX_MAJOR = 209;
/** The largest accepted minor version. */
export const MAX_MINOR = 99;
/** The largest accepted patch version. */
export const MAX_PATCH = 99;
/** The largest accepted pre-release number N in `alpha.N`, `beta.N`, `rc.N`. */
export const MAX_PRERELEASE_NUMBER = 18;
/** The longest accepted `delivery_version` after trimming. */
export const MAX_VERSION_LENGTH = 128;

/** A pre-release split into its label and optional number (`beta` -> number null). */
export interface PrereleaseParts {
  label: PrereleaseLabel;
  number: number | null;
}

const DIGITS = /^[0-9]+$/;
const BUILD_IDENTIFIER = /^[0-9A-Za-z-]+$/;

function shown(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

function fail(value: string, reason: string): AkcError {
  return akcError('EVERSION', { value: shown(value), reason });
}

/**
 * Splits a pre-release such as `beta.2` into label and number.
 * Throws EVERSION (with `value` as the reported version) when it cannot be mapped to a build code.
 */
export function parsePrerelease(prerelease: string, value: string = prerelease): PrereleaseParts {
  const parts = prerelease.split('.');
  const [label, num, ...rest] = parts;
  const known = (PRERELEASE_LABELS as readonly string[]).includes(label ?? '');
  if (!known || rest.length > 0 || (num !== undefined && !DIGITS.test(num))) {
    throw fail(
      value,
      `pre-release '${shown(prerelease)}' is not supported: use alpha, beta or rc, optionally followed by .N (e.g. 1.2.3-beta.2)`,
    );
  }
  if (num === undefined) return { label: label as PrereleaseLabel, number: null };
  const n = Number(num);
  if (n > MAX_PRERELEASE_NUMBER) {
    throw fail(value, `pre-release number ${shown(num)} is out of range: at most ${MAX_PRERELEASE_NUMBER}`);
  }
  return { label: label as PrereleaseLabel, number: n };
}

function parseNumber(value: string, part: string, name: string, max: number): number {
  if (part === '') throw fail(value, `the ${name} part is empty`);
  if (!DIGITS.test(part))
    throw fail(value, `the ${name} part '${shown(part)}' is not a non-negative integer`);
  const n = Number(part);
  if (n > max)
    throw fail(value, `${name} ${shown(part.replace(/^0+(?=.)/, ''))} is out of range: at most ${max}`);
  return n;
}

/**
 * Parses a `delivery_version` into a normalised {@link Semver}.
 *
 * Accepted: `1.2.3`, `v1.2.3` / `V1.2.3`, two parts `1.2` (patch 0), leading zeros (`01.002.3`
 * is 1.2.3), a pre-release `-alpha|-beta|-rc` optionally followed by `.N` (N <= 18), build
 * metadata `+build.7`, and surrounding whitespace. A one-part version such as `7` is rejected on
 * purpose: it is more often a build number than a version, so it must be written `7.0`.
 *
 * Rejected with EVERSION and a reason: empty, longer than 128 characters, leading garbage,
 * empty or non-numeric parts, more than 3 numeric parts (Apple allows major.minor.patch at most),
 * major > 209, minor > 99, patch > 99, other pre-release forms, invalid build metadata.
 */
export function parseDeliveryVersion(input: string): Semver {
  if (typeof input !== 'string') throw fail(String(input), 'the version must be a string');
  let text = input.trim();
  if (text === '') throw fail(input, 'the version is empty');
  if (text.length > MAX_VERSION_LENGTH) throw fail(input, `longer than ${MAX_VERSION_LENGTH} characters`);
  if (text[0] === 'v' || text[0] === 'V') text = text.slice(1);
  if (!/^[0-9]/.test(text)) {
    throw fail(
      input,
      'a version must start with a number, optionally prefixed with v (e.g. 1.4.0 or v1.4.0)',
    );
  }

  let build: string | null = null;
  const plus = text.indexOf('+');
  if (plus >= 0) {
    build = text.slice(plus + 1);
    text = text.slice(0, plus);
    if (build === '') throw fail(input, "empty build metadata after '+'");
    if (!build.split('.').every((id) => BUILD_IDENTIFIER.test(id))) {
      throw fail(
        input,
        `build metadata '${shown(build)}' may only hold dot-separated A-Z a-z 0-9 - identifiers`,
      );
    }
  }

  let prerelease: string | null = null;
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const raw = text.slice(dash + 1);
    text = text.slice(0, dash);
    if (raw === '') throw fail(input, "empty pre-release after '-'");
    const pre = parsePrerelease(raw, input);
    prerelease = pre.number === null ? pre.label : `${pre.label}.${pre.number}`;
  }

  const parts = text.split('.');
  if (parts.length > 3)
    throw fail(input, 'more than 3 numeric parts (Apple allows at most major.minor.patch)');
  if (parts.length === 1) {
    throw fail(
      input,
      'a one-part version is ambiguous (it looks like a build number); write at least major.minor, e.g. 7.0',
    );
  }
  const [majorText = '', minorText = '', patchText = '0'] = parts;
  const major = parseNumber(input, majorText, 'major', MAX_MAJOR);
  const minor = parseNumber(input, minorText, 'minor', MAX_MINOR);
  const patch = parseNumber(input, patchText, 'patch', MAX_PATCH);
  return { major, minor, patch, prerelease, build };
}

/**
 * Formats a semver as `M.m.p[-pre]`, plus `+build` when `withBuild` is true (the default).
 * `parseDeliveryVersion(formatSemver(v))` equals `v` for every parsed `v`.
 */
export function formatSemver(v: Semver, withBuild = true): string {
  const core = `${v.major}.${v.minor}.${v.patch}${v.prerelease === null ? '' : `-${v.prerelease}`}`;
  return withBuild && v.build !== null ? `${core}+${v.build}` : core;
}

function compareIdentifiers(a: string, b: string): number {
  const an = DIGITS.test(a);
  const bn = DIGITS.test(b);
  if (an && bn) return Math.sign(Number(a) - Number(b));
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Semver 2.0.0 precedence (section 11): -1, 0 or 1. Build metadata is ignored; a pre-release
 * sorts below its release; pre-release identifiers compare numerically or in ASCII order.
 * Works for any pre-release, not only the ones that can be mapped to a build code.
 */
export function compareSemver(a: Semver, b: Semver): -1 | 0 | 1 {
  const core = Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch);
  if (core !== 0) return core as -1 | 1;
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === null) return 1;
  if (b.prerelease === null) return -1;
  const ai = a.prerelease.split('.');
  const bi = b.prerelease.split('.');
  for (let i = 0; i < Math.min(ai.length, bi.length); i++) {
    const c = compareIdentifiers(ai[i] ?? '', bi[i] ?? '');
    if (c !== 0) return c as -1 | 1;
  }
  return Math.sign(ai.length - bi.length) as -1 | 0 | 1;
}
