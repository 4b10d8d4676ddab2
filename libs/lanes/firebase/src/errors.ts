import { akcError, isAkcError, type AkcError } from '@akc/core';
import { ApiError } from './http';
import { isTesterLimit } from './retry';

/** What an error message needs to name the right fix. */
export interface ErrorScope {
  readonly lane: string;
  readonly appId: string;
  readonly projectNumber: string;
}

const CREDENTIALS_FIX =
  'Check GOOGLE_APPLICATION_CREDENTIALS: the key must be a current (not deleted or rotated) service-account key of the Firebase project; create a new key in Google Cloud console > IAM > Service accounts > Keys if unsure.';

/** The fix an operator needs when too many testers were named. */
export const TESTER_LIMIT_FIX =
  'Firebase App Distribution refused more testers for this project: remove testers who no longer need access (Firebase console > App Distribution > Testers & Groups), then resend to this recipient with `akc deliver resend --delivery-id ID --recipient EMAIL`.';

function fromApi(e: ApiError, s: ErrorScope): AkcError {
  const at = `${e.label} (HTTP ${e.status}${e.rpcStatus ? ` ${e.rpcStatus}` : ''}): ${e.apiMessage}`;
  const make = (reason: string, hint: string) => akcError('ELANE', { lane: s.lane, reason, hint }, e);
  if (e.label === 'token' && (e.rpcStatus === 'invalid_grant' || e.status === 400 || e.status === 401)) {
    return make(`Google rejected the service-account credentials: ${e.apiMessage}`, CREDENTIALS_FIX);
  }
  if (e.status === 401) return make(`bad credentials, ${at}`, CREDENTIALS_FIX);
  if (e.status === 403) {
    return make(
      `missing permission, ${at}`,
      `Grant the service account the "Firebase App Distribution Admin" role (roles/firebaseappdistro.admin) in Google Cloud console > IAM for project ${s.projectNumber}, and make sure the Firebase App Distribution API is enabled.`,
    );
  }
  if (e.status === 404 && (e.label === 'upload' || e.label === 'aab info')) {
    return make(
      `app ${s.appId} not found, ${at}`,
      'Check AKC_DELIVERY_FIREBASE_APP_ID / android.firebase_app_id (Firebase console > Project settings > Your apps) and open App Distribution once in the Firebase console for this app.',
    );
  }
  if (isTesterLimit(e)) return make(`tester limit reached, ${at}`, TESTER_LIMIT_FIX);
  if (e.status === 400 && /group/i.test(e.apiMessage)) {
    return make(
      `unknown tester group, ${at}`,
      'Create the group in Firebase console > App Distribution > Testers & Groups, or fix AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS / android.firebase_app_distribution_groups (use group aliases, which are case-sensitive, not display names).',
    );
  }
  if (e.network || e.status === 429 || e.status >= 500) {
    return make(
      `Firebase stayed unavailable, ${at}`,
      'Retries ran out; run the wave again later (it resumes where it stopped).',
    );
  }
  return make(at, 'Fix the request named above, then run the wave again (it resumes where it stopped).');
}

/** Map any failure to an AkcError (ELANE) with a reason and a fix. */
export function toAkcError(e: unknown, s: ErrorScope): AkcError {
  if (isAkcError(e)) return e;
  if (e instanceof ApiError) return fromApi(e, s);
  return akcError(
    'ELANE',
    {
      lane: s.lane,
      reason: `unexpected failure: ${(e as Error)?.message ?? String(e)}`,
      hint: 'Run the wave again; it resumes where it stopped.',
    },
    e,
  );
}
