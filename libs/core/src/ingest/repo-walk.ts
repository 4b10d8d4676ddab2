/**
 * Bounded directory walk for the repo probes. A monorepo can hold millions of files under
 * `ios/Pods` or `node_modules`; submit must stay fast, so the walk skips dependency and build
 * folders, never follows symlinks, and stops at a depth and an entry budget.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folders that never hold the files the probes look for. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  'Pods',
  'build',
  'Build',
  'DerivedData',
  '.build',
  '.gradle',
  'dist',
  '.expo',
  '.idea',
]);

/** Limits for {@link walkRepoDir}. */
export interface WalkLimits {
  /** @default 6 */
  maxDepth?: number;
  /** @default 20000 */
  maxEntries?: number;
}

/** One visited entry. Returning `false` from the visitor stops the whole walk. */
export interface WalkEntry {
  name: string;
  fullPath: string;
  isDir: boolean;
}

/** Visit entries breadth-first; returns true when the walk was cut short by a limit. */
export function walkRepoDir(
  root: string,
  visit: (e: WalkEntry) => boolean | 'skip' | void,
  limits: WalkLimits = {},
): boolean {
  const maxDepth = limits.maxDepth ?? 6;
  let budget = limits.maxEntries ?? 20000;
  let queue: Array<[string, number]> = [[root, 0]];
  while (queue.length > 0) {
    const next: Array<[string, number]> = [];
    for (const [dir, depth] of queue) {
      for (const d of readDir(dir)) {
        if (--budget < 0) return true;
        const entry = { name: d.name, fullPath: path.join(dir, d.name), isDir: d.isDirectory() };
        const verdict = visit(entry);
        if (verdict === false) return false;
        if (!entry.isDir || verdict === 'skip' || SKIPPED_DIRS.has(d.name)) continue;
        if (depth + 1 < maxDepth) next.push([entry.fullPath, depth + 1]);
      }
    }
    queue = next;
  }
  return false;
}

function readDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // unreadable or vanished folders are simply not probed
  }
}
