/**
 * Recipients file loader (spec §4.2), hardened: size and count limits, binary and
 * invalid UTF-8 detection, typed JSON items and a helpful error for comma-separated lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { akcError, type AkcError } from '../errors/akc-error';

/** @default 5 MiB */
export const DEFAULT_RECIPIENTS_MAX_BYTES = 5 * 1024 * 1024;
/** @default 100,000 entries */
export const DEFAULT_RECIPIENTS_MAX_ENTRIES = 100_000;

/** Options for {@link loadRecipientsFile}. `cwd` and `homeDir` are injected, never read from the process. */
export interface RecipientsFileOptions {
  cwd: string;
  homeDir: string;
  maxBytes?: number;
  maxEntries?: number;
}

/** Expand a leading `~` (alone, `~/…` or `~\…`) and resolve against `cwd`. `~user` is left alone. */
export function resolveUserPath(p: string, cwd: string, homeDir: string): string {
  const expanded = p === '~' ? homeDir : /^~[/\\]/.test(p) ? path.join(homeDir, p.slice(2)) : p;
  return path.resolve(cwd, expanded);
}

/**
 * Load the raw (not yet normalised) recipient entries from a file.
 * `.json` (any case): an object whose first array-valued key of `recipients`, `emails` is used;
 * items must be strings, are trimmed, and empty ones are dropped. Any other suffix: one address
 * per line, `#` starts a comment, blank lines are skipped.
 * @throws AkcError ERECIPIENTSFILE naming the resolved path and how to fix the file.
 * @example loadRecipientsFile('~/beta.txt', { cwd: '/work/app', homeDir: '/home/dana' })
 */
export function loadRecipientsFile(p: string, opts: RecipientsFileOptions): string[] {
  if (p.trim() === '') throw fileError('(empty path)', 'no path given; pass --recipients-file PATH');
  const full = resolveUserPath(p, opts.cwd, opts.homeDir);
  const text = readTextFile(full, opts.maxBytes ?? DEFAULT_RECIPIENTS_MAX_BYTES);
  const entries = /\.json$/i.test(full) ? parseJsonEntries(full, text) : parseLineEntries(full, text);
  // The original accepted an empty list and failed later with a message that did not name the
  // file; failing here points at the real mistake.
  if (entries.length === 0)
    throw fileError(full, 'contains no recipient addresses; add at least one address');
  const maxEntries = opts.maxEntries ?? DEFAULT_RECIPIENTS_MAX_ENTRIES;
  if (entries.length > maxEntries) {
    throw fileError(
      full,
      `has ${entries.length} entries, over the limit of ${maxEntries}; split the delivery into smaller groups`,
    );
  }
  return entries;
}

function fileError(p: string, reason: string): AkcError {
  return akcError('ERECIPIENTSFILE', { path: p, reason });
}

function readTextFile(full: string, maxBytes: number): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw fileError(
      full,
      'not found (check the path; ~ and paths relative to the current directory are accepted)',
    );
  }
  if (stat.isDirectory())
    throw fileError(full, 'is a directory, not a file; point --recipients-file at the file inside it');
  if (!stat.isFile())
    throw fileError(full, 'is not a regular file (pipes and devices are not read); save the list to a file');
  if (stat.size > maxBytes) {
    throw fileError(
      full,
      `is ${stat.size} bytes, over the ${formatBytes(maxBytes)} limit; is this the right file? split large lists`,
    );
  }
  const bytes = readBytes(full);
  // Re-check after reading: the file may have grown since stat.
  if (bytes.length > maxBytes) throw fileError(full, `is larger than the ${formatBytes(maxBytes)} limit`);
  if (bytes.includes(0)) throw fileError(full, 'looks binary (it contains NUL bytes); save it as UTF-8 text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError(full, 'is not valid UTF-8 text; re-save it as UTF-8');
  }
}

function readBytes(full: string): Buffer {
  try {
    return fs.readFileSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'read error';
    throw fileError(full, `cannot be read (${code}); check its permissions`);
  }
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

function parseJsonEntries(full: string, text: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw fileError(
      full,
      `is not valid JSON (${(e as Error).message}); fix the syntax or use a .txt file with one address per line`,
    );
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    const got = Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc;
    throw fileError(full, `must be an object like {"recipients": ["dana@example.com"]}, not ${got}`);
  }
  const record = doc as Record<string, unknown>;
  const key = ['recipients', 'emails'].find((k) => Array.isArray(record[k]));
  if (key === undefined) {
    throw fileError(full, 'one of "recipients" or "emails" must be a non-empty array of addresses');
  }
  return jsonItems(full, key, record[key] as unknown[]);
}

function jsonItems(full: string, key: string, items: readonly unknown[]): string[] {
  const out: string[] = [];
  items.forEach((item, index) => {
    if (typeof item !== 'string') {
      const got = item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item;
      throw fileError(
        full,
        `"${key}"[${index}] is ${got}, not a string; write each address as a quoted string`,
      );
    }
    const value = item.trim();
    if (/[,;]/.test(value)) {
      throw fileError(
        full,
        `"${key}"[${index}] ("${value}") holds several addresses; give each address its own array item`,
      );
    }
    if (value !== '') out.push(value);
  });
  return out;
}

function parseLineEntries(full: string, text: string): string[] {
  const out: string[] = [];
  text.split(/\r\n|\n|\r/).forEach((rawLine, i) => {
    const hash = rawLine.indexOf('#');
    const line = (hash === -1 ? rawLine : rawLine.slice(0, hash)).trim();
    if (line === '') return;
    if (/[,;]/.test(line)) {
      throw fileError(full, `line ${i + 1} ("${line}") lists several addresses; put one address per line`);
    }
    out.push(line);
  });
  return out;
}
