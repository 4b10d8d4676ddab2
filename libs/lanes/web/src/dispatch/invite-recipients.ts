import type { DispatchContext, LaneRecipient, RecipientDispatch } from '@akc/core';
import { composeInviteEmail } from './invite-email';
import { asInvited, sendCount, type InviteRecord } from './invite-record';
import type { WebDistributionOptions } from './options';
import { scrubSecrets } from './scrub';
import type { InviteSender } from './smtp-sender';

/** One invite pass over the recipients. */
export interface InviteRun {
  readonly ctx: DispatchContext<WebDistributionOptions>;
  readonly lane: 'beta' | 'store';
  /** The resolved invite base URL. */
  readonly base: string;
  readonly appName: string;
  /** `null`: no SMTP, links go to the operator. */
  readonly sender: InviteSender | null;
  /** Secrets to scrub from any recorded reason (the SMTP password). */
  readonly secrets: ReadonlyArray<string | undefined>;
}

/** What the pass did: per-recipient results, links for the operator (never persisted), counts. */
export interface InviteResults {
  readonly recipients: Record<string, RecipientDispatch>;
  readonly links: Array<{ email: string; url: string }>;
  emailed: number;
}

type Link = { url: string; urlHash: string; expiresAtUnixMs: number };
/** A recipient's result, plus the reason to stop the pass after a transport-wide failure. */
type Outcome = RecipientDispatch & { stop?: string };

const iso = (ctx: DispatchContext<unknown>): string => new Date(ctx.now()).toISOString();

function fail(
  run: InviteRun,
  r: LaneRecipient,
  reason: string,
  extra: { code?: number; attempts: number },
): RecipientDispatch {
  const record: InviteRecord = {
    state: 'failed',
    reason,
    ...(extra.code !== undefined ? { smtp_code: extra.code } : {}),
    attempts: extra.attempts,
    failed_at: iso(run.ctx),
    send_count: sendCount(run.ctx.ledger.getRecipient(r.email)),
  };
  run.ctx.ledger.setRecipient(r.email, record);
  run.ctx.log(`invite to ${r.email} failed: ${reason}`);
  return { state: 'failed', detail: reason };
}

function listForOperator(
  run: InviteRun,
  r: LaneRecipient,
  link: Link,
  results: InviteResults,
): RecipientDispatch {
  const record: InviteRecord = {
    state: 'invited',
    channel: 'operator',
    url_hash: link.urlHash,
    expires_at_unix_ms: link.expiresAtUnixMs,
    listed_at: iso(run.ctx),
    send_count: sendCount(run.ctx.ledger.getRecipient(r.email)) + 1,
  };
  run.ctx.ledger.setRecipient(r.email, record);
  results.links.push({ email: r.email, url: link.url });
  run.ctx.log(`invite link for ${r.email} listed for the operator (sha256 ${link.urlHash.slice(0, 12)}…)`);
  return {
    state: 'invited',
    detail: 'no SMTP configured: link listed for the operator',
    invite_url_hash: link.urlHash,
  };
}

async function email(run: InviteRun, sender: InviteSender, r: LaneRecipient, link: Link): Promise<Outcome> {
  const { ctx } = run;
  const message = composeInviteEmail({
    appName: run.appName,
    version: ctx.delivery.version,
    lane: run.lane,
    url: link.url,
    expiresAtUnixMs: link.expiresAtUnixMs,
  });
  const out = await sender.send(r.email, message);
  if (!out.ok) {
    const reason = scrubSecrets(out.failure.reason, [link.url, ...run.secrets]);
    const failed = fail(run, r, reason, { code: out.failure.code, attempts: out.attempts });
    return out.failure.scope === 'transport' ? { ...failed, stop: reason } : failed;
  }
  const record: InviteRecord = {
    state: 'invited',
    channel: 'email',
    url_hash: link.urlHash,
    expires_at_unix_ms: link.expiresAtUnixMs,
    sent_at: iso(ctx),
    message_id: out.messageId,
    attempts: out.attempts,
    send_count: sendCount(ctx.ledger.getRecipient(r.email)) + 1,
  };
  ctx.ledger.setRecipient(r.email, record);
  ctx.log(`invite emailed to ${r.email} (message ${out.messageId}, attempt ${out.attempts})`);
  return {
    state: 'invited',
    detail: `emailed (message ${out.messageId})`,
    invite_url_hash: link.urlHash,
    provider_id: out.messageId,
  };
}

function issue(run: InviteRun, r: LaneRecipient): Link | string {
  try {
    return run.ctx.invites.link(run.base, r.tokenId);
  } catch (e) {
    return `cannot sign the invite link: ${scrubSecrets((e as Error).message, run.secrets)}`;
  }
}

async function inviteOne(
  run: InviteRun,
  r: LaneRecipient,
  stop: string | undefined,
  results: InviteResults,
): Promise<Outcome> {
  const prior = asInvited(run.ctx.ledger.getRecipient(r.email));
  if (!r.platforms.includes('web')) return { state: 'skipped', detail: 'not a web recipient' };
  if (prior && !run.ctx.resend) {
    return {
      state: 'already_invited',
      detail: `invited by ${prior.channel}`,
      invite_url_hash: prior.url_hash,
    };
  }
  if (stop) return fail(run, r, `not sent: ${stop}`, { attempts: 0 });
  const link = issue(run, r);
  if (typeof link === 'string') return fail(run, r, link, { attempts: 0 });
  if (!run.sender) return listForOperator(run, r, link, results);
  return email(run, run.sender, r, link);
}

/**
 * Invite every web recipient once: skip those the ledger says were invited (unless a resend),
 * sign a fresh link, email it (or list it for the operator) and record the result in the ledger
 * right away. A transport-wide failure (auth, TLS, unreachable server) stops the pass; the
 * recipients after it are failed with that reason, without another attempt.
 */
export async function inviteRecipients(run: InviteRun): Promise<InviteResults> {
  const results: InviteResults = { recipients: {}, links: [], emailed: 0 };
  let stop: string | undefined;
  for (const r of run.ctx.recipients) {
    if (run.ctx.signal.aborted) stop ??= 'the dispatch was aborted';
    const { stop: stopped, ...dispatch } = await inviteOne(run, r, stop, results);
    stop ??= stopped;
    if (dispatch.state === 'invited' && run.sender) results.emailed++;
    results.recipients[r.email] = dispatch;
  }
  return results;
}
