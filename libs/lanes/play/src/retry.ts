/** Bounded exponential backoff with full jitter for Play calls, honouring Retry-After. */
import { apiErrorFacts, describeFacts, isRetryable, type ApiErrorFacts } from './api-error';
import type { RetrySettings } from './options';

/** A Retry-After longer than this is not waited for: the call fails with Google's answer instead. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Thrown when a call failed for good (not retryable, or attempts spent); carries the last error's facts. */
export class PlayCallError extends Error {
  constructor(
    readonly call: string,
    readonly facts: ApiErrorFacts,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`${call}: ${describeFacts(facts)}`, options);
    this.name = 'PlayCallError';
  }
}

/** What {@link withRetry} needs besides the call. */
export interface RetryRuntime {
  readonly settings: RetrySettings;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  /** For tests of the schedule; defaults to Math.random. */
  readonly random?: () => number;
}

/**
 * Run `attempt` until it succeeds, a non-retryable error occurs, or `max_attempts` are spent.
 * `attempt` is called afresh each time (so an upload opens a new file stream per attempt).
 */
export async function withRetry<T>(call: string, attempt: () => Promise<T>, rt: RetryRuntime): Promise<T> {
  const max = rt.settings.max_attempts;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const facts = apiErrorFacts(error);
      const wait = n < max && isRetryable(facts) ? retryDelayMs(n, facts, rt) : undefined;
      if (wait === undefined || rt.signal?.aborted) throw new PlayCallError(call, facts, n, { cause: error });
      const why = facts.retryAfter !== undefined ? `Retry-After ${facts.retryAfter}` : 'backoff';
      rt.log(`${call}: ${describeFacts(facts)}; retry ${n}/${max - 1} in ${wait} ms (${why})`);
      await sleep(wait, rt.signal);
    }
  }
}

/** Delay before retry `n` (1-based): Retry-After when given, else full jitter over base * 2^(n-1), capped. */
export function retryDelayMs(
  n: number,
  facts: ApiErrorFacts,
  rt: Pick<RetryRuntime, 'settings' | 'random'>,
): number | undefined {
  const asked = facts.retryAfter !== undefined ? parseRetryAfter(facts.retryAfter, Date.now()) : undefined;
  if (asked !== undefined) return asked > MAX_RETRY_AFTER_MS ? undefined : asked;
  const ceiling = Math.min(rt.settings.max_delay_ms, rt.settings.base_delay_ms * 2 ** (n - 1));
  return Math.floor((rt.random ?? Math.random)() * ceiling);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when unreadable. */
export function parseRetryAfter(value: string, nowMs: number): number | undefined {
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
