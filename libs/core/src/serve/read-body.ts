import type { IncomingMessage } from 'node:http';
import type { HttpFailure } from './respond';

/** The outcome of reading a JSON body: the parsed object, or the failure to answer with. */
export type JsonBodyResult =
  { ok: true; value: Record<string, unknown> } | { ok: false; failure: HttpFailure };

const fail = (status: number, code: string, message: string): JsonBodyResult => ({
  ok: false,
  failure: { status, code, message },
});

/** True when the request declares `application/json` (parameters such as charset=utf-8 allowed). */
export function isJsonContentType(req: IncomingMessage): boolean {
  const raw = req.headers['content-type'];
  if (typeof raw !== 'string') return false;
  const [type = '', ...params] = raw.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

function collect(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: Buffer | 'too_large' | 'aborted'): void => {
      if (done) return;
      done = true;
      resolve(v);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        finish('too_large');
      } else if (!done) chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('error', () => finish('aborted'));
    req.on('close', () => finish(req.complete ? Buffer.concat(chunks) : 'aborted'));
  });
}

/**
 * Reads a request body of at most `maxBytes` and parses it strictly: valid UTF-8, valid JSON,
 * and a JSON object (not an array, string, number or null). 413 when too large (checked against
 * Content-Length first), 400 otherwise; the caller checks the content type.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBodyResult> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) {
    return fail(413, 'ETOOLARGE', `request body exceeds ${maxBytes} bytes`);
  }
  const body = await collect(req, maxBytes);
  if (body === 'too_large') return fail(413, 'ETOOLARGE', `request body exceeds ${maxBytes} bytes`);
  if (body === 'aborted') return fail(400, 'EJSON', 'request body was not received completely');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    return fail(400, 'EJSON', 'request body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(400, 'EJSON', 'request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(400, 'EJSON', 'request body must be one JSON object');
  }
  return { ok: true, value: value as Record<string, unknown> };
}
