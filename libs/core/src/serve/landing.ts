import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Platform } from '../schemas/common';
import type { DeliverySession } from '../schemas/session';
import type { PackagingRow } from '../packaging/types';
import { recordWebInviteOpen } from '../control-plane/activation';
import { openDelivery, type ControlPlaneIO } from '../control-plane/io';
import { parseInviteUrl } from '../invites';
import { escapeHtml, failureFor, sendHtml, sendRedirect } from './respond';

/** Where a verified invite holder is sent, per platform (absolute http(s) URLs). */
export type LandingRedirects = Partial<Record<Platform, string>>;

/** What the landing needs besides the request. */
export interface LandingContext {
  io: ControlPlaneIO;
  projectDir: string;
  redirects: LandingRedirects;
}

/** The platform a browser most likely runs on, from its User-Agent (a hint, never trusted). */
function uaPlatform(req: IncomingMessage): Platform {
  const ua = req.headers['user-agent'] ?? '';
  if (/android/i.test(ua)) return 'android';
  if (/iphone|ipad|ipod/i.test(ua)) return 'ios';
  return 'web';
}

function webRow(session: DeliverySession): PackagingRow | null {
  const outputs = session.pipeline.package.outputs as {
    per_platform?: Partial<Record<Platform, PackagingRow>>;
  } | null;
  const row = outputs?.per_platform?.web;
  return row && row.artifacts.some((a) => a.kind === 'web_bundle') ? row : null;
}

/** The recipient's platforms, the one the browser suggests first. */
function platformOrder(session: DeliverySession, email: string, req: IncomingMessage): Platform[] {
  const mine = Object.keys(session.per_recipient[email]?.platforms ?? {}) as Platform[];
  const hint = uaPlatform(req);
  return mine.includes(hint) ? [hint, ...mine.filter((p) => p !== hint)] : mine;
}

function respondVerified(
  ctx: LandingContext,
  req: IncomingMessage,
  res: ServerResponse,
  did: string,
  email: string,
): void {
  const session = openDelivery(ctx.io, ctx.projectDir, did).read('session');
  const bundle = webRow(session);
  if (bundle) {
    const link = bundle.deploy?.hosting_url ?? ctx.redirects.web ?? null;
    const body = link
      ? `<p>Your invite is valid.</p><p><a href="${escapeHtml(link)}" rel="noreferrer">Open the app</a></p>`
      : '<p>Your invite is valid. The app link will be shared with you shortly.</p>';
    sendHtml(res, 200, 'Invite accepted', body);
    return;
  }
  const target = platformOrder(session, email, req)
    .map((p) => ctx.redirects[p])
    .find((u): u is string => typeof u === 'string');
  if (target) {
    sendRedirect(res, target);
    return;
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
    });
    respondVerified(ctx, req, res, link.deliveryId, r.recipient);
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
