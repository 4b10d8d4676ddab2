import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { collectEntries } from '../src/collect-entries';
import { paxRecord, splitUstarPath } from '../src/tar-format';
import { writeArchive } from '../src/write-archive';
import { tempDir, writeTree } from './helpers/harness';
import { readTar } from './helpers/read-tar';

async function archive(dir: string, mtime = 0) {
  const out = join(tempDir(), 'a.tar');
  await writeArchive(out, collectEntries(dir), { mtime });
  return readTar(out);
}

describe('web lane: the ustar writer', () => {
  it('keeps executable bits as 0755, everything else 0644, folders 0755', async () => {
    const dir = writeTree(tempDir(), {
      'run.sh': { text: 'echo', mode: 0o700 },
      'a.txt': { text: 'a', mode: 0o600 },
    });
    mkdirSync(join(dir, 'empty'));
    const entries = await archive(dir);
    expect(entries.map((e) => [e.name, e.mode.toString(8), e.type])).toEqual([
      ['a.txt', '644', '0'],
      ['empty/', '755', '5'],
      ['run.sh', '755', '0'],
    ]);
  });

  it('stores long and non-ASCII paths (ustar prefix, then PAX) and reads them back exactly', async () => {
    const mid = `${'m'.repeat(90)}/${'n'.repeat(60)}`;
    const long = `${'x'.repeat(120)}/${'y'.repeat(120)}/file.txt`;
    const dir = writeTree(tempDir(), { [`${mid}/f.txt`]: 'mid', [long]: 'long', 'café/menü.html': 'ü' });
    const files = (await archive(dir)).filter((e) => e.type === '0');
    expect(files.map((e) => [e.name, e.content.toString()])).toEqual([
      ['café/menü.html', 'ü'],
      [`${mid}/f.txt`, 'mid'],
      [long, 'long'],
    ]);
  });

  it('keeps symlinks inside the folder as relative links and refuses ones that escape', async () => {
    const dir = writeTree(tempDir(), { 'index.html': 'i', 'sub/page.html': 'p' });
    symlinkSync(join(dir, 'index.html'), join(dir, 'sub/home.html'));
    const links = (await archive(dir)).filter((e) => e.type === '2');
    expect(links.map((e) => [e.name, e.linkname, e.size])).toEqual([['sub/home.html', '../index.html', 0]]);

    symlinkSync(tempDir(), join(dir, 'escape'));
    expect(() => collectEntries(dir)).toThrow(/points outside the output folder/);
  });

  it('splits paths only at a slash, with a name of at most 100 and a prefix of at most 155 bytes', () => {
    expect(splitUstarPath('short.txt')).toEqual({ prefix: '', name: 'short.txt' });
    expect(splitUstarPath(`${'a'.repeat(150)}/b.txt`)).toEqual({ prefix: 'a'.repeat(150), name: 'b.txt' });
    expect(splitUstarPath(`a/${'b'.repeat(101)}`)).toBeNull();
    expect(splitUstarPath('é.txt')).toBeNull();
  });

  it('encodes PAX records with a length that counts itself', () => {
    expect(paxRecord('path', 'a')).toBe('9 path=a\n');
    for (let n = 80; n <= 100; n++) {
      const r = paxRecord('path', 'x'.repeat(n)); // crosses the 2 -> 3 digit boundary
      expect(Buffer.byteLength(r)).toBe(Number(r.split(' ')[0]));
    }
  });

  it('does not depend on the order files were created in or their timestamps', async () => {
    const a = writeTree(tempDir(), { 'b.txt': 'b', 'a/z.txt': 'z', 'a/y.txt': 'y' });
    const b = writeTree(tempDir(), { 'a/y.txt': 'y', 'a/z.txt': 'z', 'b.txt': 'b' });
    const outA = join(tempDir(), 'a.tar');
    const outB = join(tempDir(), 'b.tar');
    await writeArchive(outA, collectEntries(a), { mtime: 5 });
    await writeArchive(outB, collectEntries(b), { mtime: 5 });
    expect(readFileSync(outA).equals(readFileSync(outB))).toBe(true);
  });
});
