import { statSync } from 'node:fs';
import { hasZipMagic } from '@akc/core';

/** Why a prebuilt file cannot be used, and how to fix it. */
export interface PrebuiltProblem {
  readonly reason: string;
  readonly fix: string;
}

/** Local checks on a prebuilt .ipa: it exists, is a file, ends in .ipa and is a zip. Null when fine. */
export function checkPrebuiltFile(path: string): PrebuiltProblem | null {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return {
      reason: `${path} does not exist`,
      fix: 'Point it at an existing .ipa (relative paths start at the project folder).',
    };
  }
  if (!isFile) return { reason: `${path} is not a file`, fix: 'Name the .ipa file itself, not a folder.' };
  if (!path.toLowerCase().endsWith('.ipa')) {
    return {
      reason: `${path} is not an .ipa`,
      fix: 'iOS distribution needs an .ipa exported for App Store Connect or ad hoc.',
    };
  }
  if (!hasZipMagic(path)) {
    return {
      reason: `${path} is not a zip archive, so it is not a valid .ipa`,
      fix: 'Re-export the .ipa (xcodebuild -exportArchive or the EAS artifact); the file may be truncated or an HTML error page.',
    };
  }
  return null;
}
