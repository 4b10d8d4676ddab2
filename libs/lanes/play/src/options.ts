/** The `lanes["android:store"]` slice of `.akc/config.json`, validated, with env overrides applied. */
import type { Env } from '@akc/core';

/** A Play track release status (`statusUnspecified` is never sent). */
export type ReleaseStatus = 'draft' | 'inProgress' | 'halted' | 'completed';

/** Bounded retry settings for every Play call. */
export interface RetrySettings {
  /** Attempts per call, the first one included. @default 5 */
  readonly max_attempts: number;
  /** Base of the exponential backoff (full jitter). @default 1000 */
  readonly base_delay_ms: number;
  /** Cap of one backoff delay; a longer Retry-After (up to 5 min) is still honoured. @default 60000 */
  readonly max_delay_ms: number;
}

/** Options of the play lane after defaults. */
export interface PlayOptions {
  /** Overrides env and operator prereqs when env `AKC_DELIVERY_PLAY_PACKAGE_NAME` is unset. */
  readonly package_name?: string;
  /** @default 'production' */
  readonly track: string;
  /** Staged-rollout fraction, 0 < f <= 1; 1 means a full rollout. @default 0.1 (env AKC_PLAY_USER_FRACTION wins) */
  readonly user_fraction: number;
  /** True when the fraction was given explicitly (option or env), as a full rollout must be. */
  readonly user_fraction_explicit: boolean;
  /** Forces the release status; by default it follows user_fraction and storeSubmit. */
  readonly release_status?: ReleaseStatus;
  /** `{ "en-US": "text" }`, each at most 500 characters (Play's limit). */
  readonly release_notes: Readonly<Record<string, string>>;
  /** undefined = auto: flip the commit flag when the API asks for it. */
  readonly changes_not_sent_for_review?: boolean;
  readonly retry: RetrySettings;
}

export type ParseResult<O> = { ok: true; value: O } | { ok: false; errors: string[] };

const STATUSES: readonly ReleaseStatus[] = ['draft', 'inProgress', 'halted', 'completed'];
const KNOWN = new Set([
  'package_name',
  'track',
  'user_fraction',
  'release_status',
  'release_notes',
  'changes_not_sent_for_review',
  'retry',
]);
const P = 'lanes["android:store"]';

/** Validate and default the lane options; `env.AKC_PLAY_USER_FRACTION` overrides `user_fraction`. */
export function parsePlayOptions(raw: unknown, env: Env = {}): ParseResult<PlayOptions> {
  const input = raw === undefined || raw === null ? {} : raw;
  if (typeof input !== 'object' || Array.isArray(input))
    return { ok: false, errors: [`${P} must be an object`] };
  const o = input as Record<string, unknown>;
  const errors = Object.keys(o)
    .filter((k) => !KNOWN.has(k))
    .map((k) => `${P}.${k} is not an option (known: ${[...KNOWN].join(', ')})`);
  const fraction = readFraction(o, env, errors);
  const status = o.release_status;
  if (status !== undefined && !STATUSES.includes(status as ReleaseStatus))
    errors.push(`${P}.release_status must be one of ${STATUSES.join(', ')}`);
  for (const k of ['package_name', 'track'] as const)
    if (o[k] !== undefined && (typeof o[k] !== 'string' || o[k].trim() === ''))
      errors.push(`${P}.${k} must be a non-empty string`);
  const cnsr = o.changes_not_sent_for_review;
  if (cnsr !== undefined && typeof cnsr !== 'boolean')
    errors.push(`${P}.changes_not_sent_for_review must be true or false (omit it for auto)`);
  const notes = readNotes(o.release_notes, errors);
  const retry = readRetry(o.retry, errors);
  if (status === 'inProgress' || status === 'halted')
    if (fraction.value >= 1) errors.push(`${P}.user_fraction must be below 1 for release_status ${status}`);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...(typeof o.package_name === 'string' ? { package_name: o.package_name.trim() } : {}),
      track: typeof o.track === 'string' ? o.track.trim() : 'production',
      user_fraction: fraction.value,
      user_fraction_explicit: fraction.explicit,
      ...(status !== undefined ? { release_status: status as ReleaseStatus } : {}),
      release_notes: notes,
      ...(typeof cnsr === 'boolean' ? { changes_not_sent_for_review: cnsr } : {}),
      retry,
    },
  };
}

function readFraction(
  o: Record<string, unknown>,
  env: Env,
  errors: string[],
): { value: number; explicit: boolean } {
  const fromEnv = env.AKC_PLAY_USER_FRACTION?.trim();
  const raw: unknown = fromEnv ? Number(fromEnv) : o.user_fraction;
  const where = fromEnv ? 'AKC_PLAY_USER_FRACTION' : `${P}.user_fraction`;
  if (raw === undefined) return { value: 0.1, explicit: false };
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0 || raw > 1) {
    errors.push(
      `${where} must be a number with 0 < f <= 1 (1 = full rollout); got ${String(fromEnv ?? raw)}`,
    );
    return { value: 0.1, explicit: false };
  }
  return { value: raw, explicit: true };
}

function readNotes(raw: unknown, errors: string[]): Record<string, string> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(`${P}.release_notes must be an object of language -> text, e.g. {"en-US": "Bug fixes"}`);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof text !== 'string' || text.trim() === '')
      errors.push(`${P}.release_notes.${lang} must be text`);
    else if (text.length > 500)
      errors.push(`${P}.release_notes.${lang} is ${text.length} characters; Play accepts at most 500`);
    else out[lang] = text;
  }
  return out;
}

function readRetry(raw: unknown, errors: string[]): RetrySettings {
  const defaults: RetrySettings = { max_attempts: 5, base_delay_ms: 1000, max_delay_ms: 60_000 };
  if (raw === undefined) return defaults;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(`${P}.retry must be an object {max_attempts, base_delay_ms, max_delay_ms}`);
    return defaults;
  }
  const r = raw as Record<string, unknown>;
  const num = (k: keyof RetrySettings, min: number, max: number): number => {
    const v = r[k];
    if (v === undefined) return defaults[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      errors.push(`${P}.retry.${k} must be an integer from ${min} to ${max}`);
      return defaults[k];
    }
    return v;
  };
  return {
    max_attempts: num('max_attempts', 1, 20),
    base_delay_ms: num('base_delay_ms', 0, 600_000),
    max_delay_ms: num('max_delay_ms', 0, 600_000),
  };
}
