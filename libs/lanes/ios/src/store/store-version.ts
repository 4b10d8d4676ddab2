import { akcError, type DispatchLedger } from '@akc/core';
import {
  isAscError,
  type AppStoreConnectClient,
  type AppStoreVersion,
} from '@akc/provider-app-store-connect';
import type { IosStoreOptions } from './store-options';

/** Version states in which the version can still take a build and be (re)submitted. */
const EDITABLE = new Set([
  'PREPARE_FOR_SUBMISSION',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'METADATA_REJECTED',
  'INVALID_BINARY',
  'READY_FOR_REVIEW',
]);

async function updateReleaseType(
  asc: AppStoreConnectClient,
  v: AppStoreVersion,
  o: IosStoreOptions,
): Promise<void> {
  const date = o.earliest_release_date ?? null;
  if (
    v.attributes.releaseType === o.release_type &&
    (o.release_type !== 'SCHEDULED' || v.attributes.earliestReleaseDate === date)
  )
    return;
  await asc.http.patch(`/v1/appStoreVersions/${v.id}`, {
    data: {
      type: 'appStoreVersions',
      id: v.id,
      attributes: { releaseType: o.release_type, earliestReleaseDate: date },
    },
  });
}

async function create(
  asc: AppStoreConnectClient,
  appId: string,
  versionString: string,
  o: IosStoreOptions,
  lane: string,
): Promise<AppStoreVersion> {
  try {
    return await asc.appStore.createVersion({
      appId,
      versionString,
      releaseType: o.release_type,
      earliestReleaseDate: o.earliest_release_date,
    });
  } catch (e) {
    if (!isAscError(e) || e.status !== 409) throw e;
    throw akcError('ELANE', {
      lane,
      reason: `App Store Connect will not create version ${versionString}: ${e.detail ?? e.title}`,
      hint: 'Another version may be in flight (finish, cancel or reject it in App Store Connect), or the version number was used before (bump the marketing version).',
    });
  }
}

/** Creates, or reuses an editable, App Store version for the marketing version (`version_id`) with the release type. */
export async function ensureVersion(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  appId: string,
  versionString: string,
  o: IosStoreOptions,
  lane: string,
): Promise<string> {
  const known = ledger.get<string>('version_id');
  if (known) return known;
  const existing = (await asc.appStore.listVersions(appId, { platform: 'IOS', versionString }))[0];
  if (existing && !EDITABLE.has(existing.attributes.appVersionState)) {
    throw akcError('ELANE', {
      lane,
      reason: `version ${versionString} is already ${existing.attributes.appVersionState} on App Store Connect`,
      hint: 'Bump the marketing version for a new store release, or follow this one with `akc deliver status --refresh`.',
    });
  }
  if (existing) await updateReleaseType(asc, existing, o);
  const version = existing ?? (await create(asc, appId, versionString, o, lane));
  ledger.set('version_id', version.id);
  ledger.set('version_created', !existing);
  return version.id;
}

/** Attaches the processed build to the version once (`build_attached`). */
export async function ensureBuildAttached(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  versionId: string,
  buildId: string,
): Promise<void> {
  if (ledger.get('build_attached') === true) return;
  await asc.appStore.attachBuild(versionId, buildId);
  ledger.set('build_attached', true);
}

/** With `phased_release` (default), creates the INACTIVE phased release once, or adopts one (`phased_release_id`). */
export async function ensurePhasedRelease(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  versionId: string,
  enabled: boolean,
): Promise<void> {
  if (!enabled || ledger.get('phased_release_id')) return;
  const phased =
    (await asc.appStore.getPhasedRelease(versionId)) ?? (await asc.appStore.createPhasedRelease(versionId));
  ledger.set('phased_release_id', phased.id);
}

/**
 * Sets "What's New" on every localization once (`whats_new_set`). Best effort: Apple refuses it on
 * an app's first version, and a refusal is logged, not fatal.
 */
export async function ensureWhatsNew(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  versionId: string,
  text: string | undefined,
  log: (line: string) => void,
): Promise<void> {
  if (!text || ledger.get('whats_new_set') === true) return;
  try {
    const { data } = await asc.http.getAll(`/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`);
    for (const loc of data)
      await asc.http.patch(`/v1/appStoreVersionLocalizations/${loc.id}`, {
        data: { type: 'appStoreVersionLocalizations', id: loc.id, attributes: { whatsNew: text } },
      });
    ledger.set('whats_new_set', true);
  } catch (e) {
    if (!isAscError(e) || e.retryable || e.status === 401) throw e;
    log(
      `"What's New" was not set (${e.status} ${e.code}: ${e.detail ?? e.title}); set it in App Store Connect`,
    );
  }
}
