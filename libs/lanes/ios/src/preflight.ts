import type { LaneContext, PreflightProblem, PreflightReport } from '@akc/core';
import { chooseIosMethod } from './choose-method';
import type { IosLaneOptions } from './options';
import { checkEas, checkPrebuilt, checkXcodebuild, type Findings } from './preflight-checks';
import { IOS_PREBUILT_ENV, resolvePrebuiltSource } from './prebuilt-source';

const VERSION = /^\d+(\.\d+){0,2}$/;

/**
 * Local facts only (files, PATH, config); never runs a tool or touches the network. Reports every
 * problem of the chosen method at once, each with a fix, plus warnings that do not block.
 */
export async function preflightIos(ctx: LaneContext<IosLaneOptions>): Promise<PreflightReport> {
  const choice = chooseIosMethod(ctx);
  const problems: PreflightProblem[] = [...checkVersions(ctx)];
  const warnings: string[] = [];
  if (!choice.available) {
    problems.push({
      id: 'ios.method_unavailable',
      reason: choice.reason,
      fix:
        `Pick one: set ${IOS_PREBUILT_ENV} (or lanes.ios.prebuilt_path) to a built .ipa; run on a Mac with Xcode and ` +
        'an ios/ workspace; or add eas.json (`eas build:configure`) and install eas-cli (npm install -g eas-cli).',
    });
    return { problems, warnings };
  }
  const input = { projectDir: ctx.projectDir, options: ctx.options, env: ctx.env };
  const found: Findings =
    choice.method === 'eas'
      ? checkEas(input)
      : choice.method === 'xcodebuild'
        ? checkXcodebuild(input)
        : checkPrebuilt(input);
  if (choice.method !== 'prebuilt' && resolvePrebuiltSource(ctx.projectDir, ctx.options, ctx.env)) {
    warnings.push(`a prebuilt .ipa is named but lanes.ios.method is "${choice.method}", so it is ignored.`);
  }
  return { problems: [...problems, ...found.problems], warnings: [...warnings, ...found.warnings] };
}

function checkVersions(ctx: LaneContext<IosLaneOptions>): PreflightProblem[] {
  const { ios_marketing_version: mv, ios_build_number: bn } = ctx.versions;
  const out: PreflightProblem[] = [];
  if (!VERSION.test(mv)) {
    out.push({
      id: 'ios.marketing_version_invalid',
      reason: `marketing version "${mv}" is not 1-3 integers`,
      fix: 'Use a delivery version such as 1.4.0.',
    });
  }
  if (!VERSION.test(bn)) {
    out.push({
      id: 'ios.build_number_invalid',
      reason: `build number "${bn}" is not 1-3 integers`,
      fix: 'Use a numeric build number (CFBundleVersion).',
    });
  }
  return out;
}
