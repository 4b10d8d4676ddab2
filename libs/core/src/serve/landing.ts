import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Platform } from '../schemas/common';
import type { DeliverySession } from '../schemas/session';
import { packagingRow, type PackagingRow } from '../packaging/types';
import { recordWebInviteOpen } from '../control-plane/activation';
import { openDelivery, type ControlPlaneIO } from '../control-plane/io';
import { parseInviteUrl, signActivationToken, type InviteLinkParams } from '../invites';
import { akcError } from '../errors/akc-error';
import { appPath, webSessionCookie } from './web-app';
import type { WebBundleSource } from './web-bundle';
import { escapeHtml, failureFor, sendHtml, sendRedirect } from './respond';

/** Where a verified invite holder is sent, per platform (absolute http(s) URLs). */
export type LandingRedirects = Partial<Record<Platform, string>>;

/** What the landing needs besides the request. */
export interface LandingContext {
  io: ControlPlaneIO;
  projectDir: string;
  /** Install links per platform (TestFlight, Firebase tester page, Play listing, web URL). */
  redirects: LandingRedirects;
  /** App links (custom scheme or universal/app link) that hand the credential to the installed app. */
  appLinks: LandingRedirects;
  /** Host the delivery's packaged web build at /app/<id>/ to invite holders. */
  hostWebBundle: boolean;
  bundles?: WebBundleSource;
  /** Believe X-Forwarded-Proto / X-Forwarded-For from a reverse proxy. */
  trustProxy: boolean;
  /** Told when an open was recorded. */
  onRecorded?: (deliveryId: string) => void;
}

/** The platform a browser most likely runs on, from its User-Agent (a hint, never trusted). */
function uaPlatform(req: IncomingMessage): Platform {
  const ua = req.headers['user-agent'] ?? '';
  if (/android/i.test(ua)) return 'android';
  if (/iphone|ipad|ipod/i.test(ua)) return 'ios';
  return 'web';
}

/** The web packaging row when it holds a web bundle. */
function webRow(session: DeliverySession): PackagingRow | null {
  const row = packagingRow(session, 'web');
  return row && row.artifacts.some((a) => a.kind === 'web_bundle') ? row : null;
}

/** The recipient's platforms, the one the browser suggests first. */
function platformOrder(session: DeliverySession, email: string, req: IncomingMessage): Platform[] {
  const mine = Object.keys(session.per_recipient[email]?.platforms ?? {}) as Platform[];
  const hint = uaPlatform(req);
  return mine.includes(hint) ? [hint, ...mine.filter((p) => p !== hint)] : mine;
}

/** The hand-off parameters: delivery, recipient token and activation credential. */
function handoff(link: InviteLinkParams, activationToken: string): string {
  return new URLSearchParams({
    akc_did: link.deliveryId,
    akc_tid: link.tokenId,
    akc_act: activationToken,
  }).toString();
}

/** Appends parameters to a URL's query (for app links, whose handlers read the query). */
function withQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const head = hash >= 0 ? url.slice(0, hash) : url;
  return `${head}${head.includes('?') ? '&' : '?'}${query}`;
}

/** Replaces a URL's fragment (the browser keeps it; it never reaches any server). */
function withFragment(url: string, fragment: string): string {
  const hash = url.indexOf('#');
  return `${hash >= 0 ? url.slice(0, hash) : url}#${fragment}`;
}

