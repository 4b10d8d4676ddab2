import { akcError, type AkcError } from '../errors/akc-error';
import { sha256Hex } from '../util/canonical-json';
import { inviteClaimsProblem, MAX_INVITE_EXPIRY_UNIX_MS } from './sign';

/** Everything a signed invite link carries. */
export interface InviteLinkParams {
  deliveryId: string;
  tokenId: string;
  expiresAtUnixMs: number;
  kid: string;
  /** 64 hex characters (any case when parsed; verification lower-cases it). */
  signature: string;
  /**
   * The recipient's activation credential (`akc_act`), appended after the signature so the app
   * opened from the link can authenticate its reports. Optional: older links do not carry it.
   */
  activationToken?: string;
}

/** Query parameters of an invite link, in the order they are written. */
export const INVITE_QUERY_PARAMS = ['akc_did', 'akc_tid', 'akc_exp', 'akc_kid', 'akc_sig'] as const;
/** The optional parameter carrying the recipient's activation credential. */
export const ACTIVATION_QUERY_PARAM = 'akc_act';

const HEX64 = /^[0-9a-fA-F]{64}$/;
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;

function badBase(base: string, why: string): AkcError {
  const shown = base.length > 120 ? `${base.slice(0, 117)}...` : base;
  return akcError('EINVITEBASE', { reason: `'${shown}' ${why}` });
}

/** Trailing `/` and `?` go; trailing `&` too when the base has a query (so no `&&`). */
function stripTrailing(base: string): string {
  let s = base;
  for (;;) {
    const c = s[s.length - 1];
    if (c === '/' || c === '?' || (c === '&' && s.includes('?'))) s = s.slice(0, -1);
    else return s;
  }
}

/**
 * Builds a signed invite link from a base URL (spec section 9, fixed).
 *
 * The base is trimmed; a `#fragment` is set aside and appended again at the very end; trailing
 * `/`, `?` (and `&` inside a query) are stripped; then `akc_did, akc_tid, akc_exp, akc_kid, akc_sig`
 * are appended in that order, each value encoded with `encodeURIComponent` (space -> %20,
 * `/` -> %2F), joined with `&` when the base has a query and `?` otherwise.
 *
 * Throws EINVITEBASE when the base is not an absolute http(s) URL, holds whitespace or credentials,
 * or already carries `akc_*` invite parameters; EINTERNAL when the link fields are malformed.
 */
export function buildInviteUrl(base: string, params: InviteLinkParams): string {
  const problem =
    inviteClaimsProblem(params, params.kid) ??
    (typeof params.signature === 'string' && HEX64.test(params.signature) ? null : 'malformed signature');
  if (problem !== null) throw akcError('EINTERNAL', { reason: `cannot build invite URL: ${problem}` });
  if (typeof base !== 'string') throw badBase(String(base), 'is not a string');

  const trimmed = base.trim();
  if (WHITESPACE_OR_CONTROL.test(trimmed))
    throw badBase(trimmed, 'contains whitespace or control characters');
  const hash = trimmed.indexOf('#');
  const fragment = hash >= 0 && hash < trimmed.length - 1 ? trimmed.slice(hash) : '';
  const head = stripTrailing(hash >= 0 ? trimmed.slice(0, hash) : trimmed);

  let parsed: URL;
  try {
    parsed = new URL(head);
  } catch {
    throw badBase(trimmed, 'is not an absolute http(s) URL');
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    throw badBase(trimmed, 'is not an absolute http(s) URL');
  }
  if (parsed.username !== '' || parsed.password !== '')
    throw badBase(trimmed, 'must not contain credentials');
  if ([...INVITE_QUERY_PARAMS, ACTIVATION_QUERY_PARAM].some((name) => parsed.searchParams.has(name))) {
    throw badBase(trimmed, 'already carries akc_* invite parameters');
  }

  const values = [
    params.deliveryId,
    params.tokenId,
    String(params.expiresAtUnixMs),
    params.kid,
    params.signature,
  ];
  let query = INVITE_QUERY_PARAMS.map((name, i) => `${name}=${encodeURIComponent(values[i] ?? '')}`).join(
    '&',
  );
  if (params.activationToken !== undefined) {
    query += `&${ACTIVATION_QUERY_PARAM}=${encodeURIComponent(params.activationToken)}`;
  }
  return `${head}${head.includes('?') ? '&' : '?'}${query}${fragment}`;
}

function parseError(reason: string): AkcError {
  return akcError('ESIGNATURE', { reason });
}

/**
 * Reads the invite fields from a link. Throws ESIGNATURE naming the problem: not a URL, not
 * http(s), a missing or repeated `akc_*` parameter, or a malformed value (ids, expiry, kid,
 * signature). The signature is returned as given; {@link verifyInvite} checks it.
 */
export function parseInviteUrl(url: string): InviteLinkParams {
  let parsed: URL;
  try {
    parsed = new URL(typeof url === 'string' ? url.trim() : '');
  } catch {
    throw parseError('not a valid invite URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw parseError('not an http(s) invite URL');
  const get = (name: (typeof INVITE_QUERY_PARAMS)[number]): string => {
    const all = parsed.searchParams.getAll(name);
    if (all.length === 0) throw parseError(`missing ${name} parameter`);
    if (all.length > 1) throw parseError(`duplicate ${name} parameter`);
    return all[0] ?? '';
  };
  const deliveryId = get('akc_did');
  const tokenId = get('akc_tid');
  const exp = get('akc_exp');
  const kid = get('akc_kid');
  const signature = get('akc_sig');
  if (!/^[0-9]{1,16}$/.test(exp) || Number(exp) > MAX_INVITE_EXPIRY_UNIX_MS) {
    throw parseError('malformed akc_exp (expected unix milliseconds)');
  }
  const link: InviteLinkParams = { deliveryId, tokenId, expiresAtUnixMs: Number(exp), kid, signature };
  const problem = inviteClaimsProblem(link, kid);
  if (problem !== null) throw parseError(problem);
  if (!HEX64.test(signature)) throw parseError('malformed signature');
  const act = parsed.searchParams.getAll(ACTIVATION_QUERY_PARAM);
  if (act.length > 1) throw parseError(`duplicate ${ACTIVATION_QUERY_PARAM} parameter`);
  if (act[0] !== undefined) link.activationToken = act[0];
  return link;
}

/**
 * SHA-256 (lower-case hex) of an invite URL's exact UTF-8 text. Links are bearer secrets:
 * store and log this hash, never the URL.
 */
export function hashInviteUrl(url: string): string {
  return sha256Hex(Buffer.from(url, 'utf8'));
}
