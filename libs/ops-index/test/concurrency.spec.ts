import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteOperationsIndex } from '../src';
import { tempDir } from './helpers';

const WRITER = join(__dirname, 'fixtures/writer.js');

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

describe('two processes at once (real child processes)', () => {
  it('both write the index concurrently (WAL + busy timeout): no write is lost, none fails', async () => {
    const file = join(tempDir(), 'control', 'operations.sqlite');
    const N = 300;
    // Both processes also race to create and migrate the fresh file.
    await Promise.all([run(['index', file, 'a', String(N)]), run(['index', file, 'b', String(N)])]);
    const index = SqliteOperationsIndex.open(file);
    const db = new BetterSqlite3(file, { readonly: true });
    const ids = new Set(
      (db.prepare('SELECT delivery_id FROM delivery_sessions').all() as Array<{ delivery_id: string }>).map(
        (r) => r.delivery_id,
      ),
    );
    db.close();
    expect(ids.size).toBe(2 * N + 1);
    for (const w of ['a', 'b'])
      for (let i = 0; i < N; i++) expect(ids.has(`${w}-${String(i).padStart(4, '0')}`)).toBe(true);
    const shared = await index.get('acme', 'web', 'shared');
    expect(shared?.updated_at_ms).toBe(N - 1);
    await index.close();
  });

  it('audit lines of concurrent writers never interleave: every line is whole and parses', async () => {
    const file = join(tempDir(), 'control', 'control_audit.jsonl');
    const N = 200;
    await Promise.all([run(['audit', file, 'x', String(N)]), run(['audit', file, 'y', String(N)])]);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2 * N);
    const records = lines.map(
      (l) => JSON.parse(l) as { actor: string; details: { delivery_id: string; padding: string } },
    );
    for (const r of records) {
      const w = r.actor.slice('user-'.length);
      expect(r.details.padding).toBe(w.repeat(3000));
      expect(r.details.delivery_id.startsWith(`${w}-`)).toBe(true);
    }
    for (const w of ['x', 'y']) {
      const mine = records.filter((r) => r.actor === `user-${w}`).map((r) => r.details.delivery_id);
      expect(mine).toEqual(Array.from({ length: N }, (_, i) => `${w}-${i}`));
    }
  });
});
