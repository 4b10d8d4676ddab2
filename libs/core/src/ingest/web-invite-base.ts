/** Where web invite links point (spec §7.4), resolved the same way by preflight and dispatch. */
import { firstEnv, type Env } from '../util/env';
import { isHttpUrl } from './credentials';
import { prereqValue, type OperatorPrereqs } from './operator-prereqs';

/** The invite base URL and where it came from, or why there is none. */
export type WebInviteBase = { ok: true; url: string; source: string } | { ok: false; problem: string };

/** Env var holding the invite base URL. */
export const WEB_INVITE_BASE_VAR = 'AKC_DELIVERY_WEB_INVITE_BASE_URL';

/**
 * Resolve the invite base URL. Precedence: `metadata.web_invite_base_url`, env
 * `AKC_DELIVERY_WEB_INVITE_BASE_URL`, op `web.invite_base_url`, op `web.hosting_endpoint`.
 * The first non-empty string wins and must be an http(s) URL; a non-string value such as
 * `hosting_endpoint: true` never counts, because dispatch could not build a link from it.
 */
export function resolveWebInviteBase(
  env: Env,
  prereqs: OperatorPrereqs,
  metadata: Readonly<Record<string, unknown>> = {},
): WebInviteBase {
  const candidates: Array<[string, unknown]> = [
    ['compile metadata web_invite_base_url', metadata.web_invite_base_url],
    [`env ${WEB_INVITE_BASE_VAR}`, firstEnv(env, WEB_INVITE_BASE_VAR)],
    ['operator prereq web.invite_base_url', prereqValue(prereqs, 'web.invite_base_url')],
    ['operator prereq web.hosting_endpoint', prereqValue(prereqs, 'web.hosting_endpoint')],
  ];
  for (const [source, value] of candidates) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const url = value.trim();
    if (isHttpUrl(url)) return { ok: true, url, source };
    return { ok: false, problem: `${source} is '${url}', which is not an http(s) URL` };
  }
  const nonString = candidates.find(([, v]) => v !== undefined && v !== null && typeof v !== 'string');
  return {
    ok: false,
    problem: nonString
      ? `${nonString[0]} is ${JSON.stringify(nonString[1])}, but a URL string is needed`
      : 'no invite base URL is configured',
  };
}
