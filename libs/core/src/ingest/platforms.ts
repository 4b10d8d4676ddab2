/** Platform list, release mode and lane scheduling (spec §4.4, §4.5, §7.1). */
import { akcError } from '../errors/akc-error';
import { LANES, PLATFORMS, RELEASE_MODES } from '../schemas/constants';
import type { Lane, Platform, ReleaseMode } from '../schemas/common';

/** Distribution adapter for one (platform, lane) job (spec §7.1). */
export type AdapterKind =
  'web_invite' | 'testflight' | 'app_store_release' | 'firebase_app_distribution' | 'google_play_release';

/** One scheduled distribution job. */
export interface DeliveryJob {
  platform: Platform;
  lane: Lane;
  adapter_kind: AdapterKind;
}

const ADAPTERS: Readonly<Record<Platform, Readonly<Record<Lane, AdapterKind>>>> = {
  web: { beta: 'web_invite', store: 'web_invite' },
  ios: { beta: 'testflight', store: 'app_store_release' },
  android: { beta: 'firebase_app_distribution', store: 'google_play_release' },
};

function isPlatform(v: string): v is Platform {
  return (PLATFORMS as readonly string[]).includes(v);
}

/**
 * Parse `--platforms`: split on commas, trim, lower-case, drop empty parts. Order is kept and,
 * unlike the original (spec §16 item 22), duplicates are removed so no job runs twice.
 * @throws AkcError EPLATFORM listing the bad names (sorted), EPLATFORMNONE for an empty list.
 * @example parsePlatforms('Web, IOS, web') // ['web', 'ios']
 */
export function parsePlatforms(csv: string): Platform[] {
  const parts = csv
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  const bad = [...new Set(parts.filter((p) => !isPlatform(p)))].sort();
  if (bad.length > 0) throw akcError('EPLATFORM', { bad: bad.join(', ') });
  if (parts.length === 0) throw akcError('EPLATFORMNONE');
  return [...new Set(parts.filter(isPlatform))];
}

/**
 * Parse `--release-mode` (`beta`, `store` or `both`; surrounding space and case are forgiven).
 * @throws AkcError ERELEASEMODE for anything else.
 */
export function parseReleaseMode(value: string): ReleaseMode {
  const v = value.trim().toLowerCase();
  const mode = RELEASE_MODES.find((m) => m === v);
  if (mode === undefined) throw akcError('ERELEASEMODE', { value });
  return mode;
}

/** Lanes of a release mode: beta → [beta], store → [store], both → [beta, store]. */
export function releaseLanes(mode: ReleaseMode): Lane[] {
  return mode === 'both' ? ['beta', 'store'] : [mode];
}

/** Lanes of the automatic wave after packaging: `both` starts with beta only (spec §7.2). */
export function firstWaveLanes(mode: ReleaseMode): Lane[] {
  return mode === 'store' ? ['store'] : ['beta'];
}

/** The adapter that distributes `platform` on `lane`. */
export function adapterKindFor(platform: Platform, lane: Lane): AdapterKind {
  return ADAPTERS[platform][lane];
}

/**
 * Jobs in dispatch order: lane outer (beta before store), platforms in the given order inner
 * (spec §7.1). Duplicate platforms and lanes are ignored.
 * @example deliveryJobs(['web', 'ios'], ['store', 'beta']).map((j) => `${j.platform}:${j.lane}`)
 * // ['web:beta', 'ios:beta', 'web:store', 'ios:store']
 */
export function deliveryJobs(platforms: readonly Platform[], lanes: readonly Lane[]): DeliveryJob[] {
  const uniquePlatforms = [...new Set(platforms)];
  return LANES.filter((lane) => lanes.includes(lane)).flatMap((lane) =>
    uniquePlatforms.map((platform) => ({ platform, lane, adapter_kind: adapterKindFor(platform, lane) })),
  );
}
