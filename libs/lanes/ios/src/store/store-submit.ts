import { akcError, type DispatchLedger } from '@akc/core';
import { isAscError, type AppStoreConnectClient } from '@akc/provider-app-store-connect';

/** Every blocker App Store Connect listed for a refused review item (`meta.associatedErrors`). */
function blockers(e: unknown): string {
  if (!isAscError(e)) return '';
  const lines: string[] = [];
  for (const err of e.errors) {
    const associated = err.meta?.['associatedErrors'];
    if (!associated || typeof associated !== 'object') continue;
    for (const list of Object.values(associated as Record<string, unknown>))
      if (Array.isArray(list))
        for (const item of list as Array<{ code?: string; detail?: string; title?: string }>)
          lines.push(`${item.code ?? ''} ${item.detail ?? item.title ?? ''}`.trim());
  }
  return lines.length ? lines.join('; ') : (e.detail ?? e.title);
}

async function addItem(
  asc: AppStoreConnectClient,
  submissionId: string,
  versionId: string,
  lane: string,
): Promise<string> {
  try {
    return (await asc.appStore.addReviewItem(submissionId, versionId)).id;
  } catch (e) {
    if (!isAscError(e) || e.status !== 409) throw e;
    throw akcError('ELANE', {
      lane,
      reason: `App Store Connect will not take the version for review: ${blockers(e)}`,
      hint: 'Complete what is listed (metadata, screenshots, export compliance, age rating) in App Store Connect, then run again; the build and version are kept.',
    });
  }
}

/**
 * Opens (or reuses the app's open) review submission (`review_submission_id`), adds the version
 * (`review_item_id`) and submits it (`submitted`, `submitted_at_unix_ms`), each step once.
 */
export async function ensureSubmitted(
  asc: AppStoreConnectClient,
  ledger: DispatchLedger,
  appId: string,
  versionId: string,
  now: () => number,
  lane: string,
): Promise<string> {
  let submissionId = ledger.get<string>('review_submission_id');
  if (!submissionId) {
    const open = await asc.appStore.findOpenReviewSubmission(appId);
    submissionId = (open ?? (await asc.appStore.createReviewSubmission(appId))).id;
    ledger.set('review_submission_id', submissionId);
  }
  if (!ledger.get('review_item_id'))
    ledger.set('review_item_id', await addItem(asc, submissionId, versionId, lane));
  if (ledger.get('submitted') !== true) {
    await asc.appStore.submitReview(submissionId);
    ledger.set('submitted', true);
    ledger.set('submitted_at_unix_ms', now());
  }
  return submissionId;
}
