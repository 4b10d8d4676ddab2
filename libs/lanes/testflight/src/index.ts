import { defineLane, type LaneContext, type PreflightReport } from '@akc/core';
import { dispatchTestflight } from './dispatch';
import { parseTestflightOptions } from './options';
import { pollTestflight } from './poll';
import { preflightJob } from './preflight';

/**
 * TestFlight (App Store Connect API): iOS beta to named testers.
 *
 * Preflight checks the local facts the provider client needs and never calls the provider.
 * Dispatch uploads the .ipa (streamed), waits for processing (bounded, resumable), puts the build
 * in the beta group, submits external groups for beta app review and invites each recipient;
 * poll reports processing, review and per-tester install state. Options arrive raw from
 * `.akc/config.json` and are parsed (`parseOptions`) at the start of every step.
 *
 * @example
 * import { testflightLane } from '@akc/lane-testflight';
 * const receipt = await testflightLane.dispatch!(ctx); // ctx: a DispatchContext from @akc/core
 */
export const testflightLane = defineLane({
  apiVersion: 1,
  id: 'ios:beta',
  kind: 'distribution',
  platform: 'ios',
  lane: 'beta',
  version: '0.1.0',
  description: 'TestFlight (App Store Connect API): iOS beta to named testers',
  parseOptions: (raw) => parseTestflightOptions(raw),
  preflight: (ctx: LaneContext): Promise<PreflightReport> =>
    Promise.resolve(preflightJob(ctx, 'ios', 'beta')),
  dispatch: (ctx) => dispatchTestflight(ctx),
  poll: (ctx) => pollTestflight(ctx),
});

export default testflightLane;
export { parseTestflightOptions, type TestflightOptions, type AscRetryOptions } from './options';
export { INSTALL_STATES } from './poll';
export { TESTFLIGHT_LEDGER_KEYS } from './dispatch';
export type { RecipientLedgerState } from './recipients';
