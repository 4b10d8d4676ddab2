import type { DispatchContext, DispatchReceipt, PlannedCall } from '@akc/core';
import { iosNumbers, ipaPath } from '@akc/provider-app-store-connect';
import { resolveBundleId } from './asc-config';
import type { IosStoreOptions } from './store-options';

type Add = (method: string, endpoint: string, purpose: string) => void;

function buildCalls(ctx: DispatchContext, o: IosStoreOptions, add: Add): void {
  const n = iosNumbers(ctx);
  const l = ctx.ledger;
  if (!l.get('app_id')) {
    let bundleId = '<bundle id not configured>';
    try {
      bundleId = resolveBundleId(ctx, o.bundle_id);
    } catch {
      // shown as not configured; execution reports the fix
    }
    add('GET', `/v1/apps?filter[bundleId]=${bundleId}`, 'find the app by exact bundle id');
  }
  if (!l.get('build_id') && !l.get('upload_id')) {
    add(
      'GET',
      `/v1/builds?filter[version]=${n.buildNumber}&filter[preReleaseVersion.version]=${n.version}`,
      `find build ${n.label}`,
    );
    add('POST', '/v1/buildUploads', `only if absent: reserve build ${n.label}`);
    add(
      'PUT',
      '<pre-signed upload operation URLs>',
      `only if absent: stream ${ipaPath(ctx) ?? '<no .ipa>'} from disk`,
    );
    add('PATCH', '/v1/buildUploadFiles/{id}', 'only if absent: commit with the MD5 checksum');
  }
  if (l.get('build_state') !== 'VALID')
    add('GET', '/v1/builds/{id}', `wait until VALID (up to ${o.max_wait_ms} ms)`);
}

function versionCalls(ctx: DispatchContext, o: IosStoreOptions, add: Add): void {
  const l = ctx.ledger;
  const v = iosNumbers(ctx).version;
  if (!l.get('version_id')) {
    add(
      'GET',
      `/v1/apps/{app}/appStoreVersions?filter[platform]=IOS&filter[versionString]=${v}`,
      'reuse an editable version',
    );
    add('POST', '/v1/appStoreVersions', `else create ${v} (releaseType ${o.release_type})`);
  }
  if (!l.get('build_attached'))
    add('PATCH', '/v1/appStoreVersions/{id}/relationships/build', 'attach the build');
  if (o.whats_new && !l.get('whats_new_set'))
    add('PATCH', '/v1/appStoreVersionLocalizations/{id}', "set What's New");
  if (o.phased_release && !l.get('phased_release_id'))
    add('POST', '/v1/appStoreVersionPhasedReleases', 'phased release (INACTIVE until live)');
  if (ctx.storeSubmit === 'manual') return;
  if (!l.get('review_submission_id'))
    add('POST', '/v1/reviewSubmissions', 'open a review submission (or reuse the open one)');
  if (!l.get('review_item_id')) add('POST', '/v1/reviewSubmissionItems', 'add the version');
  if (!l.get('submitted')) add('PATCH', '/v1/reviewSubmissions/{id}', 'submitted: true');
}

/** Dry run of the store lane: no network, no key read; the calls a run would make from the current ledger. */
export function planIosStore(ctx: DispatchContext, o: IosStoreOptions): DispatchReceipt {
  const calls: PlannedCall[] = [];
  const add: Add = (method, endpoint, purpose) => calls.push({ method, endpoint, purpose });
  buildCalls(ctx, o, add);
  versionCalls(ctx, o, add);
  const recipients = Object.fromEntries(
    ctx.recipients.map((r) => [
      r.email,
      { state: 'planned' as const, detail: 'App Store: public once live' },
    ]),
  );
  return {
    status: 'dry_run',
    ok: true,
    recipients,
    external_refs: {},
    submitted: false,
    planned_calls: calls,
  };
}
