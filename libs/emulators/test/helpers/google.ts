import { sign } from 'node:crypto';
import type { ServiceAccountKey } from '../../src';

/** Signs a JWT-bearer assertion exactly as google-auth-library does (RS256, iss/scope/aud/iat/exp). */
export function signAssertion(
  key: ServiceAccountKey,
  scope: string,
  overrides: Record<string, unknown> = {},
  signingKey = key.private_key,
): string {
  const iat = Math.floor(Date.now() / 1000);
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id })).toString(
    'base64url',
  );
  const payload = Buffer.from(
    JSON.stringify({
      iss: key.client_email,
      scope,
      aud: 'https://oauth2.googleapis.com/token',
      iat,
      exp: iat + 3600,
      ...overrides,
    }),
  ).toString('base64url');
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), signingKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Exchanges an assertion at `tokenUrl`; returns the raw response. */
export function exchangeAssertion(tokenUrl: string, assertion: string): Promise<Response> {
  return fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    }).toString(),
  });
}

/** Gets an access token for a service account from the emulator's token endpoint. */
export async function getAccessToken(key: ServiceAccountKey, scope: string): Promise<string> {
  const response = await exchangeAssertion(key.token_uri, signAssertion(key, scope));
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`token exchange failed: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** Loads an optional dependency; undefined when it is not installed (tests using it are skipped). */
export function loadOptional<T>(name: string): T | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as T;
  } catch {
    return undefined;
  }
}
