import type { Platform } from '../schemas/common';
import type { DeliverySession } from '../schemas/session';
import type { EventRow, EvidenceRecord } from '../schemas/sidecars';
import { akcError, isAkcError, type AkcError } from '../errors/akc-error';
import { EVENT } from '../events/event-types';
import { parseActivationReport, type ActivationReport } from '../activation/report';
import { recomputeRecipient, recomputeRollup, transitionEventType } from '../activation/recompute';
import { verifyInvite, type InviteSigningKey } from '../invites';
import { verifyActivationToken } from '../invites/activation-token';
import type { Transaction } from '../store/transaction';
import { openDelivery, type ControlPlaneIO } from './io';

/** Per transaction: recipient token id -> email (tokens never change inside one). */
const tokenEmails = new WeakMap<Transaction, Map<string, string>>();

/** The recipient a token belongs to; the lookup table is built once per transaction, not per report. */
function emailForToken(tx: Transaction, token: string): string | undefined {
  let index = tokenEmails.get(tx);
  if (!index) {
    index = new Map(
      Object.entries(tx.get('session').per_recipient).map(([email, r]) => [r.invite_token_id, email]),
    );
    tokenEmails.set(tx, index);
  }
  return index.get(token);
}

/** Transactions whose recipients document was changed by {@link settleRecipient} and not yet staged. */
const recipientsChanged = new WeakSet<Transaction>();

/**
 * Recompute one recipient; record one event per status transition. Mutates the transaction's
 * session and recipients documents in place; the caller then calls {@link stageSettled} once,
 * which recomputes the rollup and stages both (each costs O(recipients), so a batch must not pay
 * them per report).
 */
function settleRecipient(
  tx: Transaction,
  session: DeliverySession,
  email: string,
  scope: Platform[],
): EventRow[] {
  const events: EventRow[] = [];
  const t = recomputeRecipient(session, email, scope, tx.now());
  if (t) {
    const recipients = tx.get('recipients');
    const row = recipients.recipients[email];
    if (row) {
      row.status = t.to;
      recipients.updated_at_unix_ms = tx.now();
      recipientsChanged.add(tx);
    }
    const type = transitionEventType(t.to);
    if (type) events.push(tx.appendEvent(type, { recipient: email, from: t.from, to: t.to }));
  }
  return events;
}

/** After one or more {@link settleRecipient} calls: recompute the rollup, stage session and recipients. */
function stageSettled(tx: Transaction): void {
  if (recipientsChanged.delete(tx)) tx.put('recipients', tx.get('recipients'));
  const session = tx.get('session');
  recomputeRollup(session);
  tx.put('session', session);
}

export interface ActivationReportResult {
  ok: true;
  delivery_id: string;
  recipient: string;
  platform: Platform;
  recorded: {
    first_run: boolean;
    heartbeat: boolean;
    duplicate_first_run: boolean;
    duplicate_heartbeat: boolean;
  };
  recipient_status: string;
  events: EventRow[];
}

/** One report of a batch: recorded, or refused with the error a single report would have thrown. */
export type BatchedReportResult = ActivationReportResult | { ok: false; error: AkcError };

function rejected(err: unknown): { ok: false; error: AkcError } {
  if (isAkcError(err)) return { ok: false, error: err };
  throw err;
}

/** Validate and authenticate one untrusted report (no lock needed: keys only change on submit). */
function authenticate(
  raw: unknown,
  deliveryId: string,
  keys: readonly InviteSigningKey[],
  now: number,
): ActivationReport {
  const report = parseActivationReport(raw, deliveryId, now);
  const token = verifyActivationToken({ deliveryId, token: report.activation_token, keys });
  if (token.tokenId !== report.recipient_token_id) {
    throw akcError('EACTIVATIONTOKEN', {
      reason: 'activation_token was issued for another recipient than recipient_token_id',
    });
  }
  return report;
}

