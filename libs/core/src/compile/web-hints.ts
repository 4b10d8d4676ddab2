/**
 * Web hosting hints from a delivery plan (spec §5.4), and reading them back from a stored
 * `compile_outputs_ref` so the web lane can use them (fixing §16.24).
 */
import { handoffError } from './compile-errors';
import type { WebDistributionHints, WebTargetHint } from './handoff-types';
import { isJsonObject, nested, optionalArray, optionalString, type FieldScope } from './json-fields';
import type { JsonObject } from './lossless-json';

/** Empty hints (no plan, or no `web_app` target). */
export function emptyWebHints(): WebDistributionHints {
  return { web_targets: [], suggested_base_urls: [] };
}

/**
 * For each target whose trimmed `target_class` is `web_app`: `{target_id, name}`, plus `domain`
 * (trimmed, leading `/` removed) when non-empty, whose `https://<domain>` joins
 * `suggested_base_urls` (deduplicated, in target order). Two deliberate differences from the
 * original: a domain already written as an http(s) URL is used as that URL rather than
 * prefixed again, and a domain that does not form a valid URL host is kept on the row but
 * suggests no URL.
 * @throws AkcError (handoff code) naming `file` when `targets` or a read field has the wrong type.
 */
export function extractWebDistributionHints(plan: JsonObject, file: string): WebDistributionHints {
  const top: FieldScope = { file, prefix: '' };
  const hints = emptyWebHints();
  optionalArray(plan, 'targets', top).forEach((raw, i) => {
    const at = nested(nested(top, 'targets'), i);
    if (!isJsonObject(raw)) throw handoffError(file, `${at.prefix.slice(0, -1)} must be an object`);
    if (optionalString(raw, 'target_class', at)?.trim() !== 'web_app') return;
    const row: WebTargetHint = {
      target_id: optionalString(raw, 'target_id', at),
      name: optionalString(raw, 'name', at),
    };
    const domain = optionalString(raw, 'domain', at)?.trim().replace(/^\/+/, '');
    if (domain) {
      row.domain = domain;
      const url = baseUrlFor(domain);
      if (url && !hints.suggested_base_urls.includes(url)) hints.suggested_base_urls.push(url);
    }
    hints.web_targets.push(row);
  });
  return hints;
}

function baseUrlFor(domain: string): string | null {
  const candidate = /^https?:\/\//i.test(domain) ? domain : `https://${domain}`;
  try {
    const u = new URL(candidate);
    if (!u.hostname || u.username || u.password) return null;
    return candidate;
  } catch {
    return null;
  }
}

/**
 * The web hints stored on a request or session `compile_outputs_ref` (any JSON, as read from
 * disk). Malformed or absent hints read as empty; only http(s) URLs are returned.
 * Called by the web lane when it picks an invite base URL.
 */
export function webHintsFromOutputsRef(ref: unknown): WebDistributionHints {
  const hints = emptyWebHints();
  if (!isJsonObject(ref) || !isJsonObject(ref['web_distribution_hints'])) return hints;
  const stored = ref['web_distribution_hints'];
  const targets = stored['web_targets'];
  const urls = stored['suggested_base_urls'];
  if (Array.isArray(targets)) {
    for (const t of targets) {
      if (!isJsonObject(t)) continue;
      const row: WebTargetHint = { target_id: stringOrNull(t['target_id']), name: stringOrNull(t['name']) };
      if (typeof t['domain'] === 'string' && t['domain'] !== '') row.domain = t['domain'];
      hints.web_targets.push(row);
    }
  }
  if (Array.isArray(urls)) {
    for (const u of urls)
      if (typeof u === 'string' && /^https?:\/\/\S+$/i.test(u)) hints.suggested_base_urls.push(u);
  }
  return hints;
}

/** The first suggested base URL of a stored `compile_outputs_ref` (spec §5.4 `web_invite_base_url`), else null. */
export function suggestedWebBaseUrl(ref: unknown): string | null {
  return webHintsFromOutputsRef(ref).suggested_base_urls[0] ?? null;
}

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
