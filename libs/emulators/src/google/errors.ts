import { EmulatorHttpError } from '../http/errors';
import type { HttpResult, JsonObject } from '../http/types';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'INVALID_ARGUMENT',
  409: 'ALREADY_EXISTS',
  410: 'NOT_FOUND',
  411: 'INVALID_ARGUMENT',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Builds an error rendered as a Google `{error:{code,message,status,errors[]}}` envelope. */
export function googleError(
  status: number,
  message: string,
  options: { rpcStatus?: string; reason?: string } = {},
): EmulatorHttpError {
  const details: JsonObject = {};
  if (options.reason) details['reason'] = options.reason;
  return new EmulatorHttpError(status, options.rpcStatus ?? STATUS_NAMES[status] ?? 'UNKNOWN', message, {
    details,
  });
}

/** Returns a formatter for one Google API; `domain` fills `errors[].domain` (androidpublisher keeps the legacy list). */
export function createGoogleErrorFormatter(
  domain: string,
  withLegacyErrors: boolean,
): (error: EmulatorHttpError) => HttpResult {
  return (error) => {
    const rpcStatus =
      /^[A-Z_]+$/.test(error.code) && error.code !== 'INVALID_JSON'
        ? error.code
        : (STATUS_NAMES[error.status] ?? 'UNKNOWN');
    const body: JsonObject = { code: error.status, message: error.message, status: rpcStatus };
    if (withLegacyErrors) {
      const reason =
        typeof error.details['reason'] === 'string' ? error.details['reason'] : defaultReason(error.status);
      body['errors'] = [{ message: error.message, domain, reason }];
    }
    return { status: error.status, body: { error: body }, headers: error.headers };
  };
}

function defaultReason(status: number): string {
  if (status === 401) return 'authError';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimitExceeded';
  if (status >= 500) return 'backendError';
  return 'badRequest';
}
