import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  closeSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Creates `dir` (and parents) and forces mode 0700 on it: `recursive` leaves an existing folder's mode alone. */
export function ensurePrivateDir(dir: string): void {
  // Parents (such as .akc/) keep the default mode: they hold other akc data that is not ours to lock down.
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Writes `path` atomically with mode 0600: a new temp file in the same folder (created with O_EXCL
 * so the mode applies from the first byte), then rename. Readers never see a partial file.
 */
export function writeFileAtomic(path: string, data: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Quotes a value for a POSIX shell: bare when safe, else single quotes (`'` written as `'\''`). */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:@%+,=-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `KEY=value` lines (sourceable by sh, parsed strictly by `akc`), with a header comment. */
export function renderEnvFile(vars: Record<string, string>, header: string[]): string {
  const lines = header.map((h) => `# ${h}`);
  for (const [key, value] of Object.entries(vars)) lines.push(`${key}=${shellQuote(value)}`);
  return `${lines.join('\n')}\n`;
}

/** Thrown by {@link acquireLock} when another live daemon serves the project. */
export class SandboxAlreadyRunning extends Error {
  constructor(readonly pid: number) {
    super(`a sandbox daemon (pid ${pid}) already serves this project`);
  }
}

/**
 * Takes `lockFile` for this process. A lock left by a dead process is replaced; a live holder wins,
 * so two `akc sandbox start` racing each other end with one daemon.
 */
export function acquireLock(lockFile: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readText(lockFile) ?? '', 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new SandboxAlreadyRunning(holder);
    }
    rmSync(lockFile, { force: true });
  }
  throw new Error(`could not take ${lockFile}`);
}

/** Removes the lock if this process holds it (never another daemon's). */
export function releaseLock(lockFile: string): void {
  if (Number.parseInt(readText(lockFile) ?? '', 10) === process.pid) rmSync(lockFile, { force: true });
}

/** True when a process with this pid exists (EPERM means it exists but is not ours). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
