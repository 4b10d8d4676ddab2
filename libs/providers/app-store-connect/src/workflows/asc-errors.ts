import type { AscApiError } from '../errors';
import { AscWorkflowError, type AscFailure } from './failure';

/** True for the provider's AscApiError (duck-typed, so it also matches across module copies). */
export function isAscError(e: unknown): e is AscApiError {
  return e instanceof Error && e.name === 'AscApiError' && typeof (e as AscApiError).status === 'number';
}

/** True when App Store Connect said "limit reached" for testers (the exact code is not documented). */
export function isTesterLimit(e: unknown): boolean {
  if (!isAscError(e) || (e.status !== 409 && e.status !== 422 && e.status !== 403)) return false;
  return /LIMIT/i.test(e.code) || /limit|maximum number of testers/i.test(`${e.title} ${e.detail ?? ''}`);
}

/** True for 409 `ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE` (and other DUPLICATE codes). */
export function isDuplicate(e: unknown): boolean {
  return isAscError(e) && e.status === 409 && /DUPLICATE/.test(e.code);
}

/** A reason and a fix for an App Store Connect failure, without secrets. */
export function explainAscError(e: AscApiError): { reason: string; hint: string } {
  const what =
    `${e.method ?? ''} ${pathOf(e.url)} -> ${e.status || 'network error'} ${e.code}: ${e.detail ?? e.title}`.trim();
  if (e.status === 401)
    return {
      reason: `App Store Connect rejected the API key (${what})`,
      hint: 'Check that APP_STORE_CONNECT_API_KEY_ID, APP_STORE_CONNECT_API_ISSUER_ID and the .p8 at APP_STORE_CONNECT_PRIVATE_KEY_PATH belong to the same, unrevoked key (Users and Access > Integrations).',
    };
  if (e.status === 403)
    return {
      reason: `the API key may not do this (${what})`,
      hint: 'Give the key the App Manager or Admin role, and accept any pending agreements in App Store Connect (Business).',
    };
  if (e.retryable)
    return {
      reason: `App Store Connect is unavailable after retries (${what})`,
      hint: 'Run the same command again later; the ledger resumes where this run stopped and nothing is uploaded or invited twice. Raise `retry.max_attempts` for long outages.',
    };
  return {
    reason: `App Store Connect refused a request (${what})`,
    hint: 'Fix the cause named above in App Store Connect, then run again; finished steps are not repeated.',
  };
}

/**
 * Any thrown value as a reason and a fix: {@link explainAscError} for App Store Connect errors,
 * else the message with "run again" (a lane wraps this in its own error, keeping `e` as cause).
 */
export function explainFailure(e: unknown): AscFailure {
  if (e instanceof AscWorkflowError) return e.failure;
  if (isAscError(e)) return explainAscError(e);
  const message = e instanceof Error ? e.message : String(e);
  return { reason: message, hint: 'Run again; finished steps are kept in the ledger.' };
}

function pathOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
