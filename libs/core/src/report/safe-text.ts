/**
 * Text hygiene for the HTML report. Everything shown comes from the delivery's own files, which
 * hold untrusted strings (recipient addresses, request text, app-supplied versions, provider
 * errors) and per-recipient bearer values (invite token ids, signed invite links). The model
 * builder passes every free-text value through a `Scrubber`; the renderer escapes every value.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escape for HTML text and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Keys whose values are never shown: bearer values, signatures, keys and links. */
const HIDDEN_KEY = /token|secret|signature|sig$|passw|credential|auth|cookie|private|key|url|link|href/i;

export function isHiddenKey(key: string): boolean {
  return HIDDEN_KEY.test(key);
}

const URL_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]*/gi;
const INVITE_PARAM_RE = /\bakc_[a-z]+=[^&\s"'<>`]*/gi;
/** A signed activation credential, `akc1.<kid>.<token>.<sig>`. */
const ACTIVATION_TOKEN_RE = /\bakc1\.[^\s"'<>`]+/gi;

/** Cleans free text: links become `[link to host]`, invite parameters and known token ids are hidden. */
export type Scrubber = (text: string, maxLength?: number) => string;

/**
 * A scrubber that hides every value in `secretValues` (invite token ids, which let their holder
 * report activation for a recipient), every URL (an invite link carries its signature) and any
 * `akc_*=` invite parameter; then collapses whitespace and cuts to `maxLength` characters.
 */
export function createScrubber(secretValues: Iterable<string>): Scrubber {
  const secrets = [...new Set(secretValues)].filter((v) => v.length >= 8);
  return (text, maxLength = 300) => {
    let out = text.replace(URL_RE, (url) => {
      const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]*)/i.exec(url)?.[1];
      return host ? `[link to ${host}]` : '[link]';
    });
    out = out.replace(ACTIVATION_TOKEN_RE, '[activation token]');
    out = out.replace(INVITE_PARAM_RE, (m) => `${m.slice(0, m.indexOf('=') + 1)}[hidden]`);
    for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[token]');
    out = out
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return out.length > maxLength ? `${out.slice(0, maxLength - 1)}…` : out;
  };
}

function scalar(value: unknown, scrub: Scrubber): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return scrub(value, 80);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const simple = value.every((v) => typeof v === 'string' || typeof v === 'number');
    if (simple && value.length <= 3) return `[${value.map((v) => scalar(v, scrub)).join(', ')}]`;
    return `[${value.length} items]`;
  }
  if (typeof value === 'object') return `{${Object.keys(value as object).length} keys}`;
  return typeof value;
}

/**
 * A one-line summary of an event payload: `key=value` pairs (hidden keys show `[hidden]`, nested
 * values are counted, not expanded), at most `maxKeys` keys and `maxLength` characters.
 */
export function summarizePayload(payload: unknown, scrub: Scrubber, maxKeys = 8, maxLength = 240): string {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return '';
  const entries = Object.entries(payload as Record<string, unknown>);
  const parts = entries
    .slice(0, maxKeys)
    .map(([k, v]) => `${scrub(k, 40)}=${isHiddenKey(k) ? '[hidden]' : scalar(v, scrub)}`);
  if (entries.length > maxKeys) parts.push(`+${entries.length - maxKeys} more`);
  const text = parts.join(', ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * Provider references that are safe to show: scalar values under keys that are not secret-like,
 * scrubbed and cut short; at most `max` of them.
 */
export function safeRefs(refs: unknown, scrub: Scrubber, max = 12): Array<[string, string]> {
  if (refs === null || typeof refs !== 'object' || Array.isArray(refs)) return [];
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(refs as Record<string, unknown>)) {
    if (isHiddenKey(k)) continue;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    const text = scrub(String(v), 120);
    if (text === '') continue;
    out.push([scrub(k, 40), text]);
    if (out.length >= max) break;
  }
  return out;
}

/** 12345 -> "12,345" (locale-independent). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
