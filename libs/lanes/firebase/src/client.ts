/**
 * The only module that touches the Google auth SDK: a service-account JWT client (google-auth-library,
 * required lazily inside {@link createTokenSource}) that mints cloud-platform access tokens.
 */
import { readFileSync } from 'node:fs';
import type { JWT } from 'google-auth-library';
import { akcError } from '@akc/core';
import type { CredentialSource } from './config';
import { ApiError } from './http';

/** OAuth scope Firebase App Distribution accepts. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** The token endpoint google-auth-library hard-codes for service-account JWTs. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

interface ServiceAccountKey {
  readonly client_email: string;
  readonly private_key: string;
  readonly token_uri?: string;
}

/** Mints (and caches until near expiry) bearer tokens. */
export type TokenSource = () => Promise<string>;

function readKeyFile(lane: string, keyFile: string): ServiceAccountKey {
  const fix = (reason: string) =>
    akcError('ELANE', {
      lane,
      reason: `service-account key ${keyFile}: ${reason}`,
      hint: 'Point GOOGLE_APPLICATION_CREDENTIALS at the JSON key downloaded from Google Cloud console > IAM > Service accounts > Keys.',
    });
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(keyFile, 'utf8'));
  } catch (e) {
    throw fix(e instanceof SyntaxError ? 'not valid JSON' : `cannot be read (${(e as Error).message})`);
  }
  const key = doc as Partial<ServiceAccountKey> | null;
  if (typeof key?.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw fix('client_email or private_key is missing (is it a service-account key?)');
  }
  return { client_email: key.client_email, private_key: key.private_key, token_uri: key.token_uri };
}

/** Send the library's hard-coded token request to `tokenUri`, with our own retry policy instead of its. */
function redirectTokenRequests(client: JWT, tokenUri: string): void {
  client.transporter.interceptors.request.add({
    resolved: async (config) => {
      if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUri);
      config.retry = false;
      return config;
    },
  });
}

interface GaxiosLikeError {
  message?: string;
  code?: string;
  response?: { status?: number; data?: { error?: unknown; error_description?: unknown } };
}

function tokenError(e: unknown): ApiError {
  const err = e as GaxiosLikeError;
  const status = err.response?.status ?? 0;
  const data = err.response?.data;
  const message =
    typeof data?.error === 'string'
      ? `${data.error}: ${String(data.error_description ?? '')}`
      : (err.message ?? '');
  return new ApiError(
    'token',
    status,
    message,
    typeof data?.error === 'string' ? data.error : err.code,
    undefined,
    {
      cause: e,
    },
  );
}

/** A token source for the service account in `source.keyFile`; reads the file now, calls the network later. */
export function createTokenSource(lane: string, source: CredentialSource): TokenSource {
  const key = readKeyFile(lane, source.keyFile);
  // Lazy: the SDK is loaded only when a real dispatch needs a token (never for dry runs or preflight).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JWT: JwtClient } = require('google-auth-library') as typeof import('google-auth-library');
  const client = new JwtClient({
    email: key.client_email,
    key: key.private_key,
    scopes: [CLOUD_PLATFORM_SCOPE],
  });
  const tokenUri = source.tokenUriOverride ?? key.token_uri;
  if (tokenUri && tokenUri !== GOOGLE_TOKEN_URL) redirectTokenRequests(client, tokenUri);
  return async () => {
    try {
      const { token } = await client.getAccessToken();
      if (!token)
        throw new ApiError('token', 0, 'the token endpoint returned no access token', undefined, undefined);
      return token;
    } catch (e) {
      throw e instanceof ApiError ? e : tokenError(e);
    }
  };
}
