import type { Platform } from '../schemas/common';
import { akcError } from '../errors/akc-error';
import { parseActivationToken } from '../invites/activation-token';

/** A validated client activation report (spec 10.2, with strict types). */
export interface ActivationReport {
  delivery_id: string;
  recipient_token_id: string;
  /** The recipient's signed activation credential (verified against the delivery's keys on ingest). */
  activation_token: string;
  platform: Platform;
  app_version: string | null;
  first_run_at_unix_ms: number | null;
  heartbeat_at_unix_ms: number | null;
  active: boolean;
}

const ALLOWED = new Set([
  'delivery_id',
  'recipient_token_id',
  'activation_token',
  'platform',
  'app_version',
  'first_run_at_unix_ms',
  'heartbeat_at_unix_ms',
  'active',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Reports may not claim times more than a day ahead of the receiving clock. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

function reject(reason: string, hint?: string): never {
  throw akcError('EREPORT', hint === undefined ? { reason } : { reason, hint });
}

function timestamp(raw: Record<string, unknown>, key: string, now: number): number | null {
  const v = raw[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v))
    reject(`${key} must be an integer of unix milliseconds, got ${JSON.stringify(v)}`);
  if (v < 0) reject(`${key} must not be negative, got ${v}`);
  if (v > now + MAX_FUTURE_MS) reject(`${key} is more than a day in the future (${v})`);
  return v;
}

/** Validate an untrusted report object against the delivery it is sent to. Never mutates. */
export function parseActivationReport(raw: unknown, deliveryId: string, now: number): ActivationReport {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) reject('JSON must be an object');
  const obj = raw as Record<string, unknown>;
  const unknown = Object.keys(obj).filter((k) => !ALLOWED.has(k));
  if (unknown.length > 0) reject(`unknown field(s): ${unknown.sort().join(', ')}`);
  if (typeof obj.delivery_id !== 'string' || obj.delivery_id.trim() !== deliveryId) {
    reject(
      'payload delivery_id does not match delivery',
      `Send the report to delivery ${deliveryId} or fix the payload.`,
    );
  }
  const credential = obj.activation_token;
  if (typeof credential !== 'string' || credential.trim() === '') {
    throw akcError('EACTIVATIONTOKEN', { reason: 'activation_token is required' });
  }
  // The token names its recipient; an explicit recipient_token_id must be that same recipient
  // (checked against the verified token on ingest).
  const given = obj.recipient_token_id;
  if (given !== undefined && (typeof given !== 'string' || given.trim() === ''))
    reject('recipient_token_id must be the recipient token (a UUID) when given');
  const token =
    typeof given === 'string' ? given.trim().toLowerCase() : parseActivationToken(credential).tokenId;
  if (!UUID.test(token)) reject('recipient_token_id must be the recipient token (a UUID)');
  const platform = typeof obj.platform === 'string' ? obj.platform.trim().toLowerCase() : '';
  if (platform !== 'web' && platform !== 'ios' && platform !== 'android') {
    reject(`invalid platform ${JSON.stringify(obj.platform)}; expected web, ios or android`);
  }
  const appVersion = obj.app_version;
  if (
    appVersion !== undefined &&
    appVersion !== null &&
    (typeof appVersion !== 'string' || appVersion.length > 128)
  ) {
    reject('app_version must be a string of at most 128 characters');
  }
  if (obj.active !== undefined && typeof obj.active !== 'boolean') reject('active must be true or false');
  const firstRun = timestamp(obj, 'first_run_at_unix_ms', now);
  const heartbeat = timestamp(obj, 'heartbeat_at_unix_ms', now);
  if (firstRun === null && heartbeat === null)
    reject('expected first_run_at_unix_ms and/or heartbeat_at_unix_ms');
  return {
    delivery_id: deliveryId,
    recipient_token_id: token,
    activation_token: credential.trim(),
    platform,
    app_version: typeof appVersion === 'string' ? appVersion : null,
    first_run_at_unix_ms: firstRun,
    heartbeat_at_unix_ms: heartbeat,
    active: obj.active === undefined ? true : obj.active,
  };
}

/**
 * The report with its activation token taken from a second source (an `Authorization: Bearer`
 * header, a CLI flag). Refused (EREPORT) when the JSON already carries a different token; a
 * non-object is returned unchanged for {@link parseActivationReport} to refuse.
 */
export function withActivationToken(raw: unknown, token: string, source: string): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const given = (raw as Record<string, unknown>).activation_token;
  if (given !== undefined && given !== token) {
    reject(`${source} and the JSON body carry different activation tokens`);
  }
  return { ...(raw as Record<string, unknown>), activation_token: token };
}
