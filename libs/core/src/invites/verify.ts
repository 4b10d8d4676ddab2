import { timingSafeEqual } from 'node:crypto';
import { akcError } from '../errors/akc-error';
import type { InviteSigningKey } from './invite-key';
import { hmacHex, inviteClaimsProblem, inviteMessage, type InviteClaims } from './sign';

/** Input of {@link verifyInvite}. */
export interface VerifyInviteArgs extends InviteClaims {
  kid: string;
  /** 64 hex characters; upper case is accepted. */
  signature: string;
  /** The delivery's current keys; any of them may have signed the link. */
  keys: readonly InviteSigningKey[];
  /** The current time (unix ms), passed in. */
  nowUnixMs: number;
  /** Tolerance after the expiry, default 0. */
  clockSkewMs?: number;
}

/** A verified invite: the fields the signature covers. */
export interface VerifiedInvite extends InviteClaims {
  ok: true;
  kid: string;
}

const HEX64_LOWER = /^[0-9a-f]{64}$/;

function fail(reason: string): never {
  throw akcError('ESIGNATURE', { reason });
}

/**
 * Verifies a v2 invite signature. Throws ESIGNATURE with the reason:
 * "malformed signature" (not 64 hex chars), "malformed delivery id" / "malformed invite token id" /
 * "malformed expiry" / "malformed key id", "unknown key id" (no key with this kid, e.g. rotated
 * out), "signature mismatch" (any field or the signature was changed), "expired at <iso>"
 * (now > expiry + clockSkewMs).
 *
 * The signature is lower-cased and compared in constant time. It is checked before the expiry,
 * so "expired" is only ever said about a genuine link (whose holder may ask for a resend).
 * Throws EINTERNAL for a bad `nowUnixMs` or `clockSkewMs`.
 */
export function verifyInvite(args: VerifyInviteArgs): VerifiedInvite {
  const { nowUnixMs, clockSkewMs = 0 } = args;
  if (!Number.isSafeInteger(nowUnixMs) || nowUnixMs < 0) {
    throw akcError('EINTERNAL', { reason: `verifyInvite: nowUnixMs must be a non-negative integer` });
  }
  if (!Number.isSafeInteger(clockSkewMs) || clockSkewMs < 0) {
    throw akcError('EINTERNAL', { reason: `verifyInvite: clockSkewMs must be a non-negative integer` });
  }
  const signature = typeof args.signature === 'string' ? args.signature.toLowerCase() : '';
  if (!HEX64_LOWER.test(signature)) fail('malformed signature');
  const problem = inviteClaimsProblem(args, args.kid);
  if (problem !== null) fail(problem);

  const key = args.keys.find((k) => k.kid === args.kid);
  if (key === undefined || typeof key.key !== 'string' || key.key === '') fail('unknown key id');

  const expected = Buffer.from(hmacHex(key.key, inviteMessage(args, args.kid)), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) fail('signature mismatch');

  if (nowUnixMs > args.expiresAtUnixMs + clockSkewMs) {
    fail(`expired at ${new Date(args.expiresAtUnixMs).toISOString()}`);
  }
  return {
    ok: true,
    deliveryId: args.deliveryId,
    tokenId: args.tokenId,
    expiresAtUnixMs: args.expiresAtUnixMs,
    kid: args.kid,
  };
}
