import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  checkEasProject,
  checkPrebuiltFile,
  findExecutable,
  isExecutableFile,
  type Env,
  type PreflightFindings as Findings,
  type PreflightProblem,
} from '@akc/core';
import { describeTaskOutput, locateGradleProject, locateModuleBuildFile } from './locate-gradle';
import type { AndroidLaneOptions } from './options';
import { ANDROID_AAB_ENV, ANDROID_APK_ENV, BUNDLE_FILE, resolvePrebuiltSource } from './prebuilt-source';

/** Problems and warnings from one group of local checks. */
export type { Findings };

/** The facts every check reads. */
export interface CheckInput {
  readonly projectDir: string;
  readonly options: AndroidLaneOptions;
  readonly env: Env;
}

/** A build script that reads the injected version: the env var, or the -P property through a Gradle API. */
const READS_VERSION =
  /AKC_VERSION_CODE|(findProperty|hasProperty|property|properties)\s*[([]\s*["']versionCode["']/;

/** Gradle: the wrapper (executable), Java, the task/artifact match, the module build script; version/signing warnings. */
export function checkGradle({ projectDir, options, env }: CheckInput): Findings {
  const gradle = locateGradleProject(projectDir);
  if (!gradle) {
    const fix = 'Run `npx expo prebuild -p android`, or `gradle wrapper` in the Android project.';
    return {
      problems: [{ id: 'android.gradlew_missing', reason: 'no android/gradlew or ./gradlew', fix }],
      warnings: [],
    };
  }
  const out: Findings = { problems: checkGradleRuntime(projectDir, gradle.gradlew, env), warnings: [] };
  const task = describeTaskOutput(gradle.dir, options);
  if (task.kind !== options.artifact) {
    out.problems.push({
      id: 'android.task_artifact_mismatch',
      reason: `gradle_task ${options.gradle_task} produces an .${task.kind} but artifact is ${options.artifact}`,
      fix: `Set lanes.android.artifact to ${task.kind}, or use a ${options.artifact === 'aab' ? 'bundle' : 'assemble'}* task.`,
    });
  }
  const buildFile = locateModuleBuildFile(gradle.dir, options.module);
  if (!buildFile) {
    out.problems.push({
      id: 'android.module_missing',
      reason: `module "${options.module}" has no build.gradle(.kts) in ${gradle.dir}`,
      fix: 'Set lanes.android.module to the app module (usually app).',
    });
    return out;
  }
  out.warnings.push(...buildFileWarnings(relative(projectDir, buildFile), readFileSync(buildFile, 'utf8')));
  return out;
}

/** gradlew must be executable (a Windows checkout often drops the bit) and needs a JDK to start. */
function checkGradleRuntime(projectDir: string, gradlew: string, env: Env): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  if (!isExecutableFile(gradlew)) {
    problems.push({
      id: 'android.gradlew_not_executable',
      reason: `${gradlew} is not executable`,
      fix: `chmod +x ${relative(projectDir, gradlew)}`,
    });
  }
  if (!env.JAVA_HOME && !findExecutable('java', env)) {
    problems.push({
      id: 'android.java_missing',
      reason: 'JAVA_HOME is not set and java is not on PATH',
      fix: 'Install a JDK (17 for current Android Gradle Plugin) and set JAVA_HOME.',
    });
  }
  return problems;
}

function buildFileWarnings(name: string, text: string): string[] {
  const warnings: string[] = [];
  if (!READS_VERSION.test(text)) {
    warnings.push(
      `${name} does not read the injected version (-PversionCode / AKC_VERSION_CODE): the build keeps its own versionCode, ` +
        "which Play rejects once used. e.g. versionCode (findProperty('versionCode') ?: '1').toInteger() (see the lane README).",
    );
  }
  if (!/signingConfig/.test(text)) {
    warnings.push(
      `${name} sets no signingConfig: release artifacts will be unsigned, and stores reject unsigned uploads.`,
    );
  }
  return warnings;
}

/** EAS: eas on PATH, eas.json with the profile; warnings about version injection and login. */
export function checkEas({ projectDir, options, env }: CheckInput): Findings {
  return checkEasProject({
    projectDir,
    env,
    platform: 'android',
    profile: options.eas_profile,
    local: options.eas_local,
    buildNumberEnv: 'AKC_VERSION_CODE',
    versionNameEnv: 'AKC_VERSION_NAME',
    buildNumberKey: 'android.versionCode',
    remoteEnvLabel: 'AKC_VERSION_CODE/AKC_VERSION_NAME',
  });
}

/** prebuilt: a file is named and is a valid .aab/.apk. */
export function checkPrebuilt({ projectDir, options, env }: CheckInput): Findings {
  const source = resolvePrebuiltSource(projectDir, options, env);
  if (!source) {
    const fix = `Set lanes.android.prebuilt_path, ${ANDROID_AAB_ENV} or ${ANDROID_APK_ENV} to a built file.`;
    return {
      problems: [
        { id: 'android.prebuilt_missing', reason: 'method is prebuilt but no .aab/.apk is named', fix },
      ],
      warnings: [],
    };
  }
  const problem = checkPrebuiltFile(source.path, BUNDLE_FILE);
  return {
    problems: problem
      ? [{ id: 'android.prebuilt_invalid', reason: `${source.from}: ${problem.reason}`, fix: problem.fix }]
      : [],
    warnings: [],
  };
}
