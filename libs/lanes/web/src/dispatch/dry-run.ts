import type { DispatchContext, PlannedCall, RecipientDispatch } from '@akc/core';
import { asInvited } from './invite-record';
import type { WebDistributionOptions } from './options';
import type { SmtpConfig } from './smtp-config';

/** What a dry run would do for the recipients: their states and the calls it would make. */
export interface InvitePlan {
  readonly recipients: Record<string, RecipientDispatch>;
  readonly calls: PlannedCall[];
}

/**
 * Plan the invites without signing, sending or recording anything: one `smtp send` per
 * recipient still to invite (or one `operator list` when no SMTP is configured); recipients the
 * ledger says were invited stay `already_invited` (unless this is a resend).
 */
export function planInvites(
  ctx: DispatchContext<WebDistributionOptions>,
  lane: 'beta' | 'store',
  base: string,
  smtp: SmtpConfig | null,
): InvitePlan {
  const plan: InvitePlan = { recipients: {}, calls: [] };
  for (const r of ctx.recipients) {
    const prior = asInvited(ctx.ledger.getRecipient(r.email));
    if (!r.platforms.includes('web')) {
      plan.recipients[r.email] = { state: 'skipped', detail: 'not a web recipient' };
    } else if (prior && !ctx.resend) {
      plan.recipients[r.email] = {
        state: 'already_invited',
        detail: `invited by ${prior.channel}`,
        invite_url_hash: prior.url_hash,
      };
    } else {
      plan.recipients[r.email] = {
        state: 'planned',
        detail: smtp
          ? `would email a signed link via ${smtp.endpoint}`
          : 'would list a signed link for the operator',
      };
      plan.calls.push(
        smtp
          ? {
              method: 'smtp send',
              endpoint: smtp.endpoint,
              purpose: `email ${r.email} a signed ${lane} invite link under ${base} (from ${smtp.from})`,
            }
          : {
              method: 'operator list',
              endpoint: 'operator',
              purpose: `list a signed ${lane} invite link under ${base} for ${r.email}`,
            },
      );
    }
  }
  return plan;
}
