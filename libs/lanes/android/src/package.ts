import { akcError, hashFile, type PackageContext, type PackageResult } from '@akc/core';
import type { BuildOutcome } from './build-outcome';
import { createAndroidPlan, type AndroidBuildPlan } from './build-plan';
import { chooseAndroidMethod } from './choose-method';
import { executeEas } from './execute-eas';
import { executeGradle } from './execute-gradle';
import { executePrebuilt } from './execute-prebuilt';
import type { AndroidLaneOptions } from './options';
import { planLines, writePlan } from './write-plan';

/**
 * Produce the .aab/.apk. `plan` mode writes plan.json and runs nothing. `execute` fails closed: it
 * refuses (EPACKAGING) when preflight reported problems or no method is available, then runs the
 * method and returns the hashed artifact in `ctx.workDir`. The runner, not the lane, falls back to plan.
 */
export async function packageAndroid(
  ctx: PackageContext<AndroidLaneOptions>,
  laneVersion: string,
): Promise<PackageResult> {
  const choice = chooseAndroidMethod(ctx);
  const plan = createAndroidPlan(ctx, choice);
  if (ctx.mode === 'plan') return writePlan(ctx, plan, laneVersion);
  assertExecutable(ctx, plan);
  ctx.log(`building with ${plan.method} (${plan.method_reason})`);
  const outcome = await executePlan(ctx, plan);
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
      command: planLines(plan).join(' && '),
      versions: plan.versions,
      tool_duration_ms: outcome.toolDurationMs,
      ...outcome.outputs,
    },
  };
}

function executePlan(ctx: PackageContext<AndroidLaneOptions>, plan: AndroidBuildPlan): Promise<BuildOutcome> {
  if (plan.method === 'eas') return executeEas(ctx, plan);
  if (plan.method === 'gradle') return executeGradle(ctx, plan);
  return executePrebuilt(ctx, plan);
}

function assertExecutable(ctx: PackageContext<AndroidLaneOptions>, plan: AndroidBuildPlan): void {
  const problems = ctx.preflight.problems;
  if (plan.method_available && problems.length === 0) return;
  const reasons =
    problems.length > 0 ? problems.map((p) => `${p.reason} (fix: ${p.fix})`) : [plan.method_reason];
  throw akcError('EPACKAGING', {
    platform: 'android',
    reason: `cannot execute: ${reasons.join('; ')}`,
    hint: 'Fix the problems above, or run with --packaging-mode plan to write an inspectable plan instead.',
  });
}
