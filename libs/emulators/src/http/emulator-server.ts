import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonBody, readBody } from './body';
import { EmulatorHttpError, isEmulatorHttpError } from './errors';
import { FaultInjector, type FaultRecord, type FaultRule } from './faults';
import { RequestLog, redactHeaders, type RequestLogEntry } from './request-log';
import { compileRoute, matchRoute, type CompiledRoute, type Route } from './router';
import { startLoopbackServer, type LoopbackServer } from './server';
import { isJsonObject, type HttpResult, type JsonValue, type RequestContext } from './types';

/** Prefix of every control route. Control requests are never logged nor faulted. */
export const CONTROL_PREFIX = '/__control';

/** How one emulator plugs into the shared server. */
export interface EmulatorServerOptions {
  /** Short name, reported by `GET /__control/health`. */
  name: string;
  port?: number;
  routes: Route[];
  /** Provider-specific control routes (their patterns must start with `/__control/`). */
  controlRoutes?: Route[];
  /** Formats an error in the provider's envelope. */
  formatError(error: EmulatorHttpError): HttpResult;
  /** Checks credentials; throws an {@link EmulatorHttpError} to reject. Skipped for `auth: false` routes. */
  authenticate?(ctx: RequestContext): void | Promise<void>;
}

/** The parts every emulator shares: URL, request log, faults and a real close. */
export interface EmulatorServer extends AsyncDisposable {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly faults: FaultInjector;
  readonly requests: RequestLog;
  /** Adds a failure-injection rule (see {@link FaultRule}). */
  injectFault(rule: FaultRule): FaultRecord;
  /** Waits `ms` milliseconds unless the server closes first. */
  sleep(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts an emulator server on 127.0.0.1 with the common control routes mounted. */
export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const faults = new FaultInjector();
  const requests = new RequestLog();
  const routes = options.routes.map(compileRoute);
  const ref: { current?: EmulatorServer } = {};
  const control = [...createCommonControlRoutes(() => ref.current), ...(options.controlRoutes ?? [])].map(
    compileRoute,
  );
  const loopback = await startLoopbackServer(
    (req, res) => {
      void handleRequest({ req, res, options, routes, control, faults, requests, loopback: () => loopback });
    },
    { port: options.port },
  );
  const emulator: EmulatorServer = {
    name: options.name,
    url: loopback.url,
    port: loopback.port,
    faults,
    requests,
    injectFault: (rule) => faults.add(rule),
    sleep: (ms) => new Promise<void>((resolve) => loopback.setTimer(ms, resolve)),
    close: () => loopback.close(),
    [Symbol.asyncDispose]: () => loopback.close(),
  };
  ref.current = emulator;
  return emulator;
}

interface Dispatch {
  req: IncomingMessage;
  res: ServerResponse;
  options: EmulatorServerOptions;
  routes: CompiledRoute[];
  control: CompiledRoute[];
  faults: FaultInjector;
  requests: RequestLog;
  loopback: () => LoopbackServer;
}

async function handleRequest(d: Dispatch): Promise<void> {
  const ctx = createContext(d.req, d.res, d.loopback().url);
  const isControl = ctx.path === CONTROL_PREFIX || ctx.path.startsWith(`${CONTROL_PREFIX}/`);
  const entry = isControl
    ? undefined
    : d.requests.append({
        time: Date.now(),
        method: ctx.method,
        path: ctx.path,
        query: ctx.url.search.slice(1),
        headers: redactHeaders(d.req.headers),
        status: 0,
      });
  try {
    if (entry && (await applyFault(d, ctx, entry))) return;
    const result = await route(d, ctx, isControl ? d.control : d.routes, entry, isControl);
    send(d.res, result, entry);
  } catch (error) {
    const result = isEmulatorHttpError(error)
      ? d.options.formatError(error)
      : d.options.formatError(new EmulatorHttpError(500, 'INTERNAL', `Emulator bug: ${String(error)}`));
    send(d.res, result, entry);
  }
}

async function route(
  d: Dispatch,
  ctx: MutableContext,
  table: CompiledRoute[],
  entry: RequestLogEntry | undefined,
  isControl: boolean,
): Promise<HttpResult> {
  const { match, methodMismatch } = matchRoute(table, ctx.method, ctx.path);
  if (!match) {
    if (methodMismatch)
      throw new EmulatorHttpError(405, 'METHOD_NOT_ALLOWED', `${ctx.method} is not allowed on ${ctx.path}.`);
    throw new EmulatorHttpError(404, 'NOT_FOUND', `No resource at ${ctx.method} ${ctx.path}.`);
  }
  ctx.params = match.params;
  if (entry) entry.route = match.route.pattern;
  if (!isControl && match.route.auth !== false && d.options.authenticate) await d.options.authenticate(ctx);
  return (await match.route.handler(ctx)) ?? { status: 204 };
}

async function applyFault(d: Dispatch, ctx: RequestContext, entry: RequestLogEntry): Promise<boolean> {
  const fault = d.faults.take(ctx.method, ctx.path);
  if (!fault) return false;
  entry.fault = fault.kind ?? 'status';
  if (fault.delayMs) await new Promise<void>((resolve) => d.loopback().setTimer(fault.delayMs ?? 0, resolve));
  if (fault.kind === 'delay') return false;
  if (fault.kind === 'drop') {
    entry.status = 0;
    d.req.socket.destroy();
    return true;
  }
  const status = fault.status ?? 503;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  let result: HttpResult;
  if (fault.html) {
    result = {
      status,
      body: `<html><body><h1>Error ${status} (Server Error)</h1></body></html>`,
      headers: { 'content-type': 'text/html; charset=UTF-8' },
    };
  } else if (fault.body !== undefined) {
    result = { status, body: fault.body };
  } else {
    result = d.options.formatError(
      new EmulatorHttpError(status, fault.code ?? '', fault.message ?? `Injected fault (HTTP ${status}).`),
    );
  }
  send(d.res, { ...result, headers: { ...result.headers, ...headers } }, entry);
  return true;
}

function send(res: ServerResponse, result: HttpResult, entry: RequestLogEntry | undefined): void {
  if (entry) entry.status = result.status;
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = { ...result.headers };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(result.body)) payload = result.body;
  else if (typeof result.body === 'string') payload = Buffer.from(result.body);
  else if (result.body !== undefined) {
    payload = Buffer.from(JSON.stringify(result.body));
    headers['content-type'] ??= 'application/json';
  }
  if (payload) headers['content-length'] = String(payload.length);
  res.writeHead(result.status, headers);
  res.end(payload);
}

