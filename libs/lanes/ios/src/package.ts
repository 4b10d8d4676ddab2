import { hashFile, akcError, type PackageContext, type PackageResult } from '@akc/core';
import type { BuildOutcome } from './build-outcome';
import { createIosPlan, type IosBuildPlan } from './build-plan';
import { chooseIosMethod } from './choose-method';
import { executeEas } from './execute-eas';
import { executePrebuilt } from './execute-prebuilt';
import { executeXcodebuild } from './execute-xcodebuild';
import type { IosLaneOptions } from './options';
import { planLines, writePlan } from './write-plan';

/**
 * Produce the .ipa. `plan` mode writes plan.json and runs nothing. `execute` fails closed: it
 * refuses (EPACKAGING) when preflight reported problems or no method is available, then runs the
 * method and returns the hashed .ipa in `ctx.workDir`. The runner, not the lane, falls back to plan.
 */
export async function packageIos(
  ctx: PackageContext<IosLaneOptions>,
  laneVersion: string,
): Promise<PackageResult> {
  const choice = chooseIosMethod(ctx);
  const plan = createIosPlan(ctx, choice);
  if (ctx.mode === 'plan') return writePlan(ctx, plan, laneVersion);
  assertExecutable(ctx, plan);
  ctx.log(`building with ${plan.method} (${plan.method_reason})`);
  const outcome = await executePlan(ctx, plan);
  const { sha256, bytes } = await hashFile(outcome.path);
  ctx.log(`built ${outcome.path} (${bytes} bytes, sha256 ${sha256.slice(0, 12)}…)`);
  return {
    execution_mode: 'execute',
    artifact_authority: plan.method === 'prebuilt' ? 'prebuilt' : 'authoritative',
    distribution_ready: true,
    artifacts: [{ kind: 'ipa', path: outcome.path, bytes, sha256 }],
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

function executePlan(ctx: PackageContext<IosLaneOptions>, plan: IosBuildPlan): Promise<BuildOutcome> {
  if (plan.method === 'eas') return executeEas(ctx, plan);
  if (plan.method === 'xcodebuild') return executeXcodebuild(ctx, plan);
  return executePrebuilt(ctx, plan);
}

function assertExecutable(ctx: PackageContext<IosLaneOptions>, plan: IosBuildPlan): void {
  const problems = ctx.preflight.problems;
  if (plan.method_available && problems.length === 0) return;
  const reasons =
    problems.length > 0 ? problems.map((p) => `${p.reason} (fix: ${p.fix})`) : [plan.method_reason];
  throw akcError('EPACKAGING', {
    platform: 'ios',
    reason: `cannot execute: ${reasons.join('; ')}`,
    hint: 'Fix the problems above, or run with --packaging-mode plan to write an inspectable plan instead.',
  });
}
