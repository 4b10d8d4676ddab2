import { loadOperatorPrereqs } from '../../ingest/operator-prereqs';
import { probeRepo } from '../../ingest/repo-probes';
import { runAdapterPreflight } from '../../ingest/adapter-preflight';
import type { Lane, Platform } from '../../schemas/common';
import type { LaneContext, PreflightReport } from '../contract';

/**
 * A distribution lane's preflight: run the control plane's fail-closed preflight for this one job,
 * the same requirement table that decides the delivery's preflight and human inputs, so the lane
 * and the delivery never disagree. The delivery-wide relax/enforce switches do not apply here.
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