interface MutableContext extends RequestContext {
  params: Record<string, string>;
}

function createContext(req: IncomingMessage, res: ServerResponse, origin: string): MutableContext {
  const url = new URL(req.url ?? '/', origin);
  let cached: Promise<Buffer> | undefined;
  const body = (): Promise<Buffer> => (cached ??= readBody(req));
  return {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    path: url.pathname,
    query: url.searchParams,
    params: {},
    origin,
    body,
    json: async () => parseJsonBody(await body()),
  };
}

function createCommonControlRoutes(get: () => EmulatorServer | undefined): Route[] {
  const server = (): EmulatorServer => {
    const s = get();
    if (!s) throw new EmulatorHttpError(503, 'UNAVAILABLE', 'Emulator is starting.');
    return s;
  };
  return [
    {
      method: 'GET',
      pattern: `${CONTROL_PREFIX}/health`,
      handler: () => ({ status: 200, body: { name: server().name, url: server().url } }),
    },
    {
      method: 'GET',
      pattern: `${CONTROL_PREFIX}/requests`,
      handler: () => ({ status: 200, body: { requests: toJson(server().requests.list()) } }),
    },
    {
      method: 'DELETE',
      pattern: `${CONTROL_PREFIX}/requests`,
      handler: () => {
        server().requests.clear();
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: `${CONTROL_PREFIX}/faults`,
      handler: () => ({
        status: 200,
        body: { injected: server().faults.injectedCount, faults: toJson(server().faults.list()) },
      }),
    },
    {
      method: 'DELETE',
      pattern: `${CONTROL_PREFIX}/faults`,
      handler: () => {
        server().faults.clear();
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: `${CONTROL_PREFIX}/faults`,
      handler: async (ctx) => {
        const body = await ctx.json();
        if (!isJsonObject(body))
          throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', 'Expected a fault rule object.');
        try {
          return { status: 201, body: toJson(server().faults.add(body as FaultRule)) };
        } catch (error) {
          throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', (error as Error).message);
        }
      },
    },
  ];
}

/** Round-trips a plain data value through JSON so it can be sent as a body. */
export function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}
