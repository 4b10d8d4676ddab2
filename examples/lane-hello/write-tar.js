// A minimal, reproducible POSIX ustar writer for small in-memory files: entries sorted by path,
// uid/gid 0, empty owner names, one fixed mtime, mode 0644. Enough for a page or two; a real
// lane with large outputs should stream (see @akc/lane-web's README for the full guarantees).
'use strict';
const { writeFile } = require('node:fs/promises');

function octal(value, length) {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function header(path, size, mtime) {
  if (!/^[\x20-\x7e]{1,100}$/.test(path)) throw new Error(`write-tar: unsupported path '${path}'`);
  const h = Buffer.alloc(512, 0);
  h.write(path, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(mtime, 12), 136);
  h.fill(0x20, 148, 156);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.write(octal(0, 8), 329);
  h.write(octal(0, 8), 337);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}

/**
 * Write `files` ({ path, content: Buffer }) as a ustar archive at `target`.
 * @param {string} target
 * @param {{ path: string, content: Buffer }[]} files
 * @param {number} mtime seconds since the epoch, the same for every entry
 */
async function writeTar(target, files, mtime) {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  const blocks = [];
  for (const f of sorted) {
    blocks.push(
      header(f.path, f.content.length, mtime),
      f.content,
      Buffer.alloc((512 - (f.content.length % 512)) % 512),
    );
  }
  blocks.push(Buffer.alloc(1024, 0));
  await writeFile(target, Buffer.concat(blocks));
}

module.exports = { writeTar };
