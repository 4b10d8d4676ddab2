import { randomUUID } from 'node:crypto';
import { EmulatorHttpError } from '../http/errors';
import type { HttpResult, JsonObject } from '../http/types';

/** Extra members of an ASC error object. */
export interface AscErrorExtras {
  source?: { pointer: string } | { parameter: string };
  meta?: JsonObject;
}

/** Builds an error a handler can throw; it is rendered as an ASC `errors[]` document. */
export function ascError(
  status: number,
  code: string,
  title: string,
  detail: string,
  extras: AscErrorExtras = {},
): EmulatorHttpError {
  const details: JsonObject = { title };
  if (extras.source) details['source'] = { ...extras.source };
  if (extras.meta) details['meta'] = extras.meta;
  return new EmulatorHttpError(status, code, detail, { details });
}

const DEFAULTS: Record<number, [string, string]> = {
  400: ['PARAMETER_ERROR.INVALID', 'A parameter has an invalid value'],
  401: ['NOT_AUTHORIZED', 'Authentication credentials are missing or invalid.'],
  403: ['FORBIDDEN_ERROR', 'This request is forbidden for security reasons'],
  404: ['NOT_FOUND', 'The specified resource does not exist'],
  405: ['METHOD_NOT_ALLOWED', 'The request method is not allowed for this resource'],
  409: ['ENTITY_ERROR', 'The request entity failed validation'],
  422: ['ENTITY_UNPROCESSABLE', 'The request entity is not processable'],
  429: ['RATE_LIMIT_EXCEEDED', 'The request rate limit has been reached.'],
  500: ['UNEXPECTED_ERROR', 'An unexpected error occurred.'],
  502: ['UNEXPECTED_ERROR', 'Could not process this request'],
  503: ['UNEXPECTED_ERROR', 'The service is temporarily unavailable.'],
  504: ['UNEXPECTED_ERROR', 'Timeout received!'],
};

/** Renders any emulator error as an ASC error document (`status` is a string, as Apple sends it). */
export function formatAscError(error: EmulatorHttpError): HttpResult {
  const [defaultCode, defaultTitle] = DEFAULTS[error.status] ?? [
    'UNEXPECTED_ERROR',
    'An unexpected error occurred.',
  ];
  const code =
    error.code === '' || error.code === 'INVALID_JSON' || error.code === 'INTERNAL'
      ? defaultCode
      : error.code;
  const title = typeof error.details['title'] === 'string' ? error.details['title'] : defaultTitle;
  const item: JsonObject = {
    id: randomUUID(),
    status: String(error.status),
    code,
    title,
    detail: error.message,
  };
  if (error.details['source']) item['source'] = error.details['source'];
  if (error.details['meta']) item['meta'] = error.details['meta'];
  return { status: error.status, body: { errors: [item] }, headers: error.headers };
}
