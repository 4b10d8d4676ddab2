import { AscApiError } from './errors';
import { buildQueryString, type AscQuery } from './query';
import { computeBackoff, parseRetryAfter, retryReasonFor, type RetryEvent, type RetryPolicy } from './retry';
import { AscTokenProvider } from './token';
import type { AnyResource, AscErrorObject, CollectionDocument, Resource, SingleDocument } from './types';

/** Apple's production API origin. */
export const DEFAULT_BASE_URL = 'https://api.appstoreconnect.apple.com';

/** Configuration of one client instance (one API key = one account). */
export interface AscClientConfig {
  keyId: string;
  /** Issuer id of a team key; omit for an individual key. */
  issuerId?: string;
  /** `.p8` contents (PKCS#8 PEM). */
  privateKey: string;
  /** API origin, e.g. an emulator's `http://127.0.0.1:PORT`. @default 'https://api.appstoreconnect.apple.com' */
  baseUrl?: string;
  /** Total attempts per request, first included. @default 5 */
  maxAttempts?: number;
  /** Backoff base delay. @default 1000 */
  baseDelayMs?: number;
  /** Longest single wait (also caps `Retry-After`). @default 60000 */
  maxDelayMs?: number;
  /** Per-attempt timeout. @default 60000 */
  timeoutMs?: number;
  /** Retry 500/502/504 and network errors on POST too (may create duplicates). 429 and 503 are always retried. @default false */
  retryUnsafe?: boolean;
  /** Called before each retry wait, e.g. to log it. */
  onRetry?: (event: RetryEvent) => void;
  /** Token lifetime in seconds (<= 1200). @default 1140 */
  tokenTtlSeconds?: number;
  /** Safety cap on pages followed by {@link AscHttpClient.paginate}. @default 1000 */
  maxPages?: number;
  /** Injectable seams for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Options of one request. */
export interface RequestOptions {
  query?: AscQuery;
  body?: unknown;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);

/** Authenticated JSON:API transport with retries; resource helpers are built on it. */
export class AscHttpClient {
  readonly baseUrl: string;
  readonly #config: AscClientConfig;
  readonly #tokens: AscTokenProvider;
  readonly #policy: RetryPolicy;

