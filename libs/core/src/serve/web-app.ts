import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { InviteSigningKey } from '../invites/invite-key';
import { hmacHex } from '../invites/sign';
import { openDelivery, type ControlPlaneIO } from '../control-plane/io';
import type { WebBundleSource } from './web-bundle';
import { escapeHtml, failureFor, sendHtml } from './respond';

/** Cookie that lets one invite holder fetch one delivery's hosted web build. */
export const WEB_SESSION_COOKIE = 'akc_web';
const TAG = 'akc-web-session-v1';

/** Where a delivery's hosted web build lives on the server. */
export function appPath(deliveryId: string): string {
  return `/app/${encodeURIComponent(deliveryId)}/`;
}

function sessionMessage(did: string, tid: string, exp: number, kid: string): string {
  return [TAG, did, tid, String(exp), kid].join('|');
}

/** A signed cookie value binding delivery, recipient token and expiry (the invite's). */
export function webSessionCookie(
  did: string,
  tid: string,
  expiresAtUnixMs: number,
  key: InviteSigningKey,
  secure: boolean,
): string {
  const value = [
    tid,
    String(expiresAtUnixMs),
    key.kid,
    hmacHex(key.key, sessionMessage(did, tid, expiresAtUnixMs, key.kid)),
  ].join('.');
  const maxAge = Math.max(0, Math.floor((expiresAtUnixMs - Date.now()) / 1000));
  return (
    `${WEB_SESSION_COOKIE}=${value}; Path=${appPath(did)}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax` +
    (secure ? '; Secure' : '')
  );
}

function cookieValue(req: IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === WEB_SESSION_COOKIE) return rest.join('=');
  }
  return null;
}

/** True when the request carries a valid, unexpired web session for this delivery. */
export function hasWebSession(
  req: IncomingMessage,
  did: string,
  keys: readonly InviteSigningKey[],
  nowUnixMs: number,
): boolean {
  const value = cookieValue(req);
  if (value === null) return false;
  const [tid = '', exp = '', kid = '', sig = ''] = value.split('.');
  const key = keys.find((k) => k.kid === kid);
  if (!key || !/^[0-9]{1,16}$/.test(exp) || !/^[0-9a-f]{64}$/.test(sig)) return false;
  if (Number(exp) < nowUnixMs) return false;
  const expected = Buffer.from(hmacHex(key.key, sessionMessage(did, tid, Number(exp), kid)), 'hex');
  return timingSafeEqual(expected, Buffer.from(sig, 'hex'));
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
};

/** The bundle file for a request path under the app prefix (index.html for folders and SPA routes). */
function pickFile(files: ReadonlyMap<string, Buffer>, rest: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.split('/').some((seg) => seg === '..')) return null;
  path = path.replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) path += 'index.html';
  if (files.has(path)) return path;
  if (extname(path) === '' && files.has('index.html')) return 'index.html';
  return null;
}

/** What the hosted-app route needs besides the request. */
export interface WebAppContext {
  io: ControlPlaneIO;
  projectDir: string;
  bundles: WebBundleSource;
}

/**
 * `GET /app/<delivery>/...`: the delivery's packaged web build, only for holders of a valid invite
 * (the landing set a signed, HttpOnly cookie scoped to this path). Anyone else gets 403.
 */
export function handleWebApp(
  ctx: WebAppContext,
  deliveryId: string,
  rest: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  try {
    const keys = openDelivery(ctx.io, ctx.projectDir, deliveryId).read('secrets').invite_keys;
    if (!hasWebSession(req, deliveryId, keys, ctx.io.now())) {
      sendHtml(res, 403, 'Invite needed', '<p>Open the app from the invite link you were sent.</p>');
      return;
    }
    const bundle = ctx.bundles(deliveryId);
    const name = bundle ? pickFile(bundle.files, rest) : null;
    const body = name === null ? undefined : bundle?.files.get(name);
    if (!bundle || name === null || body === undefined) {
      sendHtml(
        res,
        404,
        'Not found',
        bundle ? '<p>No such file in this build.</p>' : '<p>This delivery has no packaged web build.</p>',
      );
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
      'Cache-Control': 'private, no-cache',
      ETag: `"${bundle.sha256.slice(0, 16)}"`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    const f = failureFor(err);
    sendHtml(res, f.status, 'Something went wrong', `<p>${escapeHtml(f.message)}</p>`);
  }
}
