/**
 * Local credential checks shared by the human-input rows and the adapter preflight, so the two
 * can never disagree (spec §16 items 12 and 25). They look at env vars and files only; no
 * network, and no secret value is ever returned or put in a message.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstEnv, type Env } from '../util/env';

/** File access used by the checks; injectable for tests, real fs by default. */
export interface FileAccess {
  /** True when `p` is an existing regular file. */
  isFile(p: string): boolean;
  /** The file as UTF-8 text, or undefined when unreadable or larger than `maxBytes`. */
  readText(p: string, maxBytes: number): string | undefined;
}

/** The real file system. */
export const NODE_FILES: FileAccess = {
  isFile(p) {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  },
  readText(p, maxBytes) {
    try {
      return fs.statSync(p).size <= maxBytes ? fs.readFileSync(p, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
};

/** Outcome of a check: ok, or the list of concrete problems (each names what to set). */
export type CheckResult = { ok: true } | { ok: false; problems: string[] };

/** App Store Connect key id variables, first non-empty wins. */
export const ASC_KEY_ID_VARS = ['APP_STORE_CONNECT_API_KEY_ID', 'APP_STORE_CONNECT_KEY_ID'] as const;
/** App Store Connect issuer id variables, first non-empty wins. */
export const ASC_ISSUER_VARS = ['APP_STORE_CONNECT_API_ISSUER_ID', 'APP_STORE_CONNECT_ISSUER_ID'] as const;
/** App Store Connect `.p8` key path variables, first non-empty wins. */
export const ASC_KEY_PATH_VARS = [
  'APP_STORE_CONNECT_PRIVATE_KEY_PATH',
  'APP_STORE_CONNECT_API_KEY_PATH',
] as const;
/** Service-account JSON path for Firebase App Distribution and Google Play. */
export const GOOGLE_CREDENTIALS_VAR = 'GOOGLE_APPLICATION_CREDENTIALS';

const resolveIn = (p: string, cwd: string | undefined): string => (cwd ? path.resolve(cwd, p) : p);

/**
 * App Store Connect API auth needs all three of key id, issuer id and a readable `.p8` key file,
 * exactly what the real client uses to sign its JWT. The op flag `ios.app_store_connect_api`
 * alone no longer counts.
 */
export function checkAppStoreConnectKey(env: Env, files: FileAccess, cwd?: string): CheckResult {
  const problems: string[] = [];
  if (!firstEnv(env, ...ASC_KEY_ID_VARS)) problems.push(`${ASC_KEY_ID_VARS.join(' or ')} is not set`);
  if (!firstEnv(env, ...ASC_ISSUER_VARS)) problems.push(`${ASC_ISSUER_VARS.join(' or ')} is not set`);
  const keyVar = ASC_KEY_PATH_VARS.find((n) => firstEnv(env, n));
  const keyPath = keyVar ? firstEnv(env, keyVar) : undefined;
  if (!keyVar || !keyPath) problems.push(`${ASC_KEY_PATH_VARS.join(' or ')} is not set`);
  else problems.push(...keyFileProblems(keyVar, keyPath, files, cwd));
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function keyFileProblems(
  keyVar: string,
  keyPath: string,
  files: FileAccess,
  cwd: string | undefined,
): string[] {
  const full = resolveIn(keyPath, cwd);
  const text = files.isFile(full) ? files.readText(full, 64 * 1024) : undefined;
  if (text === undefined) return [`${keyVar} points at ${keyPath}, which is not a readable file`];
  // A .p8 key is a PEM "PRIVATE KEY" block; catching a wrong file here beats a 401 mid-wave.
  if (!/^-----BEGIN (?:EC )?PRIVATE KEY-----\r?$/m.test(text))
    return [`${keyVar} file ${keyPath} is not a .p8 private key (no PEM PRIVATE KEY block)`];
  return [];
}

const MAX_SERVICE_ACCOUNT_BYTES = 256 * 1024;

/**
 * Google service-account credentials for Firebase App Distribution and Google Play:
 * `GOOGLE_APPLICATION_CREDENTIALS` must name a file that parses as a service-account JSON
 * (`type: "service_account"`, `client_email`, `private_key`).
 */
export function checkGoogleServiceAccount(env: Env, files: FileAccess, cwd?: string): CheckResult {
  const fail = (why: string): CheckResult => ({ ok: false, problems: [why] });
  const p = firstEnv(env, GOOGLE_CREDENTIALS_VAR);
  if (!p) return fail(`${GOOGLE_CREDENTIALS_VAR} is not set`);
  const full = resolveIn(p, cwd);
  if (!files.isFile(full))
    return fail(`${GOOGLE_CREDENTIALS_VAR} points at ${p}, which is not a readable file`);
  const text = files.readText(full, MAX_SERVICE_ACCOUNT_BYTES);
  let doc: unknown;
  try {
    doc = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return fail(`${GOOGLE_CREDENTIALS_VAR} file ${p} is not valid JSON`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return fail(
      `${GOOGLE_CREDENTIALS_VAR} file ${p} is not a JSON object (or is unreadable or over 256 KiB)`,
    );
  }
  const sa = doc as Record<string, unknown>;
  const missing = ['client_email', 'private_key'].filter((k) => typeof sa[k] !== 'string' || sa[k] === '');
  if (sa.type !== 'service_account') missing.unshift('type "service_account"');
  if (missing.length > 0) {
    return fail(
      `${GOOGLE_CREDENTIALS_VAR} file ${p} is not a service-account key (missing ${missing.join(', ')})`,
    );
  }
  return { ok: true };
}

/** True when `v` is an absolute http(s) URL with a host. */
export function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Email transport for web invites (existence only, spec §4.7). No email is ever sent by the
 * delivery code; without a transport the operator gets the invite links to pass on.
 */
export function hasInviteEmailTransport(env: Env, prereqEmailConfigured: boolean): boolean {
  const any = (...names: string[]): boolean => names.some((n) => firstEnv(env, n) !== undefined);
  const all = (...names: string[]): boolean => names.every((n) => firstEnv(env, n) !== undefined);
  return (
    prereqEmailConfigured ||
    any(
      'AKC_DELIVERY_INVITE_EMAIL_FROM',
      'SENDGRID_API_KEY',
      'POSTMARK_API_TOKEN',
      'AKC_DELIVERY_SMTP_URL',
    ) ||
    all('SMTP_HOST', 'SMTP_USER', 'SMTP_PASS') ||
    (any('AWS_SES_REGION') && any('AWS_ACCESS_KEY_ID', 'AWS_PROFILE'))
  );
}
