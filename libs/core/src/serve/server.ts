import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ControlPlaneIO } from '../control-plane/io';
import { handleActivation } from './activation-route';
import { handleLanding, type LandingContext, type LandingRedirects } from './landing';
import { handleWebApp } from './web-app';
import { createWebBundleSource, type WebBundleSource } from './web-bundle';
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limit';
import { failureFor, sendJson, sendJsonFailure } from './respond';
import { matchRoute, requestPath, ROUTE_METHODS } from './router';
import { validateRedirects } from './redirects';
import { createReportBatcher, type ReportBatcher } from './report-batcher';

/** Options of {@link startDeliveryServer}. */
export interface DeliveryServerOptions {
  io: ControlPlaneIO;
  projectDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Largest accepted request body, default 16384 bytes. */
  maxBodyBytes?: number;
  /** Per client address, default 600 per minute. */
  rateLimit?: RateLimitOptions;
  landing?: {
    /** Install links per platform. */
    redirects?: LandingRedirects;
    /** App links per platform that hand the activation credential to the installed app. */
    appLinks?: LandingRedirects;
    /** Host each delivery's packaged web build at /app/<id>/ to invite holders (default true). */
    hostWebBundle?: boolean;
  };
  /** Believe X-Forwarded-For / X-Forwarded-Proto (only behind a reverse proxy you run). */
  trustProxy?: boolean;
  /** Called after a change to a delivery was committed (an invite open, a batch of reports). */
  onRecorded?: (deliveryId: string) => void;
  /** Timeouts in ms: headers (default 10000), whole request (30000), shutdown drain (10000). */
  timeouts?: { headersMs?: number; requestMs?: number; shutdownMs?: number };
}

/** A running delivery server. */
export interface DeliveryServer {
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (bounded), then closes every socket. */
  close(): Promise<void>;
}

interface Runtime {
  opts: DeliveryServerOptions;
  limiter: RateLimiter;
  landing: LandingContext;
  bundles: WebBundleSource;
  maxBodyBytes: number;
  batcher: ReportBatcher;
  inFlight: Set<ServerResponse>;
  closing: boolean;
  onIdle: (() => void) | null;
}

/** The client's address: the socket peer, or the first X-Forwarded-For hop behind a trusted proxy. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

async function dispatch(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const route = matchRoute(requestPath(req.url));
  if (route.kind === 'not_found') {
    sendJsonFailure(res, { status: 404, code: 'ENOROUTE', message: 'not found' });
    return;
  }
  const allowed = ROUTE_METHODS[route.kind];
  if (!allowed.includes(req.method ?? '')) {
    sendJsonFailure(
      res,
      { status: 405, code: 'EMETHOD', message: 'method not allowed' },
      { Allow: allowed.join(', ') },
    );
    return;
  }
  const limit = rt.limiter.take(clientAddress(req, rt.opts.trustProxy === true));
  if (!limit.ok) {
    const f = {
      status: 429,
      code: 'ERATELIMIT',
      message: 'too many requests',
      retryAfterSeconds: limit.retryAfterSeconds,
    };
    sendJsonFailure(res, f);
    return;
  }
  const { io, projectDir } = rt.opts;
  if (route.kind === 'health') sendJson(res, 200, { ok: true });
  else if (route.kind === 'landing') handleLanding(rt.landing, req, res);
  else if (route.kind === 'app') {
    if (rt.landing.hostWebBundle)
      handleWebApp({ io, projectDir, bundles: rt.bundles }, route.deliveryId, route.rest, req, res);
    else sendJsonFailure(res, { status: 404, code: 'ENOROUTE', message: 'not found' });
  } else
    await handleActivation(
      { batcher: rt.batcher, maxBodyBytes: rt.maxBodyBytes },
      route.deliveryId,
      req,
      res,
    );
}

function onRequest(rt: Runtime, req: IncomingMessage, res: ServerResponse): void {
  const started = Date.now();
  rt.inFlight.add(res);
  if (rt.closing) res.setHeader('Connection', 'close');
  res.on('close', () => {
    rt.inFlight.delete(res);
    const line = `serve ${req.method ?? '?'} ${requestPath(req.url)} ${res.statusCode} ${Date.now() - started}ms`;
    rt.opts.io.progress?.(line);
    if (rt.inFlight.size === 0) rt.onIdle?.();
  });
  dispatch(rt, req, res).catch((err: unknown) => sendJsonFailure(res, failureFor(err)));
}

const CLIENT_ERRORS: Readonly<Record<string, [number, string, string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'ETIMEOUT'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'EHEADERS'],
};

/** Malformed or too slow requests: a minimal JSON answer, then the socket is closed. */
function onClientError(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, text, code] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'Bad Request', 'EBADREQUEST'];
  const body = JSON.stringify({ ok: false, error: { code, message: text.toLowerCase() } });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n` +
      `Connection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function shutdown(rt: Runtime, server: Server): Promise<void> {
  rt.closing = true;
  const drainMs = rt.opts.timeouts?.shutdownMs ?? 10_000;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const drained = new Promise<void>((resolve) => {
    if (rt.inFlight.size === 0) return resolve();
    const timer = setTimeout(resolve, drainMs);
    rt.onIdle = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return drained.then(() => {
    server.closeAllConnections();
    return closed;
  });
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts `akc deliver serve`: the invite landing, the activation endpoint and `/healthz`, over
 * node:http. Writes go through the same store and per-delivery lock as the CLI, so it is safe to
 * run next to CLI commands. Every response is JSON or minimal HTML with `Cache-Control: no-store`;
 * logs (via `io.progress`) hold only method, path without query, status and duration.
 */
export async function startDeliveryServer(opts: DeliveryServerOptions): Promise<DeliveryServer> {
  const bundles = createWebBundleSource(opts.io, opts.projectDir);
  const rt: Runtime = {
    opts,
    limiter: createRateLimiter(opts.rateLimit ?? { perMinute: 600 }, () => Date.now()),
    landing: {
      io: opts.io,
      projectDir: opts.projectDir,
      redirects: validateRedirects(opts.landing?.redirects ?? {}),
      appLinks: validateRedirects(opts.landing?.appLinks ?? {}, true),
      hostWebBundle: opts.landing?.hostWebBundle ?? true,
      bundles,
      trustProxy: opts.trustProxy === true,
      onRecorded: opts.onRecorded,
    },
    bundles,
    maxBodyBytes: opts.maxBodyBytes ?? 16_384,
    batcher: createReportBatcher(opts.io, opts.projectDir, 512, opts.onRecorded),
    inFlight: new Set(),
    closing: false,
    onIdle: null,
  };
  const server = createServer(
    {
      headersTimeout: opts.timeouts?.headersMs ?? 10_000,
      requestTimeout: opts.timeouts?.requestMs ?? 30_000,
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => onRequest(rt, req, res),
  );
  server.keepAliveTimeout = 5_000;
  server.on('clientError', onClientError);
  const host = opts.host ?? '127.0.0.1';
  const port = await listen(server, host, opts.port ?? 0);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () => (closing ??= shutdown(rt, server)),
  };
}
