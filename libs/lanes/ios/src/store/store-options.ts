import {
  objectOrEmpty,
  parseRetry,
  positive,
  unknownKeys,
  type AscRetryOptions,
  type ParseResult,
  type ReleaseType,
} from '@akc/provider-app-store-connect';

/** The `lanes["ios:store"]` slice of `.akc/config.json`. */
export interface IosStoreOptions {
  /** The app's bundle id; else prereq `ios.bundle_id`, else the repo probe (app.json). */
  readonly bundle_id?: string;
  /** Longest wait for Apple's processing in one run (only when this lane uploads). @default 1200000 */
  readonly max_wait_ms: number;
  /** First wait between processing polls. @default 15000 */
  readonly poll_interval_ms: number;
  readonly retry: AscRetryOptions;
  /** When the approved version goes live. @default 'AFTER_APPROVAL' */
  readonly release_type: ReleaseType;
  /** ISO 8601 date; required with (and only with) `SCHEDULED`. */
  readonly earliest_release_date?: string;
  /** 7-day phased release for automatic updates. @default true */
  readonly phased_release: boolean;
  /** "What's New" text, set on every localization of the version. */
  readonly whats_new?: string;
  /** Export-compliance answer set on the build when it is unset (never guessed). */
  readonly uses_non_exempt_encryption?: boolean;
}

const KNOWN = [
  'bundle_id',
  'max_wait_ms',
  'poll_interval_ms',
  'retry',
  'release_type',
  'earliest_release_date',
  'phased_release',
  'whats_new',
  'uses_non_exempt_encryption',
];
const RELEASE_TYPES: readonly ReleaseType[] = ['AFTER_APPROVAL', 'MANUAL', 'SCHEDULED'];

function checkStrings(input: Record<string, unknown>, prefix: string, errors: string[]): void {
  for (const key of ['bundle_id', 'whats_new', 'earliest_release_date'])
    if (input[key] !== undefined && (typeof input[key] !== 'string' || input[key] === ''))
      errors.push(`${prefix}.${key} must be a non-empty string`);
  for (const key of ['phased_release', 'uses_non_exempt_encryption'])
    if (input[key] !== undefined && typeof input[key] !== 'boolean')
      errors.push(`${prefix}.${key} must be true or false`);
  const release = input.release_type ?? 'AFTER_APPROVAL';
  if (!RELEASE_TYPES.includes(release as ReleaseType))
    errors.push(`${prefix}.release_type must be one of ${RELEASE_TYPES.join(', ')}`);
  const date = input.earliest_release_date;
  if ((release === 'SCHEDULED') !== (date !== undefined))
    errors.push(`${prefix}.earliest_release_date is required with, and only with, release_type SCHEDULED`);
  if (typeof date === 'string' && Number.isNaN(Date.parse(date)))
    errors.push(`${prefix}.earliest_release_date must be an ISO 8601 date`);
}

/** Validate and default the store lane's options; every problem is returned at once. */
export function parseIosStoreOptions(
  raw: unknown,
  prefix = 'lanes["ios:store"]',
): ParseResult<IosStoreOptions> {
  const input = objectOrEmpty(raw);
  if (!input) return { ok: false, errors: [`${prefix} must be an object`] };
  const errors = unknownKeys(input, KNOWN, prefix);
  checkStrings(input, prefix, errors);
  const retry = parseRetry(input.retry, `${prefix}.retry`, errors);
  const maxWait = positive(input, 'max_wait_ms', 1_200_000, prefix, errors, true);
  const interval = positive(input, 'poll_interval_ms', 15_000, prefix, errors);
  if (errors.length > 0) return { ok: false, errors };
  const str = (k: string) => (typeof input[k] === 'string' ? { [k]: input[k] as string } : {});
  return {
    ok: true,
    value: {
      ...str('bundle_id'),
      ...str('whats_new'),
      ...str('earliest_release_date'),
      max_wait_ms: maxWait,
      poll_interval_ms: interval,
      retry,
      release_type: (input.release_type ?? 'AFTER_APPROVAL') as ReleaseType,
      phased_release: input.phased_release !== false,
      ...(typeof input.uses_non_exempt_encryption === 'boolean'
        ? { uses_non_exempt_encryption: input.uses_non_exempt_encryption }
        : {}),
    },
  };
}
