import { statSync } from 'node:fs';
import { akcError, copyFileStreamed } from '@akc/core';
import type { BuildOutcome, ExecuteContext } from './build-outcome';
import type { IosBuildPlan } from './build-plan';
import { checkPrebuiltFile } from './check-prebuilt';

/** Verify the operator's .ipa (exists, .ipa, zip) and copy it, streamed, into the packaging folder. */
export async function executePrebuilt(ctx: ExecuteContext, plan: IosBuildPlan): Promise<BuildOutcome> {
  const source = plan.prebuilt;
  if (!source) {
    throw akcError('EPACKAGING', {
      platform: 'ios',
      reason: 'method is prebuilt but no file was named',
      hint: 'Set lanes.ios.prebuilt_path or AKC_IOS_IPA_PATH to a built .ipa.',
    });
  }
  const problem = checkPrebuiltFile(source.path);
  if (problem)
    throw akcError('EPACKAGING', {
      platform: 'ios',
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
