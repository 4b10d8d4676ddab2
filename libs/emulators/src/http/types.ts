import type { IncomingMessage, ServerResponse } from 'node:http';

/** Any value that survives `JSON.stringify` / `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** What a route handler answers: a status, an optional body and optional headers. */
export interface HttpResult {
  status: number;
  /** Objects and arrays are sent as JSON; strings and Buffers as they are. */
  body?: JsonValue | Buffer | string;
  headers?: Record<string, string>;
}

/** Per-request context handed to route handlers. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly url: URL;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Named path parameters from the route pattern (`{name}`), already URI-decoded. */
  readonly params: Record<string, string>;
  /** `http://127.0.0.1:PORT` of the server that received the request. */
  readonly origin: string;
  /** Reads the whole request body (chunked bodies included). Cached after the first call. */
  body(): Promise<Buffer>;
  /** Reads and parses a JSON body; an empty body yields `undefined`. Throws a 400 on bad JSON. */
  json(): Promise<unknown>;
}

/** A route handler. Throwing an {@link EmulatorHttpError} produces a provider-shaped error. */
export type RouteHandler = (ctx: RequestContext) => Promise<HttpResult | undefined> | HttpResult | undefined;

/** Returns true when a value is a plain JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
