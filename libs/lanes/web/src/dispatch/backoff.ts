/** Bounded exponential backoff with jitter for transient failures. */
export interface BackoffPolicy {
  /** Total attempts, the first included. */
  readonly attempts: number;
  /** Delay before the second attempt; doubles after each failure. */
  readonly baseMs: number;
  /** Upper bound of any one delay. */
  readonly maxMs: number;
  /** A number in [0, 1); `Math.random` unless a test passes another. */
  readonly random?: () => number;
}

/**
 * The delay before attempt `attempt + 1` (attempt counts from 1): `min(maxMs, baseMs * 2^(attempt-1))`
 * scaled by a random factor in [0.5, 1) ("equal jitter"), so retries from many runs spread out.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const random = policy.random ?? Math.random;
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** Resolve after `ms`, or reject as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
