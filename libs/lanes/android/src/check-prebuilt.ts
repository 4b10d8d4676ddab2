import { statSync } from 'node:fs';
import { hasZipMagic } from '@akc/core';
import { artifactKindOf } from './prebuilt-source';

/** Why a prebuilt file cannot be used, and how to fix it. */
export interface PrebuiltProblem {
  readonly reason: string;
  readonly fix: string;
}

/** Local checks on a prebuilt file: it exists, is a file, ends in .aab/.apk and is a zip. Null when fine. */
export function checkPrebuiltFile(path: string): PrebuiltProblem | null {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return {
      reason: `${path} does not exist`,
      fix: 'Point it at an existing .aab or .apk (relative paths start at the project folder).',
    };
  }
  if (!isFile)
    return { reason: `${path} is not a file`, fix: 'Name the .aab/.apk file itself, not a folder.' };
  if (artifactKindOf(path) === null) {
    return {
      reason: `${path} is not an .aab or .apk`,
      fix: 'Use the signed bundle (bundleRelease) or APK (assembleRelease) output.',
    };
  }
  if (!hasZipMagic(path)) {
    return {
      reason: `${path} is not a zip archive, so it is not a valid .aab/.apk`,
      fix: 'Rebuild or re-download it; the file may be truncated or an HTML error page.',
    };
  }
  return null;
}
