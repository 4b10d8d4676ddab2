import { isAkcError, type DispatchContext, type DispatchReceipt, type RecipientDispatch } from '@akc/core';
import { planInvites } from './dry-run';
import { LEDGER_KEYS } from './invite-record';
import { errorReceipt, inviteRefs, resolveInviteSetup, type InviteSetup } from './invite-setup';
import type { WebDistributionOptions } from './options';
import { plannedPublish, publishBundle } from './publish';
import { failureSummary, inviteStatus } from './receipt-status';
import { runInvites } from './run-invites';

type StoreContext = DispatchContext<WebDistributionOptions>;

/**
 * Manual store submit stages only: nothing is published and nobody is invited. The ledger records
 * `staged`; a person publishes, then runs the store wave with automatic submit to invite.
 */
function stageOnly(ctx: StoreContext, setup: InviteSetup): DispatchReceipt {
  const recipients: Record<string, RecipientDispatch> = {};
  const detail =
    'manual store submit: staged only; publish, then run the web:store wave with automatic submit to invite';
  for (const r of ctx.recipients) recipients[r.email] = { state: 'skipped', detail };
  const refs = { ...inviteRefs(setup), production_url: setup.base.url, store_submit: 'manual' };
  if (!ctx.execute)
    return {
      status: 'dry_run',
      ok: true,
      submitted: false,
      recipients,
      external_refs: refs,
      planned_calls: [],
    };
  const staged = {
    web_build_id: ctx.versions.web_build_id,
    production_url: setup.base.url,
    staged_at: new Date(ctx.now()).toISOString(),
  };
  ctx.ledger.set(LEDGER_KEYS.staged, staged);
  return { status: 'staged', ok: true, submitted: true, recipients, external_refs: refs };
}

function dryRun(ctx: StoreContext, setup: InviteSetup): DispatchReceipt {
  const plan = planInvites(ctx, 'store', setup.base.url, setup.smtp);
  const calls = [...plannedPublish(ctx, setup.base.url), ...plan.calls];
  const refs = { ...inviteRefs(setup), production_url: setup.base.url };
  return {
    status: 'dry_run',
    ok: true,
    submitted: false,
    recipients: plan.recipients,
    external_refs: refs,
    planned_calls: calls,
  };
}

/**
 * `web:store` dispatch: publishing to the production URL is the web's store release. Publish
 * (`publish_command`, once per bundle), then invite every web recipient against the production
 * URL exactly like `web:beta`. `submitted` is true once published; a failed invite makes the
 * receipt `partial`, a failed publish makes it `failed` with nobody invited.
 */
export async function dispatchWebStore(ctx: DispatchContext<unknown>): Promise<DispatchReceipt> {
  const setup = resolveInviteSetup(ctx, 'store');
  if (isAkcError(setup)) return errorReceipt(setup, { submitted: false });
  const typed = { ...ctx, options: setup.options } as StoreContext;
  if (ctx.storeSubmit === 'manual') return stageOnly(typed, setup);
  if (!ctx.execute) return dryRun(typed, setup);
  const published = await publishBundle(typed, setup.base.url);
  const refs = { ...inviteRefs(setup), production_url: setup.base.url };
  if (isAkcError(published)) return errorReceipt(published, { submitted: false, external_refs: refs });
  const results = await runInvites(typed, 'store', setup);
  const status = inviteStatus(results.recipients);
  const error = failureSummary(results.recipients);
  return {
    status: status === 'completed' ? 'submitted' : 'partial',
    ok: status === 'completed',
    submitted: true,
    recipients: results.recipients,
    external_refs: {
      ...inviteRefs(setup, results.emailed),
      production_url: setup.base.url,
      publish: { method: published.method, published_at: published.published_at },
    },
    ...(error ? { error } : {}),
    ...(results.links.length > 0 ? { operator_links: results.links } : {}),
  };
}
