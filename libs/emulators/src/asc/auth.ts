import { createPublicKey, type KeyObject } from 'node:crypto';
import type { RequestContext } from '../http/types';
import { decodeJwt, JwtError, readNumericClaim, verifyJwtSignature, type DecodedJwt } from '../crypto/jwt';
import { ascError } from './documents-errors';

/** An API key registered with the emulator (public half only). */
export interface AscKeyRegistration {
  keyId: string;
  /** Team keys carry an issuer id; omit it for an individual key (tokens then use `sub: "user"`). */
  issuerId?: string;
  publicKeyPem: string;
}

/** Longest token lifetime ASC accepts (seconds). */
export const MAX_TOKEN_LIFETIME_SECONDS = 1200;
const CLOCK_SKEW_SECONDS = 60;
const HOUR_MS = 3_600_000;
const AUDIENCE = 'appstoreconnect-v1';
const DETAIL =
  'Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens';

/** Verifies ASC bearer JWTs and keeps the per-key rolling-hour request budget. */
export class AscAuthenticator {
  readonly #keys = new Map<string, { issuerId?: string; publicKey: KeyObject }>();
  readonly #usage = new Map<string, number[]>();

  /** Registers (or replaces) a key by id. */
  registerKey(key: AscKeyRegistration): void {
    this.#keys.set(key.keyId, { issuerId: key.issuerId, publicKey: createPublicKey(key.publicKeyPem) });
  }

  /** Checks the request's token and budget; sets `X-Rate-Limit`; throws 401 or 429 ASC errors. */
  authenticate(ctx: RequestContext, limitPerHour: number): void {
    const kid = this.#verify(ctx);
    const now = Date.now();
    const recent = (this.#usage.get(kid) ?? []).filter((t) => now - t < HOUR_MS);
    const exhausted = recent.length >= limitPerHour;
    if (!exhausted) recent.push(now);
    this.#usage.set(kid, recent);
    ctx.res.setHeader(
      'X-Rate-Limit',
      `user-hour-lim:${limitPerHour};user-hour-rem:${Math.max(0, limitPerHour - recent.length)};`,
    );
    if (exhausted) {
      throw ascError(
        429,
        'RATE_LIMIT_EXCEEDED',
        'The request rate limit has been reached.',
        "We've received too many requests for this API. Please wait and try again or slow down your request rate.",
      );
    }
  }

  /** Forgets the request budget used so far. */
  resetUsage(): void {
    this.#usage.clear();
  }

  #verify(ctx: RequestContext): string {
    const header = ctx.req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw unauthorized('missing bearer token');
    try {
      const jwt = decodeJwt(token);
      const kid = jwt.header['kid'];
      if (jwt.header['alg'] !== 'ES256') throw new JwtError('alg must be ES256');
      if (typeof kid !== 'string') throw new JwtError('kid header missing');
      const key = this.#keys.get(kid);
      if (!key) throw new JwtError(`unknown kid ${kid}`);
      verifyJwtSignature(jwt, key.publicKey);
      checkClaims(jwt, key.issuerId);
      checkScope(jwt, ctx);
      return kid;
    } catch (error) {
      if (error instanceof JwtError) throw unauthorized(error.reason);
      throw error;
    }
  }
}

function checkClaims(jwt: DecodedJwt, issuerId: string | undefined): void {
  const { payload } = jwt;
  if (payload['aud'] !== AUDIENCE) throw new JwtError(`aud must be ${AUDIENCE}`);
  if (issuerId !== undefined && payload['iss'] !== issuerId)
    throw new JwtError("iss does not match the key's issuer");
  if (issuerId === undefined && payload['sub'] !== 'user')
    throw new JwtError('individual keys need sub "user"');
  const now = Math.floor(Date.now() / 1000);
  const exp = readNumericClaim(payload, 'exp');
  const iat = readNumericClaim(payload, 'iat');
  if (exp === undefined) throw new JwtError('exp missing');
  if (exp <= now) throw new JwtError('token expired');
  if (iat !== undefined && iat > now + CLOCK_SKEW_SECONDS) throw new JwtError('iat is in the future');
  // Apple computes exp - iat; clients that omit iat (fastlane) are measured from now.
  if (exp - (iat ?? now) > MAX_TOKEN_LIFETIME_SECONDS)
    throw new JwtError('token lifetime exceeds 20 minutes');
}

function checkScope(jwt: DecodedJwt, ctx: RequestContext): void {
  const scope = jwt.payload['scope'];
  if (scope === undefined) return;
  if (!Array.isArray(scope)) throw new JwtError('scope must be an array');
  const ignored = new Set(['limit', 'cursor', 'sort']);
  const allowed = scope.some((entry) => {
    if (typeof entry !== 'string') return false;
    const [method, target = ''] = entry.split(' ', 2);
    const url = new URL(target, ctx.origin);
    if (method !== ctx.method || url.pathname !== ctx.path) return false;
    return [...url.searchParams].every(([k, v]) => ignored.has(k) || ctx.query.get(k) === v);
  });
  if (!allowed) throw new JwtError('request is outside the token scope');
}

function unauthorized(reason: string): ReturnType<typeof ascError> {
  return ascError(
    401,
    'NOT_AUTHORIZED',
    'Authentication credentials are missing or invalid.',
    `${DETAIL} (emulator: ${reason})`,
  );
}
