import { timingSafeEqual } from 'node:crypto';
import { akcError } from '../errors/akc-error';
import { INVITE_KID_PATTERN, type InviteSigningKey } from './invite-key';
import { hmacHex } from './sign';

/**
 * Activation credentials: a signed, per-recipient token the app sends with every first-run and
 * heartbeat report. It reaches only its recipient, inside their invite link (`akc_act`) or the
 * invite landing's hand-off to the app, and is accepted only for the recipient it was signed for.
 *
 * Format: `akc1.<kid>.<recipient_token_id>.<hmac>` where
 * `hmac = HMAC-SHA256(key[kid], "akc-activation-v1|<delivery_id>|<recipient_token_id>|<kid>")` in
 * lower-case hex. The message tag differs from the invite's (`akc-invite-v2`), so an invite
 * signature can never stand in for an activation token or the other way round. It does not expire
 * (apps heartbeat for weeks); rotating the delivery's key (dropping the kid) revokes it.
 */
export const ACTIVATION_TOKEN_TAG = 'akc-activation-v1';
const PREFIX = 'akc1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** The parts of an activation token. */
export interface ActivationTokenParts {
  kid: string;
  tokenId: string;
  signature: string;
}

function message(deliveryId: string, tokenId: string, kid: string): string {
  return [ACTIVATION_TOKEN_TAG, deliveryId, tokenId, kid].join('|');
}

function fail(reason: string): never {
  throw akcError('EACTIVATIONTOKEN', { reason });
}

/** Signs the activation token of one recipient (their `recipient_token_id`) of one delivery. */
export function signActivationToken(args: {
  deliveryId: string;
  tokenId: string;
  key: InviteSigningKey;
}): string {
  const { deliveryId, tokenId, key } = args;
  if (
    deliveryId === '' ||
    deliveryId.includes('|') ||
    !UUID.test(tokenId) ||
    !INVITE_KID_PATTERN.test(key.kid)
  ) {
    throw akcError('EINTERNAL', {
      reason: 'cannot sign activation token: malformed delivery, token or key id',
    });
  }
  if (key.key === '') throw akcError('EINTERNAL', { reason: 'cannot sign activation token: empty key' });
  return [PREFIX, key.kid, tokenId, hmacHex(key.key, message(deliveryId, tokenId, key.kid))].join('.');
}

/** Splits a token into its parts, or throws EACTIVATIONTOKEN naming what is malformed. */
export function parseActivationToken(token: unknown): ActivationTokenParts {
  if (typeof token !== 'string' || token.trim() === '') fail('activation_token is required');
  if (token.length > 256) fail('malformed activation_token (too long)');
  const parts = token.trim().split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX)
    fail('malformed activation_token (expected akc1.<kid>.<token>.<sig>)');
  const [, kid = '', tokenId = '', sig = ''] = parts;
  if (!INVITE_KID_PATTERN.test(kid)) fail('malformed activation_token key id');
  if (!UUID.test(tokenId.toLowerCase())) fail('malformed activation_token recipient token');
  if (!HEX64.test(sig.toLowerCase())) fail('malformed activation_token signature');
  return { kid, tokenId: tokenId.toLowerCase(), signature: sig.toLowerCase() };
}

/**
 * Verifies an activation token for a delivery against its keys (constant-time compare) and returns
 * the recipient token id it was signed for. Throws EACTIVATIONTOKEN: malformed, unknown key id
 * (rotated out) or signature mismatch (forged, or signed for another delivery or recipient).
 */
export function verifyActivationToken(args: {
  deliveryId: string;
  token: unknown;
  keys: readonly InviteSigningKey[];
}): ActivationTokenParts {
  const parts = parseActivationToken(args.token);
  const key = args.keys.find((k) => k.kid === parts.kid);
  if (key === undefined || key.key === '')
    fail('unknown activation key id (a forged token, or its key was rotated out)');
  const expected = Buffer.from(hmacHex(key.key, message(args.deliveryId, parts.tokenId, parts.kid)), 'hex');
  const given = Buffer.from(parts.signature, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    fail('signature mismatch: the token was not issued for this delivery and recipient');
  }
  return parts;
}
