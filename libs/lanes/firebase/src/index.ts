import { defineLane, type LaneContext, type PreflightReport } from '@akc/core';
import { preflightJob } from './preflight';

/**
 * Firebase App Distribution: Android beta to named testers.
 *
 * Preflight checks exactly the local facts the provider client needs (credentials, app ids,
 * groups) and never calls the provider. Dispatch arrives with the distribution release; until
 * then this lane is preflight-only and `akc deliver lanes` lists it as such.
 */
export const firebaseLane = defineLane({
  apiVersion: 1,
  id: 'android:beta',
  kind: 'distribution',
  platform: 'android',
  lane: 'beta',
  version: '0.1.0',
  description: 'Firebase App Distribution: Android beta to named testers',
  preflight: (ctx: LaneContext): Promise<PreflightReport> =>
    Promise.resolve(preflightJob(ctx, 'android', 'beta')),
});

export default firebaseLane;
