import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { akcError } from '@akc/core';
import type { BuildOutcome, ExecuteContext } from './build-outcome';
import { toolTimeoutMs } from './build-outcome';
import type { IosBuildPlan, IosVersions } from './build-plan';
import { copyFileStreamed } from './copy-file';
import { downloadHttps } from './download-https';
import { parseEasBuilds, type EasBuild } from './eas-result';
import { runStep } from './run-step';

const HINT =
  'Run the same `eas build` command by hand in the project folder (see the plan), fix what it reports, then retry. ' +
  'Non-interactive runs need EXPO_TOKEN or a prior `eas login`.';

/** Run `eas build --json`, check the build finished with this delivery's versions, and fetch the .ipa. */
export async function executeEas(ctx: ExecuteContext, plan: IosBuildPlan): Promise<BuildOutcome> {
  const step = plan.steps[0];
  if (!step) throw akcError('EPACKAGING', { platform: 'ios', reason: 'the EAS plan has no command' });
  const result = await runStep(ctx, step, HINT, toolTimeoutMs(ctx.options));
  const builds = parseEasBuilds(result.stdout);
  const build = builds.find((b) => b.platform?.toUpperCase() === 'IOS') ?? builds[0] ?? null;
  if (build?.status && build.status !== 'FINISHED') {
    const detail = build.errorMessage ? `: ${build.errorMessage}` : '';
    throw akcError('ETOOL', {
      tool: 'eas',
      reason: `EAS build ${build.id ?? '(no id)'} ended with status ${build.status}${detail}`,
      tail: result.tail,
      hint: build.pageUrl ? `Open ${build.pageUrl} for the full build log.` : HINT,
    });
  }
  if (build) assertVersionsMatch(build, plan.versions);
  await obtainArtifact(ctx, plan, build);
  return {
    path: plan.artifact.path,
    toolDurationMs: result.durationMs,
    outputs: {
      eas_local: ctx.options.eas_local,
      ...(build?.id ? { eas_build_id: build.id } : {}),
      ...(build?.buildUrl || build?.pageUrl ? { eas_build_url: build.pageUrl ?? build.buildUrl } : {}),
      ...(builds.length > 1 ? { eas_build_ids: builds.map((b) => b.id) } : {}),
    },
  };
}

/** A build whose recorded numbers differ from the delivery's would collide or mislead later uploads. */
function assertVersionsMatch(build: EasBuild, v: IosVersions): void {
  const wrong: string[] = [];
  if (build.appVersion && build.appVersion !== v.ios_marketing_version) {
    wrong.push(`version ${build.appVersion} (expected ${v.ios_marketing_version})`);
  }
  if (build.appBuildVersion && build.appBuildVersion !== v.ios_build_number) {
    wrong.push(`build number ${build.appBuildVersion} (expected ${v.ios_build_number})`);
  }
  if (wrong.length === 0) return;
  throw akcError('EPACKAGING', {
    platform: 'ios',
    reason: `EAS build ${build.id ?? ''} carries ${wrong.join(' and ')}`,
    hint:
      'Make app.config.js set `version` from process.env.AKC_MARKETING_VERSION and `ios.buildNumber` from ' +
      'process.env.AKC_BUILD_NUMBER, and turn off autoIncrement / remote app versions for this profile.',
  });
}

async function obtainArtifact(
  ctx: ExecuteContext,
  plan: IosBuildPlan,
  build: EasBuild | null,
): Promise<void> {
  const target = plan.artifact.path;
  if (ctx.options.eas_local && existsSync(target)) return;
  const url = build?.archiveUrl ?? null;
  const local =
    url === null ? null : url.startsWith('file:') ? fileURLToPath(url) : isAbsolute(url) ? url : null;
  if (local !== null && existsSync(local)) return copyFileStreamed(local, target, ctx.signal);
  if (url !== null && local === null) return downloadHttps(url, target, ctx.signal);
  throw akcError('EPACKAGING', {
    platform: 'ios',
    reason: ctx.options.eas_local
      ? `eas build --local finished but wrote no .ipa at ${target}`
      : 'eas build finished but its JSON names no artifact (artifacts.applicationArchiveUrl)',
    hint: 'Check the eas.json profile builds an .ipa (not a simulator build), then retry.',
  });
}
