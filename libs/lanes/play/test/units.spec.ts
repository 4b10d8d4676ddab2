import { parsePlayOptions } from '../src/options';
import { mergeReleases, intendedRelease } from '../src/release';
import { parseRetryAfter, retryDelayMs } from '../src/retry';
import { apiErrorFacts, isRetryable } from '../src/api-error';

const opts = (raw: unknown, env = {}) => {
  const r = parsePlayOptions(raw, env);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value;
};

describe('options', () => {
  it('defaults to production at 0.1, env AKC_PLAY_USER_FRACTION wins', () => {
    expect(opts(undefined)).toMatchObject({
      track: 'production',
      user_fraction: 0.1,
      user_fraction_explicit: false,
    });
    expect(opts({ user_fraction: 0.5 }, { AKC_PLAY_USER_FRACTION: '0.2' }).user_fraction).toBe(0.2);
  });

  it('reports every problem at once', () => {
    const r = parsePlayOptions({
      user_fraction: 0,
      release_status: 'live',
      release_notes: { en: 'x'.repeat(501) },
      bogus: 1,
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toHaveLength(4);
  });
});

describe('release', () => {
  it('never goes to 100% unless asked; manual storeSubmit is a draft', () => {
    expect(intendedRelease(opts({}), 'auto')).toMatchObject({ status: 'inProgress', userFraction: 0.1 });
    expect(intendedRelease(opts({ user_fraction: 1 }), 'auto')).toMatchObject({ status: 'completed' });
    expect(intendedRelease(opts({ user_fraction: 1 }), 'auto').userFraction).toBeUndefined();
    expect(intendedRelease(opts({}), 'manual')).toMatchObject({ status: 'draft', plannedFraction: 0.1 });
  });

  it('keeps the completed release under a staged one and replaces older staged ones', () => {
    const live = [
      { versionCodes: ['1'], status: 'completed' },
      { versionCodes: ['2'], status: 'inProgress', userFraction: 0.2 },
    ];
    const ours = { versionCodes: ['3'], status: 'inProgress', userFraction: 0.1 };
    expect(mergeReleases(live, ours)).toEqual([live[0], ours]);
    expect(mergeReleases(live, { versionCodes: ['3'], status: 'completed' })).toEqual([
      { versionCodes: ['3'], status: 'completed' },
    ]);
    expect(mergeReleases(live, { versionCodes: ['3'], status: 'draft' })).toEqual([
      ...live,
      { versionCodes: ['3'], status: 'draft' },
    ]);
  });
});

describe('retry schedule', () => {
  const settings = { max_attempts: 5, base_delay_ms: 100, max_delay_ms: 1000 };
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });

  it('uses full jitter under an exponential, capped ceiling', () => {
    const top = (n: number) => retryDelayMs(n, { message: '' }, { settings, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5].map(top)).toEqual([99, 199, 399, 799, 999]);
    expect(retryDelayMs(1, { message: '', retryAfter: '2' }, { settings })).toBe(2000);
    expect(retryDelayMs(1, { message: '', retryAfter: '3600' }, { settings })).toBeUndefined();
  });

  it('retries 429/5xx and connection resets, never other 4xx', () => {
    expect(
      [429, 500, 502, 503, 504, 400, 401, 403, 404, 409].map((status) =>
        isRetryable({ status, message: '' }),
      ),
    ).toEqual([true, true, true, true, true, false, false, false, false, false]);
    expect(
      isRetryable(
        apiErrorFacts(
          Object.assign(new Error('request failed, reason: socket hang up'), { code: 'ECONNRESET' }),
        ),
      ),
    ).toBe(true);
    expect(
      isRetryable(apiErrorFacts(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }))),
    ).toBe(false);
  });
});
