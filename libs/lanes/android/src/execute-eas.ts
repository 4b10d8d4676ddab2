import { akcError, executeEasPlan } from '@akc/core';
import type { BuildOutcome, ExecuteContext } from './build-outcome';
import type { AndroidBuildPlan } from './build-plan';
import { artifactKindOf } from './prebuilt-source';

/** Run `eas build --json`, check the build finished with this delivery's versions, and fetch the artifact. */
export function executeEas(ctx: ExecuteContext, plan: AndroidBuildPlan): Promise<BuildOutcome> {
  const { android_version_name: name, android_version_code: code } = plan.versions;
  return executeEasPlan(ctx, plan, {
    platform: 'android',
    // A versionCode already used is rejected by the stores ("version code already used").
    versions: {
      appVersion: { label: 'versionName', expected: name },
      appBuildVersion: { label: 'versionCode', expected: String(code) },
      hint:
        'Make app.config.js set `version` from process.env.AKC_VERSION_NAME and `android.versionCode` from ' +
        'Number(process.env.AKC_VERSION_CODE), and turn off autoIncrement / remote app versions for this profile.',
    },
    checkUrl: (url) => assertArtifactKind(url, plan),
    missing: 'no file',
    hint: `Check the eas.json profile builds an .${plan.artifact.kind}, then retry.`,
    downloadHint: 'Use lanes.android.eas_local, or download the artifact and pass it as prebuilt_path.',
  });
}

/** EAS built the other kind (.apk for an .aab lane, or the reverse): the profile's buildType disagrees. */
function assertArtifactKind(url: string, plan: AndroidBuildPlan): void {
  const built = artifactKindOf(new URL(url, 'file:///').pathname);
  if (built && built !== plan.artifact.kind) {
    throw akcError('EPACKAGING', {
      platform: 'android',
      reason: `EAS built an .${built} but lanes.android.artifact is ${plan.artifact.kind}`,
      hint: `Set lanes.android.artifact to ${built}, or change the profile's android.buildType in eas.json.`,
    });
  }
}
