import {
  objectOrEmpty,
  parseRetry,
  positive,
  unknownKeys,
  type AscRetryOptions,
  type ParseResult,
} from '@akc/provider-app-store-connect';

export type { AscRetryOptions, ParseResult };

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

const KNOWN = [
  'bundle_id',
  'create_group',
  'max_wait_ms',
  'poll_interval_ms',
  'retry',
  'uses_non_exempt_encryption',
];

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
