import type { LaneDelivery } from '@akc/core';
import { isHttpUrl, type WebLaneOptions } from './options';

/** How the hosting URL was obtained. */
export type DeployMethod = 'command' | 'configured' | 'compile_hint' | 'none';

/** What the lane records under `PackageResult.deploy`. */
export interface DeployRecord {
  readonly hosting_url: string | null;
  readonly method: DeployMethod;
  readonly detail: string;
}

/** The compile handoff's first suggested web base URL, when it is an http(s) URL. */
export function compileHintUrl(compile: LaneDelivery['compile']): string | undefined {
  const hints = compile?.web_distribution_hints;
  if (typeof hints !== 'object' || hints === null) return undefined;
  const urls = (hints as { suggested_base_urls?: unknown }).suggested_base_urls;
  const first: unknown = Array.isArray(urls) ? urls[0] : undefined;
  return typeof first === 'string' && isHttpUrl(first.trim()) ? first.trim() : undefined;
}

/** The last stdout line that is an http(s) URL (surrounding whitespace ignored). */
export function lastUrlLine(stdout: string): string | undefined {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (/^https?:\/\//i.test(line) && isHttpUrl(line)) return line;
  }
  return undefined;
}

/**
 * The hosting URL when no deploy command ran (or it printed none): the `hosting_url` option,
 * else the compile hint, else null. `deployed` only changes the recorded method and wording.
 */
export function fallbackHosting(
  options: WebLaneOptions,
  compile: LaneDelivery['compile'],
  deployed: string | null,
): DeployRecord {
  const ran = deployed ? `deployed by ${deployed}, which printed no URL; ` : '';
  const method = (m: DeployMethod): DeployMethod => (deployed ? 'command' : m);
  if (options.hosting_url) {
    return {
      hosting_url: options.hosting_url,
      method: method('configured'),
      detail: `${ran}URL from lanes.web.hosting_url`,
    };
  }
  const hint = compileHintUrl(compile);
  if (hint) {
    return {
      hosting_url: hint,
      method: method('compile_hint'),
      detail: `${ran}URL from the compile handoff (web_distribution_hints.suggested_base_urls[0])`,
    };
  }
  const none = deployed
    ? `${ran}no hosting URL known`
    : 'not deployed: no deploy_command, hosting_url or compile hint';
  return { hosting_url: null, method: method('none'), detail: none };
}
