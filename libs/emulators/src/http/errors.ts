import type { JsonObject } from './types';

/** Options for an {@link EmulatorHttpError}. */
export interface EmulatorHttpErrorOptions {
  /** Extra provider-specific fields, e.g. `{ source: { pointer } }` for ASC or `{ reason }` for Google. */
  details?: JsonObject;
  headers?: Record<string, string>;
}

/**
 * An error a handler throws to answer with a provider-shaped error document.
 * Each emulator formats it in its provider's envelope (ASC `errors[]`, Google `error{}`).
 */
export class EmulatorHttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: JsonObject;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, options: EmulatorHttpErrorOptions = {}) {
    super(message);
    this.name = 'EmulatorHttpError';
    this.status = status;
    this.code = code;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }
}

/** True for {@link EmulatorHttpError}, also across module copies. */
export function isEmulatorHttpError(value: unknown): value is EmulatorHttpError {
  return value instanceof Error && value.name === 'EmulatorHttpError';
}
