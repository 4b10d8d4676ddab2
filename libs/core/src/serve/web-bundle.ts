import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { packagingRow } from '../packaging/types';
import { sha256Hex } from '../util/canonical-json';
import { openDelivery, type ControlPlaneIO } from '../control-plane/io';

/** A packaged web build held in memory: file path (no leading `/`) to bytes. */
export interface WebBundle {
  sha256: string;
  files: ReadonlyMap<string, Buffer>;
}

const BLOCK = 512;

function field(h: Buffer, offset: number, length: number): string {
  const raw = h.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

function octal(h: Buffer, offset: number, length: number): number {
  const text = field(h, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function paxPath(data: Buffer): string | null {
  let rest = data.toString('utf8');
  while (rest.length > 0) {
    const space = rest.indexOf(' ');
    const len = Number(rest.slice(0, space));
    if (!Number.isSafeInteger(len) || len <= 0) return null;
    const record = rest.slice(space + 1, len - 1);
    if (record.startsWith('path=')) return record.slice(5);
    rest = rest.slice(len);
  }
  return null;
}

/**
 * Reads the regular files of a POSIX ustar archive (the web lane's reproducible bundle, with PAX
 * long names). Throws RangeError on a truncated or malformed archive.
 */
export function readUstar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | null = null;
  while (offset + BLOCK <= archive.length) {
    const h = archive.subarray(offset, offset + BLOCK);
    if (h.every((b) => b === 0)) break;
    const size = octal(h, 124, 12);
    const type = field(h, 156, 1) || '0';
    const start = offset + BLOCK;
    const end = start + size;
    if (!Number.isSafeInteger(size) || end > archive.length)
      throw new RangeError('truncated web bundle archive');
    const data = archive.subarray(start, end);
    if (type === 'x') {
      longName = paxPath(data);
    } else {
      const prefix = field(h, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
      longName = null;
      if (type === '0') files.set(name.replace(/^\.?\/+/, ''), data);
    }
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

/**
 * The delivery's packaged web bundle (the exact archive packaging hashed), or null when the
 * delivery has none. The archive's SHA-256 must match the packaging record, so serve never hosts
 * a build that was changed after packaging. Cached per delivery and hash.
 */
export function createWebBundleSource(io: ControlPlaneIO, projectDir: string) {
  const cache = new Map<string, WebBundle>();
  return (deliveryId: string): WebBundle | null => {
    const session = openDelivery(io, projectDir, deliveryId).read('session');
    const row = packagingRow(session, 'web');
    const artifact = row?.artifacts.find((a) => a.kind === 'web_bundle');
    if (!row || !artifact || !row.distribution_ready || typeof artifact.sha256 !== 'string') return null;
    const hit = cache.get(deliveryId);
    if (hit && hit.sha256 === artifact.sha256) return hit;
    const file = isAbsolute(artifact.path) ? artifact.path : resolve(projectDir, artifact.path);
    const bytes = readFileSync(file);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== artifact.sha256) {
      throw new RangeError(`the web bundle ${artifact.path} changed after packaging (sha256 mismatch)`);
    }
    const bundle: WebBundle = { sha256, files: readUstar(bytes) };
    cache.set(deliveryId, bundle);
    return bundle;
  };
}
export type WebBundleSource = ReturnType<typeof createWebBundleSource>;
