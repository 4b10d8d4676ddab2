import type { PollContext, PollResult } from '@akc/core';
import type { ReviewSubmission } from '@akc/provider-app-store-connect';
import { createAscClient, resolveKeyRef } from './asc-config';
import { parseIosStoreOptions } from './store-options';

type StoreState = NonNullable<PollResult['store_state']>;

/**
 * `appVersionState` (or the deprecated `appStoreState`) -> `store_state`. READY_FOR_SALE /
 * READY_FOR_DISTRIBUTION is `live`; pending releases and ACCEPTED are `approved`.
 */
export const STORE_STATES: Readonly<Record<string, StoreState>> = {
  WAITING_FOR_REVIEW: 'in_review',
  IN_REVIEW: 'in_review',
  READY_FOR_REVIEW: 'in_review',
  ACCEPTED: 'approved',
  PENDING_DEVELOPER_RELEASE: 'approved',
  PENDING_APPLE_RELEASE: 'approved',
  PROCESSING_FOR_DISTRIBUTION: 'approved',
  PROCESSING_FOR_APP_STORE: 'approved',
  READY_FOR_DISTRIBUTION: 'live',
  READY_FOR_SALE: 'live',
  REJECTED: 'rejected',
  METADATA_REJECTED: 'rejected',
  INVALID_BINARY: 'rejected',
  DEVELOPER_REJECTED: 'rejected',
  WAITING_FOR_EXPORT_COMPLIANCE: 'processing',
};

/** Refreshes review submission, version and phased release state from App Store Connect. */
export async function pollIosStore(ctx: PollContext): Promise<PollResult> {
  const versionId = ctx.ledger.get<string>('version_id');
  if (!versionId) return { store_state: 'unknown', external_refs: { note: 'no App Store version yet' } };
  const parsed = parseIosStoreOptions(ctx.options);
  const asc = await createAscClient(ctx, resolveKeyRef(ctx), parsed.ok ? parsed.value.retry : {});
  const refs: Record<string, unknown> = {};
  const submissionId = ctx.ledger.get<string>('review_submission_id');
  if (submissionId) {
    const submission = (await asc.http.get<ReviewSubmission>(`/v1/reviewSubmissions/${submissionId}`)).data;
    refs['review_submission_state'] = submission.attributes.state;
  }
  const version = await asc.appStore.getVersion(versionId);
  refs['app_version_state'] = version.attributes.appVersionState;
  refs['app_store_state'] = version.attributes.appStoreState;
  const phased = ctx.ledger.get('phased_release_id')
    ? await asc.appStore.getPhasedRelease(versionId)
    : undefined;
  if (phased) refs['phased_release_state'] = phased.attributes.phasedReleaseState;
  const state =
    STORE_STATES[version.attributes.appVersionState] ??
    STORE_STATES[version.attributes.appStoreState] ??
    'unknown';
  return { store_state: state, external_refs: refs };
}
