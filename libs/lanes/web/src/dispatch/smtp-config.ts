import { isTruthyEnv, type Env } from '@akc/core';
import type { WebDistributionOptions } from './options';

/** Default sender when neither env nor config names one. */
export const DEFAULT_EMAIL_FROM = 'akc-deliver@localhost';

/** How to reach the SMTP server. `pass` is a secret: never log, record or return it. */
export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (smtps, usually port 465). Otherwise STARTTLS is used when offered. */
  readonly secure: boolean;
  readonly user?: string;
  readonly pass?: string;
  readonly from: string;
  /** Where mail goes, safe to show: `smtp://host:port` (no user, no password). */
  readonly endpoint: string;
  readonly source: string;
}

/** The SMTP config, `null` when none is set (links go to the operator), or why it is unusable. */
export type SmtpResolution = { ok: true; config: SmtpConfig | null } | { ok: false; problem: string };

function build(fields: Omit<SmtpConfig, 'endpoint'>): SmtpConfig {
  const scheme = fields.secure ? 'smtps' : 'smtp';
  const host = fields.host.includes(':') ? `[${fields.host}]` : fields.host;
  return { ...fields, endpoint: `${scheme}://${host}:${fields.port}` };
}

function fromUrl(raw: string, from: string): SmtpResolution {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return {
      ok: false,
      problem: 'AKC_DELIVERY_SMTP_URL is not a URL (expected smtp://user:pass@host:port or smtps://…)',
    };
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    return {
      ok: false,
      problem: `AKC_DELIVERY_SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//`,
    };
  }
  if (parsed.hostname === '') return { ok: false, problem: 'AKC_DELIVERY_SMTP_URL has no host' };
  const secure = parsed.protocol === 'smtps:';
  const user = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  const pass = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
  return {
    ok: true,
    config: build({ host, port, secure, user, pass, from, source: 'env AKC_DELIVERY_SMTP_URL' }),
  };
}

function fromFields(env: Env, options: WebDistributionOptions, from: string): SmtpResolution {
  const envHost = env.SMTP_HOST?.trim();
  const host = envHost || options.smtp_host;
  if (!host) return { ok: true, config: null };
  const rawPort = env.SMTP_PORT?.trim();
  if (rawPort && !/^\d{1,5}$/.test(rawPort))
    return { ok: false, problem: `SMTP_PORT '${rawPort}' is not a port number` };
  const secure = env.SMTP_SECURE?.trim()
    ? isTruthyEnv(env.SMTP_SECURE)
    : (options.smtp_secure ?? rawPort === '465');
  const port = rawPort ? Number(rawPort) : (options.smtp_port ?? (secure ? 465 : 587));
  if (port < 1 || port > 65535) return { ok: false, problem: `SMTP port ${port} is out of range` };
  const user = env.SMTP_USER?.trim() || options.smtp_user;
  const pass = env.SMTP_PASS || undefined;
  if (pass && !user)
    return { ok: false, problem: 'SMTP_PASS is set but SMTP_USER (or option smtp_user) is not' };
  const source = envHost ? 'env SMTP_HOST' : 'option smtp_host';
  return { ok: true, config: build({ host, port, secure, user, pass, from, source }) };
}

/**
 * Resolve the SMTP transport: env `AKC_DELIVERY_SMTP_URL` (smtp:// or smtps://, credentials
 * percent-encoded in the URL), else `SMTP_HOST`/`SMTP_PORT`/`SMTP_USER`/`SMTP_PASS`/`SMTP_SECURE`
 * (each env var over its `smtp_*` option; the password only from env). The sender is
 * `AKC_DELIVERY_INVITE_EMAIL_FROM`, else option `email_from`, else {@link DEFAULT_EMAIL_FROM}.
 */
export function resolveSmtpConfig(env: Env, options: WebDistributionOptions): SmtpResolution {
  const from = env.AKC_DELIVERY_INVITE_EMAIL_FROM?.trim() || options.email_from || DEFAULT_EMAIL_FROM;
  if (/[\r\n]/.test(from)) return { ok: false, problem: 'AKC_DELIVERY_INVITE_EMAIL_FROM must be one line' };
  const url = env.AKC_DELIVERY_SMTP_URL?.trim();
  return url ? fromUrl(url, from) : fromFields(env, options, from);
}
