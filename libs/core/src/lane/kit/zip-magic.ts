import { closeSync, openSync, readSync } from 'node:fs';

const LOCAL_FILE_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** True when the file starts with a zip local-file header (`PK\x03\x04`), as every .ipa/.aab/.apk does. */
export function hasZipMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.equals(LOCAL_FILE_HEADER);
  } finally {
    closeSync(fd);
  }
}
