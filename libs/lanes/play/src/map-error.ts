/** Turn a failed Play call into an ELANE error whose reason and hint say what happened and how to fix it. */
import { akcError, isAkcError, type AkcError } from '@akc/core';
import { describeFacts, isRetryable } from './api-error';
import { isBadCredentials, isDraftApp, isDuplicateVersionCode, isEditGone } from './classify';
import { LANE_ID } from './lane-id';
import { PlayCallError } from './retry';

/** What the mapper knows about the job. */
export interface ErrorScope {
  readonly packageName: string;
  readonly versionCode?: number;
  readonly serviceAccount?: string;
}

/** A short, stable name of the failure (recorded in external_refs and the ledger). */
export type FailureKind =
  | 'bad_credentials'
  | 'missing_permission'
  | 'package_not_found'
  | 'duplicate_version_code'
  | 'draft_app'
  | 'edit_expired'
  | 'provider_unavailable'
  | 'provider_error'
  | 'config';

/** An ELANE error plus its failure kind. */
export interface MappedError {
  readonly error: AkcError;
  readonly kind: FailureKind;
}

const RERUN =
  'Run the same command again: the ledger resumes where this one stopped and never uploads twice.';

/** Map anything dispatch or poll threw; AkcErrors (config, credentials file) pass through as `config`. */
export function mapPlayError(e: unknown, scope: ErrorScope): MappedError {
  if (isAkcError(e)) return { error: e, kind: 'config' };
  if (!(e instanceof PlayCallError)) {
    const reason = `unexpected failure: ${(e as Error)?.message ?? String(e)}`;
    return { error: akcError('ELANE', { lane: LANE_ID, reason, hint: RERUN }, e), kind: 'provider_error' };
  }
  const [kind, hint] = explain(e, scope);
  const tried = e.attempts > 1 ? ` after ${e.attempts} attempts` : '';
  const reason = `${headline(kind, e, scope)} (${e.call}${tried}: ${describeFacts(e.facts)})`;
  return { error: akcError('ELANE', { lane: LANE_ID, reason, hint, http_status: e.facts.status }, e), kind };
}

function explain(e: PlayCallError, s: ErrorScope): [FailureKind, string] {
  const f = e.facts;
  const who = s.serviceAccount ?? 'the service account';
  if (isBadCredentials(f))
    return [
      'bad_credentials',
      'Check GOOGLE_APPLICATION_CREDENTIALS: the key must be a current, non-revoked JSON key of a service account (and the machine clock must be right). Create a new key in Google Cloud console > IAM > Service accounts if in doubt.',
    ];
  if (isDuplicateVersionCode(f))
    return [
      'duplicate_version_code',
      'Bump the version: akc allocates a higher build number (versionCode) on rebuild; run `akc deliver package` again, then dispatch.',
    ];
  if (isDraftApp(f))
    return [
      'draft_app',
      `The app is still a draft in Play Console. Either complete its setup there (store listing, content rating, target audience, privacy policy) and publish the first release by hand, or set lanes["${LANE_ID}"].release_status to "draft" in .akc/config.json to stage this build as a draft release you roll out from the Console.`,
    ];
  if (e.call === 'edits.insert' && f.status === 404)
    return [
      'package_not_found',
      `Check the package name ${s.packageName} (AKC_DELIVERY_PLAY_PACKAGE_NAME, lanes["${LANE_ID}"].package_name or android.play_package in .akc/delivery/operator_prereqs.json). The app must exist in Play Console, with its first bundle uploaded there by hand.`,
    ];
  if (f.status === 403)
    return [
      'missing_permission',
      `In Play Console > Users and permissions, invite ${who} and grant it "Release apps to testing tracks" / "Release to production" for ${s.packageName}; also enable the Google Play Android Developer API in the service account's Cloud project.`,
    ];
  if (isEditGone(f)) return ['edit_expired', RERUN];
  if (isRetryable(f))
    return ['provider_unavailable', `Google Play is unavailable or rate-limiting. ${RERUN}`];
  return ['provider_error', `Fix what Google reports above, then run again. ${RERUN}`];
}

function headline(kind: FailureKind, e: PlayCallError, s: ErrorScope): string {
  switch (kind) {
    case 'bad_credentials':
      return 'Google rejected the service-account credentials';
    case 'duplicate_version_code':
      return `versionCode ${s.versionCode ?? '?'} was already used; bump the version — akc allocates a higher build number on rebuild`;
    case 'draft_app':
      return `${s.packageName} is a draft app in Play Console: only draft releases may be created`;
    case 'package_not_found':
      return `Play has no app ${s.packageName} (or the service account cannot see it)`;
    case 'missing_permission':
      return `the service account lacks permission for ${s.packageName}`;
    case 'edit_expired':
      return 'the Play edit expired or was replaced by another commit';
    case 'provider_unavailable':
      return 'Google Play kept failing';
    default:
      return `Play call ${e.call} failed`;
  }
}
