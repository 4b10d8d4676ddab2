import { executeEasPlan } from '@akc/core';
import type { BuildOutcome, ExecuteContext } from './build-outcome';
import type { IosBuildPlan } from './build-plan';

/** Run `eas build --json`, check the build finished with this delivery's versions, and fetch the .ipa. */
export function executeEas(ctx: ExecuteContext, plan: IosBuildPlan): Promise<BuildOutcome> {
  const { ios_marketing_version: version, ios_build_number: buildNumber } = plan.versions;
  return executeEasPlan(ctx, plan, {
    platform: 'ios',
    versions: {
      appVersion: { label: 'version', expected: version },
      appBuildVersion: { label: 'build number', expected: buildNumber },
      hint:
        'Make app.config.js set `version` from process.env.AKC_MARKETING_VERSION and `ios.buildNumber` from ' +
        'process.env.AKC_BUILD_NUMBER, and turn off autoIncrement / remote app versions for this profile.',
    },
    missing: 'no .ipa',
    hint: 'Check the eas.json profile builds an .ipa (not a simulator build), then retry.',
    downloadHint: 'Use lanes.ios.eas_local, or download the .ipa and pass it as prebuilt_path.',
  });
}
