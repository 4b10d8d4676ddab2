import { akcError, type AkcError, type DispatchContext, type DispatchReceipt } from '@akc/core';
import { resolveInviteBase } from './invite-base';
import { inviteAppName } from './invite-email';
import { parseWebDistributionOptions, type WebDistributionOptions } from './options';
import { resolveSmtpConfig, type SmtpConfig } from './smtp-config';

/** Everything a dispatch needs before it touches a recipient, all resolved from local facts. */
export interface InviteSetup {
  readonly options: WebDistributionOptions;
  readonly base: { readonly url: string; readonly source: string };
  /** `null`: no SMTP configured, links are listed for the operator. */
  readonly smtp: SmtpConfig | null;
  readonly appName: string;
}

/** A failed receipt for an error found before anything was sent. */
export function errorReceipt(error: AkcError, extra: Partial<DispatchReceipt> = {}): DispatchReceipt {
  return {
    status: 'failed',
    ok: false,
    recipients: {},
    external_refs: {},
    error: error.message,
    error_code: error.code,
    ...extra,
  };
}

/**
 * Parse the options and resolve the invite base and SMTP transport. Any problem is an AkcError:
 * ELANE for options and SMTP config, EINVITEBASE when no usable base URL is known.
 */
export function resolveInviteSetup(
  ctx: DispatchContext<unknown>,
  lane: 'beta' | 'store',
): InviteSetup | AkcError {
  const laneId = `web:${lane}`;
  const parsed = parseWebDistributionOptions(lane, ctx.options);
  if (!parsed.ok) {
    return akcError('ELANE', {
      lane: laneId,
      reason: `invalid options: ${parsed.errors.join('; ')}`,
      hint: `Fix lanes["${laneId}"] in .akc/config.json.`,
    });
  }
  const options = parsed.value;
  const typed = { ...ctx, options } as DispatchContext<WebDistributionOptions>;
  const base = resolveInviteBase(typed, lane, ctx.artifact.hostingUrl);
  if (!base.ok) return akcError('EINVITEBASE', { reason: base.problem });
  const smtp = resolveSmtpConfig(ctx.env, options);
  if (!smtp.ok) {
    return akcError('ELANE', {
      lane: laneId,
      reason: `SMTP is misconfigured: ${smtp.problem}`,
      hint: 'Fix AKC_DELIVERY_SMTP_URL or SMTP_HOST/SMTP_PORT/SMTP_USER/SMTP_PASS, or unset them to list links for the operator.',
    });
  }
  const appName = inviteAppName(options.app_name, ctx.delivery.repoId);
  return { options, base: { url: base.url, source: base.source }, smtp: smtp.config, appName };
}

/** The receipt's external refs: where links point and how they travel (never a link, never a password). */
export function inviteRefs(setup: InviteSetup, emailed?: number): Record<string, unknown> {
  return {
    invite_base_url: setup.base.url,
    invite_base_source: setup.base.source,
    channel: setup.smtp ? 'email' : 'operator',
    ...(setup.smtp ? { smtp_endpoint: setup.smtp.endpoint, email_from: setup.smtp.from } : {}),
    ...(emailed !== undefined ? { emails_sent: emailed } : {}),
  };
}
