import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION, SqliteOperationsIndex } from '../src';
import { row, tempDir } from './helpers';

/** The spec 12.2 DDL exactly, as a file written by the original tool holds it. */
const SPEC_DDL = `CREATE TABLE IF NOT EXISTS delivery_sessions (
  tenant_id TEXT NOT NULL, repo_id TEXT NOT NULL, delivery_id TEXT NOT NULL,
  updated_at_ms INTEGER NOT NULL, session_phase TEXT NOT NULL,
  compile_run_id TEXT, release_mode TEXT,
  session_rel_path TEXT NOT NULL, events_rel_path TEXT NOT NULL,
  recipient_count INTEGER NOT NULL DEFAULT 0,
  platforms_json TEXT, metrics_json TEXT,
  PRIMARY KEY (tenant_id, repo_id, delivery_id));
CREATE TABLE compile_runs (run_id TEXT PRIMARY KEY);`;

function legacyFile(): string {
  const dir = join(tempDir(), 'control');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'operations.sqlite');
  const db = new BetterSqlite3(file);
  db.exec(SPEC_DDL);
  db.prepare(
    `INSERT INTO delivery_sessions VALUES ('acme','web','old',100,'completed',' run-1 ','beta',
     'acme/web/.akc/delivery/old/session.json','acme/web/.akc/delivery/old/events.json',3,'["web"]','{}')`,
  ).run();
  db.prepare("INSERT INTO compile_runs VALUES ('run-1')").run();
  db.close();
  return file;
}

describe('schema migrations (PRAGMA user_version)', () => {
  it('versions are consecutive from 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('upgrades a file of the original tool in place, keeping its rows and other tables', async () => {
    const file = legacyFile();
    const index = SqliteOperationsIndex.open(file);
    expect(index.schemaVersion).toBe(SCHEMA_VERSION);
    const old = await index.get('acme', 'web', 'old');
    expect(old).toMatchObject({
      session_phase: 'completed',
      recipient_count: 3,
      created_at_ms: null,
      recipients: { invited: 0, installed: 0, active: 0 },
      gate_status: null,
      platforms: ['web'],
    });
    await index.upsert(row({ delivery_id: 'new', gate_status: 'pending' }));
    await index.close();
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM compile_runs').get()).toEqual({ n: 1 });
    const columns = (db.prepare('PRAGMA table_info(delivery_sessions)').all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    expect(columns).toEqual(expect.arrayContaining(['created_at_ms', 'recipients_active', 'gate_status']));
    const indexes = (db.prepare('PRAGMA index_list(delivery_sessions)').all() as Array<{ name: string }>).map(
      (i) => i.name,
    );
    expect(indexes).toEqual(expect.arrayContaining(['idx_delivery_sessions_tenant_updated']));
    db.close();
  });

  it('migrates a file at version 1 only by the later steps, and reopening changes nothing', async () => {
    const file = legacyFile();
    const db = new BetterSqlite3(file);
    MIGRATIONS[0]!.up(db);
    db.pragma('user_version = 1');
    db.close();
    const index = SqliteOperationsIndex.open(file);
    expect(index.schemaVersion).toBe(SCHEMA_VERSION);
    await index.close();
    const reopened = SqliteOperationsIndex.open(file);
    expect(await reopened.get('acme', 'web', 'old')).not.toBeNull();
    await reopened.close();
  });

  it('refuses a file written by a newer schema with EOPSINDEX, without touching it', () => {
    const file = legacyFile();
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    let err: unknown;
    try {
      SqliteOperationsIndex.open(file);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'EOPSINDEX', exit: 2 });
    expect((err as Error).message).toMatch(/newer than this akc understands/);
    const after = new BetterSqlite3(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    after.close();
  });
});
