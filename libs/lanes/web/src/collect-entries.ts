import { lstatSync, readdirSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { akcError } from '@akc/core';

/** One thing to archive, in archive order. `path` is relative, `/`-separated; directories end in `/`. */
export type ArchiveEntry =
  | { readonly type: 'dir'; readonly path: string; readonly mode: number }
  | {
      readonly type: 'file';
      readonly path: string;
      readonly mode: number;
      readonly size: number;
      readonly source: string;
    }
  | { readonly type: 'symlink'; readonly path: string; readonly mode: number; readonly linkname: string };

const refuse = (reason: string, hint?: string) =>
  akcError('EPACKAGING', { platform: 'web', reason, ...(hint ? { hint } : {}) });

/** True when `child` is `root` or inside it (both absolute, already resolved). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

function toPosix(rel: string): string {
  return rel.split(sep).join('/');
}

function symlinkEntry(root: string, full: string, rel: string): ArchiveEntry {
  let target: string;
  try {
    target = realpathSync(full);
  } catch {
    throw refuse(
      `symlink ${rel} -> ${readlinkSync(full)} points at nothing`,
      'Remove the dangling link from the build output.',
    );
  }
  if (!isInside(root, target)) {
    throw refuse(
      `symlink ${rel} -> ${readlinkSync(full)} points outside the output folder`,
      'Copy the file into the build output instead of linking to it; the archive never includes files from outside it.',
    );
  }
  const linkname = toPosix(relative(dirname(join(root, rel)), target)) || '.';
  return { type: 'symlink', path: toPosix(rel), mode: 0o777, linkname };
}

function entryFor(root: string, full: string, rel: string, st: Stats): ArchiveEntry {
  if (st.isSymbolicLink()) return symlinkEntry(root, full, rel);
  if (st.isDirectory()) return { type: 'dir', path: `${toPosix(rel)}/`, mode: 0o755 };
  if (st.isFile()) {
    const mode = (st.mode & 0o111) !== 0 ? 0o755 : 0o644;
    return { type: 'file', path: toPosix(rel), mode, size: st.size, source: full };
  }
  throw refuse(
    `${toPosix(rel)} is not a regular file, folder or symlink`,
    'Remove sockets, pipes and devices from the build output.',
  );
}

/**
 * Every file, folder and symlink under `root` (not `root` itself), sorted by the UTF-8 bytes of
 * their archive path so the order never depends on the file system. Symlinks are kept as links
 * (made relative) when they resolve inside `root`; a dangling or escaping link is EPACKAGING.
 * Symlinked folders are not followed.
 */
export function collectEntries(root: string, signal?: AbortSignal): ArchiveEntry[] {
  const realRoot = realpathSync(root);
  const out: ArchiveEntry[] = [];
  const walk = (dir: string) => {
    if (signal?.aborted) throw refuse('aborted while listing the output folder');
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const rel = relative(realRoot, full);
      const entry = entryFor(realRoot, full, rel, lstatSync(full));
      out.push(entry);
      if (entry.type === 'dir') walk(full);
    }
  };
  walk(realRoot);
  return out.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}
