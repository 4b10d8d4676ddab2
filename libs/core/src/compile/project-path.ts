/**
 * Paths that compile artifacts name (manifest pass records, runtime bundle) must stay inside
 * the project (fixing spec §16.13). A path is refused when it is absolute, when `..` takes it
 * out lexically, or when a symlink on the way resolves outside the project's real path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../store/paths';
import { handoffError } from './compile-errors';

/** A project-relative path that was checked to stay inside the project. */
export interface ProjectPath {
  /** Absolute path (lexical, under the project dir as given). */
  abs: string;
  /** Relative to the project dir, `/`-separated, normalised. */
  rel: string;
}

/**
 * Resolve `relPath` against `projectDir` and check containment.
 * Called for every artifact path before it is read or recorded; the file need not exist.
 * @param what names the path in errors, e.g. "delivery_plan_path in .akc/run/r1.manifest.json".
 * @throws AkcError (handoff code) naming `relPath` as written when it escapes the project.
 */
export function resolveProjectPath(projectDir: string, relPath: string, what: string): ProjectPath {
  const root = path.resolve(projectDir);
  const refuse = (why: string) => handoffError(relPath, `${what} ${why}`);
  if (relPath.trim() === '' || relPath.includes('\0')) throw refuse('is empty or contains a NUL byte');
  if (path.isAbsolute(relPath) || path.win32.isAbsolute(relPath)) {
    throw refuse('is an absolute path; compile artifact paths must be relative to the project dir');
  }
  const abs = path.resolve(root, relPath);
  if (!isInside(root, abs)) throw refuse('points outside the project dir');
  const realRoot = realpathOrThrow(root, relPath);
  if (!isInside(realRoot, realpathOfNearest(abs))) {
    throw refuse('resolves outside the project dir through a symbolic link');
  }
  return { abs, rel: path.relative(root, abs).split(path.sep).join('/') };
}

function realpathOrThrow(root: string, relPath: string): string {
  try {
    return fs.realpathSync(root);
  } catch {
    throw handoffError(relPath, `project dir ${root} does not exist`);
  }
}

/** Real path of `p`, or of its nearest existing ancestor with the rest appended. */
function realpathOfNearest(p: string): string {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return p;
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}
