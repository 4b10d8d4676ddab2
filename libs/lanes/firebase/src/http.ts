/** One REST call: a body factory so a retry can re-open a stream instead of replaying a consumed one. */
export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: string;
  /** What the call is for, used in retry logs and errors ("upload", "distribute", ...). */
  readonly label: string;
  readonly json?: unknown;
  /** A fresh streamed body per attempt (uploads). */
  readonly stream?: () => { body: ReadableStream<Uint8Array>; headers: Record<string, string> };
}

/** A failed provider call: HTTP status (0 for network errors) and the Google error envelope. */
export class ApiError extends Error {
  constructor(
    readonly label: string,
    readonly status: number,
    readonly apiMessage: string,
    readonly rpcStatus: string | undefined,
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${label}: ${status === 0 ? 'network error' : `HTTP ${status}`} ${apiMessage}`.trim(), options);
    this.name = 'ApiError';
  }

  /** True for a transport failure (no HTTP answer). */
  get network(): boolean {
    return this.status === 0;
  }
}

/** Parse `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function errorFromResponse(label: string, res: Response, now: number): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let message = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  let rpcStatus: string | undefined;
  try {
    const doc = JSON.parse(text) as { error?: { message?: unknown; status?: unknown } };
    if (typeof doc.error?.message === 'string') message = doc.error.message;
    if (typeof doc.error?.status === 'string') rpcStatus = doc.error.status;
  } catch {
    // not JSON (Google sends HTML pages for some 5xx); keep the text
  }
  return new ApiError(
    label,
    res.status,
    message,
    rpcStatus,
    parseRetryAfter(res.headers.get('retry-after'), now),
  );
}

function buildInit(req: ApiRequest, token: string, signal: AbortSignal): RequestInit {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (req.stream) {
    const { body, headers: extra } = req.stream();
    return {
      method: req.method,
      headers: { ...headers, ...extra },
      body,
      duplex: 'half',
      signal,
    } as RequestInit;
  }
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    return { method: req.method, headers, body: JSON.stringify(req.json), signal };
  }
  return { method: req.method, headers, signal };
}

/** Send one attempt; resolves with the parsed JSON body, rejects with an {@link ApiError}. */
export async function sendOnce<T>(
  req: ApiRequest,
  token: string,
  signal: AbortSignal,
  now: number,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(req.url, buildInit(req, token, signal));
  } catch (e) {
    if (signal.aborted) throw e;
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new ApiError(
      req.label,
      0,
      cause?.code ?? cause?.message ?? (e as Error).message,
      undefined,
      undefined,
      {
        cause: e,
      },
    );
  }
  if (!res.ok) throw await errorFromResponse(req.label, res, now);
  const text = await res.text();
  return (text.trim() === '' ? {} : JSON.parse(text)) as T;
}
