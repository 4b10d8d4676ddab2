import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { akcError } from '../errors/akc-error';
import type { DeliveryPaths } from './paths';
import { appendRows, chainRows, openLogTail, type LogTail } from './json-log';
import { fsyncDir, writeAndSync, writeFileAtomic } from './atomic-write';
import { stringifyDoc } from '../util/stringify-doc';
import {
  DOC_FILES,
  DOC_VALIDATORS,
  LOGS,
  PRIVATE_DOCS,
  assertValid,
  type DocName,
  type DocTypes,
  type LogName,
  type LogTypes,
} from './documents';
import type { EventRow, EvidenceRecord } from '../schemas/sidecars';

export interface StoreIO {
  /** Wall clock in unix ms. */
  now(): number;
  /** Applied to every text written except private documents (secrets never reach other files). */
  redact?: (text: string) => string;
}

type JournalRow = { seq: number; prev_hash: string };
interface Journal {
  v: 2;
  /** [temp file, final file]: a rename still to do while the temp file exists. */
  renames: Array<[string, string]>;
  logs: Array<{ file: string; rows: JournalRow[] }>;
}

/** Prefix of the temp files a commit stages; only these are cleaned up after a crash. */
const COMMIT_TMP_PREFIX = '.commit-';

export type EventBody = { event_type: string; payload: Record<string, unknown> };
export type EvidenceBody = Omit<EvidenceRecord, 'seq' | 'prev_hash' | 'hash' | 'record_id'> & {
  record_id?: string;
};

/**
 * One read-modify-write under the delivery lock. Documents are read lazily and staged with
 * `put` (validated at once, so an invalid change fails before anything is written); log rows are
 * chained to the current tail. `commit` makes all of it durable together.
 */
export class Transaction {
  private readonly docs = new Map<DocName, unknown>();
  private readonly staged = new Map<DocName, unknown>();
  private readonly tails = new Map<LogName, LogTail>();
  private readonly pending = new Map<LogName, Array<LogTypes[LogName]>>();

  constructor(
    private readonly paths: DeliveryPaths,
    private readonly io: StoreIO,
    private readonly load: <N extends DocName>(name: N) => DocTypes[N],
    private readonly loadTail: (name: LogName) => LogTail,
  ) {}

  now(): number {
    return this.io.now();
  }

  /** The current document (staged value if `put` was called); the object is yours to modify. */
  get<N extends DocName>(name: N): DocTypes[N] {
    if (this.staged.has(name)) return this.staged.get(name) as DocTypes[N];
    if (!this.docs.has(name)) this.docs.set(name, this.load(name));
    return this.docs.get(name) as DocTypes[N];
  }

  /** Stage a document; a session gets its revision and updated_at bumped. Validates now. */
  put<N extends DocName>(name: N, doc: DocTypes[N]): void {
    if (name === 'session') {
      const s = doc as DocTypes['session'];
      const base = (this.docs.get('session') as DocTypes['session'] | undefined)?.revision ?? s.revision;
      s.revision = base + 1;
      s.updated_at_unix_ms = Math.max(this.now(), s.created_at_unix_ms);
    }
    assertValid(name, DOC_VALIDATORS[name], doc);
    this.staged.set(name, doc);
  }

  /** Append an event (seq and hash chain assigned here); returns the row as it will be stored. */
  appendEvent(eventType: string, payload: Record<string, unknown>, occurredAt?: number): EventRow {
    const body = {
      schema: 'akc.delivery_event_envelope.v1' as const,
      delivery_id: this.deliveryId(),
      event_type: eventType,
      occurred_at_unix_ms: occurredAt ?? this.now(),
      payload,
    };
    return this.appendRow('events', body) as EventRow;
  }

  /** Append an activation evidence record. */
  appendEvidence(body: EvidenceBody): EvidenceRecord {
    const { record_id, ...rest } = body;
    return this.appendRow('evidence', { record_id: record_id ?? randomUUID(), ...rest }) as EvidenceRecord;
  }

  /** Rows staged in this transaction for a log. */
  stagedRows<N extends LogName>(name: N): ReadonlyArray<LogTypes[N]> {
    return (this.pending.get(name) ?? []) as Array<LogTypes[N]>;
  }

  private deliveryId(): string {
    return this.paths.dir.split(/[\\/]/).pop() ?? '';
  }

