import {
  loadOperatorPrereqs,
  probeRepo,
  runAdapterPreflight,
  type LaneContext,
  type PreflightReport,
} from '@akc/core';

/**
 * The control plane's fail-closed preflight for the ios:store job (the same requirement table that
 * decides the delivery's preflight), with enforcement always on. Local facts only, no network.
 */
export function preflightIosStore(ctx: LaneContext): PreflightReport {
  const result = runAdapterPreflight({
    platforms: ['ios'],
    releaseMode: 'store',
    lanes: ['store'],
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
