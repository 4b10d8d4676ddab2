/** Retry policy of the App Store Connect client (429, 5xx and network errors; `Retry-After` honoured). */
export interface AscRetryOptions {
  /** Attempts per request, the first included. @default 5 */
  readonly max_attempts?: number;
  /** Backoff base (full jitter, doubling). @default 1000 */
  readonly base_delay_ms?: number;
  /** Longest single wait; also caps `Retry-After`. @default 60000 */
  readonly max_delay_ms?: number;
}

/** A parsed options slice, or every problem at once. */
export type ParseResult<O> = { ok: true; value: O } | { ok: false; errors: string[] };

const RETRY_KEYS = ['max_attempts', 'base_delay_ms', 'max_delay_ms'];

/** `undefined`/`null` read as `{}`; anything but a plain object is `undefined`. */
export function objectOrEmpty(raw: unknown): Record<string, unknown> | undefined {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  return raw as Record<string, unknown>;
}

/** One message per key that is not an option. */
export function unknownKeys(
  input: Record<string, unknown>,
  known: readonly string[],
  prefix: string,
): string[] {
  return Object.keys(input)
    .filter((k) => !known.includes(k))
    .map((k) => `${prefix}.${k} is not an option (known: ${known.join(', ')})`);
}

/** A positive number option (0 allowed when `zeroOk`), or its default. */
export function positive(
  input: Record<string, unknown>,
  key: string,
  fallback: number,
  prefix: string,
  errors: string[],
  zeroOk = false,
): number {
  const v = input[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!zeroOk && v === 0)) {
    errors.push(`${prefix}.${key} must be a ${zeroOk ? 'non-negative' : 'positive'} number`);
    return fallback;
  }
  return v;
}

/** Parse `retry`, pushing problems into `errors`. */
export function parseRetry(raw: unknown, prefix: string, errors: string[]): AscRetryOptions {
  const input = objectOrEmpty(raw);
  if (!input) {
    errors.push(`${prefix} must be an object`);
    return {};
  }
  errors.push(...unknownKeys(input, RETRY_KEYS, prefix));
  const out: Record<string, number> = {};
  for (const key of RETRY_KEYS) {
    if (input[key] === undefined) continue;
    out[key] = positive(input, key, 1, prefix, errors, key !== 'max_attempts');
  }
  return out;
}
