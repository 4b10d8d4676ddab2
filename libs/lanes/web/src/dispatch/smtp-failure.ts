/**
 * What an SMTP failure means for the next step. `transient` failures (4xx replies, connection
 * resets, timeouts) are retried with backoff; `permanent` ones are not. `scope: 'transport'`
 * means every recipient would fail the same way (bad credentials, TLS, unreachable server), so
 * the lane stops instead of trying each one.
 */
export interface SmtpFailure {
  readonly transient: boolean;
  readonly scope: 'recipient' | 'transport';
  /** The SMTP reply code, when the server sent one. */
  readonly code?: number;
  /** Human-readable: the server's reply (or the client error) and the command it answered. */
  readonly reason: string;
}

/** Client error codes that mean the connection broke or timed out (worth another try). */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ESOCKET',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
]);
/** Client error codes that mean the setup is wrong for every recipient. */
const TRANSPORT_CODES = new Set(['EAUTH', 'ETLS', 'EDNS', 'EPROTOCOL', 'ENOTFOUND']);

interface MailerError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  message?: unknown;
}

function describe(e: MailerError, code: number | undefined): string {
  const reply = typeof e.response === 'string' && e.response.trim() !== '' ? e.response.trim() : undefined;
  const text = reply ?? (typeof e.message === 'string' ? e.message : String(e));
  const command = typeof e.command === 'string' && e.command !== 'API' ? ` (after ${e.command})` : '';
  const label = code !== undefined ? 'SMTP' : typeof e.code === 'string' ? `SMTP ${e.code}` : 'SMTP error';
  return `${label}: ${text.replace(/\s+/g, ' ').slice(0, 300)}${command}`;
}

/** Classify an error thrown by nodemailer's SMTP transport. */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as MailerError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const kind = typeof e.code === 'string' ? e.code : '';
  const reason = describe(e, code);
  if (code !== undefined && code >= 400 && code < 500) {
    const scope = kind === 'EAUTH' || code === 421 ? 'transport' : 'recipient';
    return { transient: true, scope, code, reason };
  }
  if (kind === 'EAUTH' || (code !== undefined && [530, 534, 535, 538].includes(code))) {
    return {
      transient: false,
      scope: 'transport',
      code,
      reason: `${reason}; check the SMTP user and password`,
    };
  }
  if (code !== undefined) return { transient: false, scope: 'recipient', code, reason };
  if (CONNECTION_CODES.has(kind)) return { transient: true, scope: 'transport', reason };
  if (TRANSPORT_CODES.has(kind)) return { transient: false, scope: 'transport', reason };
  return { transient: false, scope: 'recipient', reason };
}
