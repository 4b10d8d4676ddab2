import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRecipientsFile, normaliseRecipients, resolveUserPath } from '../../src/ingest';
import { tempTree, thrown } from './helpers';

const load = (dir: string, rel: string, extra: { maxBytes?: number; maxEntries?: number } = {}) =>
  loadRecipientsFile(rel, { cwd: dir, homeDir: '/nonexistent-home', ...extra });

describe('loadRecipientsFile: accepted inputs', () => {
  it('spec 15 item 12: the first of recipients/emails holding an array is used', () => {
    const dir = tempTree({ 'r.json': JSON.stringify({ recipients: 'x', emails: ['c@d.co'] }) });
    expect(load(dir, 'r.json')).toEqual(['c@d.co']);
  });

  it('prefers recipients over emails when both are arrays', () => {
    const dir = tempTree({ 'r.json': JSON.stringify({ emails: ['e@x.co'], recipients: ['r@x.co'] }) });
    expect(load(dir, 'r.json')).toEqual(['r@x.co']);
  });

  it('trims JSON items and drops empty ones', () => {
    const dir = tempTree({ 'r.json': JSON.stringify({ recipients: [' a@x.co ', '', '  ', 'b@x.co'] }) });
    expect(load(dir, 'r.json')).toEqual(['a@x.co', 'b@x.co']);
  });

  it('spec 15 item 13: text files drop comments, trailing comments and blank lines', () => {
    const dir = tempTree({ 'r.txt': '# team\n\na@x.co   # lead\r\n  b@x.co\n\n#c@x.co\n' });
    expect(load(dir, 'r.txt')).toEqual(['a@x.co', 'b@x.co']);
  });

  it('spec 15 item 14: an upper-case .JSON suffix is parsed as JSON', () => {
    const dir = tempTree({ 'R.JSON': JSON.stringify({ emails: ['u@x.co'] }) });
    expect(load(dir, 'R.JSON')).toEqual(['u@x.co']);
  });

  it('spec 15 item 4: merged with CLI entries, file first', () => {
    const dir = tempTree({ 'r.txt': 'x@y.com\n' });
    expect(normaliseRecipients(load(dir, 'r.txt'), ['q@q.co'])).toEqual(['x@y.com', 'q@q.co']);
  });

  it('strips a UTF-8 byte order mark', () => {
    const dir = tempTree({
      'r.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a@x.co\n')]),
    });
    expect(load(dir, 'r.txt')).toEqual(['a@x.co']);
  });

  it('expands ~ against the injected home dir and resolves relative paths against cwd', () => {
    const home = tempTree({ 'lists/beta.txt': 'h@x.co\n' });
    expect(loadRecipientsFile('~/lists/beta.txt', { cwd: '/', homeDir: home })).toEqual(['h@x.co']);
    expect(loadRecipientsFile('lists/beta.txt', { cwd: home, homeDir: '/x' })).toEqual(['h@x.co']);
    expect(resolveUserPath('~', '/c', '/h')).toBe(path.resolve('/h'));
    expect(resolveUserPath('~other/x', '/c', '/h')).toBe(path.resolve('/c', '~other/x'));
  });

  it('accepts a file at exactly the size and count limits', () => {
    const body = 'a@x.co\nb@x.co\n';
    const dir = tempTree({ 'r.txt': body });
    expect(load(dir, 'r.txt', { maxBytes: Buffer.byteLength(body), maxEntries: 2 })).toHaveLength(2);
  });
});