/** Record one authenticated report inside a transaction; throws (before staging anything) when refused. */
function applyReport(tx: Transaction, deliveryId: string, report: ActivationReport): ActivationReportResult {
  const session = tx.get('session');
  const email = emailForToken(tx, report.recipient_token_id);
  if (!email) {
    throw akcError('EREPORT', {
      reason: 'unknown recipient_token_id: it belongs to no recipient of this delivery',
      hint: "Tokens are per delivery and per recipient (tenant isolation); use the token from this delivery's invite.",
    });
  }
  const row = tx.get('recipients').recipients[email];
  if (!row) throw akcError('ENOTMEMBER', { email });
  const st = row.platforms.includes(report.platform)
    ? session.per_recipient[email]?.platforms[report.platform]
    : undefined;
  if (!st) {
    throw akcError('EREPORT', {
      reason: `platform '${report.platform}' not enabled for recipient '${email}'`,
    });
  }
  const now = tx.now();
  const events: EventRow[] = [];
  const recorded = {
    first_run: false,
    heartbeat: false,
    duplicate_first_run: false,
    duplicate_heartbeat: false,
  };
  if (report.first_run_at_unix_ms !== null) {
    if (st.first_run_at_unix_ms === null) {
      st.first_run_at_unix_ms = report.first_run_at_unix_ms;
      tx.appendEvidence({
        recipient_email: email,
        recipient_token_id: report.recipient_token_id,
        platform: report.platform,
        evidence_kind: 'app_first_run',
        occurred_at_unix_ms: report.first_run_at_unix_ms,
        payload: {
          app_version: report.app_version,
          ingested_at_unix_ms: now,
          source: 'client_activation_report',
          authenticated: true,
        },
      });
      events.push(
        tx.appendEvent(EVENT.activationFirstRun, {
          recipient: email,
          platform: report.platform,
          recipient_token_id: report.recipient_token_id,
          app_version: report.app_version,
        }),
      );
      recorded.first_run = true;
    } else {
      recorded.duplicate_first_run = true;
    }
  }
  if (report.heartbeat_at_unix_ms !== null) {
    // Coalesced: last seen and a count per recipient and platform. A resent heartbeat (same
    // timestamp as the last one seen) is a retry of the same report and is not counted twice.
    if (st.last_heartbeat_at_unix_ms === report.heartbeat_at_unix_ms) {
      recorded.duplicate_heartbeat = true;
    } else {
      st.last_heartbeat_at_unix_ms = Math.max(st.last_heartbeat_at_unix_ms ?? 0, report.heartbeat_at_unix_ms);
      st.heartbeat_count += 1;
      st.last_active = report.active;
      recorded.heartbeat = true;
    }
  }
  if (report.app_version !== null) st.last_app_version = report.app_version;
  events.push(...settleRecipient(tx, session, email, row.platforms));
  return {
    ok: true as const,
    delivery_id: deliveryId,
    recipient: email,
    platform: report.platform,
    recorded,
    recipient_status: session.per_recipient[email]?.status ?? 'pending',
    events,
  };
}

/**
 * `akc deliver activation-report`: ingest one app report (spec 10.2, strictly typed). The report
 * must carry the recipient's signed `activation_token`; it is refused (EACTIVATIONTOKEN) unless
 * the token verifies for this delivery and for the recipient the report speaks for. A first run
 * is recorded once per recipient and platform; heartbeats are coalesced into the recipient's
 * platform state (last seen, count), so a chatty app does not grow the files.
 */
export function ingestActivationReport(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  raw: unknown,
): ActivationReportResult {
  const store = openDelivery(io, projectDir, deliveryId);
  const report = authenticate(raw, deliveryId, store.read('secrets').invite_keys, io.now());
  return store.transact((tx) => {
    const r = applyReport(tx, deliveryId, report);
    stageSettled(tx);
    return r;
  });
}

/**
 * Ingest many reports for one delivery in ONE transaction (one lock, one write of each file):
 * the group commit behind `akc deliver serve`. Each report is authenticated and applied on its
 * own; a refused report is returned as `{ ok: false, error }` and changes nothing, the others
 * are recorded. Results are in input order. Nothing is durable until this returns.
 */
