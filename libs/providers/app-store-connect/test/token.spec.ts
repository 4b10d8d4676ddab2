import { verify } from 'node:crypto';
import { AscTokenProvider, buildQueryString, computeBackoff, parseRetryAfter } from '../src';
import { createKey } from './helpers/fake-server';

function decode(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  input: string;
  sig: Buffer;
} {
  const [h = '', p = '', s = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()),
    input: `${h}.${p}`,
    sig: Buffer.from(s, 'base64url'),
  };
}

describe('AscTokenProvider', () => {
  it('signs ES256 tokens with kid/typ and iss/iat/exp/aud, lifetime <= 20 minutes', () => {
    const key = createKey();
    let now = 1_700_000_000_000;
    const tokens = new AscTokenProvider({
      keyId: 'ABCDE12345',
      issuerId: 'issuer-uuid',
      privateKey: key.privateKey,
      now: () => now,
    });
    const jwt = decode(tokens.getToken());
    expect(jwt.header).toEqual({ alg: 'ES256', kid: 'ABCDE12345', typ: 'JWT' });
    expect(jwt.payload).toEqual({
      iss: 'issuer-uuid',
      iat: 1_700_000_000,
      exp: 1_700_000_000 + 1140,
      aud: 'appstoreconnect-v1',
    });
    expect(jwt.sig).toHaveLength(64);
    expect(
      verify('sha256', Buffer.from(jwt.input), { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, jwt.sig),
    ).toBe(true);

    const first = tokens.getToken();
    now += 1000 * 1000;
    expect(tokens.getToken()).toBe(first);
    now += 100 * 1000;
    expect(tokens.getToken()).not.toBe(first);
    const again = tokens.getToken();
    tokens.invalidate();
    now += 1000;
    expect(tokens.getToken()).not.toBe(again);
  });

  it('uses sub "user" for individual keys and refuses lifetimes over 20 minutes', () => {
    const key = createKey();
    expect(
      decode(new AscTokenProvider({ keyId: 'K', privateKey: key.privateKey }).getToken()).payload['sub'],
    ).toBe('user');
    expect(() => new AscTokenProvider({ keyId: 'K', privateKey: key.privateKey, ttlSeconds: 1201 })).toThrow(
      RangeError,
    );
  });
});

describe('retry helpers and query building', () => {
  it('computes full-jitter exponential backoff capped at maxDelayMs', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(computeBackoff(1, policy, () => 0.999)).toBe(99);
    expect(computeBackoff(3, policy, () => 0.5)).toBe(200);
    expect(computeBackoff(10, policy, () => 0.999)).toBe(999);
    expect(computeBackoff(2, policy, () => 0)).toBe(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  it('keeps brackets and commas readable', () => {
    expect(
      buildQueryString({
        filter: { app: '1', processingState: ['VALID', 'PROCESSING'], skipped: undefined },
        include: ['app', 'preReleaseVersion'],
        sort: '-uploadedDate',
        limit: 5,
      }),
    ).toBe(
      '?filter[app]=1&filter[processingState]=VALID,PROCESSING&include=app,preReleaseVersion&sort=-uploadedDate&limit=5',
    );
  });
});
