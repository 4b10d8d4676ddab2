import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { akcError } from '../errors/akc-error';

/**
 * A per-delivery inter-process lock for one machine.
 *
 * The lock file is created complete and atomically with link(2), so a holder's identity is never
 * half-written. A holder that died (kill -9) is detected at once by its pid and process start
 * time (so a reused pid is not mistaken for it) and the lock is taken over, which is what makes
 * crash recovery immediate instead of waiting for a stale timeout.
 */
interface Holder {
  pid: number;
  host: string;
  start: string | null;
  token: string;
  acquired_at: number;
}

export interface LockOptions {
  timeoutMs?: number;
  /** Used in error messages. */
  label?: string;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) follows the parenthesised command name, which may contain spaces.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19] ?? null;
  } catch {
    return null;
  }
}

/** True when a process with this pid exists on this machine (EPERM means it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isAlive(h: Holder): boolean {
  if (h.host !== hostname()) return true; // cannot tell from here: treat as alive
  if (!isProcessAlive(h.pid)) return false;
  const start = processStartTime(h.pid);
  return h.start === null || start === null || start === h.start;
}

function readHolder(path: string): Holder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
  } catch {
    return null;
  }
}

/** Acquire the lock at `path`; returns the release function. Throws ELOCKED after the timeout. */
export function acquireLock(path: string, opts: LockOptions = {}): () => void {
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    start: processStartTime(process.pid),
    token: randomUUID(),
    acquired_at: Date.now(),
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let wait = 2;
  for (;;) {
    const tmp = `${path}.${me.token}.tmp`;
    writeFileSync(tmp, JSON.stringify(me));
    try {
      linkSync(tmp, path);
      return () => releaseLock(path, me.token);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
    const holder = readHolder(path);
    if (holder && !isAlive(holder)) {
      takeOver(path, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.host}` : 'unknown holder';
      throw akcError('ELOCKED', { id: opts.label ?? path, holder: who });
    }
    sleepSync(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
}

/** Move a dead holder's lock aside; if a live lock was moved by a race, put it back. */
function takeOver(path: string, dead: Holder): void {
  const aside = `${path}.stale.${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else took it over first
  }
  const moved = readHolder(aside);
  if (moved && moved.token !== dead.token) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process acquired in between; the moved holder will notice on release.
    }
  }
  rmSync(aside, { force: true });
}

function releaseLock(path: string, token: string): void {
  const holder = readHolder(path);
  if (holder?.token === token) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
