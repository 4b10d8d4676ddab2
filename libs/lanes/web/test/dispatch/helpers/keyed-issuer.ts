import {
  generateInviteKey,
  inviteIssuerForKey,
  parseInviteUrl,
  verifyInvite,
  type InviteIssuer,
} from '@akc/core';

/** An invite issuer whose key the test can see, so links can be verified like the control plane does. */
export interface KeyedIssuer {
  readonly issuer: InviteIssuer;
  /** Every URL issued so far, in order (the test's view of the secrets). */
  readonly issued: string[];
  /** Parse and verify a link with this issuer's key; returns its claims (throws if invalid). */
  verify(url: string): { deliveryId: string; tokenId: string; expiresAtUnixMs: number };
}

/** A real issuer with a fresh key; links expire after `ttlMs`. */
export function keyedIssuer(deliveryId: string, ttlMs = 7 * 24 * 3600 * 1000): KeyedIssuer {
  const key = generateInviteKey(Date.now());
  const signed = inviteIssuerForKey(deliveryId, key, ttlMs, Date.now);
  const issued: string[] = [];
  return {
    issued,
    issuer: {
      link(baseUrl, tokenId) {
        const link = signed.link(baseUrl, tokenId);
        issued.push(link.url);
        return link;
      },
    },
    verify(url) {
      const p = parseInviteUrl(url);
      return verifyInvite({ ...p, keys: [key], nowUnixMs: Date.now() });
    },
  };
}
