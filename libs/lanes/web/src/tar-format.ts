/**
 * Pure POSIX ustar encoding (headers, PAX records, padding). Everything that could vary between
 * machines is fixed: uid/gid 0, empty uname/gname, the caller's mtime, no device numbers.
 */

export const BLOCK = 512;
/** The largest size or mtime an 11-digit octal field holds (8 GiB - 1). */
export const MAX_OCTAL_11 = 0o77777777777;

export type TarEntryType = 'file' | 'dir' | 'symlink';

/** What a header describes. `path` is relative with `/` separators; directories end in `/`. */
export interface TarHeaderFields {
  readonly path: string;
  readonly type: TarEntryType;
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly linkname?: string;
}

const TYPEFLAG: Record<TarEntryType | 'pax', string> = { file: '0', dir: '5', symlink: '2', pax: 'x' };

function writeString(buf: Buffer, offset: number, length: number, value: string): void {
  buf.write(value, offset, length, 'utf8');
}

function writeOctal(buf: Buffer, offset: number, length: number, value: number): void {
  writeString(buf, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

function fitsField(text: string, max: number): boolean {
  return Buffer.byteLength(text) <= max && /^[\x20-\x7e]*$/.test(text);
}

/** Split a path into ustar `prefix` and `name`, or null when it does not fit (then PAX is used). */
export function splitUstarPath(path: string): { prefix: string; name: string } | null {
  if (fitsField(path, 100)) return { prefix: '', name: path };
  if (!fitsField(path, 256)) return null;
  for (let i = path.lastIndexOf('/', path.length - 2); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return { prefix, name };
    if (prefix.length <= 155) return null;
  }
  return null;
}

function encodeHeader(
  f: { name: string; prefix: string; mode: number; size: number; mtime: number; linkname: string },
  typeflag: string,
): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  writeString(h, 0, 100, f.name);
  writeOctal(h, 100, 8, f.mode);
  writeOctal(h, 108, 8, 0); // uid
  writeOctal(h, 116, 8, 0); // gid
  writeOctal(h, 124, 12, f.size);
  writeOctal(h, 136, 12, f.mtime);
  h.fill(0x20, 148, 156); // checksum placeholder: eight spaces
  writeString(h, 156, 1, typeflag);
  writeString(h, 157, 100, f.linkname);
  writeString(h, 257, 6, 'ustar\0');
  writeString(h, 263, 2, '00');
  writeOctal(h, 329, 8, 0); // devmajor
  writeOctal(h, 337, 8, 0); // devminor
  writeString(h, 345, 155, f.prefix);
  let sum = 0;
  for (const byte of h) sum += byte;
  writeString(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** One PAX record: `<len> <key>=<value>\n`, where len counts the whole record including itself. */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len)
    len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

/** Zero bytes that pad `size` up to a whole number of blocks. */
export function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK, 0);
}

/**
 * The header block(s) for one entry: a PAX extended header first when the path or link target
 * does not fit ustar's fields (long or non-ASCII), then the ustar header itself.
 */
export function encodeEntryHeader(e: TarHeaderFields): Buffer {
  const split = splitUstarPath(e.path);
  const linkname = e.linkname ?? '';
  const linkFits = fitsField(linkname, 100);
  const blocks: Buffer[] = [];
  if (!split || !linkFits) {
    const records =
      (split ? '' : paxRecord('path', e.path)) + (linkFits ? '' : paxRecord('linkpath', linkname));
    const body = Buffer.from(records, 'utf8');
    const paxName = `PaxHeader/${e.path.replace(/\/$/, '').split('/').pop() ?? 'entry'}`.slice(0, 100);
    const safeName = fitsField(paxName, 100) ? paxName : 'PaxHeader/entry';
    const fields = {
      name: safeName,
      prefix: '',
      mode: 0o644,
      size: body.length,
      mtime: e.mtime,
      linkname: '',
    };
    blocks.push(encodeHeader(fields, TYPEFLAG.pax), body, padding(body.length));
  }
  const name = split ?? { prefix: '', name: e.path.slice(0, 100).replace(/[^\x20-\x7e]/g, '_') };
  const fields = { ...name, mode: e.mode, size: e.size, mtime: e.mtime, linkname: linkFits ? linkname : '' };
  blocks.push(encodeHeader(fields, TYPEFLAG[e.type]));
  return Buffer.concat(blocks);
}

/** The end-of-archive marker: two zero blocks. */
export function endOfArchive(): Buffer {
  return Buffer.alloc(BLOCK * 2, 0);
}
