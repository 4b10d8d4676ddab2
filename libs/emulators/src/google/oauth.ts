import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { decodeJwt, JwtError, readNumericClaim, verifyJwtSignature } from '../crypto/jwt';
import { parseFormBody } from '../http/body';
import type { Route } from '../http/router';
import type { HttpResult, RequestContext } from '../http/types';
import { googleError } from './errors';

/** The token URL google-auth-library hard-codes; assertions addressed to it are accepted too. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MAX_ASSERTION_SECONDS = 3600;

/** A bearer token the emulator issued. */
export interface IssuedToken {
  email: string;
  scopes: string[];
  expiresAt: number;
}

/** Shared state of the emulated Google OAuth server: service accounts and issued access tokens. */
export class GoogleOAuth {
  readonly #accounts = new Map<string, KeyObject>();
  readonly #tokens = new Map<string, IssuedToken>();
  /** Lifetime of issued tokens. @default 3599 */
  tokenLifetimeSeconds = 3599;

  /** Registers a service account's public key (SPKI PEM) under its e-mail. */
  registerServiceAccount(clientEmail: string, publicKeyPem: string): void {
    this.#accounts.set(clientEmail, createPublicKey(publicKeyPem));
  }

  /** Issues a token directly (tests that do not care about the assertion flow). */
  issueToken(email: string, scopes: string[]): string {
    const token = `ya29.emu-${randomBytes(24).toString('base64url')}`;
    this.#tokens.set(token, { email, scopes, expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000 });
    return token;
  }

  /** Invalidates every issued token (the next API call gets a 401). */
  revokeAll(): void {
    this.#tokens.clear();
  }

  /** Handles `POST /token` (JWT-bearer grant). `audiences` are the token URLs accepted as `aud`. */
  async exchange(ctx: RequestContext, audiences: readonly string[]): Promise<HttpResult> {
    const form = parseFormBody(await ctx.body());
    if (form.get('grant_type') !== JWT_BEARER)
      return oauthError('unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
    const assertion = form.get('assertion');
    if (!assertion) return oauthError('invalid_request', 'Missing required parameter: assertion');
    try {
      const jwt = decodeJwt(assertion);
      if (jwt.header['alg'] !== 'RS256') throw new JwtError('Invalid JWT Signature.');
      const iss = jwt.payload['iss'];
      const key = typeof iss === 'string' ? this.#accounts.get(iss) : undefined;
      if (!key || typeof iss !== 'string')
        return oauthError('invalid_grant', 'Invalid grant: account not found');
      verifyJwtSignature(jwt, key);
      if (!audiences.includes(String(jwt.payload['aud'])))
        return oauthError('invalid_grant', 'Invalid JWT: Failed audience check.');
      const now = Math.floor(Date.now() / 1000);
      const iat = readNumericClaim(jwt.payload, 'iat') ?? 0;
      const exp = readNumericClaim(jwt.payload, 'exp') ?? 0;
      if (exp <= now || iat > now + 300 || exp - iat > MAX_ASSERTION_SECONDS) {
        return oauthError(
          'invalid_grant',
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
        );
      }
      const scopes = String(jwt.payload['scope'] ?? '')
        .split(' ')
        .filter(Boolean);
      if (scopes.length === 0)
        return oauthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
      return {
        status: 200,
        body: {
          access_token: this.issueToken(iss, scopes),
          expires_in: this.tokenLifetimeSeconds,
          token_type: 'Bearer',
        },
      };
    } catch (error) {
      if (error instanceof JwtError)
        return oauthError(
          'invalid_grant',
          error.reason === 'Invalid JWT signature.' ? 'Invalid JWT Signature.' : error.reason,
        );
      throw error;
    }
  }

  /** Checks `Authorization: Bearer` against issued tokens; any of `scopes` suffices. Throws Google 401/403 errors. */
  verifyBearer(ctx: RequestContext, scopes: readonly string[]): IssuedToken {
    const token = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '')?.[1];
    const issued = token ? this.#tokens.get(token) : undefined;
    if (!issued || issued.expiresAt <= Date.now()) {
      throw googleError(
        401,
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        { reason: 'authError' },
      );
    }
    if (!issued.scopes.some((s) => scopes.includes(s))) {
      throw googleError(403, 'Request had insufficient authentication scopes.', {
        reason: 'insufficientPermissions',
      });
    }
    return issued;
  }
}

/** The `POST /token` route bound to an OAuth state; accepts the real token URL and this server's own. */
export function createTokenRoute(
  oauth: GoogleOAuth,
  extraAudiences: () => readonly string[] = () => [],
): Route {
  return {
    method: 'POST',
    pattern: '/token',
    auth: false,
    handler: (ctx) => oauth.exchange(ctx, [GOOGLE_TOKEN_URL, `${ctx.origin}/token`, ...extraAudiences()]),
  };
}

function oauthError(error: string, description: string): HttpResult {
  return { status: 400, body: { error, error_description: description } };
}
