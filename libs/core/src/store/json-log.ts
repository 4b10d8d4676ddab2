import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { sha256Hex, canonicalJson } from '../util/canonical-json';

/**
 * An append-only log kept as one valid JSON document:
 *
 *   {"schema_version":1,...,"events":[
 *   {"seq":1,...}
 *   ,{"seq":2,...}
 *   ]}
 *
 * Every row sits on its own line and the file always ends with the 3-byte trailer `]}\n`, so an
 * append overwrites only the trailer: the cost of an append does not grow with the log. A crash
 * mid-append leaves a torn tail, which `repairLog` cuts back to the last whole row.
 */
export const LOG_TRAILER = ']}\n';
export const GENESIS_HASH = '0'.repeat(64);

export interface LogRow {
  seq: number;
  prev_hash: string;
  hash: string;
}

export interface LogTail {
  lastSeq: number;
  lastHash: string;
  /** Byte offset of the trailer. */
  trailerAt: number;
}

/** The header line, ending with the opening of the rows array. */
export function logHeaderText(header: Record<string, unknown>, arrayKey: string): string {
  return `${JSON.stringify(header).slice(0, -1)},${JSON.stringify(arrayKey)}:[\n`;
}

/** Hash of a row: sha256 over the previous hash and the canonical JSON of the row without `hash`. */
export function rowHash(row: Omit<LogRow, 'hash'> & Record<string, unknown>): string {
  const { hash: _omit, ...rest } = row as Record<string, unknown>;
  return sha256Hex(`${String(rest.prev_hash)}\n${canonicalJson(rest)}`);
}

function readRange(fd: number, start: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let off = 0;
  while (off < length) {
    const n = readSync(fd, buf, off, length - off, start + off);
    if (n === 0) break;
    off += n;
  }
  return buf.subarray(0, off);
}

function parseRowLine(line: string): LogRow | null {
  const text = line.startsWith(',') ? line.slice(1) : line;
  if (!text.startsWith('{')) return null;
  try {
    const row = JSON.parse(text) as LogRow;
    return typeof row.seq === 'number' && typeof row.hash === 'string' ? row : null;
  } catch {
    return null;
  }
}

/**
 * Find the tail of the log, repairing a torn tail in place (truncate to the last whole row and
 * rewrite the trailer). Reads only the end of the file. Returns null when no whole row and no
 * header can be found (the caller reports the file as corrupt).
 */
export function openLogTail(file: string, repair: boolean): { tail: LogTail; repaired: boolean } | null {
  const fd = openSync(file, repair ? 'r+' : 'r');
  try {
    const size = fstatSync(fd).size;
    let chunk = Math.min(size, 64 * 1024);
    for (;;) {
      const start = size - chunk;
      const buf = readRange(fd, start, chunk);
      const found = scanTail(buf, start, start === 0);
      if (found === 'more') {
        chunk = Math.min(size, chunk * 4);
        continue;
      }
      if (found === null) return null;
      const healthy =
        found.trailerAt + LOG_TRAILER.length === size && buf.subarray(-3).toString() === LOG_TRAILER;
      if (healthy || !repair) return { tail: found, repaired: false };
      ftruncateSync(fd, found.trailerAt);
      writeSync(fd, LOG_TRAILER, found.trailerAt);
      fsyncSync(fd);
      return { tail: found, repaired: true };
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Walk the complete lines of `buf` (the file from byte `base`) backwards: the last line that is a
 * whole row gives the tail; reaching the header line means an empty log. Offsets are in bytes
 * (newlines never occur inside a UTF-8 sequence, so splitting bytes on 0x0a is safe).
 */
function scanTail(buf: Buffer, base: number, atFileStart: boolean): LogTail | null | 'more' {
  let end = buf.lastIndexOf(0x0a);
  while (end >= 0) {
    const prevNl = end === 0 ? -1 : buf.lastIndexOf(0x0a, end - 1);
    if (prevNl < 0 && !atFileStart) return 'more';
    const line = buf.subarray(prevNl + 1, end).toString('utf8');
    if (prevNl < 0) {
      // First line of the file: must be the header.
      return isHeaderLine(line) ? { lastSeq: 0, lastHash: GENESIS_HASH, trailerAt: base + end + 1 } : null;
    }
    const row = parseRowLine(line);
    if (row) return { lastSeq: row.seq, lastHash: row.hash, trailerAt: base + end + 1 };
    end = prevNl;
  }
  return atFileStart ? null : 'more';
}

function isHeaderLine(line: string): boolean {
  return line.startsWith('{') && line.endsWith(':[');
}

/** Append rows (already hashed, seq continuing the tail) by overwriting the trailer; fsyncs. */
export function appendRows(file: string, tail: LogTail, rows: readonly object[]): LogTail {
  if (rows.length === 0) return tail;
  let text = '';
  let first = tail.lastSeq === 0;
  for (const row of rows) {
    text += `${first ? '' : ','}${JSON.stringify(row)}\n`;
    first = false;
  }
  const buf = Buffer.from(text + LOG_TRAILER, 'utf8');
  const fd = openSync(file, 'r+');
  try {
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off, tail.trailerAt + off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const last = rows[rows.length - 1] as LogRow;
  return {
    lastSeq: last.seq,
    lastHash: last.hash,
    trailerAt: tail.trailerAt + buf.length - LOG_TRAILER.length,
  };
}

/** Build the next rows of the chain from bodies (without seq/prev_hash/hash). */
export function chainRows<T extends Record<string, unknown>>(
  tail: Pick<LogTail, 'lastSeq' | 'lastHash'>,
  bodies: readonly T[],
): Array<T & LogRow> {
  let seq = tail.lastSeq;
  let prev = tail.lastHash;
  return bodies.map((body) => {
    seq += 1;
    const partial = { ...body, seq, prev_hash: prev };
    const hash = rowHash(partial);
    prev = hash;
    return { ...partial, hash };
  });
}
