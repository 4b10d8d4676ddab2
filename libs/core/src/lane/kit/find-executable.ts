import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Env } from '../../util/env';

/**
 * The absolute path of `name` on `env.PATH` (the lane's env, never process.env), or null.
 * A name containing a slash is checked as given. Local facts only: nothing is run.
 */
export function findExecutable(name: string, env: Env): string | null {
  const candidates = name.includes('/')
    ? [name]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '' && isAbsolute(dir))
        .map((dir) => join(dir, name));
  for (const file of candidates) if (isExecutableFile(file)) return file;
  return null;
}

/** True when `file` is a regular file this process may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
