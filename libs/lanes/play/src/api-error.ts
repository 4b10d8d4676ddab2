/** What an error from the Play API (a GaxiosError or a network failure) tells us, without the library types. */

/** The facts of one failed call. */
export interface ApiErrorFacts {
  /** HTTP status; undefined for network errors (no response). */
  readonly status?: number;
  /** Google's `error.message` (or the OAuth `error_description`, or the network error text). */
  readonly message: string;
  /** `error.errors[0].reason` (androidpublisher legacy detail) or the OAuth `error`, when present. */
  readonly reason?: string;
  /** Node's error code (`ECONNRESET`, ...) for network errors. */
  readonly code?: string;
  /** The Retry-After header, raw. */
  readonly retryAfter?: string;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

type Bag = Record<string, unknown>;
const bag = (v: unknown): Bag | undefined => (typeof v === 'object' && v !== null ? (v as Bag) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Read status, message, reason, network code and Retry-After from anything a call threw. */
export function apiErrorFacts(error: unknown): ApiErrorFacts {
  const e = bag(error) ?? {};
  const response = bag(e.response);
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const data = bag(response?.data);
  const googleError = bag(data?.error);
  const detail = bag(Array.isArray(googleError?.errors) ? googleError.errors[0] : undefined);
  const message =
    str(googleError?.message) ??
    str(data?.error_description) ??
    (typeof response?.data === 'string' ? htmlTitle(response.data) : undefined) ??
    str(e.message) ??
    String(error);
  const reason = str(detail?.reason) ?? str(data?.error);
  const code = networkCode(e);
  return {
    ...(status !== undefined ? { status } : {}),
    message,
    ...(reason ? { reason } : {}),
    ...(code ? { code } : {}),
    ...(status !== undefined ? retryAfterOf(response?.headers) : {}),
  };
}

/** 429, 500, 502, 503, 504 and connection-level failures are worth another attempt; nothing else is. */
export function isRetryable(facts: ApiErrorFacts): boolean {
  if (facts.status !== undefined) return RETRY_STATUSES.has(facts.status);
  if (facts.code && NETWORK_CODES.has(facts.code)) return true;
  return /socket hang up|network|ECONNRESET|other side closed/i.test(facts.message);
}

/** One line for logs and messages: `HTTP 403 (reason): message` or `ECONNRESET: message`. */
export function describeFacts(f: ApiErrorFacts): string {
  const head = f.status !== undefined ? `HTTP ${f.status}` : (f.code ?? 'network error');
  return `${head}${f.reason ? ` (${f.reason})` : ''}: ${f.message}`;
}

function networkCode(e: Bag): string | undefined {
  for (const v of [e.code, bag(e.cause)?.code, bag(bag(e.cause)?.cause)?.code])
    if (typeof v === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(v)) return v;
  return undefined;
}

function retryAfterOf(headers: unknown): { retryAfter?: string } {
  const h = bag(headers);
  if (!h) return {};
  const value =
    typeof h.get === 'function' ? (h.get as (n: string) => unknown).call(h, 'retry-after') : h['retry-after'];
  return typeof value === 'string' && value.trim() !== '' ? { retryAfter: value.trim() } : {};
}

function htmlTitle(text: string): string | undefined {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  return title || (text.trim() === '' ? undefined : text.trim().slice(0, 200));
}
