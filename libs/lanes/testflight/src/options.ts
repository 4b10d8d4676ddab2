/** Retry policy of the App Store Connect client (429, 5xx and network errors; `Retry-After` honoured). */
export interface AscRetryOptions {
  /** Attempts per request, the first included. @default 5 */
  readonly max_attempts?: number;
  /** Backoff base (full jitter, doubling). @default 1000 */
  readonly base_delay_ms?: number;
  /** Longest single wait; also caps `Retry-After`. @default 60000 */
  readonly max_delay_ms?: number;
}

/** The `lanes["ios:beta"]` slice of `.akc/config.json`. */
export interface TestflightOptions {
  /** The app's bundle id; else prereq `ios.bundle_id`, else the repo probe (app.json). */
  readonly bundle_id?: string;
  /** Create the prereq `ios.testflight_group` (by name) when absent. @default false */
  readonly create_group: boolean;
  /** Longest wait for Apple's processing in one run; a later run resumes. @default 1200000 (20 min) */
  readonly max_wait_ms: number;
  /** First wait between processing polls (grows 1.5x up to 4x). @default 15000 */
  readonly poll_interval_ms: number;
  readonly retry: AscRetryOptions;
  /** Export-compliance answer set on the build when it is unset (never guessed). */
  readonly uses_non_exempt_encryption?: boolean;
}

export type ParseResult<O> = { ok: true; value: O } | { ok: false; errors: string[] };

const KNOWN = [
  'bundle_id',
  'create_group',
  'max_wait_ms',
  'poll_interval_ms',
  'retry',
  'uses_non_exempt_encryption',
];
const RETRY_KEYS = ['max_attempts', 'base_delay_ms', 'max_delay_ms'];

/** Validate and default the lane's options; every problem is returned at once. */
export function parseTestflightOptions(
  raw: unknown,
  prefix = 'lanes["ios:beta"]',
): ParseResult<TestflightOptions> {
  const input = objectOrEmpty(raw);
  if (!input) return { ok: false, errors: [`${prefix} must be an object`] };
  const errors = unknownKeys(input, KNOWN, prefix);
  const retry = parseRetry(input.retry, `${prefix}.retry`, errors);
  if (input.bundle_id !== undefined && (typeof input.bundle_id !== 'string' || input.bundle_id === ''))
    errors.push(`${prefix}.bundle_id must be a non-empty string`);
  for (const key of ['create_group', 'uses_non_exempt_encryption'])
    if (input[key] !== undefined && typeof input[key] !== 'boolean')
      errors.push(`${prefix}.${key} must be true or false`);
  const maxWait = positive(input, 'max_wait_ms', 1_200_000, prefix, errors, true);
  const interval = positive(input, 'poll_interval_ms', 15_000, prefix, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...(typeof input.bundle_id === 'string' ? { bundle_id: input.bundle_id } : {}),
      create_group: input.create_group === true,
      max_wait_ms: maxWait,
      poll_interval_ms: interval,
      retry,
      ...(typeof input.uses_non_exempt_encryption === 'boolean'
        ? { uses_non_exempt_encryption: input.uses_non_exempt_encryption }
        : {}),
    },
  };
}

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
