import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** fsync a directory so a rename inside it is durable. Best effort where unsupported. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on directories; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Write `data` to `file` and fsync it (no rename). */
export function writeAndSync(file: string, data: string | Buffer, mode = 0o644): void {
  const fd = openSync(file, 'w', mode);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Atomic replace: temp file in the same folder, fsync, rename over the target, fsync the folder.
 * Readers see the old or the new content, never a mix; a crash leaves at most a hidden temp file.
 */
export function writeFileAtomic(
  file: string,
  data: string | Buffer,
  opts: { mode?: number; syncDir?: boolean } = {},
): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeAndSync(tmp, data, opts.mode ?? 0o644);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  if (opts.syncDir !== false) fsyncDir(dirname(file));
}
