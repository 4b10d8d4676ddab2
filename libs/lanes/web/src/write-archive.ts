import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { akcError } from '@akc/core';
import type { ArchiveEntry } from './collect-entries';
import { MAX_OCTAL_11, encodeEntryHeader, endOfArchive, padding } from './tar-format';

const CHUNK = 64 * 1024;

const fail = (reason: string) => akcError('EPACKAGING', { platform: 'web', reason });

async function copyFileBody(out: FileHandle, entry: Extract<ArchiveEntry, { type: 'file' }>): Promise<void> {
  const src = await open(entry.source, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    let copied = 0;
    while (copied < entry.size) {
      const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, entry.size - copied), copied);
      if (bytesRead === 0) break;
      await out.write(buf.subarray(0, bytesRead));
      copied += bytesRead;
    }
    const extra = await src.read(Buffer.alloc(1), 0, 1, copied);
    if (copied !== entry.size || extra.bytesRead !== 0) {
      throw fail(`${entry.path} changed size while it was being archived`);
    }
  } finally {
    await src.close();
  }
}

async function writeEntries(
  out: FileHandle,
  entries: readonly ArchiveEntry[],
  mtime: number,
  signal?: AbortSignal,
) {
  for (const entry of entries) {
    if (signal?.aborted) throw fail('aborted while writing the archive');
    const size = entry.type === 'file' ? entry.size : 0;
    if (size > MAX_OCTAL_11) throw fail(`${entry.path} is larger than the 8 GiB a ustar entry can hold`);
    const linkname = entry.type === 'symlink' ? entry.linkname : undefined;
    await out.write(
      encodeEntryHeader({
        path: entry.path,
        type: entry.type,
        mode: entry.mode,
        size,
        mtime,
        ...(linkname ? { linkname } : {}),
      }),
    );
    if (entry.type === 'file') {
      await copyFileBody(out, entry);
      await out.write(padding(entry.size));
    }
  }
  await out.write(endOfArchive());
}

/**
 * Write `entries` (already sorted) as a POSIX ustar archive at `target`, atomically: the bytes go
 * to a temporary file beside it, which is renamed into place only when complete. Every entry gets
 * the same `mtime`, uid/gid 0 and empty owner names, so equal input gives byte-identical output.
 */
export async function writeArchive(
  target: string,
  entries: readonly ArchiveEntry[],
  opts: { mtime: number; signal?: AbortSignal },
): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const out = await open(tmp, 'w', 0o644);
  try {
    await writeEntries(out, entries, opts.mtime, opts.signal);
    await out.close();
    await rename(tmp, target);
  } catch (err) {
    await out.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}
