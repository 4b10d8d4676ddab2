import {
  loadOperatorPrereqs,
  probeRepo,
  runAdapterPreflight,
  type LaneContext,
  type Lane,
  type Platform,
  type PreflightReport,
} from '@akc/core';

/**
 * Run the control plane's fail-closed preflight for this one job: the same requirement table that
 * decides the delivery's preflight and human inputs, so the lane and the delivery never disagree.
 */
export function preflightJob(ctx: LaneContext, platform: Platform, lane: Lane): PreflightReport {
  const result = runAdapterPreflight({
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
  return {
    problems: result.issues.map((i, n) => ({
      id: `${i.adapter_kind}.${n + 1}`,
      reason: i.reason,
      fix: i.fix,
    })),
    warnings: result.warnings,
  };
}
