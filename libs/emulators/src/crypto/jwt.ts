import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { isJsonObject, type JsonObject } from '../http/types';

/** A JWT split into its decoded parts. */
export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
  signingInput: string;
  signature: Buffer;
}

/** Why a token was refused; `reason` is safe to show in an error detail. */
export class JwtError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'JwtError';
  }
}

/** Splits and base64url-decodes a compact JWS without checking anything else. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('Token is not a compact JWS (three dot-separated parts).');
  const [h, p, s] = parts as [string, string, string];
  const header = parseSegment(h, 'header');
  const payload = parseSegment(p, 'payload');
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/** Verifies an ES256 (raw R||S) or RS256 signature against a public key. */
export function verifyJwtSignature(jwt: DecodedJwt, key: KeyObject | string): void {
  const alg = jwt.header['alg'];
  const publicKey = typeof key === 'string' ? createPublicKey(key) : key;
  const data = Buffer.from(jwt.signingInput);
  let ok: boolean;
  if (alg === 'ES256') {
    if (jwt.signature.length !== 64) throw new JwtError('ES256 signature must be 64 bytes (R||S).');
    ok = verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, jwt.signature);
  } else if (alg === 'RS256') {
    ok = verify('sha256', data, publicKey, jwt.signature);
  } else {
    throw new JwtError(`Unsupported alg: ${String(alg)}.`);
  }
  if (!ok) throw new JwtError('Invalid JWT signature.');
}

/** Reads a numeric claim, or undefined when absent; throws when present but not a number. */
export function readNumericClaim(payload: JsonObject, name: string): number | undefined {
  const value = payload[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new JwtError(`Claim ${name} must be a number.`);
  return value;
}

function parseSegment(segment: string, what: string): JsonObject {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (isJsonObject(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw new JwtError(`JWT ${what} is not a base64url JSON object.`);
}
