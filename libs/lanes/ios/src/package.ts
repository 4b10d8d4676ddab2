import {
  executeBuildPlan,
  executePrebuiltPlan,
  type BuildOutcome,
  type PackageContext,
  type PackageResult,
} from '@akc/core';
import { createIosPlan, type IosBuildPlan } from './build-plan';
import { chooseIosMethod } from './choose-method';
import { executeEas } from './execute-eas';
import { executeXcodebuild } from './execute-xcodebuild';
import type { IosLaneOptions } from './options';
import { IPA_FILE } from './prebuilt-source';
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
  return executeBuildPlan(ctx, plan, {
    platform: 'ios',
    lines: planLines(plan),
    execute: () => executePlan(ctx, plan),
  });
}

function executePlan(ctx: PackageContext<IosLaneOptions>, plan: IosBuildPlan): Promise<BuildOutcome> {
  if (plan.method === 'eas') return executeEas(ctx, plan);
  if (plan.method === 'xcodebuild') return executeXcodebuild(ctx, plan);
  return executePrebuiltPlan(
    'ios',
    plan,
    IPA_FILE,
    'Set lanes.ios.prebuilt_path or AKC_IOS_IPA_PATH to a built .ipa.',
    ctx.signal,
  );
}
