import { join } from 'node:path';
import type { LaneVersions, ToolStep } from '@akc/core';
import type { IosBuildMethod, MethodChoice } from './choose-method';
import { locateExportOptions, locateXcodeContainer } from './locate-xcode';
import type { IosLaneOptions } from './options';
import { resolvePrebuiltSource, type PrebuiltSource } from './prebuilt-source';

export type { ToolStep };

/** The version numbers the build must carry. */
export interface IosVersions {
  readonly ios_marketing_version: string;
  readonly ios_build_number: string;
}

/** Everything packaging will do; written as plan.json in plan mode, executed otherwise. */
export interface IosBuildPlan {
  readonly method: IosBuildMethod;
  readonly method_reason: string;
  readonly method_available: boolean;
  readonly steps: readonly ToolStep[];
  readonly prebuilt: PrebuiltSource | null;
  readonly artifact: { readonly kind: 'ipa'; readonly path: string };
  /** xcodebuild only: where `-exportArchive` writes the .ipa. */
  readonly export_dir: string | null;
  readonly versions: IosVersions;
}

/** The facts a plan is made from (a PackageContext satisfies this). */
export interface PlanInput {
  readonly projectDir: string;
  readonly workDir: string;
  readonly options: IosLaneOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly versions: LaneVersions;
}

/** Build the plan for `choice`. Missing facts show up as `<missing: …>` placeholders, never as guesses. */
export function createIosPlan(input: PlanInput, choice: MethodChoice): IosBuildPlan {
  const versions: IosVersions = {
    ios_marketing_version: input.versions.ios_marketing_version,
    ios_build_number: input.versions.ios_build_number,
  };
  const prebuilt =
    choice.method === 'prebuilt' ? resolvePrebuiltSource(input.projectDir, input.options, input.env) : null;
  const fileName = prebuilt
    ? 'app.ipa'
    : `app-${versions.ios_marketing_version}-${versions.ios_build_number}.ipa`;
  const artifactPath = join(input.workDir, prebuilt ? prebuiltName(prebuilt.path) : fileName);
  const env = {
    AKC_MARKETING_VERSION: versions.ios_marketing_version,
    AKC_BUILD_NUMBER: versions.ios_build_number,
  };
  const steps =
    choice.method === 'eas'
      ? [easStep(input, env, artifactPath)]
      : choice.method === 'xcodebuild'
        ? xcodebuildSteps(input, env, versions)
        : [];
  return {
    method: choice.method,
    method_reason: choice.reason,
    method_available: choice.available,
    steps,
    prebuilt,
    artifact: { kind: 'ipa', path: artifactPath },
    export_dir: choice.method === 'xcodebuild' ? join(input.workDir, 'export') : null,
    versions,
  };
}

function easStep(input: PlanInput, env: Record<string, string>, artifactPath: string): ToolStep {
  const argv = ['eas', 'build', '--platform', 'ios', '--profile', input.options.eas_profile];
  argv.push('--non-interactive', '--json', '--wait');
  if (input.options.eas_local) argv.push('--local', '--output', artifactPath);
  return { tool: 'eas', argv, cwd: input.projectDir, env };
}

function xcodebuildSteps(input: PlanInput, env: Record<string, string>, v: IosVersions): ToolStep[] {
  const container = locateXcodeContainer(input.projectDir, input.options);
  const plist =
    locateExportOptions(input.projectDir, input.options) ?? '<missing: lanes.ios.export_options_plist>';
  const archivePath = join(input.workDir, 'App.xcarchive');
  const archive = [
    'xcodebuild',
    container?.flag ?? '-workspace',
    container?.path ?? '<missing: lanes.ios.workspace>',
    '-scheme',
    container?.scheme ?? '<missing: lanes.ios.scheme>',
    '-configuration',
    'Release',
    '-archivePath',
    archivePath,
    'archive',
    `MARKETING_VERSION=${v.ios_marketing_version}`,
    `CURRENT_PROJECT_VERSION=${v.ios_build_number}`,
  ];
  const exportPath = join(input.workDir, 'export');
  const exportArgv = ['xcodebuild', '-exportArchive', '-archivePath', archivePath];
  exportArgv.push('-exportPath', exportPath, '-exportOptionsPlist', plist);
  return [
    { tool: 'xcodebuild', argv: archive, cwd: input.projectDir, env },
    { tool: 'xcodebuild', argv: exportArgv, cwd: input.projectDir, env },
  ];
}

/** A prebuilt file keeps its own name (it may not carry this delivery's version numbers). */
function prebuiltName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? 'app.ipa';
  return base.toLowerCase().endsWith('.ipa') ? base : `${base}.ipa`;
}
