import type { InviteIssuer } from '../lane/dispatch-contract';
import type { DeliverySecrets } from '../schemas/sidecars';
import { buildInviteUrl, hashInviteUrl, signActivationToken, signInvite } from '../invites';
import type { Env } from '../util/env';

const DEFAULT_TTL_DAYS = 14;

/**
 * Invite links signed with the delivery's active key; the key never leaves this closure. Each
 * link also carries the recipient's activation credential (`akc_act`) for the app it opens.
 */
export function createInviteIssuer(
  deliveryId: string,
  secrets: DeliverySecrets,
  env: Env,
  now: () => number,
): InviteIssuer {
  const key = secrets.invite_keys.find((k) => k.kid === secrets.active_kid) ?? secrets.invite_keys[0];
  const days = Number(env.AKC_INVITE_TTL_DAYS ?? DEFAULT_TTL_DAYS);
  const ttl = (Number.isFinite(days) && days > 0 ? days : DEFAULT_TTL_DAYS) * 24 * 3600 * 1000;
  return {
    link(baseUrl, tokenId) {
      if (!key) throw new Error('the delivery has no invite signing key');
      const expiresAtUnixMs = now() + ttl;
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
      return { url, urlHash: hashInviteUrl(url), expiresAtUnixMs };
    },
  };
}
