/** Recognise the Play API answers this lane reacts to (by status, reason and Google's wording). */
import type { ApiErrorFacts } from './api-error';

/** The edit no longer exists: expired, deleted, or superseded by another commit. */
export function isEditGone(f: ApiErrorFacts): boolean {
  if (f.status === 410) return true;
  if (/this edit has been deleted|edit has expired|create a new edit/i.test(f.message)) return true;
  return f.status === 404 && /edit/i.test(f.message);
}

/** The upload's versionCode was already used (403 apkUpgradeVersionConflict, or the newer 400 wording). */
export function isDuplicateVersionCode(f: ApiErrorFacts): boolean {
  return (
    f.reason === 'apkUpgradeVersionConflict' ||
    /version code.*(already been used|already used)/i.test(f.message)
  );
}

/** "Only releases with status draft may be created on draft app." */
export function isDraftApp(f: ApiErrorFacts): boolean {
  return /draft app/i.test(f.message);
}

/** Commit refused without `changesNotSentForReview=true` (review must be started in the Console). */
export function commitNeedsNotForReview(f: ApiErrorFacts): boolean {
  return (
    f.status === 400 &&
    /cannot be sent for review automatically|changesNotSentForReview to true/i.test(f.message)
  );
}

/** Commit refused because `changesNotSentForReview` must not be set (review is automatic). */
export function commitRefusesNotForReview(f: ApiErrorFacts): boolean {
  return (
    f.status === 400 &&
    /changesNotSentForReview must not be set|are sent for review automatically/i.test(f.message)
  );
}

/** Bad or revoked credentials: 401 from the API, or an OAuth grant error from the token endpoint. */
export function isBadCredentials(f: ApiErrorFacts): boolean {
  return (
    f.status === 401 ||
    ['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_scope'].includes(f.reason ?? '')
  );
}