  private appendRow(name: LogName, raw: Record<string, unknown>): LogTypes[LogName] {
    // Redact before hashing, so the chain covers exactly the bytes that are stored.
    const body = this.io.redact
      ? (JSON.parse(this.io.redact(JSON.stringify(raw))) as Record<string, unknown>)
      : raw;
    if (!this.tails.has(name)) this.tails.set(name, this.loadTail(name));
    const list = this.pending.get(name) ?? [];
    const tail = this.tails.get(name) as LogTail;
    const last = list[list.length - 1];
    const [row] = chainRows(last ? { lastSeq: last.seq, lastHash: last.hash } : tail, [body]);
    assertValid(`${name} row`, LOGS[name].validate, row);
    list.push(row as unknown as LogTypes[LogName]);
    this.pending.set(name, list);
    return row as unknown as LogTypes[LogName];
  }

  /**
   * Write everything staged. Documents go to hidden temp files first (fsynced, not yet visible);
   * then a small journal naming the renames and log rows is written atomically (the commit
   * point); then the renames and appends are applied and the journal removed. A crash before the
   * journal leaves the old state; after it, the next opener finishes the commit.
   */
  commit(): void {
    const redact = this.io.redact ?? ((t: string) => t);
    const journal: Journal = { v: 2, renames: [], logs: [] };
    try {
      for (const [name, doc] of this.staged) {
        const priv = PRIVATE_DOCS.has(name);
        const text = stringifyDoc(doc);
        const file = this.paths[DOC_FILES[name]];
        const tmp = join(
          dirname(file),
          `${COMMIT_TMP_PREFIX}${basename(file)}.${randomBytes(4).toString('hex')}.tmp`,
        );
        writeAndSync(tmp, priv ? text : redact(text), priv ? 0o600 : 0o644);
        journal.renames.push([tmp, file]);
      }
      for (const [name, rows] of this.pending) {
        if (rows.length > 0)
          journal.logs.push({ file: this.paths[LOGS[name].file], rows: rows as unknown as JournalRow[] });
      }
      if (journal.renames.length + journal.logs.length === 0) return;
      if (journal.renames.length + journal.logs.length > 1)
        writeFileAtomic(this.paths.journal, JSON.stringify(journal), { mode: 0o600 });
    } catch (err) {
      for (const [tmp] of journal.renames) rmSync(tmp, { force: true });
      throw err;
    }
    applyJournal(journal, this.tails, this.paths);
    rmSync(this.paths.journal, { force: true });
    fsyncDir(this.paths.dir);
  }
}

function applyJournal(journal: Journal, tails: Map<LogName, LogTail> | null, paths: DeliveryPaths): void {
  for (const [tmp, file] of journal.renames) if (existsSync(tmp)) renameSync(tmp, file);
  for (const l of journal.logs) {
    const name = (Object.keys(LOGS) as LogName[]).find((n) => paths[LOGS[n].file] === l.file);
    const known = name && tails?.get(name);
    const opened = known ? { tail: known } : openLogTail(l.file, true);
    if (!opened) throw akcError('ECORRUPT', { path: l.file, reason: 'cannot find the log tail' });
    const fresh = l.rows.filter((r) => r.seq > opened.tail.lastSeq);
    if (fresh.length > 0 && fresh[0]?.seq !== opened.tail.lastSeq + 1) {
      throw akcError('ECORRUPT', {
        path: l.file,
        reason: `journal rows do not continue seq ${opened.tail.lastSeq}`,
      });
    }
    appendRows(l.file, opened.tail, fresh);
  }
  if (journal.renames.length > 0) fsyncDir(paths.dir);
}

/** Finish a commit that a crashed writer journaled but did not complete. Call under the lock. */
export function recoverJournal(paths: DeliveryPaths): boolean {
  if (!existsSync(paths.journal)) {
    removeOrphanTemps(paths);
    return false;
  }
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(paths.journal, 'utf8')) as Journal;
  } catch (e) {
    throw akcError('ECORRUPT', { path: paths.journal, reason: (e as Error).message });
  }
  applyJournal(journal, null, paths);
  rmSync(paths.journal, { force: true });
  fsyncDir(paths.dir);
  removeOrphanTemps(paths);
  return true;
}

/** Temp files of a commit that crashed before its journal was written: never visible, remove. */
function removeOrphanTemps(paths: DeliveryPaths): void {
  let names: string[];
  try {
    names = readdirSync(paths.dir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(COMMIT_TMP_PREFIX)) rmSync(join(paths.dir, n), { force: true });
}
