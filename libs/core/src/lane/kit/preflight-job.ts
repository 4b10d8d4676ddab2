import { loadOperatorPrereqs } from '../../ingest/operator-prereqs';
import { probeRepo } from '../../ingest/repo-probes';
import { runAdapterPreflight, type PreflightResult } from '../../ingest/adapter-preflight';
import type { Lane, Platform } from '../../schemas/common';
import type { LaneContext, PreflightReport } from '../contract';

/**
 * The control plane's fail-closed preflight for one job (the same requirement table that decides
 * the delivery's preflight and human inputs), with the delivery-wide relax/enforce switches
 * removed: a lane always checks for real. Returns the raw issues for lanes that refine them.
 */
export function jobPreflightIssues(
  ctx: LaneContext<unknown>,
  platform: Platform,
  lane: Lane,
): PreflightResult {
  return runAdapterPreflight({
    platforms: [platform],
    releaseMode: lane,
    lanes: [lane],
    prereqs: loadOperatorPrereqs(ctx.projectDir),
    probes: probeRepo(ctx.projectDir),
    env: {
      ...ctx.env,
      AKC_DELIVERY_RELAX_ADAPTER_PREFLIGHT: undefined,
      AKC_DELIVERY_ENFORCE_ADAPTER_PREFLIGHT: undefined,
    },
    tenantId: ctx.delivery.tenantId,
    repoId: ctx.delivery.repoId,
    cwd: ctx.projectDir,
  });
}

/**
 * A distribution lane's preflight: {@link jobPreflightIssues} as a lane report, so the lane and the
 * delivery never disagree.
 */
export function preflightJob(ctx: LaneContext, platform: Platform, lane: Lane): PreflightReport {
  const result = jobPreflightIssues(ctx, platform, lane);
  return {
    problems: result.issues.map((i, n) => ({
      id: `${i.adapter_kind}.${n + 1}`,
      reason: i.reason,
      fix: i.fix,
    })),
    warnings: result.warnings,
  };
}
