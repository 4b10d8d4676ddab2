import type { ServerResponse } from 'node:http';
import { isAkcError } from '../errors/akc-error';

/** Headers sent on every response: nothing is cached, sniffed or leaked through a Referer. */
const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The HTTP answer for a failure: status, stable code, a safe message and optional Retry-After. */
export interface HttpFailure {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

const MAX_MESSAGE = 300;

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text;
}

/**
 * Maps any thrown value to a response without leaking stacks or server paths: refused input
 * (AkcError exit 2) becomes 400/403/404, a busy lock 503 with Retry-After, anything else a
 * generic 500.
 */
export function failureFor(err: unknown): HttpFailure {
  if (!isAkcError(err)) return { status: 500, code: 'EINTERNAL', message: 'internal error' };
  switch (err.code) {
    case 'ESIGNATURE':
    case 'EACTIVATIONTOKEN':
      return { status: 403, code: err.code, message: clip(err.message) };
    case 'ENOTFOUND':
    case 'EDELIVERYID':
      return { status: 404, code: err.code, message: 'unknown delivery' };
    case 'ELOCKED':
      return {
        status: 503,
        code: err.code,
        message: 'delivery is busy, retry shortly',
        retryAfterSeconds: 1,
      };
    default:
      break;
  }
  if (err.exit === 2 && err.code !== 'ECORRUPT' && err.code !== 'ESCHEMA') {
    return { status: 400, code: err.code, message: clip(err.message) };
  }
  return { status: 500, code: 'EINTERNAL', message: 'internal error' };
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string>,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    ...BASE_HEADERS,
    ...extra,
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

/** Sends a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), extra);
}

/** Sends a JSON error `{ ok: false, error: { code, message } }` (with Retry-After when given). */
export function sendJsonFailure(
  res: ServerResponse,
  f: HttpFailure,
  extra: Record<string, string> = {},
): void {
  const headers =
    f.retryAfterSeconds === undefined ? extra : { ...extra, 'Retry-After': String(f.retryAfterSeconds) };
  sendJson(res, f.status, { ok: false, error: { code: f.code, message: f.message } }, headers);
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Sends a minimal HTML page; `bodyHtml` must already be escaped. */
export function sendHtml(
  res: ServerResponse,
  status: number,
  title: string,
  bodyHtml: string,
  extra: Record<string, string> = {},
): void {
  const page =
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${bodyHtml}</body></html>\n`;
  send(res, status, 'text/html; charset=utf-8', page, { ...extra, 'Content-Security-Policy': HTML_CSP });
}

/** Sends a redirect with no body worth reading. */
export function sendRedirect(
  res: ServerResponse,
  location: string,
  extra: Record<string, string> = {},
  status: 302 | 303 = 302,
): void {
  send(res, status, 'text/plain; charset=utf-8', 'Redirecting\n', { ...extra, Location: location });
}
