import type { EventRow } from '../schemas/sidecars';
import type { DeliverySession } from '../schemas/session';
import { akcError } from '../errors/akc-error';
import { EVENT } from '../events/event-types';
import { normaliseEmail } from '../ingest';
import { emitAudit, openDelivery, type ControlPlaneIO } from './io';

/**
 * `akc deliver resend`: records a resend request for one named recipient and counts it.
 * The invite itself is re-sent by the recipient's distribution lane.
 */
export function requestResend(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  rawEmail: string,
): { ok: true; event: EventRow; resend_count: number } {
  const email = normaliseEmail(rawEmail);
  const store = openDelivery(io, projectDir, deliveryId);
  const out = store.transact((tx) => {
    const request = tx.get('request');
    if (!request.recipients.includes(email)) throw akcError('ENOTMEMBER', { email });
    const recipients = tx.get('recipients');
    const row = recipients.recipients[email];
    if (!row) throw akcError('ENOTMEMBER', { email });
    row.resend_count += 1;
    recipients.updated_at_unix_ms = tx.now();
    tx.put('recipients', recipients);
    const event = tx.appendEvent(EVENT.inviteResendRequested, {
      recipient: email,
      resend_count: row.resend_count,
    });
    return { ok: true as const, event, resend_count: row.resend_count };
  });
  emitAudit(io, 'delivery.invite.resend', { delivery_id: deliveryId, recipient: email });
  return out;
}

/**
 * `akc deliver gate-pass`: a person confirms the beta wave is good. Only in `both` mode and only
 * after a successful beta wave; passing twice changes nothing.
 */
export function passHumanGate(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  note?: string,
): { ok: true; event: EventRow | null; already_passed: boolean } {
  const store = openDelivery(io, projectDir, deliveryId);
  const out = store.transact((tx) => {
    const session = tx.get('session');
    if (session.release_mode !== 'both') throw akcError('EGATEMODE');
    if (session.human_readiness_gate.status === 'passed')
      return { ok: true as const, event: null, already_passed: true };
    const plan = session.distribution_plan;
    if (!plan || plan.beta_distribution_completed_at_unix_ms === null) {
      throw akcError('EGATEBETA', { reason: 'no beta wave has run yet' });
    }
    if (plan.beta_distribution_ok !== true)
      throw akcError('EGATEBETA', { reason: 'the last beta wave did not succeed' });
    const operatorNote = note?.trim() ? note.trim() : null;
    session.human_readiness_gate = {
      status: 'passed',
      passed_at_unix_ms: tx.now(),
      operator_note: operatorNote,
    };
    plan.current_phase = 'store_promotion';
    tx.put('session', session);
    const event = tx.appendEvent(EVENT.humanGatePassed, { operator_note: operatorNote });
    return { ok: true as const, event, already_passed: false };
  });
  if (!out.already_passed) emitAudit(io, 'delivery.human_gate.passed', { delivery_id: deliveryId });
  return out;
}

export type PromoteLane = 'beta' | 'store';

/**
 * Guards of `akc deliver promote` (spec 1.6, with the missing guards added): the mode must have
 * the lane, the session must not be blocked, packaging must have produced distributable
 * artifacts, and in `both` mode the store lane waits for the gate. A refusal writes nothing.
 */
export function assertPromotionAllowed(session: DeliverySession, lane: PromoteLane): void {
  if (lane === 'store' && session.release_mode === 'beta') {
    throw akcError('EPROMOTE', {
      reason: 'this delivery was created with release_mode beta, which has no store lane',
      hint: 'Create a new delivery with --release-mode store or both to release to the stores.',
    });
  }
  if (
    lane === 'store' &&
    session.release_mode === 'both' &&
    session.human_readiness_gate.status !== 'passed'
  ) {
    throw akcError('EGATE');
  }
  if (session.session_phase === 'blocked')
    throw akcError('EBLOCKED', { reason: session.blocked_reason ?? 'preflight issues' });
  if (session.session_phase === 'failed') {
    throw akcError('EPROMOTE', {
      reason: 'the delivery has failed',
      hint: 'See `akc deliver events` for the failure; start a new delivery.',
    });
  }
  if (session.pipeline.package.status !== 'completed') {
    throw akcError('EPROMOTE', {
      reason: `packaging has not completed (package stage: ${session.pipeline.package.status})`,
      hint: 'Package the app first: `akc deliver --compile ...` builds and packages each platform.',
    });
  }
}

/** `akc deliver promote`: checks the guards, then records the promotion request. */
export function requestPromotion(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  lane: PromoteLane,
): { ok: true; event: EventRow } {
  if (lane !== 'beta' && lane !== 'store')
    throw akcError('EPROMOTE', {
      reason: `unknown lane '${String(lane)}'`,
      hint: 'Use --lane beta or --lane store.',
    });
  const store = openDelivery(io, projectDir, deliveryId);
  const out = store.transact((tx) => {
    const session = tx.get('session');
    assertPromotionAllowed(session, lane);
    const now = tx.now();
    session.store_release.active_promotion_lane = lane;
    session.store_release.last_promotion_requested_at_unix_ms = now;
    if (lane === 'store') session.store_release.status = 'promotion_requested';
    tx.put('session', session);
    const event = tx.appendEvent(EVENT.storePromotionRequested, { lane });
    return { ok: true as const, event };
  });
  emitAudit(io, 'delivery.store.promote', { delivery_id: deliveryId, lane });
  return out;
}
