import { readFile } from 'node:fs/promises';
import { akcError, loadOperatorPrereqs, probeRepo, type LaneContext } from '@akc/core';
import type { AppStoreConnectClient } from '@akc/provider-app-store-connect';
import type { AscRetryOptions } from './options';

const APPLE_BASE_URL = 'https://api.appstoreconnect.apple.com';

/** Where the App Store Connect API key comes from (the key itself is read only when executing). */
export interface AscKeyRef {
  readonly keyId: string;
  readonly issuerId: string | undefined;
  readonly privateKeyPath: string;
  readonly baseUrl: string;
}

/** The configured beta group: an id (env) or a name-or-id (operator prereq). */
export type GroupRef =
  { readonly kind: 'id'; readonly value: string } | { readonly kind: 'name'; readonly value: string };

/** Throws ELANE naming the variable to set. */
function missing(lane: string, reason: string, hint: string): never {
  throw akcError('ELANE', { lane, reason, hint });
}

/** Credentials and base URL from the environment (either spelling of each variable). */
export function resolveKeyRef(ctx: LaneContext): AscKeyRef {
  const env = ctx.env;
  const keyId = env.APP_STORE_CONNECT_API_KEY_ID ?? env.APP_STORE_CONNECT_KEY_ID;
  const issuerId = env.APP_STORE_CONNECT_API_ISSUER_ID ?? env.APP_STORE_CONNECT_ISSUER_ID;
  const privateKeyPath = env.APP_STORE_CONNECT_PRIVATE_KEY_PATH ?? env.APP_STORE_CONNECT_API_KEY_PATH;
  if (!keyId || !privateKeyPath) {
    missing(
      ctx.laneId,
      'no App Store Connect API key configured',
      'Set APP_STORE_CONNECT_API_KEY_ID, APP_STORE_CONNECT_API_ISSUER_ID and APP_STORE_CONNECT_PRIVATE_KEY_PATH (the AuthKey_<id>.p8 from App Store Connect > Users and Access > Integrations).',
    );
  }
  return {
    keyId,
    issuerId: issuerId || undefined,
    privateKeyPath,
    baseUrl: env.AKC_ASC_BASE_URL || APPLE_BASE_URL,
  };
}

function prereq(ctx: LaneContext, key: string): string | undefined {
  const ios = loadOperatorPrereqs(ctx.projectDir).prereqs['ios'];
  if (!ios || typeof ios !== 'object' || Array.isArray(ios)) return undefined;
  const v = (ios as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Bundle id: option `bundle_id`, else prereq `ios.bundle_id`, else the repo probe. */
export function resolveBundleId(ctx: LaneContext, option: string | undefined): string {
  const id = option ?? prereq(ctx, 'bundle_id') ?? probeRepo(ctx.projectDir).ios_bundle_id ?? undefined;
  if (!id) {
    missing(
      ctx.laneId,
      'the iOS bundle id is unknown',
      'Set lanes option bundle_id, `ios.bundle_id` in .akc/delivery/operator_prereqs.json, or expo.ios.bundleIdentifier in app.json.',
    );
  }
  return id;
}

/** Beta group: env `AKC_DELIVERY_ASC_BETA_GROUP_ID` (an id), else prereq `ios.testflight_group` (name or id). */
export function resolveGroupRef(ctx: LaneContext): GroupRef {
  const id = ctx.env.AKC_DELIVERY_ASC_BETA_GROUP_ID;
  if (id) return { kind: 'id', value: id };
  const name = prereq(ctx, 'testflight_group');
  if (name) return { kind: 'name', value: name };
  return missing(
    ctx.laneId,
    'no TestFlight group configured',
    'Set AKC_DELIVERY_ASC_BETA_GROUP_ID to the group id, or `ios.testflight_group` (name) in .akc/delivery/operator_prereqs.json.',
  );
}

/** Builds the client (the provider module is loaded here, not at lane load). Retries are logged. */
export async function createAscClient(
  ctx: LaneContext,
  key: AscKeyRef,
  retry: AscRetryOptions,
): Promise<AppStoreConnectClient> {
  let privateKey: string;
  try {
    privateKey = await readFile(key.privateKeyPath, 'utf8');
  } catch (e) {
    return missing(
      ctx.laneId,
      `cannot read the App Store Connect key ${key.privateKeyPath}: ${(e as Error).message}`,
      'Point APP_STORE_CONNECT_PRIVATE_KEY_PATH at the AuthKey_<id>.p8 file you downloaded.',
    );
  }
  const { AppStoreConnectClient: Client } = await import('@akc/provider-app-store-connect');
  return new Client({
    keyId: key.keyId,
    issuerId: key.issuerId,
    privateKey,
    baseUrl: key.baseUrl,
    maxAttempts: retry.max_attempts,
    baseDelayMs: retry.base_delay_ms,
    maxDelayMs: retry.max_delay_ms,
    onRetry: (e) =>
      ctx.log(
        `retry ${e.attempt} of ${e.method} ${new URL(e.url).pathname} in ${e.delayMs} ms (${e.reason}${e.fromRetryAfter ? ', Retry-After' : ''})`,
      ),
  });
}
