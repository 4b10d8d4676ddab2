import type { IncomingMessage } from 'node:http';
import { EmulatorHttpError } from './errors';

/** Largest request body any emulator accepts (bytes). */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

/** Reads a whole request body, with or without Content-Length (chunked bodies included). */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit)
      throw new EmulatorHttpError(413, 'PAYLOAD_TOO_LARGE', `Body larger than ${limit} bytes.`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; empty means `undefined`; malformed JSON is a 400. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new EmulatorHttpError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
}

/** Parses an `application/x-www-form-urlencoded` body. */
export function parseFormBody(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

/** One part of a `multipart/related` body. */
export interface MultipartPart {
  headers: Record<string, string>;
  body: Buffer;
}

/** Splits a `multipart/related` (or form-data) body into parts. Throws a 400 when malformed. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', 'Multipart body without a boundary.');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    parts.push(parsePart(body.subarray(afterDelimiter, next)));
    start = next;
  }
  if (parts.length === 0)
    throw new EmulatorHttpError(400, 'INVALID_ARGUMENT', 'Multipart body has no parts.');
  return parts;
}

function parsePart(raw: Buffer): MultipartPart {
  const trimmed = raw.subarray(raw.indexOf('\r\n') === 0 ? 2 : 0);
  const split = trimmed.indexOf('\r\n\r\n');
  const headerText = split === -1 ? '' : trimmed.subarray(0, split).toString('utf8');
  let content = split === -1 ? trimmed : trimmed.subarray(split + 4);
  if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: content };
}
