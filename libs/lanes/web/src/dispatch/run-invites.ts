import type { DispatchContext } from '@akc/core';
import type { InviteSetup } from './invite-setup';
import { inviteRecipients, type InviteResults } from './invite-recipients';
import { LEDGER_KEYS } from './invite-record';
import type { WebDistributionOptions } from './options';
import { createSmtpSender } from './smtp-sender';

/** Default attempts and first retry delay for transient SMTP failures. */
export const SMTP_RETRY_DEFAULTS = { attempts: 4, baseMs: 1000, maxMs: 30_000 } as const;

/**
 * Send (or list) the invites for real: record the invite base in the ledger, open the SMTP
 * sender when one is configured, run the pass and always close the sender.
 */
export async function runInvites(
  ctx: DispatchContext<WebDistributionOptions>,
  lane: 'beta' | 'store',
  setup: InviteSetup,
): Promise<InviteResults> {
  ctx.ledger.set(LEDGER_KEYS.inviteBase, setup.base);
  const retry = {
    attempts: setup.options.smtp_max_attempts ?? SMTP_RETRY_DEFAULTS.attempts,
    baseMs: setup.options.smtp_retry_base_ms ?? SMTP_RETRY_DEFAULTS.baseMs,
    maxMs: SMTP_RETRY_DEFAULTS.maxMs,
  };
  const sender = setup.smtp
    ? await createSmtpSender(setup.smtp, { retry, signal: ctx.signal, log: ctx.log })
    : null;
  try {
    return await inviteRecipients({
      ctx,
      lane,
      base: setup.base.url,
      appName: setup.appName,
      sender,
      secrets: [setup.smtp?.pass],
    });
  } finally {
    sender?.close();
  }
}
