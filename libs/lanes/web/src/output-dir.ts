import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { akcError } from '@akc/core';
import { isInside } from './collect-entries';

/** Folders tried, in order, when `output_dir` is not configured. */
export const OUTPUT_DIR_CANDIDATES = ['dist', 'build', 'out', 'web-build'] as const;

/** `path` with every symlink resolved, as far as it exists; the missing tail is appended as written. */
function resolveExisting(path: string): string {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    return join(realpathSync(existing), relative(existing, path));
  } catch {
    return path;
  }
}

/**
 * Why `outputDir` (relative to the project) is not inside the project, following symlinks as far
 * as the path exists; null when it is inside and not the project folder itself.
 */
export function outputDirEscape(projectDir: string, outputDir: string): string | null {
  const root = resolveExisting(resolve(projectDir));
  const full = resolveExisting(resolve(projectDir, outputDir));
  if (!isInside(root, full))
    return `output_dir '${outputDir}' resolves to ${full}, outside the project ${root}`;
  if (full === root) return `output_dir '${outputDir}' is the project folder itself`;
  return null;
}

const packagingError = (reason: string, hint: string) =>
  akcError('EPACKAGING', { platform: 'web', reason, hint });

/**
 * The build's output folder after a build: the configured `output_dir`, else the first existing
 * candidate. It must exist inside the project, be a folder and hold at least one file (EPACKAGING).
 */
export function locateOutputDir(
  projectDir: string,
  configured: string | undefined,
): { abs: string; rel: string } {
  const rel = configured ?? OUTPUT_DIR_CANDIDATES.find((c) => existsSync(join(projectDir, c)));
  if (rel === undefined) {
    throw packagingError(
      `the build finished but none of ${OUTPUT_DIR_CANDIDATES.join(', ')} exists in ${projectDir}`,
      'Set lanes.web.output_dir in .akc/config.json to the folder your build writes.',
    );
  }
  const escape = outputDirEscape(projectDir, rel);
  if (escape) throw packagingError(escape, 'Point lanes.web.output_dir at a folder inside the project.');
  const abs = resolve(projectDir, rel);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw packagingError(
      `the build finished but its output folder ${rel} does not exist (or is not a folder)`,
      'Check that the build writes to lanes.web.output_dir, or fix output_dir in .akc/config.json.',
    );
  }
  if (readdirSync(abs).length === 0) {
    throw packagingError(
      `the output folder ${rel} is empty`,
      'Check the build log above: it produced no files.',
    );
  }
  return { abs, rel: rel.split(sep).join('/') };
}
