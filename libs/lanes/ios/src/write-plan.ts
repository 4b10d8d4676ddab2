import { planCommandLines, writePlanFile, type PackageContext, type PackageResult } from '@akc/core';
import type { IosBuildPlan } from './build-plan';
import type { IosLaneOptions } from './options';

/** The display lines of a plan: each command, or the copy of a prebuilt file. */
export function planLines(plan: IosBuildPlan): string[] {
  return planCommandLines(plan, '<missing prebuilt .ipa>');
}

/**
 * Plan mode: write `<workDir>/plan.json` (exact argv, cwd, added env, expected artifact, the
 * preflight problems) and run nothing. The result is `plan_only` and never distribution-ready.
 */
export function writePlan(
  ctx: PackageContext<IosLaneOptions>,
  plan: IosBuildPlan,
  laneVersion: string,
): Promise<PackageResult> {
  const extra = { export_dir: plan.export_dir };
  return writePlanFile(ctx, { lane: 'ios', laneVersion, plan, lines: planLines(plan), extra });
}
