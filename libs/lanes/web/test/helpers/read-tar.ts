import { readFileSync } from 'node:fs';

/** One entry as read back from an archive. */
export interface TarEntryRead {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  size: number;
  linkname: string;
  magic: string;
  content: Buffer;
}

const text = (b: Buffer, start: number, len: number) =>
  b
    .subarray(start, start + len)
    .toString('utf8')
    .replace(/\0.*$/s, '');
const octal = (b: Buffer, start: number, len: number) => parseInt(text(b, start, len).trim() || '0', 8);

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] ?? 0);
  return sum === octal(h, 148, 8);
}

function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (let off = 0; off < body.length;) {
    const space = body.indexOf(0x20, off);
    const len = Number(body.subarray(off, space).toString('ascii'));
    if (!(len > 0)) throw new Error(`bad PAX record at ${off}`);
    const record = body.subarray(space + 1, off + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    out[record.slice(0, eq)] = record.slice(eq + 1);
    off += len;
  }
  return out;
}

/** Parse a ustar/PAX archive independently of the lane's writer, checking every header checksum. */
export function readTar(path: string): TarEntryRead[] {
  const buf = readFileSync(path);
  const entries: TarEntryRead[] = [];
  let pax: Record<string, string> = {};
  for (let off = 0; off + 512 <= buf.length;) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    if (!checksumOk(h)) throw new Error(`bad checksum at offset ${off}`);
    const size = octal(h, 124, 12);
    const content = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    const type = text(h, 156, 1);
    if (type === 'x') {
      pax = parsePax(content);
      continue;
    }
    const prefix = text(h, 345, 155);
    const name = pax.path ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100));
    entries.push({
      name,
      type,
      mode: octal(h, 100, 8),
      uid: octal(h, 108, 8),
      gid: octal(h, 116, 8),
      uname: text(h, 265, 32),
      gname: text(h, 297, 32),
      mtime: octal(h, 136, 12),
      size,
      linkname: pax.linkpath ?? text(h, 157, 100),
      magic: h.subarray(257, 265).toString('latin1'),
      content: Buffer.from(content),
    });
    pax = {};
  }
  return entries;
}
