import { readFile } from 'node:fs/promises';
import { AppStoreConnectClient } from '../client';
import { workflowError, type FailureFactory } from './failure';
import type { AscRetryOptions } from './options';

const APPLE_BASE_URL = 'https://api.appstoreconnect.apple.com';

/** Where the App Store Connect API key comes from (the key itself is read only when executing). */
export interface AscKeyRef {
  readonly keyId: string;
  readonly issuerId: string | undefined;
  readonly privateKeyPath: string;
  readonly baseUrl: string;
}

/** Credentials and base URL from the environment (either spelling of each variable). */
export function ascKeyRefFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  fail: FailureFactory = workflowError,
): AscKeyRef {
  const keyId = env.APP_STORE_CONNECT_API_KEY_ID ?? env.APP_STORE_CONNECT_KEY_ID;
  const issuerId = env.APP_STORE_CONNECT_API_ISSUER_ID ?? env.APP_STORE_CONNECT_ISSUER_ID;
  const privateKeyPath = env.APP_STORE_CONNECT_PRIVATE_KEY_PATH ?? env.APP_STORE_CONNECT_API_KEY_PATH;
  if (!keyId || !privateKeyPath) {
    throw fail({
      reason: 'no App Store Connect API key configured',
      hint: 'Set APP_STORE_CONNECT_API_KEY_ID, APP_STORE_CONNECT_API_ISSUER_ID and APP_STORE_CONNECT_PRIVATE_KEY_PATH (the AuthKey_<id>.p8 from App Store Connect > Users and Access > Integrations).',
    });
  }
  return {
    keyId,
    issuerId: issuerId || undefined,
    privateKeyPath,
    baseUrl: env.AKC_ASC_BASE_URL || APPLE_BASE_URL,
  };
}

/** `section[key]` when `section` is a plain object and the value a non-blank string (trimmed). */
export function stringPrereq(section: unknown, key: string): string | undefined {
  if (!section || typeof section !== 'object' || Array.isArray(section)) return undefined;
  const v = (section as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The bundle id found by the caller (option, prereq, repo probe), or a failure naming where to set it. */
export function requireBundleId(id: string | undefined, fail: FailureFactory = workflowError): string {
  if (!id) {
    throw fail({
      reason: 'the iOS bundle id is unknown',
      hint: 'Set lanes option bundle_id, `ios.bundle_id` in .akc/delivery/operator_prereqs.json, or expo.ios.bundleIdentifier in app.json.',
    });
  }
  return id;
}

/** Builds the client from the key on disk. Retries are logged through `log`. */
export async function createAscClientFromKey(
  key: AscKeyRef,
  retry: AscRetryOptions,
  log: (line: string) => void,
  fail: FailureFactory = workflowError,
): Promise<AppStoreConnectClient> {
  let privateKey: string;
  try {
    privateKey = await readFile(key.privateKeyPath, 'utf8');
  } catch (e) {
    throw fail({
      reason: `cannot read the App Store Connect key ${key.privateKeyPath}: ${(e as Error).message}`,
      hint: 'Point APP_STORE_CONNECT_PRIVATE_KEY_PATH at the AuthKey_<id>.p8 file you downloaded.',
    });
  }
  return new AppStoreConnectClient({
    keyId: key.keyId,
    issuerId: key.issuerId,
    privateKey,
    baseUrl: key.baseUrl,
    maxAttempts: retry.max_attempts,
    baseDelayMs: retry.base_delay_ms,
    maxDelayMs: retry.max_delay_ms,
    onRetry: (e) =>
      log(
        `retry ${e.attempt} of ${e.method} ${new URL(e.url).pathname} in ${e.delayMs} ms (${e.reason}${e.fromRetryAfter ? ', Retry-After' : ''})`,
      ),
  });
}
