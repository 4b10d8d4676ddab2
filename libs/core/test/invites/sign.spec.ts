import { createHmac } from 'node:crypto';
import { isAkcError, type AkcError } from '../../src/errors/akc-error';
import { generateInviteKey, inviteMessage, signInvite, signInviteV1 } from '../../src/invites';

function errorOf(fn: () => unknown): AkcError {
  try {
    fn();
  } catch (e) {
    if (isAkcError(e)) return e as AkcError;
    throw e;
  }
  throw new Error('expected an AkcError');
}

describe('signInviteV1 (original, kept for the spec test vector)', () => {
  it('matches the spec vector: key k, delivery d-1, token t-1', () => {
    expect(signInviteV1('k', 'd-1', 't-1')).toBe(
      'ef30b586ae73b0e9d18f34629b6d3f756e0ad99baa109ddf9bf312ed4199b856',
    );
  });
});

describe('generateInviteKey', () => {
  it('creates a 64-char url-safe key from 48 bytes and a 12-char kid', () => {
    const k = generateInviteKey(1_700_000_000_000);
    expect(k.key).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(Buffer.from(k.key, 'base64url')).toHaveLength(48);
    expect(k.kid).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(k.created_at_unix_ms).toBe(1_700_000_000_000);
  });

  it('is random per call', () => {
    const a = generateInviteKey(0);
    const b = generateInviteKey(0);
    expect(a.key).not.toBe(b.key);
    expect(a.kid).not.toBe(b.kid);
  });

  it('takes an injectable random source', () => {
    const k = generateInviteKey(5, (n) => Buffer.alloc(n, 0xff));
    expect(k.key).toBe('_'.repeat(64));
    expect(k.kid).toBe('_'.repeat(12));
  });

  it.each([-1, 1.5, Number.NaN])('rejects now = %d', (now) => {
    expect(errorOf(() => generateInviteKey(now)).code).toBe('EINTERNAL');
  });
});

describe('signInvite (v2)', () => {
  const key = { kid: 'kid-0001', key: 'k' };
  const claims = { deliveryId: 'd-1', tokenId: 't-1', expiresAtUnixMs: 1_700_000_000_000 };

  it('signs the tagged message with the key string bytes, lower-case hex', () => {
    const message = 'akc-invite-v2|d-1|t-1|1700000000000|kid-0001';
    expect(inviteMessage(claims, key.kid)).toBe(message);
    const expected = createHmac('sha256', Buffer.from('k', 'utf8')).update(message).digest('hex');
    expect(signInvite({ ...claims, key })).toBe(expected);
    expect(signInvite({ ...claims, key })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs from v1 and changes with every covered field', () => {
    const sig = signInvite({ ...claims, key });
    expect(sig).not.toBe(signInviteV1('k', 'd-1', 't-1'));
    expect(signInvite({ ...claims, deliveryId: 'd-2', key })).not.toBe(sig);
    expect(signInvite({ ...claims, tokenId: 't-2', key })).not.toBe(sig);
    expect(signInvite({ ...claims, expiresAtUnixMs: claims.expiresAtUnixMs + 1, key })).not.toBe(sig);
    expect(signInvite({ ...claims, key: { ...key, kid: 'kid-0002' } })).not.toBe(sig);
    expect(signInvite({ ...claims, key: { ...key, key: 'k2' } })).not.toBe(sig);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a | in the delivery id (ambiguous message)', { deliveryId: 'd|1' }],
    ['a | in the token id', { tokenId: 't|1' }],
    ['an empty delivery id', { deliveryId: '' }],
    ['a fractional expiry', { expiresAtUnixMs: 1.5 }],
    ['a negative expiry', { expiresAtUnixMs: -1 }],
    ['a bad kid', { key: { kid: 'a b', key: 'k' } }],
    ['an empty key', { key: { kid: 'kid', key: '' } }],
  ])('refuses %s', (_label, patch) => {
    const args = { ...claims, key, ...patch } as Parameters<typeof signInvite>[0];
    expect(errorOf(() => signInvite(args)).code).toBe('EINTERNAL');
  });
});
