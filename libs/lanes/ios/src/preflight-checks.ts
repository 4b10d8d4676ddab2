import { existsSync } from 'node:fs';
import {
  checkEasProject,
  checkPrebuiltFile,
  findExecutable,
  type Env,
  type PreflightFindings as Findings,
} from '@akc/core';
import { locateExportOptions, locateXcodeContainer } from './locate-xcode';
import type { IosLaneOptions } from './options';
import { IOS_PREBUILT_ENV, IPA_FILE, resolvePrebuiltSource } from './prebuilt-source';

/** Problems and warnings from one group of local checks. */
export type { Findings };

/** The facts every check reads. */
export interface CheckInput {
  readonly projectDir: string;
  readonly options: IosLaneOptions;
  readonly env: Env;
}

/** EAS: eas on PATH, eas.json with the profile; warnings about version injection and login. */
export function checkEas({ projectDir, options, env }: CheckInput): Findings {
  return checkEasProject({
    projectDir,
    env,
    platform: 'ios',
    profile: options.eas_profile,
    local: options.eas_local,
    buildNumberEnv: 'AKC_BUILD_NUMBER',
    versionNameEnv: 'AKC_MARKETING_VERSION',
    buildNumberKey: 'ios.buildNumber',
    remoteEnvLabel: 'AKC_MARKETING_VERSION/AKC_BUILD_NUMBER',
  });
}

/** xcodebuild: on PATH, a workspace/project, ExportOptions.plist. */
export function checkXcodebuild({ projectDir, options, env }: CheckInput): Findings {
  const out: Findings = { problems: [], warnings: [] };
  if (!findExecutable('xcodebuild', env)) {
    out.problems.push({
      id: 'ios.xcodebuild_not_found',
      reason: 'xcodebuild is not on PATH',
      fix: 'Run on macOS with Xcode installed (xcode-select --install), or use method eas or prebuilt.',
    });
  }
  const container = locateXcodeContainer(projectDir, options);
  const configured = options.workspace ?? options.project;
  if (!container) {
    out.problems.push({
      id: 'ios.xcode_project_missing',
      reason: configured
        ? `${configured} does not exist`
        : 'no .xcworkspace or .xcodeproj in ios/ or the project folder',
      fix: 'Set lanes.ios.workspace (or project) to the Xcode workspace, or run `npx expo prebuild` first.',
    });
  } else if (!container.schemeFromOption) {
    out.warnings.push(
      `using scheme "${container.scheme}" (the ${container.flag.slice(1)} name); set lanes.ios.scheme if it differs.`,
    );
  }
  const plist = locateExportOptions(projectDir, options);
  if (!plist || !existsSync(plist)) {
    out.problems.push({
      id: 'ios.export_options_missing',
      reason: plist
        ? `${plist} does not exist`
        : 'no ExportOptions.plist (lanes.ios.export_options_plist, or ios/ExportOptions.plist)',
      fix: 'Export once from Xcode Organizer and keep its ExportOptions.plist, then set lanes.ios.export_options_plist.',
    });
  }
  return out;
}

/** prebuilt: a file is named and is a valid .ipa. */
export function checkPrebuilt({ projectDir, options, env }: CheckInput): Findings {
  const source = resolvePrebuiltSource(projectDir, options, env);
  if (!source) {
    const fix = `Set lanes.ios.prebuilt_path or ${IOS_PREBUILT_ENV} to a built .ipa.`;
    return {
      problems: [{ id: 'ios.prebuilt_missing', reason: 'method is prebuilt but no .ipa is named', fix }],
      warnings: [],
    };
  }
  const problem = checkPrebuiltFile(source.path, IPA_FILE);
  return {
    problems: problem
      ? [{ id: 'ios.prebuilt_invalid', reason: `${source.from}: ${problem.reason}`, fix: problem.fix }]
      : [],
    warnings: [],
  };
}
