/**
 * Typed reads of optional fields of a compile artifact. A field that is absent or null reads as
 * null; a field of the wrong type is a handoff error naming the file and the field, because a
 * silently ignored field would bind the wrong outputs.
 */
import { handoffError } from './compile-errors';
import type { JsonObject, JsonValue } from './lossless-json';

/** Where a field sits, for error messages: the artifact's path and the field's prefix. */
export interface FieldScope {
  /** Project-relative artifact path. */
  file: string;
  /** e.g. `passes[2].metadata.`; empty for top-level fields. */
  prefix: string;
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The string at `key`, or null when absent/null. @throws handoff error for another type. */
export function optionalString(obj: JsonObject, key: string, at: FieldScope): string | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw wrongType(at, key, 'a string', v);
  return v;
}

/** The object at `key`, or null when absent/null. @throws handoff error for another type. */
export function optionalObject(obj: JsonObject, key: string, at: FieldScope): JsonObject | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (!isJsonObject(v)) throw wrongType(at, key, 'an object', v);
  return v;
}

/** The array at `key`, or [] when absent/null. @throws handoff error for another type. */
export function optionalArray(obj: JsonObject, key: string, at: FieldScope): JsonValue[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw wrongType(at, key, 'an array', v);
  return v;
}

/** The non-blank trimmed string at `key`, else null. @throws handoff error for a non-string. */
export function optionalTrimmed(obj: JsonObject, key: string, at: FieldScope): string | null {
  const v = optionalString(obj, key, at)?.trim();
  return v ? v : null;
}

/** Scope for the object at `key` below `at` (for nested messages). */
export function nested(at: FieldScope, key: string | number): FieldScope {
  const part = typeof key === 'number' ? `[${key}]` : key;
  const joined = typeof key === 'number' ? `${at.prefix.replace(/\.$/, '')}${part}.` : `${at.prefix}${part}.`;
  return { file: at.file, prefix: joined };
}

function wrongType(at: FieldScope, key: string, want: string, v: JsonValue) {
  const got =
    v === null
      ? 'null'
      : Array.isArray(v)
        ? 'an array'
        : typeof v === 'object'
          ? 'an object'
          : `a ${typeof v}`;
  return handoffError(at.file, `${at.prefix}${key} must be ${want}, found ${got}`);
}
