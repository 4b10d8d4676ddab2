/** Receipts (what dispatch returns) for dry runs, releases and failures. */
import type { DispatchReceipt, LaneRecipient, RecipientDispatch } from '@akc/core';
import type { CommitOutcome } from './commit';
import type { PlayJob } from './job';
import type { MappedError } from './map-error';
import { plannedCalls } from './plan';

const VIA_STORE: RecipientDispatch = {
  state: 'skipped',
  detail: 'store release: reaches recipients through the Play Store',
};

/** Play has no per-recipient invites on store tracks: every recipient is `skipped`. */
export function storeRecipients(recipients: readonly LaneRecipient[]): Record<string, RecipientDispatch> {
  return Object.fromEntries(recipients.map((r) => [r.email, VIA_STORE]));
}

/** The refs every receipt carries for a resolved job. */
export function jobRefs(job: PlayJob, versionCode = job.expectedVersionCode): Record<string, unknown> {
  return {
    package_name: job.packageName,
    package_name_source: job.packageSource,
    track: job.options.track,
    version_code: versionCode,
    release_status: job.intended.status,
    user_fraction: job.intended.userFraction ?? (job.intended.status === 'completed' ? 1 : null),
    planned_user_fraction: job.intended.plannedFraction,
  };
}

/** A dry run: the calls a real run would make, nothing sent. */
export function dryRunReceipt(job: PlayJob, recipients: readonly LaneRecipient[]): DispatchReceipt {
  return {
    status: 'dry_run',
    ok: true,
    recipients: storeRecipients(recipients),
    external_refs: jobRefs(job),
    submitted: false,
    planned_calls: plannedCalls(job),
  };
}

/**
 * After a commit. A draft release (manual storeSubmit or release_status draft) and changes committed
 * with changesNotSentForReview are `staged`: a person finishes them in Play Console.
 */
export function releaseReceipt(
  job: PlayJob,
  versionCode: number,
  commit: CommitOutcome,
  recipients: readonly LaneRecipient[],
): DispatchReceipt {
  const draft = job.intended.status === 'draft';
  const staged = draft || commit.changesNotSentForReview;
  const next = draft
    ? `Roll out the draft release of versionCode ${versionCode} on track ${job.options.track} in Play Console (Release > ${job.options.track}).`
    : commit.changesNotSentForReview
      ? 'Send the committed changes for review in Play Console (Publishing overview > Send changes for review).'
      : null;
  return {
    status: staged ? 'staged' : 'submitted',
    ok: true,
    submitted: !staged,
    recipients: storeRecipients(recipients),
    external_refs: {
      ...jobRefs(job, versionCode),
      edit_id: commit.editId,
      changes_not_sent_for_review: commit.changesNotSentForReview,
      submission: staged ? 'manual' : 'auto',
      ...(next ? { next_step: next } : {}),
    },
  };
}

/** A failure with its fix; refs include whatever is known. */
export function failedReceipt(
  mapped: MappedError,
  refs: Record<string, unknown>,
  recipients: readonly LaneRecipient[],
): DispatchReceipt {
  const failed: RecipientDispatch = { state: 'failed', detail: mapped.error.message };
  return {
    status: 'failed',
    ok: false,
    submitted: false,
    recipients: Object.fromEntries(recipients.map((r) => [r.email, failed])),
    external_refs: { ...refs, failure: mapped.kind },
    error: `${mapped.error.message}. Fix: ${mapped.error.hint}`,
    error_code: mapped.error.code,
  };
}
