import type { Platform } from '../schemas/common';
import type { DeliverySession, RecipientState, RecipientStatus } from '../schemas/session';
import { EVENT } from '../events/event-types';

export interface StatusTransition {
  email: string;
  from: RecipientStatus;
  to: RecipientStatus;
}

const TRANSITION_EVENT: Partial<Record<RecipientStatus, string>> = {
  invited: EVENT.recipientInvited,
  installed: EVENT.recipientInstalled,
  active: EVENT.recipientActive,
};

/** The event type recorded when a recipient moves to `status` (none for pending/failed/blocked). */
export function transitionEventType(status: RecipientStatus): string | undefined {
  return TRANSITION_EVENT[status];
}

/** Provider proof on one platform (spec 10.4, fixed for web; a dry-run store lane is never proof). */
function providerOk(session: DeliverySession, r: RecipientState, p: Platform): boolean {
  const st = r.platforms[p];
  const beta = Boolean(
    st && (st.invite_opened_at_unix_ms !== null || st.provider_install_at_unix_ms !== null),
  );
  // A published web app is not proof that this recipient got it: on web only the opened invite
  // (or provider install evidence) counts, in every mode. Mobile store lanes count once live.
  if (p === 'web') return beta;
  const store = session.store_release[p].status === 'live';
  if (session.release_mode === 'beta') return beta;
  if (session.release_mode === 'store') return store || beta;
  return beta || store;
}

/**
 * Recompute one recipient from the evidence summarised in its platform states. O(platforms).
 * Status: active when provider and app proof hold on every platform in scope; installed when
 * any platform shows an install, an invite open or a first run; invited once an invite went
 * out; failed/blocked are sticky. Returns the transition, if the status changed.
 */
export function recomputeRecipient(
  session: DeliverySession,
  email: string,
  scope: readonly Platform[],
  now: number,
): StatusTransition | null {
  const r = session.per_recipient[email];
  if (!r) return null;
  const platforms = scope.filter((p) => r.platforms[p]);
  let providerAll = platforms.length > 0;
  let appAll = platforms.length > 0;
  let anyInstall = false;
  let anyInvite = false;
  for (const p of platforms) {
    const st = r.platforms[p];
    if (!st) continue;
    const prov = providerOk(session, r, p);
    const app = st.first_run_at_unix_ms !== null;
    st.provider_proof = prov ? 'satisfied' : 'pending';
    st.app_proof = app ? 'satisfied' : 'pending';
    providerAll &&= prov;
    appAll &&= app;
    // "installed" needs evidence about this recipient; a live store listing alone is not that.
    anyInstall ||= app || st.invite_opened_at_unix_ms !== null || st.provider_install_at_unix_ms !== null;
    anyInvite ||= st.invited_at_unix_ms !== null;
  }
  r.activation_proof = {
    provider_proof: platforms.length === 0 ? 'not_applicable' : providerAll ? 'satisfied' : 'pending',
    app_proof: appAll ? 'satisfied' : 'pending',
    status: providerAll && appAll ? 'satisfied' : providerAll || appAll ? 'partial' : 'pending',
  };
  if (r.status === 'failed' || r.status === 'blocked') return null;
  const next: RecipientStatus =
    providerAll && appAll ? 'active' : anyInstall ? 'installed' : anyInvite ? 'invited' : 'pending';
  if (next === r.status) return null;
  const from = r.status;
  r.status = next;
  r.status_changed_at_unix_ms = now;
  if (next === 'active' && session.milestones.first_active_at_unix_ms === null) {
    session.milestones.first_active_at_unix_ms = now;
  }
  return { email, from, to: next };
}

/** Session-wide rollup (spec 3.5). O(recipients). */
export function recomputeRollup(session: DeliverySession): void {
  const rows = Object.values(session.per_recipient);
  const total = rows.length;
  const provider = rows.filter((r) => r.activation_proof.provider_proof === 'satisfied').length;
  const full = rows.filter((r) => r.activation_proof.status === 'satisfied').length;
  session.activation_proof = {
    status:
      total === 0
        ? 'pending'
        : full === total
          ? 'complete'
          : full > 0 || provider > 0
            ? 'partial'
            : 'pending',
    recipients_total: total,
    recipients_provider_satisfied: provider,
    recipients_fully_satisfied: full,
  };
}
