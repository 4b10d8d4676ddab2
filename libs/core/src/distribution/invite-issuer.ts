import type { InviteIssuer } from '../lane/dispatch-contract';
import type { DeliverySecrets } from '../schemas/sidecars';
import {
  buildInviteUrl,
  hashInviteUrl,
  signActivationToken,
  signInvite,
  type InviteSigningKey,
} from '../invites';
import type { Env } from '../util/env';

const DEFAULT_TTL_DAYS = 14;

/**
 * Invite links signed with one key, each valid for `ttlMs` from `now()`. Each link also carries
 * the recipient's activation credential (`akc_act`) for the app it opens. The key never leaves
 * this closure.
 */
export function inviteIssuerForKey(
  deliveryId: string,
  key: InviteSigningKey,
  ttlMs: number,
  now: () => number,
): InviteIssuer {
  return {
    link(baseUrl, tokenId) {
      const expiresAtUnixMs = now() + ttlMs;
      const signature = signInvite({ deliveryId, tokenId, expiresAtUnixMs, key });
      const activationToken = signActivationToken({ deliveryId, tokenId, key });
      const url = buildInviteUrl(baseUrl, {
        deliveryId,
        tokenId,
        expiresAtUnixMs,
        kid: key.kid,
        signature,
        activationToken,
      });
      return { url, urlHash: hashInviteUrl(url), expiresAtUnixMs, activationToken };
    },
  };
}

/** Invite links signed with the delivery's active key, valid for AKC_INVITE_TTL_DAYS (default 14). */
export function createInviteIssuer(
  deliveryId: string,
  secrets: DeliverySecrets,
  env: Env,
  now: () => number,
): InviteIssuer {
  const key = secrets.invite_keys.find((k) => k.kid === secrets.active_kid) ?? secrets.invite_keys[0];
  if (!key) {
    return {
      link() {
        throw new Error('the delivery has no invite signing key');
      },
    };
  }
  const days = Number(env.AKC_INVITE_TTL_DAYS ?? DEFAULT_TTL_DAYS);
  const ttl = (Number.isFinite(days) && days > 0 ? days : DEFAULT_TTL_DAYS) * 24 * 3600 * 1000;
  return inviteIssuerForKey(deliveryId, key, ttl, now);
}
