import { preflightJob, type LaneContext, type PreflightReport } from '@akc/core';

/**
 * The control plane's fail-closed preflight for the ios:store job (the same requirement table that
 * decides the delivery's preflight), with enforcement always on. Local facts only, no network.
 */
export function preflightIosStore(ctx: LaneContext): PreflightReport {
  return preflightJob(ctx, 'ios', 'store');
}