describe('loadRecipientsFile: bad inputs', () => {
  const big = 'a@x.co\n'.repeat(20);
  const cases: Array<
    [string, Record<string, string | Buffer>, string, RegExp, { maxBytes?: number; maxEntries?: number }]
  > = [
    ['missing file (spec 15 item 10)', {}, 'nope.txt', /not found/, {}],
    ['a directory', { 'dir/': '' }, 'dir', /is a directory/, {}],
    ['oversized', { 'r.txt': big }, 'r.txt', /over the 100 bytes limit/, { maxBytes: 100 }],
    ['too many entries', { 'r.txt': big }, 'r.txt', /20 entries, over the limit of 5/, { maxEntries: 5 }],
    ['binary (NUL byte)', { 'r.txt': Buffer.from([0x61, 0x00, 0x62]) }, 'r.txt', /binary/, {}],
    [
      'invalid UTF-8',
      { 'r.txt': Buffer.from([0x61, 0x40, 0xff, 0xfe, 0x2e, 0x63]) },
      'r.txt',
      /not valid UTF-8/,
      {},
    ],
    ['invalid JSON', { 'r.json': '{"recipients": [' }, 'r.json', /not valid JSON/, {}],
    [
      'top-level array (spec 15 item 11)',
      { 'r.json': '["a@x.co"]' },
      'r.json',
      /must be an object.*not an array/,
      {},
    ],
    ['top-level string', { 'r.json': '"a@x.co"' }, 'r.json', /must be an object.*not string/, {}],
    [
      'neither key holds an array',
      { 'r.json': '{"recipients": "a@x.co"}' },
      'r.json',
      /"recipients" or "emails" must be a non-empty array/,
      {},
    ],
    [
      'non-string item, with its index',
      { 'r.json': '{"recipients": ["a@x.co", 42]}' },
      'r.json',
      /"recipients"\[1\] is number, not a string/,
      {},
    ],
    ['null item', { 'r.json': '{"emails": [null]}' }, 'r.json', /"emails"\[0\] is null/, {}],
    [
      'object item',
      { 'r.json': '{"emails": [{"email": "a@x.co"}]}' },
      'r.json',
      /"emails"\[0\] is object/,
      {},
    ],
    ['empty array', { 'r.json': '{"recipients": []}' }, 'r.json', /contains no recipient addresses/, {}],
    ['only comments', { 'r.txt': '# nobody yet\n\n' }, 'r.txt', /contains no recipient addresses/, {}],
    [
      'commas in a line',
      { 'r.txt': 'a@x.co\na@x.com,b@x.com\n' },
      'r.txt',
      /line 2 .* put one address per line/,
      {},
    ],
    [
      'semicolons in a line',
      { 'r.txt': 'a@x.com; b@x.com\n' },
      'r.txt',
      /line 1 .* one address per line/,
      {},
    ],
    [
      'commas in a JSON item',
      { 'r.json': '{"recipients": ["a@x.com,b@x.com"]}' },
      'r.json',
      /own array item/,
      {},
    ],
  ];

  // Every row has all five cells: a shorter row would make jest treat the last parameter as `done`.
  it.each(cases)('%s', (_name, tree, rel, want, limits) => {
    const dir = tempTree(tree);
    const e = thrown(() => load(dir, rel, limits));
    expect(e.code).toBe('ERECIPIENTSFILE');
    expect(e.message).toMatch(want);
    expect(e.message).toContain(path.join(dir, rel)); // names the resolved file
    expect(e.hint.length).toBeGreaterThan(0);
  });

  it('rejects an empty path', () => {
    expect(thrown(() => load('/', '  ')).code).toBe('ERECIPIENTSFILE');
  });

  it('loads unicode addresses verbatim, and normalisation then rejects them clearly', () => {
    const dir = tempTree({ 'r.txt': 'dörte@example.com\n' });
    const entries = load(dir, 'r.txt');
    expect(entries).toEqual(['dörte@example.com']);
    const e = thrown(() => normaliseRecipients(entries, []));
    expect(e.code).toBe('EEMAIL');
    expect(String(e.params.reason)).toMatch(/ASCII/);
  });

  it('rejects a FIFO as not a regular file', () => {
    const dir = tempTree();
    const fifo = path.join(dir, 'pipe.txt');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this host
    }
    expect(fs.existsSync(fifo)).toBe(true);
    expect(thrown(() => load(dir, 'pipe.txt')).message).toMatch(/not a regular file/);
  });
});
