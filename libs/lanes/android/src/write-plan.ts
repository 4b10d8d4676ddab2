import { planCommandLines, writePlanFile, type PackageContext, type PackageResult } from '@akc/core';
import type { AndroidBuildPlan } from './build-plan';
import type { AndroidLaneOptions } from './options';

/** The display lines of a plan: each command, or the copy of a prebuilt file. */
export function planLines(plan: AndroidBuildPlan): string[] {
  return planCommandLines(plan, '<missing prebuilt file>');
}

/**
 * Plan mode: write `<workDir>/plan.json` (exact argv, cwd, added env, expected artifact, the
 * Gradle outputs, the preflight problems) and run nothing. The result is `plan_only`.
 */
export function writePlan(
  ctx: PackageContext<AndroidLaneOptions>,
  plan: AndroidBuildPlan,
  laneVersion: string,
): Promise<PackageResult> {
  const extra = { gradle_outputs: plan.gradle_outputs };
  return writePlanFile(ctx, { lane: 'android', laneVersion, plan, lines: planLines(plan), extra });
}
