import { isHttpUrl } from '../options';
import { splitCommand } from '../split-command';

/**
 * The config slice of a web distribution lane (`lanes["web:beta"]` / `lanes["web:store"]` in
 * .akc/config.json), after {@link parseWebDistributionOptions}. Secrets never live here: the SMTP
 * password comes only from the environment (`SMTP_PASS` or `AKC_DELIVERY_SMTP_URL`).
 */
export interface WebDistributionOptions {
  /** Where invite links point (highest precedence; see `resolveInviteBase`). */
  readonly invite_base_url?: string;
  /** Store lane only: the production URL the app is published to and invites point at. */
  readonly production_url?: string;
  /** Store lane only: publishes the bundle (`AKC_WEB_ARCHIVE`, `AKC_WEB_PRODUCTION_URL` set). */
  readonly publish_command?: readonly string[];
  /** The app's name in the invite email. @default the delivery's repo id, else "the app" */
  readonly app_name?: string;
  /** Envelope and header sender (env `AKC_DELIVERY_INVITE_EMAIL_FROM` wins). @default akc-deliver@localhost */
  readonly email_from?: string;
  /** SMTP server when no SMTP env is set. The password is never read from config. */
  readonly smtp_host?: string;
  readonly smtp_port?: number;
  readonly smtp_secure?: boolean;
  readonly smtp_user?: string;
  /** Attempts per email on transient SMTP failures (4xx, resets). @default 4 */
  readonly smtp_max_attempts?: number;
  /** First retry delay; doubles each attempt, with jitter. @default 1000 */
  readonly smtp_retry_base_ms?: number;
}

type Parsed = { ok: true; value: WebDistributionOptions } | { ok: false; errors: string[] };
type Check = (key: string, raw: unknown, errors: string[]) => unknown;

const url: Check = (key, raw, errors) => {
  if (typeof raw === 'string' && isHttpUrl(raw.trim())) return raw.trim();
  errors.push(`${key}: must be an absolute http(s) URL, got ${JSON.stringify(raw)}`);
  return undefined;
};

const text: Check = (key, raw, errors) => {
  if (typeof raw === 'string' && raw.trim() !== '' && !/[\r\n]/.test(raw)) return raw.trim();
  errors.push(`${key}: must be a non-empty single-line string`);
  return undefined;
};

const bool: Check = (key, raw, errors) => {
  if (typeof raw === 'boolean') return raw;
  errors.push(`${key}: must be true or false`);
  return undefined;
};

function int(min: number, max: number): Check {
  return (key, raw, errors) => {
    if (typeof raw === 'number' && Number.isInteger(raw) && raw >= min && raw <= max) return raw;
    errors.push(`${key}: must be an integer from ${min} to ${max}`);
    return undefined;
  };
}

const command: Check = (key, raw, errors) => {
  if (typeof raw === 'string') {
    const split = splitCommand(raw);
    if (split.ok && split.argv.length > 0) return split.argv;
    errors.push(
      `${key}: ${split.ok ? 'must not be empty' : split.error}; use an argv array or a script file`,
    );
    return undefined;
  }
  if (Array.isArray(raw) && raw.length > 0 && raw.every((w) => typeof w === 'string' && w !== '')) return raw;
  errors.push(`${key}: must be a command string or a non-empty array of non-empty strings`);
  return undefined;
};

const COMMON: Record<string, Check> = {
  invite_base_url: url,
  app_name: text,
  email_from: text,
  smtp_host: text,
  smtp_port: int(1, 65535),
  smtp_secure: bool,
  smtp_user: text,
  smtp_max_attempts: int(1, 10),
  smtp_retry_base_ms: int(0, 60_000),
};

const STORE_ONLY: Record<string, Check> = { production_url: url, publish_command: command };

/** The option keys each distribution lane understands. */
export function webDistributionOptionKeys(lane: 'beta' | 'store'): string[] {
  return Object.keys(lane === 'store' ? { ...COMMON, ...STORE_ONLY } : COMMON);
}

/**
 * Validate and normalise a web distribution lane's options. Absent or null means all defaults;
 * unknown keys are errors, and an `smtp_pass`/`smtp_password` key is refused (secrets belong in
 * the environment). A normalised value parses to itself.
 */
export function parseWebDistributionOptions(lane: 'beta' | 'store', raw: unknown): Parsed {
  if (raw === undefined || raw === null) return { ok: true, value: {} };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, errors: [`lanes.web:${lane} must be an object`] };
  const checks = lane === 'store' ? { ...COMMON, ...STORE_ONLY } : COMMON;
  const errors: string[] = [];
  const value: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    const check = checks[key];
    if (/^smtp_pass/.test(key))
      errors.push(
        `${key}: SMTP passwords are never read from config; set SMTP_PASS or AKC_DELIVERY_SMTP_URL`,
      );
    else if (!check) errors.push(`unknown option '${key}' (known: ${Object.keys(checks).join(', ')})`);
    else if (v !== undefined) {
      const parsed = check(key, v, errors);
      if (parsed !== undefined) value[key] = parsed;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value as WebDistributionOptions };
}
