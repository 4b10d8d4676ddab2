/** Retry policy for provider calls (429, 5xx and network errors). */
export interface RetryOptions {
  /** Attempts per call, the first included. @default 5 */
  readonly max_attempts: number;
  /** First backoff delay; doubles per attempt, with jitter. @default 500 */
  readonly base_delay_ms: number;
  /** Longest single wait, `Retry-After` included. @default 30000 */
  readonly max_delay_ms: number;
}

/** The `lanes["android:beta"]` slice of `.akc/config.json`, with defaults applied. */
export interface FirebaseLaneOptions {
  /** Release notes; default "Version X for N testers". */
  readonly release_notes?: string;
  /** Longest wait for Firebase to process an upload in one run. @default 600000 (10 min) */
  readonly max_wait_ms: number;
  /** First delay between operation polls; grows 1.5x per poll up to 10 s. @default 2000 */
  readonly poll_interval_ms: number;
  readonly retry: RetryOptions;
}

export type ParseResult<O> = { ok: true; value: O } | { ok: false; errors: string[] };

const KNOWN = new Set(['release_notes', 'max_wait_ms', 'poll_interval_ms', 'retry']);
const RETRY_KNOWN = new Set(['max_attempts', 'base_delay_ms', 'max_delay_ms']);
const PREFIX = 'lanes["android:beta"]';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function positive(
  input: Record<string, unknown>,
  key: string,
  fallback: number,
  errors: string[],
  path: string,
): number {
  const v = input[key];
  if (v === undefined) return fallback;
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  errors.push(`${path}.${key} must be a positive number`);
  return fallback;
}

function unknownKeys(input: Record<string, unknown>, known: Set<string>, path: string): string[] {
  return Object.keys(input)
    .filter((k) => !known.has(k))
    .map((k) => `${path}.${k} is not an option (known: ${[...known].join(', ')})`);
}

function parseRetry(raw: unknown, errors: string[]): RetryOptions {
  const path = `${PREFIX}.retry`;
  const input = raw === undefined ? {} : raw;
  if (!isRecord(input)) {
    errors.push(`${path} must be an object`);
    return { max_attempts: 5, base_delay_ms: 500, max_delay_ms: 30_000 };
  }
  errors.push(...unknownKeys(input, RETRY_KNOWN, path));
  const attempts = positive(input, 'max_attempts', 5, errors, path);
  if (!Number.isInteger(attempts)) errors.push(`${path}.max_attempts must be a whole number`);
  return {
    max_attempts: attempts,
    base_delay_ms: positive(input, 'base_delay_ms', 500, errors, path),
    max_delay_ms: positive(input, 'max_delay_ms', 30_000, errors, path),
  };
}

/** Validate and default the lane options; every problem is returned at once. */
export function parseFirebaseOptions(raw: unknown): ParseResult<FirebaseLaneOptions> {
  const input = raw === undefined || raw === null ? {} : raw;
  if (!isRecord(input)) return { ok: false, errors: [`${PREFIX} must be an object`] };
  const errors = unknownKeys(input, KNOWN, PREFIX);
  const notes = input['release_notes'];
  if (notes !== undefined && (typeof notes !== 'string' || notes.trim() === '')) {
    errors.push(`${PREFIX}.release_notes must be a non-empty string`);
  }
  const value: FirebaseLaneOptions = {
    ...(typeof notes === 'string' && notes.trim() !== '' ? { release_notes: notes } : {}),
    max_wait_ms: positive(input, 'max_wait_ms', 600_000, errors, PREFIX),
    poll_interval_ms: positive(input, 'poll_interval_ms', 2_000, errors, PREFIX),
    retry: parseRetry(input['retry'], errors),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
