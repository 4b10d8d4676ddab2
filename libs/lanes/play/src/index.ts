import { defineLane, type LaneContext, type PreflightReport } from '@akc/core';
import { preflightJob } from './preflight';

/**
 * Google Play (edits, tracks, staged rollout): Android store release.
 *
 * Preflight checks exactly the local facts the provider client needs (credentials, app ids,
 * groups) and never calls the provider. Dispatch arrives with the distribution release; until
 * then this lane is preflight-only and `akc deliver lanes` lists it as such.
 */
export const playLane = defineLane({
  apiVersion: 1,
  id: 'android:store',
  kind: 'distribution',
  platform: 'android',
  lane: 'store',
  version: '0.1.0',
  description: 'Google Play (edits, tracks, staged rollout): Android store release',
  preflight: (ctx: LaneContext): Promise<PreflightReport> =>
    Promise.resolve(preflightJob(ctx, 'android', 'store')),
});

export default playLane;
