import {
  LANE_API_VERSION,
  defineLane,
  type LaneContext,
  type PollResult,
  type PreflightReport,
} from '@akc/core';
import { WEB_LANE_VERSION } from '../version';
import { dispatchWebBeta } from './dispatch-beta';
import { parseWebDistributionOptions, type WebDistributionOptions } from './options';
import { preflightWebDistribution } from './preflight';

/**
 * `web:beta`: per-recipient signed, expiring invite links to the hosted web build, emailed over
 * SMTP when configured, otherwise listed once for the operator. Idempotent: the ledger keeps each
 * recipient's invite state (link hash only) and a re-run never invites twice; a resend does.
 *
 * @example
 * const report = await webBetaLane.preflight!(ctx);
 * const receipt = await webBetaLane.dispatch!({ ...ctx, lane: 'beta', artifact, recipients, execute: true, storeSubmit: 'auto', ledger, invites, resend: false });
 */
export const webBetaLane = defineLane<WebDistributionOptions>({
  apiVersion: LANE_API_VERSION,
  id: 'web:beta',
  kind: 'distribution',
  platform: 'web',
  lane: 'beta',
  version: WEB_LANE_VERSION,
  description:
    'Web beta: signed, expiring invite links per recipient, emailed over SMTP or listed for the operator',
  parseOptions: (raw) => parseWebDistributionOptions('beta', raw),
  preflight: (ctx: LaneContext<WebDistributionOptions>): Promise<PreflightReport> =>
    Promise.resolve(preflightWebDistribution(ctx, 'beta')),
  dispatch: dispatchWebBeta,
  /** The web has no provider install signal; opens are recorded by `akc deliver web-invite-open`. */
  poll: (): Promise<PollResult> => Promise.resolve({}),
});
