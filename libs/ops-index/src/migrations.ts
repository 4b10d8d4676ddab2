import type { Database } from 'better-sqlite3';
import { akcError } from '@akc/core';

/** One schema step; `up` runs inside the migration transaction. */
interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

/** Extra columns of schema v2 (all nullable or defaulted, so rows of v1 writers stay valid). */
const V2_COLUMNS: ReadonlyArray<readonly [name: string, type: string]> = [
  ['created_at_ms', 'INTEGER'],
  ['recipients_invited', 'INTEGER NOT NULL DEFAULT 0'],
  ['recipients_installed', 'INTEGER NOT NULL DEFAULT 0'],
  ['recipients_active', 'INTEGER NOT NULL DEFAULT 0'],
  ['gate_status', 'TEXT'],
];

/**
 * The schema history, recorded in `PRAGMA user_version`. Never edit a released step; add one.
 * v1 is the table of spec 12.2 verbatim (`IF NOT EXISTS`: the file may already hold it, written
 * by the original tool); v2 adds per-status recipient counts, the gate and the creation time.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'delivery_sessions as in spec 12.2',
    up: (db) =>
      db.exec(`
CREATE TABLE IF NOT EXISTS delivery_sessions (
  tenant_id TEXT NOT NULL, repo_id TEXT NOT NULL, delivery_id TEXT NOT NULL,
  updated_at_ms INTEGER NOT NULL, session_phase TEXT NOT NULL,
  compile_run_id TEXT, release_mode TEXT,
  session_rel_path TEXT NOT NULL, events_rel_path TEXT NOT NULL,
  recipient_count INTEGER NOT NULL DEFAULT 0,
  platforms_json TEXT, metrics_json TEXT,
  PRIMARY KEY (tenant_id, repo_id, delivery_id));
CREATE INDEX IF NOT EXISTS idx_delivery_sessions_updated ON delivery_sessions(updated_at_ms);
CREATE INDEX IF NOT EXISTS idx_delivery_sessions_repo ON delivery_sessions(tenant_id, repo_id);`),
  },
  {
    version: 2,
    description: 'recipient status counts, gate status, created_at_ms; tenant+updated index',
    up: (db) => {
      const have = new Set(
        (db.prepare('PRAGMA table_info(delivery_sessions)').all() as Array<{ name: string }>).map(
          (c) => c.name,
        ),
      );
      for (const [name, type] of V2_COLUMNS)
        if (!have.has(name)) db.exec(`ALTER TABLE delivery_sessions ADD COLUMN ${name} ${type}`);
      db.exec(
        'CREATE INDEX IF NOT EXISTS idx_delivery_sessions_tenant_updated ON delivery_sessions(tenant_id, updated_at_ms)',
      );
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the database to {@link SCHEMA_VERSION}. Runs in one IMMEDIATE transaction that re-reads
 * the version, so two processes opening a fresh file at once migrate it exactly once.
 * @throws AkcError EOPSINDEX when the file was written by a newer schema.
 */
export function migrate(db: Database, file: string): number {
  const newer = () =>
    akcError('EOPSINDEX', {
      path: file,
      reason: `its schema version ${userVersion(db)} is newer than this akc understands (${SCHEMA_VERSION})`,
      hint: 'Upgrade akc, or point this akc at its own outputs_root.',
    });
  if (userVersion(db) > SCHEMA_VERSION) throw newer();
  if (userVersion(db) === SCHEMA_VERSION) return SCHEMA_VERSION;
  db.transaction(() => {
    const from = userVersion(db);
    if (from > SCHEMA_VERSION) throw newer();
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return userVersion(db);
}
