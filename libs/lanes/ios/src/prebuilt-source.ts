import { resolve } from 'node:path';
import type { Env, PrebuiltFileKind } from '@akc/core';
import type { IosLaneOptions } from './options';

/** Env var naming a prebuilt .ipa (used when `lanes.ios.prebuilt_path` is unset). */
export const IOS_PREBUILT_ENV = 'AKC_IOS_IPA_PATH';

/** A prebuilt file the operator named, and where the name came from. */
export interface PrebuiltSource {
  readonly path: string;
  readonly from: 'lanes.ios.prebuilt_path' | typeof IOS_PREBUILT_ENV;
}

/**
 * Precedence: `prebuilt_path` (config, or the CLI flag the runner merges into it) over
 * `AKC_IOS_IPA_PATH`. Relative paths are resolved against the project folder.
 */
export function resolvePrebuiltSource(
  projectDir: string,
  options: IosLaneOptions,
  env: Env,
): PrebuiltSource | null {
  if (options.prebuilt_path !== undefined) {
    return { path: resolve(projectDir, options.prebuilt_path), from: 'lanes.ios.prebuilt_path' };
  }
  const fromEnv = env[IOS_PREBUILT_ENV]?.trim();
  return fromEnv ? { path: resolve(projectDir, fromEnv), from: IOS_PREBUILT_ENV } : null;
}

/** What the ios lane accepts as a prebuilt file. */
export const IPA_FILE: PrebuiltFileKind = {
  name: '.ipa',
  short: '.ipa',
  accepts: (path) => path.toLowerCase().endsWith('.ipa'),
  wrongKindFix: 'iOS distribution needs an .ipa exported for App Store Connect or ad hoc.',
  notZipFix:
    'Re-export the .ipa (xcodebuild -exportArchive or the EAS artifact); the file may be truncated or an HTML error page.',
};