function isSecure(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted === true) return true;
  return (
    trustProxy &&
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

/** True when the delivery has a packaged web build that can be hosted (a broken one is not). */
function hostedBundle(ctx: LandingContext, deliveryId: string): boolean {
  try {
    return ctx.bundles?.(deliveryId) != null;
  } catch (err) {
    ctx.io.progress?.(`serve: not hosting the web build of ${deliveryId}: ${(err as Error).message}`);
    return false;
  }
}

function respondVerified(
  ctx: LandingContext,
  req: IncomingMessage,
  res: ServerResponse,
  link: InviteLinkParams,
  email: string,
): void {
  const store = openDelivery(ctx.io, ctx.projectDir, link.deliveryId);
  const session = store.read('session');
  const keys = store.read('secrets').invite_keys;
  const key = keys.find((k) => k.kid === link.kid);
  if (!key) throw akcError('ESIGNATURE', { reason: 'unknown key id' });
  const params = handoff(
    link,
    signActivationToken({ deliveryId: link.deliveryId, tokenId: link.tokenId, key }),
  );
  const order = platformOrder(session, email, req);
  const first = order[0];

  if (first === 'web' || (first === undefined && webRow(session))) {
    if (ctx.hostWebBundle && hostedBundle(ctx, link.deliveryId)) {
      // Host the packaged build to this invite holder only: a signed cookie scoped to the app path.
      res.setHeader(
        'Set-Cookie',
        webSessionCookie(
          link.deliveryId,
          link.tokenId,
          link.expiresAtUnixMs,
          key,
          isSecure(req, ctx.trustProxy),
        ),
      );
      sendRedirect(res, withFragment(appPath(link.deliveryId), params), {}, 303);
      return;
    }
    const hosted = webRow(session)?.deploy?.hosting_url ?? ctx.redirects.web ?? null;
    if (hosted) {
      // The fragment carries the credential to the web app and never reaches the hosting server.
      sendRedirect(res, withFragment(hosted, params), {}, 303);
      return;
    }
    sendHtml(
      res,
      200,
      'Invite accepted',
      '<p>Your invite is valid. The app link will be shared with you shortly.</p>',
    );
    return;
  }

  for (const p of order) {
    const install = ctx.redirects[p];
    const appLink = ctx.appLinks[p];
    if (install && appLink) {
      // Two steps on a phone: install through the store channel, then open the app link once so
      // the app receives its activation credential.
      sendHtml(
        res,
        200,
        'Invite accepted',
        `<ol><li><a id="install" href="${escapeHtml(install)}" rel="noreferrer">Install the app</a></li>` +
          `<li><a id="open-app" href="${escapeHtml(withQuery(appLink, params))}">Open it to finish</a> (do this once, after installing)</li></ol>`,
      );
      return;
    }
    if (appLink) {
      sendRedirect(res, withQuery(appLink, params));
      return;
    }
    if (install) {
      sendRedirect(res, install);
      return;
    }
  }
  sendHtml(
    res,
    200,
    'Invite accepted',
    '<p>Your invite is valid. The app is not published yet; check back soon.</p>',
  );
}

/**
 * The invite landing (`GET /i`, `/join` or `/` with the `akc_*` parameters): verifies the signed
 * link and records the open once (a replayed link is answered the same way, recorded once), then
 * shows a page linking to the hosted web build or redirects to the platform's install link.
 * A bad, tampered or expired link gets a 403 page with a short reason.
 */
export function handleLanding(ctx: LandingContext, req: IncomingMessage, res: ServerResponse): void {
  try {
    const link = parseInviteUrl(`http://invite.local${req.url ?? '/'}`);
    const r = recordWebInviteOpen(ctx.io, ctx.projectDir, link.deliveryId, {
      tokenId: link.tokenId,
      signature: link.signature,
      expiresAtUnixMs: link.expiresAtUnixMs,
      kid: link.kid,
      source: 'serve',
      verifyOnlyOutsideWeb: true,
    });
    if (r.record !== null) ctx.onRecorded?.(link.deliveryId);
    respondVerified(ctx, req, res, link, r.recipient);
  } catch (err) {
    const f = failureFor(err);
    const extra: Record<string, string> =
      f.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(f.retryAfterSeconds) };
    const title =
      f.status === 403
        ? 'Invite not valid'
        : f.status >= 500
          ? 'Something went wrong'
          : 'Invite not accepted';
    sendHtml(res, f.status, title, `<p>${escapeHtml(f.message)}</p>`, extra);
  }
}
