import {
  LANE_API_VERSION,
  defineLane,
  type LaneContext,
  type PollResult,
  type PreflightReport,
} from '@akc/core';
import { WEB_LANE_VERSION } from '../version';
import { dispatchWebStore } from './dispatch-store';
import { parseWebDistributionOptions, type WebDistributionOptions } from './options';
import { preflightWebDistribution } from './preflight';

/**
 * `web:store`: publishing to the production URL is the web's store release. Runs
 * `publish_command` once per bundle, then invites every web recipient against the production URL
 * like `web:beta`. With manual store submit it only stages (no publish, no invites).
 *
 * @example
 * const receipt = await webStoreLane.dispatch!({ ...ctx, lane: 'store', artifact, recipients, execute: true, storeSubmit: 'auto', ledger, invites, resend: false });
 * // receipt.status === 'submitted', receipt.submitted === true
 */
export const webStoreLane = defineLane<WebDistributionOptions>({
  apiVersion: LANE_API_VERSION,
  id: 'web:store',
  kind: 'distribution',
  platform: 'web',
  lane: 'store',
  version: WEB_LANE_VERSION,
  description: 'Web store: publish to the production URL, then signed invite links per recipient',
  parseOptions: (raw) => parseWebDistributionOptions('store', raw),
  preflight: (ctx: LaneContext<WebDistributionOptions>): Promise<PreflightReport> =>
    Promise.resolve(preflightWebDistribution(ctx, 'store')),
  dispatch: dispatchWebStore,
  /** The web has no provider review or install signal; opens come from `akc deliver web-invite-open`. */
  poll: (): Promise<PollResult> => Promise.resolve({}),
});