  constructor(config: AscClientConfig) {
    this.#config = config;
    this.baseUrl = (config.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.#tokens = new AscTokenProvider({
      keyId: config.keyId,
      issuerId: config.issuerId,
      privateKey: config.privateKey,
      ttlSeconds: config.tokenTtlSeconds,
      now: config.now,
    });
    this.#policy = {
      maxAttempts: config.maxAttempts ?? 5,
      baseDelayMs: config.baseDelayMs ?? 1000,
      maxDelayMs: config.maxDelayMs ?? 60_000,
    };
  }

  /** The retry policy in force (shared with upload part retries). */
  get retryPolicy(): RetryPolicy {
    return { ...this.#policy };
  }

  /** GET a single resource document. */
  get<R extends AnyResource>(path: string, query?: AscQuery): Promise<SingleDocument<R>> {
    return this.request('GET', path, { query }) as Promise<SingleDocument<R>>;
  }

  /** GET one page of a collection. */
  getCollection<R extends AnyResource>(path: string, query?: AscQuery): Promise<CollectionDocument<R>> {
    return this.request('GET', path, { query }) as Promise<CollectionDocument<R>>;
  }

  /** POST a JSON:API body; returns the created resource document (undefined for 204 answers). */
  post<R extends AnyResource>(path: string, body: unknown): Promise<SingleDocument<R> | undefined> {
    return this.request('POST', path, { body }) as Promise<SingleDocument<R> | undefined>;
  }

  /** PATCH a JSON:API body; returns the updated resource document (undefined for 204 answers). */
  patch<R extends AnyResource>(path: string, body: unknown): Promise<SingleDocument<R> | undefined> {
    return this.request('PATCH', path, { body }) as Promise<SingleDocument<R> | undefined>;
  }

  /** DELETE a resource or relationship members (`body` for relationship deletes). */
  async delete(path: string, body?: unknown): Promise<void> {
    await this.request('DELETE', path, { body });
  }

  /** Follows `links.next` verbatim, yielding every page; stops on a missing `next` or an empty page. */
  async *paginate<R extends AnyResource>(
    path: string,
    query?: AscQuery,
  ): AsyncGenerator<CollectionDocument<R>> {
    let url: string | undefined = this.#resolve(path, query);
    for (let page = 0; url && page < (this.#config.maxPages ?? 1000); page += 1) {
      const doc = (await this.request('GET', url)) as CollectionDocument<R>;
      yield doc;
      if (doc.data.length === 0) return;
      url = doc.links.next;
    }
  }

  /** Every resource of every page plus everything `include`d. */
  async getAll<R extends AnyResource>(
    path: string,
    query?: AscQuery,
  ): Promise<{ data: R[]; included: Resource[] }> {
    const data: R[] = [];
    const included: Resource[] = [];
    for await (const page of this.paginate<R>(path, query)) {
      data.push(...page.data);
      included.push(...(page.included ?? []));
    }
    return { data, included };
  }

  /** Sends one request with auth, retries (429/5xx/network) and one token re-mint on 401. */
  async request(method: string, pathOrUrl: string, options: RequestOptions = {}): Promise<unknown> {
    const url = this.#resolve(pathOrUrl, options.query);
    let remintedAfter401 = false;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.#attempt(method, url, options.body);
      if (outcome.ok) return outcome.value;
      const error = outcome.error;
      if (error.status === 401 && !remintedAfter401) {
        remintedAfter401 = true;
        this.#tokens.invalidate();
        attempt -= 1;
        continue;
      }
      await this.waitBeforeRetry(error, attempt, method, url);
    }
  }

  /**
   * Throws `error` unless it is retryable for `method` and attempts remain; otherwise reports the retry through `onRetry`
   * and sleeps (honouring `Retry-After`, else exponential backoff with full jitter).
   */
  async waitBeforeRetry(error: AscApiError, attempt: number, method: string, url: string): Promise<void> {
    const reason = retryReasonFor(error.status);
    const safe =
      IDEMPOTENT.has(method) ||
      this.#config.retryUnsafe === true ||
      error.status === 429 ||
      error.status === 503;
    if (!reason || !safe || attempt >= this.#policy.maxAttempts) throw error;
    const fromRetryAfter = error.retryAfterMs !== undefined;
    const delayMs = Math.min(
      this.#policy.maxDelayMs,
      error.retryAfterMs ?? computeBackoff(attempt, this.#policy, this.#config.random),
    );
    this.#config.onRetry?.({ attempt, delayMs, reason, method, url, status: error.status, fromRetryAfter });
    await (this.#config.sleep ?? defaultSleep)(delayMs);
  }

  async #attempt(
    method: string,
    url: string,
    body: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: AscApiError }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#tokens.getToken()}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await (this.#config.fetch ?? fetch)(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#config.timeoutMs ?? 60_000),
      });
    } catch (cause) {
      return {
        ok: false,
        error: new AscApiError({
          status: 0,
          code: 'NETWORK_ERROR',
          title: 'Network error',
          detail: describe(cause),
          method,
          url,
          cause,
        }),
      };
    }
    const text = await response.text().catch(() => '');
    if (response.ok) return { ok: true, value: text ? (JSON.parse(text) as unknown) : undefined };
    return { ok: false, error: toApiError(response, text, method, url, (this.#config.now ?? Date.now)()) };
  }

  #resolve(pathOrUrl: string, query?: AscQuery): string {
    const base = /^https?:\/\//i.test(pathOrUrl)
      ? pathOrUrl
      : `${this.baseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
    return `${base}${buildQueryString(query)}`;
  }
}

/** Builds an {@link AscApiError} from a non-2xx response (JSON `errors[]` or any other body). */
export function toApiError(
  response: Response,
  text: string,
  method: string,
  url: string,
  now: number,
): AscApiError {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  let errors: AscErrorObject[] = [];
  try {
    const parsed = JSON.parse(text) as { errors?: AscErrorObject[] };
    if (Array.isArray(parsed.errors)) errors = parsed.errors;
  } catch {
    // Not JSON (e.g. an HTML 502 page); fall back to the status line.
  }
  const first = errors[0];
  return new AscApiError({
    status: response.status,
    code: first?.code ?? `HTTP_${response.status}`,
    title: first?.title ?? (response.statusText || `HTTP ${response.status}`),
    detail: first?.detail ?? (text ? text.slice(0, 200) : undefined),
    errors,
    method,
    url,
    retryAfterMs,
  });
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
    return `${cause.message}${inner}`;
  }
  return String(cause);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
