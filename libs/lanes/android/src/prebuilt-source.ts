import { resolve } from 'node:path';
import type { Env, PrebuiltFileKind } from '@akc/core';
import type { AndroidLaneOptions } from './options';

/** Env vars naming a prebuilt bundle or APK (used when `lanes.android.prebuilt_path` is unset). */
export const ANDROID_AAB_ENV = 'AKC_ANDROID_AAB_PATH';
export const ANDROID_APK_ENV = 'AKC_ANDROID_APK_PATH';

/** A prebuilt file the operator named, and where the name came from. */
export interface PrebuiltSource {
  readonly path: string;
  readonly from: 'lanes.android.prebuilt_path' | typeof ANDROID_AAB_ENV | typeof ANDROID_APK_ENV;
}

/**
 * Precedence: `prebuilt_path` (config, or the CLI flag the runner merges into it), then the env
 * var matching `artifact` (AKC_ANDROID_AAB_PATH for aab, AKC_ANDROID_APK_PATH for apk), then the
 * other one. Relative paths are resolved against the project folder.
 */
export function resolvePrebuiltSource(
  projectDir: string,
  options: AndroidLaneOptions,
  env: Env,
): PrebuiltSource | null {
  if (options.prebuilt_path !== undefined) {
    return { path: resolve(projectDir, options.prebuilt_path), from: 'lanes.android.prebuilt_path' };
  }
  const order =
    options.artifact === 'apk' ? [ANDROID_APK_ENV, ANDROID_AAB_ENV] : [ANDROID_AAB_ENV, ANDROID_APK_ENV];
  for (const name of order) {
    const value = env[name]?.trim();
    if (value) return { path: resolve(projectDir, value), from: name as PrebuiltSource['from'] };
  }
  return null;
}

/** `aab` or `apk` from a file name, or null. */
export function artifactKindOf(path: string): 'aab' | 'apk' | null {
  const lower = path.toLowerCase();
  return lower.endsWith('.aab') ? 'aab' : lower.endsWith('.apk') ? 'apk' : null;
}

/** What the android lane accepts as a prebuilt file. */
export const BUNDLE_FILE: PrebuiltFileKind = {
  name: '.aab or .apk',
  short: '.aab/.apk',
  accepts: (path) => artifactKindOf(path) !== null,
  wrongKindFix: 'Use the signed bundle (bundleRelease) or APK (assembleRelease) output.',
  notZipFix: 'Rebuild or re-download it; the file may be truncated or an HTML error page.',
};
