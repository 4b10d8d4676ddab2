import { readFileSync } from 'node:fs';
import { akcError } from '@akc/core';

const MAX_BYTES = 1024 * 1024;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_BYTES)
      throw akcError('EJSON', { what: 'stdin', reason: `larger than ${MAX_BYTES} bytes` });
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** One JSON object from a file or stdin, with a size limit and clear errors. */
export async function readJsonInput(file: string | undefined, what: string): Promise<unknown> {
  let buf: Buffer;
  const source = file ?? 'stdin';
  if (file) {
    try {
      buf = readFileSync(file);
    } catch (e) {
      throw akcError('EJSON', {
        what: `${what} file ${file}`,
        reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message,
      });
    }
    if (buf.length > MAX_BYTES)
      throw akcError('EJSON', { what: `${what} file ${file}`, reason: `larger than ${MAX_BYTES} bytes` });
  } else {
    if (process.stdin.isTTY)
      throw akcError('EJSON', {
        what,
        reason: 'no --json-file given and stdin is a terminal',
        hint: 'Pipe the JSON in or pass --json-file.',
      });
    buf = await readStdin();
  }
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw akcError('EJSON', { what: `${what} (${source})`, reason: `invalid JSON: ${(e as Error).message}` });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw akcError('EJSON', { what: `${what} (${source})`, reason: 'JSON must be an object' });
  }
  return value;
}
