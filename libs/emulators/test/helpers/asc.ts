import { sign } from 'node:crypto';
import type { AscCredentials } from '../../src';

/** Signs an ASC token with arbitrary header/claims (for rejection tests). */
export function signAscToken(
  creds: AscCredentials,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
  key = creds.privateKeyPem,
): string {
  const now = Math.floor(Date.now() / 1000);
  const h = Buffer.from(JSON.stringify({ alg: 'ES256', kid: creds.keyId, typ: 'JWT', ...header })).toString(
    'base64url',
  );
  const p = Buffer.from(
    JSON.stringify({ iss: creds.issuerId, iat: now, exp: now + 600, aud: 'appstoreconnect-v1', ...claims }),
  ).toString('base64url');
  const s = sign('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }).toString(
    'base64url',
  );
  return `${h}.${p}.${s}`;
}

/** Minimal JSON call helper against an emulator. */
export async function callJson(
  url: string,
  token: string | undefined,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
