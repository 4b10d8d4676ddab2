import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { akcError } from '../errors/akc-error';

/** One invite-signing key of a delivery. A delivery may hold several (rotation); links name theirs by kid. */
export interface InviteKey {
  /** Key id: 12 URL-safe base64 characters, carried in the link as `akc_kid`. */
  kid: string;
  /** 48 random bytes, URL-safe base64 without padding (64 chars). Its UTF-8 bytes are the HMAC key. */
  key: string;
  /** When the key was created (unix ms), as passed in. */
  created_at_unix_ms: number;
}

/** The kid and key string needed to sign. */
export type InviteSigningKey = Pick<InviteKey, 'kid' | 'key'>;

/** A source of random bytes; `crypto.randomBytes` unless a test passes another. */
export type RandomBytes = (size: number) => Buffer;

/** Bytes of randomness in a key (spec section 9). */
export const INVITE_KEY_BYTES = 48;
/** Bytes of randomness in a kid (12 base64url characters). */
export const INVITE_KID_BYTES = 9;
/** What a kid may look like: URL-safe base64 alphabet, 1-64 characters. */
export const INVITE_KID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Creates a new invite key: `key` = 48 random bytes as URL-safe base64 without padding,
 * `kid` = 9 random bytes as URL-safe base64 (12 chars). `now` is the creation time (unix ms).
 */
export function generateInviteKey(now: number, randomBytes: RandomBytes = nodeRandomBytes): InviteKey {
  if (!Number.isSafeInteger(now) || now < 0) {
    throw akcError('EINTERNAL', {
      reason: `generateInviteKey: now must be a non-negative integer, got ${String(now)}`,
    });
  }
  const key = randomBytes(INVITE_KEY_BYTES).toString('base64url');
  const kid = randomBytes(INVITE_KID_BYTES).toString('base64url');
  return { kid, key, created_at_unix_ms: now };
}
