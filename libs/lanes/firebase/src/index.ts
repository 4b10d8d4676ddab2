import {
  defineLane,
  preflightJob,
  type DispatchContext,
  type DispatchReceipt,
  type LaneContext,
  type PollContext,
  type PollResult,
  type PreflightReport,
} from '@akc/core';
import { dispatchFirebase } from './dispatch';
import { parseFirebaseOptions } from './options';
import { pollFirebase } from './poll';

/**
 * Firebase App Distribution: Android beta to named testers.
 *
 * Preflight checks exactly the local facts the provider client needs (credentials, app ids,
 * groups) and never calls the provider. Dispatch streams the APK/AAB up, polls the long-running
 * operation, sets release notes and distributes to the recipients' e-mails and the configured
 * groups, resumably through the job's ledger. Poll reports tester activity after the invite.
 */
export const firebaseLane = defineLane({
  apiVersion: 1,
  id: 'android:beta',
  kind: 'distribution',
  platform: 'android',
  lane: 'beta',
  version: '0.1.0',
  description: 'Firebase App Distribution: Android beta to named testers',
  parseOptions: (raw: unknown) => parseFirebaseOptions(raw),
  preflight: (ctx: LaneContext): Promise<PreflightReport> =>
    Promise.resolve(preflightJob(ctx, 'android', 'beta')),
  dispatch: (ctx: DispatchContext): Promise<DispatchReceipt> => dispatchFirebase(ctx),
  poll: (ctx: PollContext): Promise<PollResult> => pollFirebase(ctx),
});

export default firebaseLane;
export { parseFirebaseOptions, type FirebaseLaneOptions, type RetryOptions } from './options';
export { KEYS as LEDGER_KEYS, type RecipientRecord } from './ledger-state';
