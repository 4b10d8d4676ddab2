import { join } from 'node:path';
import type { LaneVersions, ToolStep } from '@akc/core';
import type { AndroidBuildMethod, MethodChoice } from './choose-method';
import { describeTaskOutput, locateGradleProject } from './locate-gradle';
import type { AndroidArtifact, AndroidLaneOptions } from './options';
import { artifactKindOf, resolvePrebuiltSource, type PrebuiltSource } from './prebuilt-source';

export type { ToolStep };

/** The version numbers the build must carry. */
export interface AndroidVersions {
  readonly android_version_name: string;
  readonly android_version_code: number;
}

/** Everything packaging will do; written as plan.json in plan mode, executed otherwise. */
export interface AndroidBuildPlan {
  readonly method: AndroidBuildMethod;
  readonly method_reason: string;
  readonly method_available: boolean;
  readonly steps: readonly ToolStep[];
  readonly prebuilt: PrebuiltSource | null;
  readonly artifact: { readonly kind: AndroidArtifact; readonly path: string };
  /** Gradle only: where AGP writes the artifact (searched after the build). */
  readonly gradle_outputs: { readonly dir: string; readonly variant: string | null } | null;
  readonly versions: AndroidVersions;
}

/** The facts a plan is made from (a PackageContext satisfies this). */
export interface PlanInput {
  readonly projectDir: string;
  readonly workDir: string;
  readonly options: AndroidLaneOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly versions: LaneVersions;
}

/** Build the plan for `choice`. Missing facts show up as `<missing: …>` placeholders, never as guesses. */
export function createAndroidPlan(input: PlanInput, choice: MethodChoice): AndroidBuildPlan {
  const versions: AndroidVersions = {
    android_version_name: input.versions.android_version_name,
    android_version_code: input.versions.android_version_code,
  };
  const env = {
    AKC_VERSION_CODE: String(versions.android_version_code),
    AKC_VERSION_NAME: versions.android_version_name,
  };
  const gradle = locateGradleProject(input.projectDir);
  const task =
    choice.method === 'gradle'
      ? describeTaskOutput(gradle?.dir ?? join(input.projectDir, 'android'), input.options)
      : null;
  const prebuilt =
    choice.method === 'prebuilt' ? resolvePrebuiltSource(input.projectDir, input.options, input.env) : null;
  const kind = (prebuilt ? artifactKindOf(prebuilt.path) : null) ?? task?.kind ?? input.options.artifact;
  const name = prebuilt
    ? baseName(prebuilt.path)
    : `app-${versions.android_version_name}-${versions.android_version_code}.${kind}`;
  const artifactPath = join(input.workDir, name);
  let steps: ToolStep[] = [];
  if (choice.method === 'eas') steps = [easStep(input, env, artifactPath)];
  if (choice.method === 'gradle') steps = [gradleStep(input, env, versions, gradle?.dir ?? null)];
  return {
    method: choice.method,
    method_reason: choice.reason,
    method_available: choice.available,
    steps,
    prebuilt,
    artifact: { kind, path: artifactPath },
    gradle_outputs: task ? { dir: task.outputsDir, variant: task.variant } : null,
    versions,
  };
}

function easStep(input: PlanInput, env: Record<string, string>, artifactPath: string): ToolStep {
  const argv = ['eas', 'build', '--platform', 'android', '--profile', input.options.eas_profile];
  argv.push('--non-interactive', '--json', '--wait');
  if (input.options.eas_local) argv.push('--local', '--output', artifactPath);
  return { tool: 'eas', argv, cwd: input.projectDir, env };
}

function gradleStep(
  input: PlanInput,
  env: Record<string, string>,
  v: AndroidVersions,
  dir: string | null,
): ToolStep {
  const argv = [
    dir ? join(dir, 'gradlew') : '<missing: android/gradlew>',
    `:${input.options.module}:${input.options.gradle_task}`,
    `-PversionCode=${v.android_version_code}`,
    `-PversionName=${v.android_version_name}`,
    '--console=plain',
    ...input.options.gradle_args,
  ];
  return { tool: 'gradlew', argv, cwd: dir ?? join(input.projectDir, 'android'), env };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? 'app.aab';
}
