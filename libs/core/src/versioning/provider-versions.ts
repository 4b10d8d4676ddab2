import { formatSemver, parseDeliveryVersion, type Semver } from './semver';
import { isValidVersionCode, versionCodeSlot } from './version-code';
import { akcError } from '../errors/akc-error';

/** Provider build metadata for one `delivery_version`. */
export interface ProviderVersions {
  /** The delivery version as given, trimmed. */
  delivery_version: string;
  /** The parsed, normalised semver. */
  semver: Semver;
  /** `M.m.p` (CFBundleShortVersionString: Apple allows at most three integers). */
  ios_marketing_version: string;
  /** The build code as a decimal string (CFBundleVersion). */
  ios_build_number: string;
  /** `M.m.p[-pre]`, no build metadata (display only on Android). */
  android_version_name: string;
  /** The build code (versionCode), 1 … 2 100 000 000, monotonic in semver order. */
  android_version_code: number;
  /** `M.m.p[-pre]+<build code>`: a valid semver whose build metadata is the build code. */
  web_build_id: string;
}

/**
 * Rewrites the build-number fields of `versions` for build code `code`, which must lie inside the
 * version's slot (see `versionCodeSlot`); throws EVERSION otherwise.
 */
export function withBuildCode(versions: ProviderVersions, code: number): ProviderVersions {
  const slot = versionCodeSlot(versions.semver);
  if (!isValidVersionCode(code) || code < slot.first || code > slot.last) {
    throw akcError('EVERSION', {
      value: versions.delivery_version,
      reason: `build code ${String(code)} is outside the version's range ${slot.first}-${slot.last}`,
    });
  }
  return {
    ...versions,
    semver: { ...versions.semver },
    ios_build_number: String(code),
    android_version_code: code,
    web_build_id: `${formatSemver(versions.semver, false)}+${code}`,
  };
}

/**
 * Maps a `delivery_version` to provider build metadata using the version's natural build code
 * (its first build). Deterministic and pure. For rebuilds and the per-app high-water mark use
 * `allocateBuildNumbers`. Throws EVERSION for versions `parseDeliveryVersion` rejects.
 */
export function deriveProviderVersions(deliveryVersion: string): ProviderVersions {
  const semver = parseDeliveryVersion(deliveryVersion);
  const code = versionCodeSlot(semver).first;
  const marketing = `${semver.major}.${semver.minor}.${semver.patch}`;
  return {
    delivery_version: deliveryVersion.trim(),
    semver,
    ios_marketing_version: marketing,
    ios_build_number: String(code),
    android_version_name: formatSemver(semver, false),
    android_version_code: code,
    web_build_id: `${formatSemver(semver, false)}+${code}`,
  };
}
