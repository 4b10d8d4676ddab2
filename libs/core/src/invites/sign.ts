import { createHmac } from 'node:crypto';
import { akcError, type AkcError } from '../errors/akc-error';
import { INVITE_KID_PATTERN, type InviteSigningKey } from './invite-key';

/** The version tag that starts every signed v2 invite message. */
export const INVITE_MESSAGE_TAG = 'akc-invite-v2';
/** The latest expiry a link may carry: the largest valid JavaScript Date (year 275760). */
export const MAX_INVITE_EXPIRY_UNIX_MS = 8.64e15;

/** The fields a v2 invite signature covers. */
export interface InviteClaims {
  deliveryId: string;
  tokenId: string;
  expiresAtUnixMs: number;
}

/**
 * Why `claims` plus `kid` cannot be signed or verified, or null when they are well formed.
 * Ids must be non-empty and free of `|` (the message separator), so no two claim sets share a message.
 */
export function inviteClaimsProblem(claims: InviteClaims, kid: string): string | null {
  const { deliveryId, tokenId, expiresAtUnixMs } = claims;
  if (typeof deliveryId !== 'string' || deliveryId === '' || deliveryId.includes('|')) {
    return 'malformed delivery id';
  }
  if (typeof tokenId !== 'string' || tokenId === '' || tokenId.includes('|'))
    return 'malformed invite token id';
  if (
    !Number.isSafeInteger(expiresAtUnixMs) ||
    expiresAtUnixMs < 0 ||
    expiresAtUnixMs > MAX_INVITE_EXPIRY_UNIX_MS
  ) {
    return 'malformed expiry';
  }
  if (typeof kid !== 'string' || !INVITE_KID_PATTERN.test(kid)) return 'malformed key id';
  return null;
}

/** The exact v2 message: `akc-invite-v2|<delivery_id>|<token_id>|<expires_at_unix_ms>|<kid>`. */
export function inviteMessage(claims: InviteClaims, kid: string): string {
  return [INVITE_MESSAGE_TAG, claims.deliveryId, claims.tokenId, String(claims.expiresAtUnixMs), kid].join(
    '|',
  );
}

/** HMAC-SHA256 of `message` keyed by the key string's UTF-8 bytes (not base64-decoded), lower-case hex. */
export function hmacHex(key: string, message: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(message, 'utf8').digest('hex');
}

/**
 * Signs a v2 invite (delivery id, token id, expiry and kid) and returns 64 lower-case hex chars.
 * Throws EINTERNAL for malformed input (ids containing `|`, a bad expiry or kid, an empty key):
 * callers pass values they created themselves.
 */
export function signInvite(args: InviteClaims & { key: InviteSigningKey }): string {
  const problem = inviteClaimsProblem(args, args.key.kid);
  if (problem !== null) throw signError(problem);
  if (typeof args.key.key !== 'string' || args.key.key === '') throw signError('empty key');
  return hmacHex(args.key.key, inviteMessage(args, args.key.kid));
}

function signError(problem: string): AkcError {
  return akcError('EINTERNAL', { reason: `cannot sign invite: ${problem}` });
}

/**
 * The original (v1) signature: HMAC-SHA256 of `<delivery_id>|<token_id>`, no expiry and no kid.
 * Kept only to check the spec's test vector; never use it for new links.
 * @deprecated Use {@link signInvite}.
 */
export function signInviteV1(key: string, deliveryId: string, tokenId: string): string {
  return hmacHex(key, `${deliveryId}|${tokenId}`);
}
