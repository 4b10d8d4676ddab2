import type { Platform } from '../schemas/common';
import type { DeliverySession } from '../schemas/session';
import type { ArtifactFile, ExecutionMode, PreflightProblem } from '../lane/contract';

/** `auto`: execute, falling back to a plan for lanes whose prerequisites are missing (unless enforced). */
export type PackagingMode = 'auto' | 'plan' | 'execute';

/** One platform's packaging outcome, stored in `pipeline.package.outputs.per_platform`. */
export interface PackagingRow {
  platform: Platform;
  ok: boolean;
  lane_id: string;
  lane_version: string | null;
  lane_origin: string | null;
  execution_mode: ExecutionMode | null;
  artifact_authority: 'authoritative' | 'prebuilt' | 'plan_only' | null;
  distribution_ready: boolean;
  artifacts: ArtifactFile[];
  outputs: Record<string, unknown>;
  deploy: { hosting_url: string | null; method: string; detail?: string } | null;
  plan: string[] | null;
  problems: PreflightProblem[];
  warnings: string[];
  fallback_reason: string | null;
  error: string | null;
  duration_ms: number;
}

/** The stored packaging row of one platform, if packaging produced one. */
export function packagingRow(session: DeliverySession, platform: Platform): PackagingRow | undefined {
  const rows = session.pipeline.package.outputs?.per_platform as
    Partial<Record<Platform, PackagingRow>> | undefined;
  return rows?.[platform];
}

export type PackagingJourney = 'executed_distribution' | 'inspectable_plan' | 'blocked' | 'failed';

export interface PackagingResult {
  ok: boolean;
  journey: PackagingJourney;
  mode: PackagingMode;
  enforced: boolean;
  per_platform: Partial<Record<Platform, PackagingRow>>;
  provider_versions: Record<string, unknown> | null;
  preflight_issues: Array<{ platform: Platform; id: string; reason: string; fix: string }>;
  error: string | null;
}
