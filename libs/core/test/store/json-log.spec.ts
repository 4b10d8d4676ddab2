import { readFileSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  appendRows,
  chainRows,
  GENESIS_HASH,
  logHeaderText,
  LOG_TRAILER,
  openLogTail,
  rowHash,
} from '../../src/store/json-log';
import { tempProject } from '../helpers';

const dir = tempProject();

function newLog(name: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    logHeaderText({ schema_version: 1, schema_id: 'akc:delivery_events:v1', delivery_id: 'd' }, 'events') +
      LOG_TRAILER,
  );
  return file;
}

function appendN(file: string, n: number, from = 0): void {
  let tail = openLogTail(file, true)!.tail;
  for (let i = 0; i < n; i++) {
    const rows = chainRows(tail, [
      { event_type: 'delivery.test.appended', payload: { i: from + i, text: 'é ü 漢字' } },
    ]);
    tail = appendRows(file, tail, rows);
  }
}

describe('append-only JSON log', () => {
  it('stays one valid JSON document after every append, with a gap-free hash chain', () => {
    const file = newLog('a.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).events).toEqual([]);
    for (let i = 0; i < 20; i++) {
      appendN(file, 1, i);
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      expect(doc.events).toHaveLength(i + 1);
    }
    const rows = JSON.parse(readFileSync(file, 'utf8')).events as Array<{
      seq: number;
      prev_hash: string;
      hash: string;
    }>;
    let prev = GENESIS_HASH;
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(r.prev_hash).toBe(prev);
      expect(rowHash(r)).toBe(r.hash);
      prev = r.hash;
    });
  });

  it('writes only the new bytes: the earlier part of the file is untouched by an append', () => {
    const file = newLog('b.json');
    appendN(file, 50);
    const before = readFileSync(file);
    appendN(file, 1, 50);
    const after = readFileSync(file);
    const keep = before.length - LOG_TRAILER.length;
    expect(after.subarray(0, keep).equals(before.subarray(0, keep))).toBe(true);
  });

  it('repairs a torn tail cut at every byte of the last append, keeping every whole row', () => {
    const file = newLog('c.json');
    appendN(file, 3);
    const whole3 = readFileSync(file);
    appendN(file, 1, 3);
    const whole4 = readFileSync(file);
    const start = whole3.length - LOG_TRAILER.length;
    for (let cut = start; cut < whole4.length; cut++) {
      writeFileSync(file, whole4.subarray(0, cut));
      const opened = openLogTail(file, true);
      expect(opened).not.toBeNull();
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      // Either the log is as before the append, or it has the new row whole.
      expect([3, 4]).toContain(doc.events.length);
      expect(opened!.tail.lastSeq).toBe(doc.events.length);
      // And it can be appended to again with a continuous chain.
      appendN(file, 1, 99);
      const again = JSON.parse(readFileSync(file, 'utf8')).events;
      expect(again[again.length - 1].seq).toBe(doc.events.length + 1);
      expect(again[again.length - 1].prev_hash).toBe(doc.events[doc.events.length - 1].hash);
    }
  });

  it('repairs garbage appended after the trailer and an empty log torn after its header', () => {
    const file = newLog('d.json');
    appendN(file, 2);
    writeFileSync(file, readFileSync(file, 'utf8') + '{"seq":3,"partial');
    expect(openLogTail(file, true)!.tail.lastSeq).toBe(2);
    expect(JSON.parse(readFileSync(file, 'utf8')).events).toHaveLength(2);

    const empty = newLog('e.json');
    truncateSync(empty, statSync(empty).size - 2);
    expect(openLogTail(empty, true)!.tail.lastSeq).toBe(0);
    expect(JSON.parse(readFileSync(empty, 'utf8')).events).toEqual([]);
  });

  it('reads only the tail: a row longer than the first read chunk is still found', () => {
    const file = newLog('f.json');
    let tail = openLogTail(file, true)!.tail;
    tail = appendRows(file, tail, chainRows(tail, [{ big: 'x'.repeat(200_000) }]));
    const found = openLogTail(file, false)!.tail;
    expect(found).toEqual(tail);
  });

  it('reports a file whose header is destroyed as unrecoverable', () => {
    const file = join(dir, 'g.json');
    writeFileSync(file, 'not a log at all');
    expect(openLogTail(file, true)).toBeNull();
  });
});
