import type { DeliveryRequest } from '../schemas/request';
import type { DeliverySession } from '../schemas/session';

/** The six funnel metrics of spec section 11; null when not computable. */
export interface DeliveryMetrics {
  request_to_invite_sent_ms: number | null;
  request_to_first_active_ms: number | null;
  request_to_store_live_ms: number | null;
  invite_acceptance_rate: number | null;
  install_rate: number | null;
  activation_rate: number | null;
}

/**
 * Computed from the request and session alone (the session keeps the first-occurrence
 * milestones and per-recipient evidence summaries), so `status` never scans the event log.
 *
 * Fixes to the original's formulas: only beta waves and web invites count as invites sent
 * (store submissions are not invitations); a web invite open is an acceptance, not an install;
 * an install is provider install evidence or an app first run; numerators count only the
 * delivery's own recipients.
 */
export function computeDeliveryMetrics(request: DeliveryRequest, session: DeliverySession): DeliveryMetrics {
  const t0 = request.created_at_unix_ms;
  const since = (t: number | null) => (t === null ? null : Math.max(0, t - t0));
  const recipients = request.recipients;
  const n = recipients.length;
  let accepted = 0;
  let installed = 0;
  for (const email of recipients) {
    const r = session.per_recipient[email];
    if (!r) continue;
    const states = Object.values(r.platforms);
    const install = states.some(
      (s) => s.provider_install_at_unix_ms !== null || s.first_run_at_unix_ms !== null,
    );
    const open = states.some((s) => s.invite_opened_at_unix_ms !== null);
    if (install || open) accepted++;
    if (install) installed++;
  }
  return {
    request_to_invite_sent_ms: since(session.milestones.first_invite_sent_at_unix_ms),
    request_to_first_active_ms: since(session.milestones.first_active_at_unix_ms),
    request_to_store_live_ms: since(session.milestones.store_live_at_unix_ms),
    invite_acceptance_rate: n === 0 ? null : accepted / n,
    install_rate: n === 0 ? null : installed / n,
    activation_rate: n === 0 ? null : session.activation_proof.recipients_fully_satisfied / n,
  };
}
