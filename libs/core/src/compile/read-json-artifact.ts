/**
 * Read one compile artifact (a JSON object) in both forms the handoff needs: lossless, for the
 * Python-compatible fingerprint, and plain, for reading fields.
 */
import * as fs from 'node:fs';
import { handoffError } from './compile-errors';
import { LosslessJsonError, parseLosslessJson, toPlainJson, type JsonObject } from './lossless-json';
import { pythonFingerprint } from './python-json';

/** Compile artifacts larger than this are refused rather than read into memory. */
export const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A parsed artifact: its fields and its fingerprint F. */
export interface JsonArtifact {
  doc: JsonObject;
  fingerprint: string;
}

/**
 * Read `abs` (already checked by `resolveProjectPath`).
 * @returns null when the file does not exist.
 * @throws AkcError (handoff code) naming `rel` when it is not a regular file, cannot be read,
 *   is too large, is not valid JSON (with line and column) or is not a JSON object.
 */
export function readJsonArtifact(abs: string, rel: string): JsonArtifact | null {
  const text = readText(abs, rel);
  if (text === null) return null;
  let value;
  try {
    value = parseLosslessJson(text);
  } catch (e) {
    if (e instanceof LosslessJsonError) throw handoffError(rel, `not valid JSON (${e.message})`);
    throw e;
  }
  if (!(value instanceof Map)) {
    throw handoffError(
      rel,
      `the top level must be a JSON object, found ${Array.isArray(value) ? 'an array' : describe(value)}`,
    );
  }
  return { doc: toPlainJson(value) as JsonObject, fingerprint: pythonFingerprint(value) };
}

function readText(abs: string, rel: string): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw handoffError(rel, `cannot be read (${code ?? 'error'})`);
  }
  if (!stat.isFile()) throw handoffError(rel, 'not a regular file');
  if (stat.size > MAX_ARTIFACT_BYTES) throw handoffError(rel, `larger than ${MAX_ARTIFACT_BYTES} bytes`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch (e) {
    throw handoffError(rel, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    throw handoffError(rel, 'not valid UTF-8');
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a number'; // a JsonNumberText
  return `a ${typeof v}`;
}
