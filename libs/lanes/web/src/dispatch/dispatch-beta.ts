import { isAkcError, type DispatchContext, type DispatchReceipt } from '@akc/core';
import { planInvites } from './dry-run';
import { errorReceipt, inviteRefs, resolveInviteSetup } from './invite-setup';
import type { WebDistributionOptions } from './options';
import { failureSummary, inviteStatus } from './receipt-status';
import { runInvites } from './run-invites';

/**
 * `web:beta` dispatch: a signed, expiring invite link per web recipient, emailed when SMTP is
 * configured, otherwise returned once in `operator_links`. A dry run sends nothing and returns the
 * calls it would make. Receipts and the ledger carry only the sha256 of each link.
 */
export async function dispatchWebBeta(ctx: DispatchContext<unknown>): Promise<DispatchReceipt> {
  const setup = resolveInviteSetup(ctx, 'beta');
  if (isAkcError(setup)) return errorReceipt(setup);
  const typed = { ...ctx, options: setup.options } as DispatchContext<WebDistributionOptions>;
  if (!ctx.execute) {
    const plan = planInvites(typed, 'beta', setup.base.url, setup.smtp);
    return {
      status: 'dry_run',
      ok: true,
      recipients: plan.recipients,
      external_refs: inviteRefs(setup),
      planned_calls: plan.calls,
    };
  }
  const results = await runInvites(typed, 'beta', setup);
  const status = inviteStatus(results.recipients);
  const error = failureSummary(results.recipients);
  return {
    status,
    ok: status === 'completed',
    recipients: results.recipients,
    external_refs: inviteRefs(setup, results.emailed),
    ...(error ? { error } : {}),
    ...(results.links.length > 0 ? { operator_links: results.links } : {}),
  };
}
