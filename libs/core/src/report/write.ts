import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { akcError } from '../errors/akc-error';
import { writeFileAtomic } from '../store/atomic-write';

/**
 * Resolve `out` against `cwd` and check it can take a report: its folder must exist and be a
 * folder, and the path itself must not be a folder. Nothing is written.
 *
 * @throws AkcError EOUTDIR when the folder is missing or not a folder; EOUTISDIR when `out` is a folder.
 */
export function resolveReportOut(cwd: string, out: string): string {
  const file = resolve(cwd, out);
  const dir = dirname(file);
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) throw akcError('EOUTDIR', { path: file, dir, reason: 'does not exist' });
  if (!dirStat.isDirectory()) throw akcError('EOUTDIR', { path: file, dir, reason: 'is not a folder' });
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw akcError('EOUTISDIR', { path: file });
  return file;
}

/**
 * Write the report atomically (temp file in the same folder, fsync, rename): the target is
 * either untouched or the whole new report, never a half-written file. Returns the byte count.
 *
 * @throws AkcError EOUTDIR / EOUTISDIR as `resolveReportOut`, or EOUTDIR when the folder is not writable.
 */
export function writeReportFile(cwd: string, out: string, html: string): { path: string; bytes: number } {
  const file = resolveReportOut(cwd, out);
  const data = Buffer.from(html, 'utf8');
  try {
    writeFileAtomic(file, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC')
      throw akcError('EOUTDIR', { path: file, dir: dirname(file), reason: `cannot be written (${code})` }, e);
    throw e;
  }
  return { path: file, bytes: data.length };
}
