import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Env, PreflightProblem } from '@akc/core';
import { checkPrebuiltFile } from './check-prebuilt';
import { findExecutable } from './find-executable';
import { locateExportOptions, locateXcodeContainer } from './locate-xcode';
import type { IosLaneOptions } from './options';
import { IOS_PREBUILT_ENV, resolvePrebuiltSource } from './prebuilt-source';

/** Problems and warnings from one group of local checks. */
export interface Findings {
  problems: PreflightProblem[];
  warnings: string[];
}

/** The facts every check reads. */
export interface CheckInput {
  readonly projectDir: string;
  readonly options: IosLaneOptions;
  readonly env: Env;
}

const APP_CONFIGS = ['app.config.js', 'app.config.ts', 'app.config.mjs', 'app.config.cjs'];

/** EAS: eas on PATH, eas.json with the profile; warnings about version injection and login. */
export function checkEas({ projectDir, options, env }: CheckInput): Findings {
  const out: Findings = { problems: [], warnings: [] };
  if (!findExecutable('eas', env)) {
    out.problems.push({
      id: 'ios.eas_not_found',
      reason: 'eas is not on PATH',
      fix: 'Install it: npm install -g eas-cli',
    });
  }
  const easJson = join(projectDir, 'eas.json');
  const profiles = readEasProfiles(easJson);
  if (profiles === null) {
    out.problems.push({
      id: 'ios.eas_json_missing',
      reason: `${easJson} is missing or not JSON`,
      fix: 'Run `eas build:configure` in the project folder.',
    });
  } else if (!profiles.includes(options.eas_profile)) {
    out.problems.push({
      id: 'ios.eas_profile_missing',
      reason: `eas.json has no build profile "${options.eas_profile}" (has: ${profiles.join(', ') || 'none'})`,
      fix: `Add build.${options.eas_profile} to eas.json or set lanes.ios.eas_profile to one of its profiles.`,
    });
  }
  if (!env.EXPO_TOKEN)
    out.warnings.push(
      'EXPO_TOKEN is not set: non-interactive eas build needs it unless `eas login` was run here.',
    );
  out.warnings.push(...appConfigWarnings(projectDir));
  if (!options.eas_local) {
    out.warnings.push(
      'remote EAS builds evaluate app.config on EAS servers, where AKC_MARKETING_VERSION/AKC_BUILD_NUMBER from this ' +
        'machine are not set; set lanes.ios.eas_local: true, or make the build profile supply the version numbers.',
    );
  }
  return out;
}

function appConfigWarnings(projectDir: string): string[] {
  const config = APP_CONFIGS.map((n) => join(projectDir, n)).find((p) => existsSync(p));
  if (config === undefined) {
    return existsSync(join(projectDir, 'app.json'))
      ? [
          'app.json is static and cannot read AKC_BUILD_NUMBER: add an app.config.js that sets ios.buildNumber from it.',
        ]
      : [];
  }
  const text = readFileSync(config, 'utf8');
  return text.includes('AKC_BUILD_NUMBER') && text.includes('AKC_MARKETING_VERSION')
    ? []
    : [
        `${relative(projectDir, config)} does not read AKC_BUILD_NUMBER and AKC_MARKETING_VERSION: the build keeps its own numbers.`,
      ];
}

function readEasProfiles(path: string): string[] | null {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { build?: unknown };
    return typeof json.build === 'object' && json.build !== null ? Object.keys(json.build) : [];
  } catch {
    return null;
  }
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
  const problem = checkPrebuiltFile(source.path);
  return {
    problems: problem
      ? [{ id: 'ios.prebuilt_invalid', reason: `${source.from}: ${problem.reason}`, fix: problem.fix }]
      : [],
    warnings: [],
  };
}
