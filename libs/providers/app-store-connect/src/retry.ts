/** Why a request is being retried. */
export type RetryReason = 'rate-limited' | 'server-error' | 'network-error';

/** Passed to `onRetry` before each wait. */
export interface RetryEvent {
  /** The attempt that just failed (1-based). */
  attempt: number;
  /** How long the client will wait before the next attempt. */
  delayMs: number;
  reason: RetryReason;
  method: string;
  url: string;
  /** HTTP status of the failed attempt; 0 for network errors. */
  status: number;
  /** True when the delay came from a `Retry-After` header. */
  fromRetryAfter: boolean;
}

/** Retry tuning. */
export interface RetryPolicy {
  /** Total attempts including the first. @default 5 */
  maxAttempts: number;
  /** Base of the exponential backoff. @default 1000 */
  baseDelayMs: number;
  /** Cap for one wait, also applied to `Retry-After`. @default 60000 */
  maxDelayMs: number;
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))). */
export function computeBackoff(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Parses `Retry-After` (delta seconds or an HTTP date) to milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Maps an HTTP status to a retry reason, or undefined when it should not be retried. */
export function retryReasonFor(status: number): RetryReason | undefined {
  if (status === 0) return 'network-error';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return undefined;
}
