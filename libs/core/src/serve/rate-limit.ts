/** Options of {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** Sustained requests per minute per client address; also the burst size. */
  perMinute: number;
}

/** The verdict for one request. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** A per-key token bucket rate limiter. */
export interface RateLimiter {
  take(key: string): RateDecision;
}

const MAX_TRACKED = 10_000;

/**
 * Creates an in-memory per-key token bucket: `perMinute` tokens of burst, refilled continuously
 * at `perMinute` per minute. When too many keys are tracked, full (idle) buckets are dropped.
 */
export function createRateLimiter(opts: RateLimitOptions, now: () => number): RateLimiter {
  if (!Number.isFinite(opts.perMinute) || opts.perMinute <= 0) {
    throw new RangeError('rateLimit.perMinute must be a positive number');
  }
  const capacity = opts.perMinute;
  const perMs = opts.perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  const refill = (b: Bucket, t: number): void => {
    b.tokens = Math.min(capacity, b.tokens + Math.max(0, t - b.at) * perMs);
    b.at = t;
  };
  const prune = (t: number): void => {
    for (const [k, b] of buckets) {
      refill(b, t);
      if (b.tokens >= capacity) buckets.delete(k);
    }
  };
  return {
    take(key) {
      const t = now();
      if (buckets.size >= MAX_TRACKED && !buckets.has(key)) prune(t);
      const b = buckets.get(key) ?? { tokens: capacity, at: t };
      refill(b, t);
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
    },
  };
}
