import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { akcError } from '../../errors/akc-error';
import type { Platform } from '../../schemas/common';
import type { ArtifactKind, PackageContext, PackageResult } from '../contract';
import { hashFile } from './hash-file';
import { renderCommand, type ToolStep } from './tool-step';

/** The platform-independent part of a build lane's plan (what plan.json and the receipt record). */
export interface BuildPlanBase {
  readonly method: string;
  readonly method_reason: string;
  readonly method_available: boolean;
  readonly steps: readonly ToolStep[];
  readonly prebuilt: { readonly path: string } | null;
  readonly artifact: { readonly kind: ArtifactKind; readonly path: string };
  readonly versions: object;
}

/** What an executed method hands back: the artifact in workDir and what to record. */
export interface BuildOutcome {
  readonly path: string;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly toolDurationMs: number;
  /** False when the artifact cannot be distributed as is (an unsigned APK). @default true */
  readonly distributionReady?: boolean;
}

/** The display lines of a plan: each command, or the copy of a prebuilt file (`missingPrebuilt` when unnamed). */
export function planCommandLines(plan: BuildPlanBase, missingPrebuilt: string): string[] {
  if (plan.method === 'prebuilt')
    return [`copy ${plan.prebuilt?.path ?? missingPrebuilt} ${plan.artifact.path}`];
  return plan.steps.map((s) => renderCommand(s.argv));
}

/** What `writePlanFile` writes. */
export interface PlanFileInput {
  /** The lane id recorded in plan.json. */
  readonly lane: string;
  readonly laneVersion: string;
  readonly plan: BuildPlanBase;
  /** The display lines (`planCommandLines`). */
  readonly lines: readonly string[];
  /** Platform fields recorded after `expected_artifact` (e.g. export_dir). */
  readonly extra: Readonly<Record<string, unknown>>;
}

/**
 * Plan mode: write `<workDir>/plan.json` (exact argv, cwd, added env, expected artifact, the
 * preflight problems) and run nothing. The result is `plan_only` and never distribution-ready.
 */
export async function writePlanFile(
  ctx: Pick<PackageContext<unknown>, 'workDir' | 'now' | 'preflight'>,
  input: PlanFileInput,
): Promise<PackageResult> {
  const { plan, lines } = input;
  const path = join(ctx.workDir, 'plan.json');
  writeFileSync(`${path}.partial`, `${JSON.stringify(planDocument(ctx, input), null, 2)}\n`);
  renameSync(`${path}.partial`, path);
  const { sha256, bytes } = await hashFile(path);
  return {
    execution_mode: 'plan',
    artifact_authority: 'plan_only',
    distribution_ready: false,
    artifacts: [{ kind: 'plan', path, bytes, sha256 }],
    outputs: {
      method: plan.method,
      method_reason: plan.method_reason,
      command: lines.join(' && '),
      versions: plan.versions,
      tool_duration_ms: 0,
      plan_path: path,
    },
    plan: [...lines],
  };
}

/** The plan.json body: enough to run the build by hand, and to see why it was not run. */
function planDocument(ctx: Pick<PackageContext<unknown>, 'now' | 'preflight'>, input: PlanFileInput): object {
  const { plan } = input;
  return {
    kind: 'akc.packaging_plan',
    version: 1,
    lane: input.lane,
    lane_version: input.laneVersion,
    created_at: new Date(ctx.now()).toISOString(),
    method: plan.method,
    method_reason: plan.method_reason,
    method_available: plan.method_available,
    steps: plan.steps.map((s) => ({
      tool: s.tool,
      argv: s.argv,
      cwd: s.cwd,
      env_added: s.env,
      inherits_env: true,
    })),
    prebuilt: plan.prebuilt,
    expected_artifact: plan.artifact,
    ...input.extra,
    versions: plan.versions,
    preflight_problems: ctx.preflight.problems,
    note: 'plan only: nothing was built; this output is never distributed',
  };
}

/** How `executeBuildPlan` runs a plan. */
export interface ExecutePlanInput {
  readonly platform: Platform;
  /** The display lines (`planCommandLines`), recorded as `outputs.command`. */
  readonly lines: readonly string[];
  /** Run the plan's method; the artifact must be in workDir when it resolves. */
  readonly execute: () => Promise<BuildOutcome>;
}

/**
 * Execute mode, fail closed: refuse (EPACKAGING) when preflight reported problems or the method is
 * unavailable, then run the method and return the hashed artifact. The runner, not the lane, falls back to plan.
 */
export async function executeBuildPlan(
  ctx: Pick<PackageContext<unknown>, 'preflight' | 'log'>,
  plan: BuildPlanBase,
  input: ExecutePlanInput,
): Promise<PackageResult> {
  assertPlanExecutable(ctx, plan, input.platform);
  ctx.log(`building with ${plan.method} (${plan.method_reason})`);
  const outcome = await input.execute();
  const { sha256, bytes } = await hashFile(outcome.path);
  ctx.log(`built ${outcome.path} (${bytes} bytes, sha256 ${sha256.slice(0, 12)}…)`);
  return {
    execution_mode: 'execute',
    artifact_authority: plan.method === 'prebuilt' ? 'prebuilt' : 'authoritative',
    distribution_ready: outcome.distributionReady ?? true,
    artifacts: [{ kind: plan.artifact.kind, path: outcome.path, bytes, sha256 }],
    outputs: {
      method: plan.method,
      method_reason: plan.method_reason,
      command: input.lines.join(' && '),
      versions: plan.versions,
      tool_duration_ms: outcome.toolDurationMs,
      ...outcome.outputs,
    },
  };
}

function assertPlanExecutable(
  ctx: Pick<PackageContext<unknown>, 'preflight'>,
  plan: BuildPlanBase,
  platform: Platform,
): void {
  const problems = ctx.preflight.problems;
  if (plan.method_available && problems.length === 0) return;
  const reasons =
    problems.length > 0 ? problems.map((p) => `${p.reason} (fix: ${p.fix})`) : [plan.method_reason];
  throw akcError('EPACKAGING', {
    platform,
    reason: `cannot execute: ${reasons.join('; ')}`,
    hint: 'Fix the problems above, or run with --packaging-mode plan to write an inspectable plan instead.',
  });
}
