/** The `delivery.preflight.completed` event payload (spec §13). */
import { LANES } from '../schemas/constants';
import type { Lane, Platform, ReleaseMode } from '../schemas/common';
import type { PreflightResult } from './adapter-preflight';

/** Per-lane summary; `adapter_kinds` appears only on scheduled lanes. */
export interface LaneSummary {
  applicable: boolean;
  ok: boolean;
  issue_count: number;
  adapter_kinds?: string[];
  reasons: string[];
}

/** Per-platform summary. */
export interface PlatformSummary {
  ok: boolean;
  issue_count: number;
  lanes: Record<Lane, LaneSummary>;
}

/** Payload of `delivery.preflight.completed`. `warnings` is an addition over the original. */
export interface PreflightSummary {
  ok: boolean;
  issue_count: number;
  enforced: boolean;
  release_mode: ReleaseMode;
  platforms: Partial<Record<Platform, PlatformSummary>>;
  warnings: string[];
}

const NOT_APPLICABLE: LaneSummary = { applicable: false, ok: true, issue_count: 0, reasons: [] };

/**
 * Summarise a preflight result per platform and lane. A lane is applicable when the result
 * scheduled a job for it.
 */
export function summarisePreflight(
  result: PreflightResult,
  ctx: { platforms: readonly Platform[]; releaseMode: ReleaseMode },
): PreflightSummary {
  const platforms: Partial<Record<Platform, PlatformSummary>> = {};
  for (const p of new Set(ctx.platforms)) {
    const lanes = { beta: laneSummary(result, p, 'beta'), store: laneSummary(result, p, 'store') };
    const issueCount = LANES.reduce((n, l) => n + lanes[l].issue_count, 0);
    platforms[p] = { ok: issueCount === 0, issue_count: issueCount, lanes };
  }
  return {
    ok: result.issues.length === 0,
    issue_count: result.issues.length,
    enforced: result.enforced,
    release_mode: ctx.releaseMode,
    platforms,
    warnings: [...result.warnings],
  };
}

function laneSummary(result: PreflightResult, platform: Platform, lane: Lane): LaneSummary {
  const jobs = result.jobs.filter((j) => j.platform === platform && j.lane === lane);
  if (jobs.length === 0) return { ...NOT_APPLICABLE, reasons: [] };
  const issues = result.issues.filter((i) => i.platform === platform && i.lane === lane);
  return {
    applicable: true,
    ok: issues.length === 0,
    issue_count: issues.length,
    adapter_kinds: [...new Set(jobs.map((j) => j.adapter_kind))].sort(),
    reasons: issues.map((i) => i.reason),
  };
}
