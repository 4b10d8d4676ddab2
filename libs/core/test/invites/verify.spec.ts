import fc from 'fast-check';
import { isAkcError, type AkcError } from '../../src/errors/akc-error';
import {
  buildInviteUrl,
  generateInviteKey,
  parseInviteUrl,
  signInvite,
  verifyInvite,
  type InviteKey,
} from '../../src/invites';

function errorOf(fn: () => unknown): AkcError {
  try {
    fn();
  } catch (e) {
    if (isAkcError(e)) return e as AkcError;
    throw e;
  }
  throw new Error('expected an AkcError');
}

const NOW = 1_700_000_000_000;
const DAY = 86_400_000;
const key = generateInviteKey(NOW);
const claims = {
  deliveryId: 'dlv-2024.01',
  tokenId: '6f1c2a9e-3b7d-4c1e-9a53-0d6f2b8e4c11',
  expiresAtUnixMs: NOW + 7 * DAY,
};
const signature = signInvite({ ...claims, key });
const base = { ...claims, kid: key.kid, signature, keys: [key], nowUnixMs: NOW };

function reason(args: Parameters<typeof verifyInvite>[0]): string {
  const err = errorOf(() => verifyInvite(args));
  expect(err.code).toBe('ESIGNATURE');
  expect(err.exit).toBe(2);
  return String(err.params.reason);
}

describe('verifyInvite', () => {
  it('accepts a genuine link and returns its claims', () => {
    expect(verifyInvite(base)).toEqual({ ok: true, ...claims, kid: key.kid });
  });

  it('round trip: sign -> build -> parse -> verify', () => {
    const url = buildInviteUrl('https://app.example.com/join/?ref=mail&', {
      ...claims,
      kid: key.kid,
      signature,
    });
    const parsed = parseInviteUrl(url);
    expect(verifyInvite({ ...parsed, keys: [key], nowUnixMs: NOW + DAY }).ok).toBe(true);
  });

  it('accepts upper-case hex', () => {
    expect(verifyInvite({ ...base, signature: signature.toUpperCase() }).ok).toBe(true);
  });

  it.each<[string, Partial<Parameters<typeof verifyInvite>[0]>]>([
    ['token id', { tokenId: '6f1c2a9e-3b7d-4c1e-9a53-0d6f2b8e4c12' }],
    ['delivery id', { deliveryId: 'dlv-2024.02' }],
    ['expiry (extended)', { expiresAtUnixMs: claims.expiresAtUnixMs + DAY }],
    ['expiry (shortened)', { expiresAtUnixMs: claims.expiresAtUnixMs - 1 }],
    ['signature', { signature: `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}` }],
  ])('rejects a tampered %s as a signature mismatch', (_label, patch) => {
    expect(reason({ ...base, ...patch })).toBe('signature mismatch');
  });

  it('rejects a tampered kid (another key of the same delivery) as a mismatch, an unknown one as unknown', () => {
    const other = generateInviteKey(NOW);
    expect(reason({ ...base, kid: other.kid, keys: [key, other] })).toBe('signature mismatch');
    expect(reason({ ...base, kid: other.kid })).toBe('unknown key id');
    expect(reason({ ...base, keys: [] })).toBe('unknown key id');
  });

  it.each([
    ['truncated', signature.slice(0, 63)],
    ['empty', ''],
    ['too long', `${signature}0`],
    ['non-hex', `${signature.slice(0, 63)}z`],
    ['padded', ` ${signature}`],
  ])('rejects a %s signature as malformed', (_label, sig) => {
    expect(reason({ ...base, signature: sig })).toBe('malformed signature');
  });

  it('rejects malformed claims', () => {
    expect(reason({ ...base, deliveryId: '' })).toBe('malformed delivery id');
    expect(reason({ ...base, tokenId: 'a|b' })).toBe('malformed invite token id');
    expect(reason({ ...base, expiresAtUnixMs: Number.NaN })).toBe('malformed expiry');
    expect(reason({ ...base, kid: '' })).toBe('malformed key id');
  });

  it('expires after the expiry plus the allowed clock skew', () => {
    const exp = claims.expiresAtUnixMs;
    expect(verifyInvite({ ...base, nowUnixMs: exp }).ok).toBe(true);
    expect(reason({ ...base, nowUnixMs: exp + 1 })).toBe(`expired at ${new Date(exp).toISOString()}`);
    expect(verifyInvite({ ...base, nowUnixMs: exp + 60_000, clockSkewMs: 60_000 }).ok).toBe(true);
    expect(reason({ ...base, nowUnixMs: exp + 60_001, clockSkewMs: 60_000 })).toMatch(
      /^expired at 2023-11-21T/,
    );
  });

  it('checks the signature before the expiry (a forged expired link is a mismatch)', () => {
    expect(reason({ ...base, tokenId: 'x', nowUnixMs: claims.expiresAtUnixMs + DAY })).toBe(
      'signature mismatch',
    );
  });

  it('rotation: links signed with the old key verify while it is still held, not after', () => {
    const newer = generateInviteKey(NOW + DAY);
    const newSig = signInvite({ ...claims, key: newer });
    expect(verifyInvite({ ...base, keys: [key, newer] }).kid).toBe(key.kid);
    expect(verifyInvite({ ...base, kid: newer.kid, signature: newSig, keys: [key, newer] }).kid).toBe(
      newer.kid,
    );
    expect(reason({ ...base, keys: [newer] })).toBe('unknown key id');
    expect(reason({ ...base, signature: newSig, keys: [key, newer] })).toBe('signature mismatch');
  });

  it('rejects a key with an empty secret', () => {
    const empty: InviteKey = { ...key, key: '' };
    expect(reason({ ...base, keys: [empty] })).toBe('unknown key id');
  });

  it('refuses bad clock inputs as a caller bug', () => {
    expect(errorOf(() => verifyInvite({ ...base, nowUnixMs: -1 })).code).toBe('EINTERNAL');
    expect(errorOf(() => verifyInvite({ ...base, clockSkewMs: -5 })).code).toBe('EINTERNAL');
  });

  it('property: any single-character change of the signature fails', () => {
    const hex = '0123456789abcdefABCDEFxg ';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 63 }), fc.constantFrom(...hex), (i, c) => {
        fc.pre(signature[i]?.toLowerCase() !== c.toLowerCase());
        const changed = `${signature.slice(0, i)}${c}${signature.slice(i + 1)}`;
        expect(['signature mismatch', 'malformed signature']).toContain(
          reason({ ...base, signature: changed }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('property: a valid signature verifies for random claims and keys, and only for them', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('|')),
        fc.uuid(),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (deliveryId, tokenId, expiresAtUnixMs) => {
          const k = generateInviteKey(0);
          const sig = signInvite({ deliveryId, tokenId, expiresAtUnixMs, key: k });
          const args = {
            deliveryId,
            tokenId,
            expiresAtUnixMs,
            kid: k.kid,
            signature: sig,
            keys: [k],
            nowUnixMs: 0,
          };
          expect(verifyInvite(args).ok).toBe(true);
          const url = buildInviteUrl('https://x.example/i', args);
          expect(verifyInvite({ ...parseInviteUrl(url), keys: [k], nowUnixMs: 0 }).tokenId).toBe(tokenId);
        },
      ),
    );
  });
});
