import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findExecutable, type Env } from '@akc/core';
import { locateGradleProject } from './locate-gradle';
import type { AndroidLaneOptions, AndroidMethod } from './options';
import { ANDROID_AAB_ENV, ANDROID_APK_ENV, resolvePrebuiltSource } from './prebuilt-source';

/** A concrete build method (`auto` resolved). */
export type AndroidBuildMethod = Exclude<AndroidMethod, 'auto'>;

/** The method packaging will use and why; recorded as `outputs.method` / `outputs.method_reason`. */
export interface MethodChoice {
  readonly method: AndroidBuildMethod;
  readonly reason: string;
  /** False when `auto` found nothing usable; `method` is then the closest candidate, for the plan. */
  readonly available: boolean;
}

/** What `chooseAndroidMethod` looks at: local facts only (files and PATH), never a tool run. */
export interface MethodFacts {
  readonly projectDir: string;
  readonly options: AndroidLaneOptions;
  readonly env: Env;
}

/**
 * `auto` order: a prebuilt file when one is named; Gradle when `android/gradlew` (or `./gradlew`)
 * exists; EAS when eas.json exists and `eas` is on PATH. An explicit method is taken as is
 * (preflight checks its prerequisites).
 */
export function chooseAndroidMethod({ projectDir, options, env }: MethodFacts): MethodChoice {
  if (options.method !== 'auto') {
    return { method: options.method, reason: `lanes.android.method is "${options.method}"`, available: true };
  }
  const prebuilt = resolvePrebuiltSource(projectDir, options, env);
  if (prebuilt)
    return { method: 'prebuilt', reason: `auto: ${prebuilt.from} names ${prebuilt.path}`, available: true };
  const gradle = locateGradleProject(projectDir);
  if (gradle) {
    return {
      method: 'gradle',
      reason: `auto: ${relative(projectDir, gradle.gradlew)} exists`,
      available: true,
    };
  }
  const easJson = existsSync(join(projectDir, 'eas.json'));
  const eas = findExecutable('eas', env) !== null;
  if (easJson && eas) {
    return {
      method: 'eas',
      reason: 'auto: eas.json exists and eas is on PATH (no android/gradlew)',
      available: true,
    };
  }
  const reason =
    `auto: no build method is available: no prebuilt file (lanes.android.prebuilt_path, ${ANDROID_AAB_ENV} or ` +
    `${ANDROID_APK_ENV}); no android/gradlew or ./gradlew; ${easJson ? 'eas.json exists' : 'no eas.json'} and eas is ` +
    `${eas ? '' : 'not '}on PATH`;
  return { method: easJson ? 'eas' : 'gradle', reason, available: false };
}
