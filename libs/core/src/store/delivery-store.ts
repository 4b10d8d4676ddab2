import { existsSync, readFileSync, rmSync } from 'node:fs';
import { akcError } from '../errors/akc-error';
import { acquireLock } from './lock';
import { deliveryPaths, type DeliveryPaths } from './paths';
import { openLogTail, type LogTail } from './json-log';
import {
  DOC_FILES,
  DOC_VALIDATORS,
  LOGS,
  describeErrors,
  type DocName,
  type DocTypes,
  type LogName,
  type LogTypes,
} from './documents';
import { Transaction, recoverJournal, type StoreIO } from './transaction';

/**
 * The durable store of one delivery. Reads validate every document; every change goes through
 * `transact`, which holds the per-delivery lock across read-modify-write and commits all staged
 * documents and log rows together (journal, then atomic writes, then appends).
 */
export class DeliveryStore {
  readonly paths: DeliveryPaths;
  readonly deliveryId: string;

  constructor(
    projectDir: string,
    deliveryId: string,
    private readonly io: StoreIO,
  ) {
    this.paths = deliveryPaths(projectDir, deliveryId);
    this.deliveryId = deliveryId;
  }

  /** Throws ENOTFOUND unless the delivery's request, session and events exist. */
  assertExists(): void {
    for (const [what, file] of [
      ['request', this.paths.request],
      ['session', this.paths.session],
      ['events', this.paths.events],
    ] as const) {
      if (!existsSync(file)) throw akcError('ENOTFOUND', { what, path: file });
    }
  }

  /** Read and validate one document without taking the lock (each file is replaced atomically). */
  read<N extends DocName>(name: N): DocTypes[N] {
    this.recoverIfNeeded();
    return readDoc(this.paths, name);
  }

  /** Read all rows of a log (whole-file parse; used by `events` and `verify`). */
  readLog<N extends LogName>(name: N): Array<LogTypes[N]> {
    this.recoverIfNeeded();
    return readLogRows(this.paths, name);
  }

  /**
   * Run `fn` under the delivery lock with a fresh transaction. If `fn` throws, nothing it staged
   * is written. Returns what `fn` returned.
   */
  transact<T>(fn: (tx: Transaction) => T): T {
    this.assertExists();
    const release = acquireLock(this.paths.lock, { label: this.deliveryId });
    try {
      recoverJournal(this.paths);
      const tx = new Transaction(
        this.paths,
        this.io,
        (name) => readDoc(this.paths, name),
        (name) => openTail(this.paths, name),
      );
      const out = fn(tx);
      tx.commit();
      return out;
    } finally {
      release();
    }
  }

  /** A crashed writer left a journal: finish its commit under the lock before reading. */
  private recoverIfNeeded(): void {
    if (!existsSync(this.paths.journal)) return;
    if (!existsSync(this.paths.dir)) return;
    const release = acquireLock(this.paths.lock, { label: this.deliveryId });
    try {
      recoverJournal(this.paths);
    } finally {
      release();
    }
  }
}

export function readDoc<N extends DocName>(paths: DeliveryPaths, name: N): DocTypes[N] {
  const file = paths[DOC_FILES[name]];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw akcError('ENOTFOUND', { what: name, path: file });
    throw e;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw akcError('ECORRUPT', { path: file, reason: (e as Error).message });
  }
  const v = DOC_VALIDATORS[name];
  if (!v(doc)) throw akcError('ECORRUPT', { path: file, reason: describeErrors(v) });
  return doc as DocTypes[N];
}

function openTail(paths: DeliveryPaths, name: LogName): LogTail {
  const file = paths[LOGS[name].file];
  if (!existsSync(file)) throw akcError('ENOTFOUND', { what: name, path: file });
  const opened = openLogTail(file, true);
  if (!opened) throw akcError('ECORRUPT', { path: file, reason: 'no header or whole row found' });
  return opened.tail;
}

export function readLogRows<N extends LogName>(paths: DeliveryPaths, name: N): Array<LogTypes[N]> {
  const spec = LOGS[name];
  const file = paths[spec.file];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw akcError('ENOTFOUND', { what: name, path: file });
    throw e;
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A torn tail from a crash: repair under the lock, then read again.
    const release = acquireLock(paths.lock, { label: paths.dir });
    try {
      if (!openLogTail(file, true)) throw akcError('ECORRUPT', { path: file, reason: 'torn beyond repair' });
    } finally {
      release();
    }
    try {
      doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw akcError('ECORRUPT', { path: file, reason: (e as Error).message });
    }
  }
  const rows = doc[spec.arrayKey];
  if (doc.schema_id !== spec.schemaId || !Array.isArray(rows)) {
    throw akcError('ECORRUPT', {
      path: file,
      reason: `expected ${spec.schemaId} with a "${spec.arrayKey}" array`,
    });
  }
  return rows as Array<LogTypes[N]>;
}

/** Remove a whole delivery folder (used only to roll back a failed creation). */
export function removeDeliveryDir(paths: DeliveryPaths): void {
  rmSync(paths.dir, { recursive: true, force: true });
}
