import { jobPreflightIssues, type LaneContext, type PreflightProblem, type PreflightReport } from '@akc/core';
import { findExecutable } from '../find-executable';
import { resolveInviteBase } from './invite-base';
import { parseWebDistributionOptions, type WebDistributionOptions } from './options';
import { resolveSmtpConfig } from './smtp-config';

const isBaseIssue = (reason: string): boolean => reason.startsWith('web invite base URL');

function laneProblems(ctx: LaneContext<WebDistributionOptions>, lane: 'beta' | 'store'): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  const smtp = resolveSmtpConfig(ctx.env, ctx.options);
  if (!smtp.ok) {
    problems.push({
      id: 'web.smtp.invalid',
      reason: smtp.problem,
      fix: 'Fix AKC_DELIVERY_SMTP_URL (smtp://user:pass@host:port) or SMTP_HOST/SMTP_PORT/SMTP_USER/SMTP_PASS, or unset them to list links for the operator.',
    });
  }
  const program = ctx.options.publish_command?.[0];
  if (lane === 'store' && program && !findExecutable(program, ctx.env, ctx.projectDir)) {
    problems.push({
      id: 'web.store.publish_command.not_found',
      reason: `${program} (the publish command) was not found on PATH or in ${ctx.projectDir}`,
      fix: 'Install it, or fix lanes["web:store"].publish_command in .akc/config.json.',
    });
  }
  return problems;
}

function smtpWarning(ctx: LaneContext<WebDistributionOptions>): string[] {
  const smtp = resolveSmtpConfig(ctx.env, ctx.options);
  if (!smtp.ok || smtp.config) return [];
  return [
    'web: no SMTP server configured (AKC_DELIVERY_SMTP_URL or SMTP_HOST): invite links will be listed once for the operator to send',
  ];
}

/**
 * Preflight for `web:beta` / `web:store`: the lane's options, then the control plane's checks for
 * this job, with the invite base resolved the lane's way (options, production URL and compile
 * hint count too), plus the SMTP config and the publish command. Local facts only.
 */
export function preflightWebDistribution(ctx: LaneContext<unknown>, lane: 'beta' | 'store'): PreflightReport {
  const parsed = parseWebDistributionOptions(lane, ctx.options);
  if (!parsed.ok) {
    const fix = `Fix lanes["web:${lane}"] in .akc/config.json.`;
    return { problems: parsed.errors.map((reason) => ({ id: `web.${lane}.options.invalid`, reason, fix })) };
  }
  const typed = { ...ctx, options: parsed.value } as LaneContext<WebDistributionOptions>;
  const core = jobPreflightIssues(ctx, 'web', lane);
  const base = resolveInviteBase(typed, lane, null);
  const issues = core.issues.filter((i) => !(base.ok && isBaseIssue(i.reason)));
  const problems: PreflightProblem[] = issues.map((i, n) => ({
    id: `${i.adapter_kind}.${n + 1}`,
    reason: i.reason,
    fix: i.fix,
  }));
  // The lane's own SMTP warning replaces core's email-transport one (this lane sends by SMTP only).
  const kept = core.warnings.filter(
    (w) => !w.startsWith('web: no invite email transport') && !(base.ok && w.includes('web invite base URL')),
  );
  const warnings = [...kept, ...smtpWarning(typed)];
  if (!base.ok && !core.issues.some((i) => isBaseIssue(i.reason))) {
    const row = {
      id: `web.${lane}.invite_base`,
      reason: base.problem,
      fix: 'Set an absolute http(s) URL there.',
    };
    if (core.enforced) problems.push(row);
    else warnings.push(`${base.problem} (the build lane's hosting URL is used at dispatch if there is one)`);
  }
  return { problems: [...problems, ...laneProblems(typed, lane)], warnings };
}
