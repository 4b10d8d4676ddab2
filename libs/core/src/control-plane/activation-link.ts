import { akcError } from '../errors/akc-error';
import { EVENT } from '../events/event-types';
import { suggestedWebBaseUrl } from '../compile/web-hints';
import { createInviteIssuer } from '../distribution/invite-issuer';
import { loadOperatorPrereqs } from '../ingest/operator-prereqs';
import { resolveWebInviteBase } from '../ingest/web-invite-base';
import { normaliseEmail } from '../ingest/recipients';
import { openDelivery, type ControlPlaneIO } from './io';

/** A recipient's personal invite link, issued by hand. The URL and token are secrets: shown once. */
export interface ActivationLinkResult {
  ok: true;
  delivery_id: string;
  recipient: string;
  /** The signed invite link; it also carries the activation credential (`akc_act`). */
  url: string;
  /** SHA-256 of the URL: what the event log keeps. */
  url_sha256: string;
  /** The recipient's activation credential, for an app that is configured by hand. */
  activation_token: string;
  expires_at_unix_ms: number;
}

/**
 * `akc deliver activation-link`: issue one recipient's signed invite link (with their activation
 * credential) for a channel AKC does not send itself, e.g. alongside a TestFlight or Firebase
 * invite, or when a link was lost. Records `delivery.invite.link_issued` with the URL's hash only.
 */
export function issueActivationLink(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  recipient: string,
  baseUrl?: string,
): ActivationLinkResult {
  const email = normaliseEmail(recipient);
  const store = openDelivery(io, projectDir, deliveryId);
  const secrets = store.read('secrets');
  return store.transact((tx) => {
    const session = tx.get('session');
    const row = session.per_recipient[email];
    if (!row) throw akcError('ENOTMEMBER', { email });
    let base = baseUrl;
    if (base === undefined) {
      const resolved = resolveWebInviteBase(io.env, loadOperatorPrereqs(projectDir), {
        web_invite_base_url: suggestedWebBaseUrl(session.compile_outputs_ref),
      });
      if (!resolved.ok) throw akcError('EINVITEBASE', { reason: resolved.problem });
      base = resolved.url;
    }
    const link = createInviteIssuer(deliveryId, secrets, io.env, io.now).link(base, row.invite_token_id);
    tx.appendEvent(EVENT.inviteLinkIssued, {
      recipient: email,
      url_sha256: link.urlHash,
      expires_at_unix_ms: link.expiresAtUnixMs,
      source: 'activation-link',
    });
    return {
      ok: true as const,
      delivery_id: deliveryId,
      recipient: email,
      url: link.url,
      url_sha256: link.urlHash,
      activation_token: link.activationToken,
      expires_at_unix_ms: link.expiresAtUnixMs,
    };
  });
}
