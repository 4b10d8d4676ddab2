import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

/** Longest token lifetime Apple accepts, in seconds. */
export const MAX_TOKEN_TTL_SECONDS = 1200;

/** Inputs for minting App Store Connect JWTs. */
export interface TokenOptions {
  /** Key id (the `kid` header). */
  keyId: string;
  /** Issuer id for team keys; omit for individual keys (`sub: "user"`). */
  issuerId?: string;
  /** Contents of the `.p8` file (PKCS#8 PEM, P-256). */
  privateKey: string;
  /** Token lifetime in seconds, at most 1200. @default 1140 */
  ttlSeconds?: number;
  /** Clock in epoch milliseconds. @default Date.now */
  now?: () => number;
}

/** Mints ES256 tokens and reuses each until one minute before it expires. */
export class AscTokenProvider {
  readonly #key: KeyObject;
  readonly #options: TokenOptions;
  #cached: { token: string; exp: number } | undefined;

  constructor(options: TokenOptions) {
    const ttl = options.ttlSeconds ?? 1140;
    if (ttl < 60 || ttl > MAX_TOKEN_TTL_SECONDS)
      throw new RangeError(`ttlSeconds must be between 60 and ${MAX_TOKEN_TTL_SECONDS}`);
    this.#key = createPrivateKey(options.privateKey);
    this.#options = { ...options, ttlSeconds: ttl };
  }

  /** A valid bearer token, minted when none is cached or the cached one is about to expire. */
  getToken(): string {
    const now = Math.floor((this.#options.now ?? Date.now)() / 1000);
    if (this.#cached && this.#cached.exp - 60 > now) return this.#cached.token;
    const exp = now + (this.#options.ttlSeconds ?? 1140);
    const header = { alg: 'ES256', kid: this.#options.keyId, typ: 'JWT' };
    const claims = this.#options.issuerId ? { iss: this.#options.issuerId } : { sub: 'user' };
    const payload = { ...claims, iat: now, exp, aud: 'appstoreconnect-v1' };
    const input = `${encode(header)}.${encode(payload)}`;
    const signature = sign('sha256', Buffer.from(input), { key: this.#key, dsaEncoding: 'ieee-p1363' });
    this.#cached = { token: `${input}.${signature.toString('base64url')}`, exp };
    return this.#cached.token;
  }

  /** Drops the cached token so the next call mints a fresh one (after a 401). */
  invalidate(): void {
    this.#cached = undefined;
  }
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
