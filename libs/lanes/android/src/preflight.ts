import type { LaneContext, PreflightProblem, PreflightReport } from '@akc/core';
import { chooseAndroidMethod } from './choose-method';
import type { AndroidLaneOptions } from './options';
import { checkEas, checkGradle, checkPrebuilt, type Findings } from './preflight-checks';
import { ANDROID_AAB_ENV, resolvePrebuiltSource } from './prebuilt-source';

/** Google Play's upper bound for versionCode. */
const MAX_VERSION_CODE = 2_100_000_000;

/**
 * Local facts only (files, PATH, config); never runs a tool or touches the network. Reports every
 * problem of the chosen method at once, each with a fix, plus warnings that do not block.
 */
export async function preflightAndroid(ctx: LaneContext<AndroidLaneOptions>): Promise<PreflightReport> {
  const choice = chooseAndroidMethod(ctx);
  const problems: PreflightProblem[] = [...checkVersions(ctx)];
  const warnings: string[] = [];
  if (!choice.available) {
    problems.push({
      id: 'android.method_unavailable',
      reason: choice.reason,
      fix:
        `Pick one: set ${ANDROID_AAB_ENV} (or lanes.android.prebuilt_path) to a built .aab; add the Gradle wrapper ` +
        '(`npx expo prebuild -p android` or `gradle wrapper` in android/); or add eas.json and install eas-cli.',
    });
    return { problems, warnings };
  }
  const input = { projectDir: ctx.projectDir, options: ctx.options, env: ctx.env };
  const found: Findings =
    choice.method === 'eas'
      ? checkEas(input)
      : choice.method === 'gradle'
        ? checkGradle(input)
        : checkPrebuilt(input);
  if (choice.method !== 'prebuilt' && resolvePrebuiltSource(ctx.projectDir, ctx.options, ctx.env)) {
    warnings.push(
      `a prebuilt file is named but lanes.android.method is "${choice.method}", so it is ignored.`,
    );
  }
  return { problems: [...problems, ...found.problems], warnings: [...warnings, ...found.warnings] };
}

function checkVersions(ctx: LaneContext<AndroidLaneOptions>): PreflightProblem[] {
  const { android_version_code: code, android_version_name: name } = ctx.versions;
  const out: PreflightProblem[] = [];
  if (!Number.isInteger(code) || code < 1 || code > MAX_VERSION_CODE) {
    out.push({
      id: 'android.version_code_invalid',
      reason: `versionCode ${code} is outside 1-${MAX_VERSION_CODE}`,
      fix: 'Use a delivery version whose build code fits Google Play limits.',
    });
  }
  if (name.trim() === '' || /\s/.test(name)) {
    out.push({
      id: 'android.version_name_invalid',
      reason: `versionName "${name}" is empty or has spaces`,
      fix: 'Use a delivery version such as 1.4.0.',
    });
  }
  return out;
}
