import { defineLane, preflightJob, type LaneContext, type PreflightReport } from '@akc/core';
import { dispatchPlay } from './dispatch';
import { LANE_ID } from './lane-id';
import { pollPlay } from './poll';

/**
 * Google Play (edits, tracks, staged rollout): Android store release.
 *
 * Preflight checks exactly the local facts the provider client needs (credentials, app ids) and
 * never calls the provider. Dispatch opens an edit, streams the bundle up once, writes the track
 * (staged rollout by default), validates and commits, resumably through the job ledger; poll reads
 * the release state. The Google SDKs load only inside dispatch/poll.
 */
export const playLane = defineLane({
  apiVersion: 1,
  id: LANE_ID,
  kind: 'distribution',
  platform: 'android',
  lane: 'store',
  version: '0.1.0',
  description: 'Google Play (edits, tracks, staged rollout): Android store release',
  preflight: (ctx: LaneContext): Promise<PreflightReport> =>
    Promise.resolve(preflightJob(ctx, 'android', 'store')),
  dispatch: dispatchPlay,
  poll: pollPlay,
});

export default playLane;
export { parsePlayOptions, type PlayOptions, type ReleaseStatus, type RetrySettings } from './options';
export { LANE_ID } from './lane-id';
