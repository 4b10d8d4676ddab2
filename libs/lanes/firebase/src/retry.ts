import { ApiError } from './http';
import type { RetryOptions } from './options';

/** What retrying needs from the lane context. */
export interface RetryEnv {
  readonly log: (line: string) => void;
  readonly signal: AbortSignal;
  readonly retry: RetryOptions;
  /** Injected for tests; defaults to Math.random. */
  readonly random?: () => number;
}

const TESTER_LIMIT = /tester/i;
const LIMIT_WORDS = /(limit|quota|maximum|too many|at most|exceed)/i;

/** The provider refused because a tester cap was hit (project quota or per-request maximum). */
export function isTesterLimit(e: unknown): boolean {
  return (
    e instanceof ApiError &&
    [400, 403, 429].includes(e.status) &&
    TESTER_LIMIT.test(e.apiMessage) &&
    LIMIT_WORDS.test(e.apiMessage)
  );
}

/** 429, 5xx and network errors are retried; a tester cap answered with 429 is not. */
export function isRetryable(e: unknown): e is ApiError {
  if (!(e instanceof ApiError) || isTesterLimit(e)) return false;
  return e.network || e.status === 408 || e.status === 429 || e.status >= 500;
}

/** Exponential backoff with full jitter in [d/2, d]; `Retry-After` wins when the server sends it. */
export function backoffDelay(
  attempt: number,
  opts: RetryOptions,
  retryAfterMs?: number,
  random = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, opts.max_delay_ms);
  const exp = Math.min(opts.base_delay_ms * 2 ** (attempt - 1), opts.max_delay_ms);
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Sleep that ends early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason ?? new Error('aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Run `attempt` up to `max_attempts` times, waiting between retryable failures and logging each retry. */
export async function withRetry<T>(
  label: string,
  env: RetryEnv,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (!isRetryable(e) || n >= env.retry.max_attempts) throw e;
      const wait = backoffDelay(n, env.retry, e.retryAfterMs, env.random);
      const why = e.network ? `network error (${e.apiMessage})` : `HTTP ${e.status}`;
      const hint = e.retryAfterMs !== undefined ? ' (Retry-After)' : '';
      env.log(`${label}: ${why}; retry ${n + 1}/${env.retry.max_attempts} in ${wait} ms${hint}`);
      await sleep(wait, env.signal);
    }
  }
}
