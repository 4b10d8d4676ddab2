import { defineLane, type LaneContext, type PreflightReport } from '@akc/core';
import { preflightJob } from './preflight';

/**
 * TestFlight (App Store Connect API): iOS beta to named testers.
 *
 * Preflight checks exactly the local facts the provider client needs (credentials, app ids,
 * groups) and never calls the provider. Dispatch arrives with the distribution release; until
 * then this lane is preflight-only and `akc deliver lanes` lists it as such.
 */
export const testflightLane = defineLane({
  apiVersion: 1,
  id: 'ios:beta',
  kind: 'distribution',
  platform: 'ios',
  lane: 'beta',
  version: '0.1.0',
  description: 'TestFlight (App Store Connect API): iOS beta to named testers',
  preflight: (ctx: LaneContext): Promise<PreflightReport> =>
    Promise.resolve(preflightJob(ctx, 'ios', 'beta')),
});

export default testflightLane;
