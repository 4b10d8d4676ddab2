/**
 * Versioning: `delivery_version` -> provider build metadata with monotonic build codes
 * (spec section 8, fixing section 16 item 23).
 */
export {
  MAX_MAJOR,
  MAX_MINOR,
  MAX_PATCH,
  MAX_PRERELEASE_NUMBER,
  MAX_VERSION_LENGTH,
  PRERELEASE_LABELS,
  compareSemver,
  formatSemver,
  parseDeliveryVersion,
  parsePrerelease,
  type PrereleaseLabel,
  type PrereleaseParts,
  type Semver,
} from './semver';
export {
  CODES_PER_CORE_VERSION,
  CODES_PER_PRERELEASE_LABEL,
  MAX_VERSION_CODE,
  PRERELEASE_BUILD_ROOM,
  RELEASE_BUILD_ROOM,
  RELEASE_OFFSET,
  VERSION_CODE_BOUNDS,
  decodeVersionCode,
  isValidVersionCode,
  naturalVersionCode,
  nextBuildCode,
  versionCodeSlot,
  type DecodedVersionCode,
  type VersionCodeSlot,
} from './version-code';
export { deriveProviderVersions, withBuildCode, type ProviderVersions } from './provider-versions';
export { InMemoryHighWaterMarkStore, allocateBuildNumbers, type HighWaterMarkStore } from './high-water-mark';
