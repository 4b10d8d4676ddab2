import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { Env } from '@akc/core';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where `program` would be found, without spawning anything: a name containing a path separator is
 * taken relative to `cwd`; a bare name is looked up in `env.PATH` (with `PATHEXT` on Windows).
 * Returns the absolute path, or null when there is no executable file there.
 */
export function findExecutable(program: string, env: Env, cwd: string): string | null {
  if (program.includes('/') || program.includes('\\') || isAbsolute(program)) {
    const full = resolve(cwd, program);
    return isExecutableFile(full) ? full : null;
  }
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const full = join(dir, program + ext);
      if (isExecutableFile(full)) return full;
    }
  }
  return null;
}
