import { batches, MAX_PER_CALL } from '../src/distribute-step';
import { ApiError, parseRetryAfter } from '../src/http';
import { parseFirebaseOptions } from '../src/options';
import { backoffDelay, isRetryable, isTesterLimit } from '../src/retry';

describe('options', () => {
  it('defaults everything', () => {
    expect(parseFirebaseOptions(undefined)).toEqual({
      ok: true,
      value: {
        max_wait_ms: 600_000,
        poll_interval_ms: 2_000,
        retry: { max_attempts: 5, base_delay_ms: 500, max_delay_ms: 30_000 },
      },
    });
  });

  it('reports every problem at once', () => {
    const r = parseFirebaseOptions({
      release_notes: '',
      max_wait_ms: -1,
      retry: { max_attempts: 1.5, x: 1 },
      y: true,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toHaveLength(5);
  });
});

describe('retry policy', () => {
  const opts = { max_attempts: 5, base_delay_ms: 100, max_delay_ms: 1_000 };

  it('doubles with jitter, caps, and prefers Retry-After', () => {
    expect(backoffDelay(1, opts, undefined, () => 0)).toBe(50);
    expect(backoffDelay(3, opts, undefined, () => 1)).toBe(400);
    expect(backoffDelay(9, opts, undefined, () => 1)).toBe(1_000);
    expect(backoffDelay(1, opts, 2_500)).toBe(1_000);
    expect(backoffDelay(1, opts, 300)).toBe(300);
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('2', 0)).toBe(2_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it('retries 429/5xx/network but not a tester limit or a 400', () => {
    const err = (status: number, msg = 'x') => new ApiError('distribute', status, msg, undefined, undefined);
    expect(isRetryable(err(429))).toBe(true);
    expect(isRetryable(err(503))).toBe(true);
    expect(isRetryable(err(0))).toBe(true);
    expect(isRetryable(err(400))).toBe(false);
    expect(isTesterLimit(err(429, 'Quota exceeded: too many testers in project'))).toBe(true);
    expect(isRetryable(err(429, 'Quota exceeded: too many testers in project'))).toBe(false);
  });
});

describe('distribute batches', () => {
  it('keeps every call within the 999 e-mails + aliases cap, groups on the first', () => {
    const emails = Array.from({ length: 1500 }, (_, i) => `t${i}@example.com`);
    const b = batches(emails, ['qa-team', 'friends']);
    expect(b.map((x) => [x.emails.length, x.aliases.length])).toEqual([
      [MAX_PER_CALL - 2, 2],
      [503, 0],
    ]);
    expect(batches([], ['qa-team'])).toEqual([{ emails: [], aliases: ['qa-team'] }]);
    expect(batches([], [])).toEqual([]);
  });
});
