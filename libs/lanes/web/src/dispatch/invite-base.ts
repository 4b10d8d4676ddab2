import { loadOperatorPrereqs, type LaneContext } from '@akc/core';
import { compileHintUrl } from '../hosting';
import { isHttpUrl } from '../options';
import type { WebDistributionOptions } from './options';

/** The base URL invite links are built on, and where it came from (never a signed link). */
export type InviteBase = { ok: true; url: string; source: string } | { ok: false; problem: string };

/** Env var: the invite base URL (beta and store). */
export const INVITE_BASE_ENV = 'AKC_DELIVERY_WEB_INVITE_BASE_URL';
/** Env var: the store lane's production URL. */
export const PRODUCTION_URL_ENV = 'AKC_DELIVERY_WEB_PRODUCTION_URL';

type Candidate = readonly [source: string, value: unknown];

function prereq(projectDir: string, key: 'invite_base_url' | 'hosting_endpoint'): unknown {
  const web = loadOperatorPrereqs(projectDir).prereqs.web;
  return typeof web === 'object' && web !== null ? (web as Record<string, unknown>)[key] : undefined;
}

/**
 * The candidates in precedence order. Store adds the production URL (option, then env) in
 * front. `hostingUrl` is where the build lane deployed (unknown at preflight: pass null).
 */
function candidates(
  ctx: LaneContext<WebDistributionOptions>,
  lane: 'beta' | 'store',
  hostingUrl: string | null,
): Candidate[] {
  const store: Candidate[] =
    lane === 'store'
      ? [
          ['option production_url', ctx.options.production_url],
          [`env ${PRODUCTION_URL_ENV}`, ctx.env[PRODUCTION_URL_ENV]],
        ]
      : [];
  return [
    ...store,
    ['option invite_base_url', ctx.options.invite_base_url],
    [`env ${INVITE_BASE_ENV}`, ctx.env[INVITE_BASE_ENV]],
    ['operator prereq web.invite_base_url', prereq(ctx.projectDir, 'invite_base_url')],
    ['operator prereq web.hosting_endpoint', prereq(ctx.projectDir, 'hosting_endpoint')],
    ['the build lane hosting URL', hostingUrl],
    ['compile hint web_distribution_hints.suggested_base_urls[0]', compileHintUrl(ctx.delivery.compile)],
  ];
}

/**
 * Resolve the invite base URL. The first non-empty string wins and must be an absolute http(s)
 * URL (a bad value is reported, never skipped); non-string values such as
 * `web.hosting_endpoint: true` do not count, because no link can be built from them.
 */
export function resolveInviteBase(
  ctx: LaneContext<WebDistributionOptions>,
  lane: 'beta' | 'store',
  hostingUrl: string | null,
): InviteBase {
  for (const [source, value] of candidates(ctx, lane, hostingUrl)) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const url = value.trim();
    if (isHttpUrl(url)) return { ok: true, url, source };
    return { ok: false, problem: `${source} is '${url}', which is not an absolute http(s) URL` };
  }
  const what = lane === 'store' ? `option production_url, env ${PRODUCTION_URL_ENV}, ` : '';
  return {
    ok: false,
    problem: `no invite base URL: set ${what}option invite_base_url, env ${INVITE_BASE_ENV} or operator prereq web.invite_base_url`,
  };
}
