import { statSync } from 'node:fs';
import { akcError } from '../../errors/akc-error';
import type { Platform } from '../../schemas/common';
import type { BuildOutcome, BuildPlanBase } from './build-plan';
import { copyFileStreamed } from './copy-file';
import { hasZipMagic } from './zip-magic';

/** What a build lane accepts as a prebuilt file, and how its problems are phrased. */
export interface PrebuiltFileKind {
  /** In sentences: '.ipa', '.aab or .apk'. */
  readonly name: string;
  /** Compact: '.ipa', '.aab/.apk'. */
  readonly short: string;
  /** True when the file name has an accepted extension. */
  readonly accepts: (path: string) => boolean;
  /** How to get a file of the right kind. */
  readonly wrongKindFix: string;
  /** How to get an intact file when this one is not a zip. */
  readonly notZipFix: string;
}

/** Why a prebuilt file cannot be used, and how to fix it. */
export interface PrebuiltProblem {
  readonly reason: string;
  readonly fix: string;
}

/** Local checks on a prebuilt file: it exists, is a file, has an accepted extension and is a zip. Null when fine. */
export function checkPrebuiltFile(path: string, kind: PrebuiltFileKind): PrebuiltProblem | null {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return {
      reason: `${path} does not exist`,
      fix: `Point it at an existing ${kind.name} (relative paths start at the project folder).`,
    };
  }
  if (!isFile)
    return { reason: `${path} is not a file`, fix: `Name the ${kind.short} file itself, not a folder.` };
  if (!kind.accepts(path)) return { reason: `${path} is not an ${kind.name}`, fix: kind.wrongKindFix };
  if (!hasZipMagic(path)) {
    return {
      reason: `${path} is not a zip archive, so it is not a valid ${kind.short}`,
      fix: kind.notZipFix,
    };
  }
  return null;
}

/**
 * The `prebuilt` method of a build lane: verify the operator's file ({@link checkPrebuiltFile}) and
 * copy it, streamed, to the plan's artifact path. Refuses (EPACKAGING) when no file was named
 * (`missingHint` says how to name one) or the file is unusable.
 */
export async function executePrebuiltPlan(
  platform: Platform,
  plan: {
    readonly prebuilt: { readonly path: string; readonly from: string } | null;
    readonly artifact: Pick<BuildPlanBase['artifact'], 'path'>;
  },
  kind: PrebuiltFileKind,
  missingHint: string,
  signal?: AbortSignal,
): Promise<BuildOutcome> {
  const source = plan.prebuilt;
  if (!source) {
    throw akcError('EPACKAGING', {
      platform,
      reason: 'method is prebuilt but no file was named',
      hint: missingHint,
    });
  }
  const problem = checkPrebuiltFile(source.path, kind);
  if (problem)
    throw akcError('EPACKAGING', {
      platform,
      reason: `${source.from}: ${problem.reason}`,
      hint: problem.fix,
    });
  await copyFileStreamed(source.path, plan.artifact.path, signal);
  return {
    path: plan.artifact.path,
    toolDurationMs: 0,
    outputs: {
      prebuilt_source: source.path,
      prebuilt_from: source.from,
      prebuilt_mtime_ms: statSync(source.path).mtimeMs,
    },
  };
}