export function ingestActivationReports(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  raws: readonly unknown[],
): BatchedReportResult[] {
  const store = openDelivery(io, projectDir, deliveryId);
  const keys = store.read('secrets').invite_keys;
  const now = io.now();
  const parsed = raws.map((raw) => {
    try {
      return authenticate(raw, deliveryId, keys, now);
    } catch (err) {
      return rejected(err);
    }
  });
  return store.transact((tx) => {
    let recorded = 0;
    const results = parsed.map((p): BatchedReportResult => {
      if ('ok' in p) return p;
      try {
        const r = applyReport(tx, deliveryId, p);
        recorded += 1;
        return r;
      } catch (err) {
        return rejected(err);
      }
    });
    if (recorded > 0) stageSettled(tx);
    return results;
  });
}

export interface InviteOpenInput {
  tokenId: string;
  signature: string;
  expiresAtUnixMs: number;
  kid: string;
  /** Where the open came from, recorded in the evidence payload. */
  source?: 'cli' | 'serve';
  /**
   * For a recipient without web in scope: verify the link and record nothing (the landing hands
   * their app its credential) instead of refusing.
   */
  verifyOnlyOutsideWeb?: boolean;
}

export interface InviteOpenResult {
  ok: true;
  delivery_id: string;
  recipient: string;
  replay: boolean;
  record: EvidenceRecord | null;
  events: EventRow[];
}

/**
 * `akc deliver web-invite-open`: verify a signed invite (key id, expiry, constant-time compare)
 * and record the open once; a replayed link is accepted but recorded only the first time.
 */
export function recordWebInviteOpen(
  io: ControlPlaneIO,
  projectDir: string,
  deliveryId: string,
  input: InviteOpenInput,
): InviteOpenResult {
  const store = openDelivery(io, projectDir, deliveryId);
  const secrets = store.read('secrets');
  verifyInvite({
    deliveryId,
    tokenId: input.tokenId,
    expiresAtUnixMs: input.expiresAtUnixMs,
    kid: input.kid,
    signature: input.signature,
    keys: secrets.invite_keys,
    nowUnixMs: io.now(),
  });
  return store.transact((tx) => {
    const session = tx.get('session');
    const email = emailForToken(tx, input.tokenId);
    if (!email)
      throw akcError('ESIGNATURE', {
        reason: 'the invite token (recipient_token_id) belongs to no recipient of this delivery',
      });
    const row = tx.get('recipients').recipients[email];
    const st = session.per_recipient[email]?.platforms.web;
    if (!row || !row.platforms.includes('web') || !st) {
      if (input.verifyOnlyOutsideWeb === true && row) {
        // A mobile-only recipient's link is genuine, but opening it proves no web install.
        return {
          ok: true as const,
          delivery_id: deliveryId,
          recipient: email,
          replay: false,
          record: null,
          events: [],
        };
      }
      throw akcError('EREPORT', { reason: `platform 'web' not enabled for recipient '${email}'` });
    }
    if (st.invite_opened_at_unix_ms !== null) {
      return {
        ok: true as const,
        delivery_id: deliveryId,
        recipient: email,
        replay: true,
        record: null,
        events: [],
      };
    }
    const now = tx.now();
    st.invite_opened_at_unix_ms = now;
    const record = tx.appendEvidence({
      recipient_email: email,
      recipient_token_id: input.tokenId,
      platform: 'web',
      evidence_kind: 'invite_opened',
      occurred_at_unix_ms: now,
      payload: { source: input.source ?? 'cli', key_id: input.kid },
    });
    const events = [
      tx.appendEvent(EVENT.providerInstallDetected, {
        recipient: email,
        platform: 'web',
        kind: 'web_invite_opened',
        invite_token_id: input.tokenId,
      }),
      ...settleRecipient(tx, session, email, row.platforms),
    ];
    stageSettled(tx);
    return { ok: true as const, delivery_id: deliveryId, recipient: email, replay: false, record, events };
  });
}
