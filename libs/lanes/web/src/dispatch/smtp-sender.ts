import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { backoffDelay, sleep, type BackoffPolicy } from './backoff';
import type { InviteEmail } from './invite-email';
import type { SmtpConfig } from './smtp-config';
import { classifySmtpError, type SmtpFailure } from './smtp-failure';

/** The result of sending one email, after any retries. */
export type SendOutcome =
  | { readonly ok: true; readonly messageId: string; readonly attempts: number }
  | { readonly ok: false; readonly failure: SmtpFailure; readonly attempts: number };

/** Sends invite emails through one SMTP server; `close` when done. */
export interface InviteSender {
  send(to: string, email: InviteEmail): Promise<SendOutcome>;
  close(): void;
}

/** What the sender needs besides the SMTP config. */
export interface SenderDeps {
  readonly retry: BackoffPolicy;
  readonly signal: AbortSignal;
  /** Progress lines (retries); never receives the link or the password. */
  readonly log: (line: string) => void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function transportOptions(config: SmtpConfig): SMTPTransport.Options {
  const auth = config.user ? { user: config.user, pass: config.pass ?? '' } : undefined;
  return {
    host: config.host,
    port: config.port,
    secure: config.secure,
    // Credentials never cross a network in clear text: STARTTLS is required unless loopback.
    requireTLS: auth !== undefined && !config.secure && !LOOPBACK.has(config.host),
    auth,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}

async function sendWithRetry(
  transport: Transporter<SMTPTransport.SentMessageInfo>,
  message: { from: string; to: string } & InviteEmail,
  deps: SenderDeps,
): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const info = await transport.sendMail(message);
      return { ok: true, messageId: info.messageId, attempts: attempt };
    } catch (error) {
      const failure = classifySmtpError(error);
      if (!failure.transient || attempt >= deps.retry.attempts || deps.signal.aborted) {
        return { ok: false, failure, attempts: attempt };
      }
      const delay = backoffDelay(deps.retry, attempt);
      deps.log(
        `invite to ${message.to}: ${failure.reason}; retrying in ${delay} ms (attempt ${attempt + 1} of ${deps.retry.attempts})`,
      );
      try {
        await sleep(delay, deps.signal);
      } catch {
        return { ok: false, failure, attempts: attempt };
      }
    }
  }
}

/**
 * An SMTP sender built on nodemailer, which is loaded only here (so lanes that never send mail
 * never load it). Each email is its own SMTP transaction; transient failures are retried with
 * bounded exponential backoff and jitter, permanent ones are returned at once.
 */
export async function createSmtpSender(config: SmtpConfig, deps: SenderDeps): Promise<InviteSender> {
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport(transportOptions(config));
  return {
    send: (to, email) => sendWithRetry(transport, { from: config.from, to, ...email }, deps),
    close: () => transport.close(),
  };
}
