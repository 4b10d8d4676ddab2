import {
  executeBuildPlan,
  executePrebuiltPlan,
  type BuildOutcome,
  type PackageContext,
  type PackageResult,
} from '@akc/core';
import { createAndroidPlan, type AndroidBuildPlan } from './build-plan';
import { chooseAndroidMethod } from './choose-method';
import { executeEas } from './execute-eas';
import { executeGradle } from './execute-gradle';
import type { AndroidLaneOptions } from './options';
import { ANDROID_AAB_ENV, ANDROID_APK_ENV, BUNDLE_FILE } from './prebuilt-source';
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
  return executeBuildPlan(ctx, plan, {
    platform: 'android',
    lines: planLines(plan),
    execute: () => executePlan(ctx, plan),
  });
}

function executePlan(ctx: PackageContext<AndroidLaneOptions>, plan: AndroidBuildPlan): Promise<BuildOutcome> {
  if (plan.method === 'eas') return executeEas(ctx, plan);
  if (plan.method === 'gradle') return executeGradle(ctx, plan);
  return executePrebuiltPlan(
    'android',
    plan,
    BUNDLE_FILE,
    `Set lanes.android.prebuilt_path, ${ANDROID_AAB_ENV} or ${ANDROID_APK_ENV}.`,
    ctx.signal,
  );
}
