import { akcError } from '../errors/akc-error';
import {
  MAX_MAJOR,
  MAX_MINOR,
  MAX_PATCH,
  MAX_PRERELEASE_NUMBER,
  PRERELEASE_LABELS,
  formatSemver,
  parsePrerelease,
  type Semver,
} from './semver';

/**
 * Build codes (Android versionCode, iOS CFBundleVersion) derived from the semver, monotonic in
 * semver order, with room for rebuilds of the same version.
 *
 * ```
 * S       = (major * 100 + minor) * 100 + patch            // 0 … 2 099 999
 * offset  = 200 * L + 10 * k   for a pre-release            // L: alpha 0, beta 1, rc 2
 *                                                            // k: 0 for bare `beta`, N + 1 for `beta.N`
 *         = 600                for a release
 * natural = S * 1000 + offset + 1                           // the code of the first build
 * slot    = natural … natural + room - 1                    // room: 10 per pre-release, 400 per release
 * ```
 *
 * Bounds: major <= 209, minor <= 99, patch <= 99, pre-release N <= 18, so every code lies in
 * 1 … 2 100 000 000 (Google Play's maximum versionCode; 0.0.0-alpha is 1, 209.99.99 rebuild 399 is
 * the maximum). Slots of distinct versions never overlap and follow semver order, so a later
 * version always gets a larger code than every build of an earlier one.
 */
export const MAX_VERSION_CODE = 2_100_000_000;
/** Codes per major.minor.patch. */
export const CODES_PER_CORE_VERSION = 1000;
/** Codes per pre-release label (alpha, beta, rc). */
export const CODES_PER_PRERELEASE_LABEL = 200;
/** Builds available for one pre-release such as 1.2.3-beta.2. */
export const PRERELEASE_BUILD_ROOM = 10;
/** Offset of a release within its major.minor.patch block. */
export const RELEASE_OFFSET = 600;
/** Builds available for one release such as 1.2.3. */
export const RELEASE_BUILD_ROOM = CODES_PER_CORE_VERSION - RELEASE_OFFSET;

/** The range of build codes one version may use: its first build and its last possible rebuild. */
export interface VersionCodeSlot {
  first: number;
  last: number;
}

/** A build code decoded back into the version it belongs to and its rebuild index (0 = first build). */
export interface DecodedVersionCode {
  semver: Semver;
  rebuild: number;
}

function checkCore(v: Semver): void {
  const value = formatSemver(v);
  const check = (name: string, n: number, max: number): void => {
    if (!Number.isSafeInteger(n) || n < 0 || n > max) {
      throw akcError('EVERSION', { value, reason: `${name} ${n} is out of range: 0 to ${max}` });
    }
  };
  check('major', v.major, MAX_MAJOR);
  check('minor', v.minor, MAX_MINOR);
  check('patch', v.patch, MAX_PATCH);
}

/** The slot (first and last build code) of a version. Throws EVERSION outside the bounds. */
export function versionCodeSlot(v: Semver): VersionCodeSlot {
  checkCore(v);
  const s = (v.major * 100 + v.minor) * 100 + v.patch;
  let offset = RELEASE_OFFSET;
  let room = RELEASE_BUILD_ROOM;
  if (v.prerelease !== null) {
    const pre = parsePrerelease(v.prerelease, formatSemver(v));
    const k = pre.number === null ? 0 : pre.number + 1;
    offset = CODES_PER_PRERELEASE_LABEL * PRERELEASE_LABELS.indexOf(pre.label) + PRERELEASE_BUILD_ROOM * k;
    room = PRERELEASE_BUILD_ROOM;
  }
  const first = s * CODES_PER_CORE_VERSION + offset + 1;
  return { first, last: first + room - 1 };
}

/** The natural build code of a version: the code of its first build (rebuild 0). */
export function naturalVersionCode(v: Semver): number {
  return versionCodeSlot(v).first;
}

/** True when `code` is an integer in 1 … {@link MAX_VERSION_CODE}. */
export function isValidVersionCode(code: number): boolean {
  return Number.isSafeInteger(code) && code >= 1 && code <= MAX_VERSION_CODE;
}

/**
 * Decodes a build code into its version (without build metadata) and rebuild index.
 * Throws EVERSION for a number outside 1 … 2 100 000 000.
 */
export function decodeVersionCode(code: number): DecodedVersionCode {
  if (!isValidVersionCode(code)) {
    throw akcError('EVERSION', {
      value: String(code),
      reason: `not a build code (1 to ${MAX_VERSION_CODE})`,
    });
  }
  const c = code - 1;
  const s = Math.floor(c / CODES_PER_CORE_VERSION);
  const offset = c % CODES_PER_CORE_VERSION;
  const core = {
    major: Math.floor(s / 10000),
    minor: Math.floor(s / 100) % 100,
    patch: s % 100,
    build: null,
  };
  if (offset >= RELEASE_OFFSET) {
    return { semver: { ...core, prerelease: null }, rebuild: offset - RELEASE_OFFSET };
  }
  const label = PRERELEASE_LABELS[Math.floor(offset / CODES_PER_PRERELEASE_LABEL)] ?? 'alpha';
  const within = offset % CODES_PER_PRERELEASE_LABEL;
  const k = Math.floor(within / PRERELEASE_BUILD_ROOM);
  const prerelease = k === 0 ? label : `${label}.${k - 1}`;
  return { semver: { ...core, prerelease }, rebuild: within % PRERELEASE_BUILD_ROOM };
}

/** All bounds of the build-code formula in one object (for messages, docs and tests). */
export const VERSION_CODE_BOUNDS = {
  major: MAX_MAJOR,
  minor: MAX_MINOR,
  patch: MAX_PATCH,
  prereleaseNumber: MAX_PRERELEASE_NUMBER,
  maxCode: MAX_VERSION_CODE,
} as const;

/**
 * The build code for the next build of the version whose natural code is `baseCode`, given the
 * app's recorded high-water mark (the largest code ever built, or null if none). Pure.
 *
 * * no high-water mark, or one below `baseCode` -> `baseCode`;
 * * a mark inside the version's slot (a rebuild) -> mark + 1, while that stays inside the slot;
 * * slot used up -> EVERSION "1.2.3 was already built 400 times; bump the version";
 * * a mark above the slot (a later version was built) -> EVERSION naming that version.
 */
export function nextBuildCode(baseCode: number, highWater: number | null): number {
  const decoded = decodeVersionCode(baseCode);
  const value = formatSemver(decoded.semver);
  if (decoded.rebuild !== 0) {
    throw akcError('EVERSION', { value, reason: `${baseCode} is not the first build code of a version` });
  }
  if (highWater !== null && !isValidVersionCode(highWater)) {
    throw akcError('EVERSION', {
      value,
      reason: `the recorded high-water mark ${String(highWater)} is not a build code (1 to ${MAX_VERSION_CODE})`,
    });
  }
  const slot = versionCodeSlot(decoded.semver);
  if (highWater === null || highWater < slot.first) return slot.first;
  if (highWater < slot.last) return highWater + 1;
  if (highWater === slot.last) {
    const times = slot.last - slot.first + 1;
    throw akcError('EVERSION', {
      value,
      reason: `${value} was already built ${times} times (build codes ${slot.first}-${slot.last}); bump the version`,
    });
  }
  const newer = formatSemver(decodeVersionCode(highWater).semver);
  throw akcError('EVERSION', {
    value,
    reason:
      `a later version (${newer}, build code ${highWater}) was already built for this app and the stores ` +
      `only accept increasing build numbers; use a version above ${newer}`,
  });
}
