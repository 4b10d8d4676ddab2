import { statSync } from 'node:fs';
import { akcError, copyFileStreamed } from '@akc/core';
import type { BuildOutcome, ExecuteContext } from './build-outcome';
import type { AndroidBuildPlan } from './build-plan';
import { checkPrebuiltFile } from './check-prebuilt';
import { ANDROID_AAB_ENV, ANDROID_APK_ENV } from './prebuilt-source';

/** Verify the operator's .aab/.apk (exists, extension, zip) and copy it, streamed, into the packaging folder. */
export async function executePrebuilt(ctx: ExecuteContext, plan: AndroidBuildPlan): Promise<BuildOutcome> {
  const source = plan.prebuilt;
  if (!source) {
    throw akcError('EPACKAGING', {
      platform: 'android',
      reason: 'method is prebuilt but no file was named',
      hint: `Set lanes.android.prebuilt_path, ${ANDROID_AAB_ENV} or ${ANDROID_APK_ENV}.`,
    });
  }
  const problem = checkPrebuiltFile(source.path);
  if (problem)
    throw akcError('EPACKAGING', {
      platform: 'android',
      reason: `${source.from}: ${problem.reason}`,
      hint: problem.fix,
    });
  await copyFileStreamed(source.path, plan.artifact.path, ctx.signal);
  return {
    path: plan.artifact.path,
    toolDurationMs: 0,
    outputs: {
      prebuilt_source: source.path,
      prebuilt_from: source.from,
      prebuilt_mtime_ms: statSync(source.path).mtimeMs,
    },
  };
}
