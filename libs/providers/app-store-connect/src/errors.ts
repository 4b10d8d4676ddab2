import type { AscErrorObject } from './types';

/** Options for {@link AscApiError}. */
export interface AscApiErrorInit {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: AscErrorObject[];
  method?: string;
  url?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A failed App Store Connect request. `status` is 0 for network failures (no response).
 * Match on `code` prefixes (`ENTITY_ERROR.`, `STATE_ERROR`), never on `title`/`detail` text.
 */
export class AscApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Every error object Apple returned (the first one also fills code/title/detail). */
  readonly errors: AscErrorObject[];
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** Delay the server asked for via `Retry-After`, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(init: AscApiErrorInit) {
    super(
      `${init.method ?? ''} ${init.url ?? ''} -> ${init.status} ${init.code}: ${init.detail ?? init.title}`.trim(),
      { cause: init.cause },
    );
    this.name = 'AscApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.method = init.method;
    this.url = init.url;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** True for 429, 5xx and network failures: trying again later may succeed. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }

  /** True when `code` equals `prefix` or starts with `prefix.` */
  hasCode(prefix: string): boolean {
    return this.code === prefix || this.code.startsWith(`${prefix}.`);
  }
}

/** True for {@link AscApiError}, also across module copies. */
export function isAscApiError(value: unknown): value is AscApiError {
  return value instanceof Error && value.name === 'AscApiError';
}

/** A long-running step (upload processing, build processing) ended badly or took too long. */
export class AscWaitError extends Error {
  constructor(
    readonly reason: 'failed' | 'timeout',
    readonly resource: string,
    readonly state: string | undefined,
    readonly details: { code: string; description: string }[] = [],
  ) {
    super(
      `${resource} ${reason === 'timeout' ? `still ${state ?? 'pending'} after the timeout` : `ended in state ${state ?? 'unknown'}`}${details.length ? `: ${details.map((d) => d.description).join('; ')}` : ''}`,
    );
    this.name = 'AscWaitError';
  }
}
