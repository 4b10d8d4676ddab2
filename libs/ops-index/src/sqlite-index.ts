import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { DeliveryMetrics, Platform, ReleaseMode, SessionPhase } from '@akc/core';
import { decodeJson, encodeMetrics, encodePlatforms } from './delivery-row';
import { migrate } from './migrations';
import { effectiveLimit } from './query';
import type { DeliveryListQuery, DeliveryRow, OperationsIndex } from './types';

/** Options of {@link SqliteOperationsIndex.open}. */
export interface SqliteIndexOptions {
  /**
   * How long a writer waits for another process's lock before failing (SQLITE_BUSY).
   * @default 5000
   */
  busyTimeoutMs?: number;
}

/** A `delivery_sessions` row as stored. */
interface StoredRow {
  tenant_id: string;
  repo_id: string;
  delivery_id: string;
  updated_at_ms: number;
  created_at_ms: number | null;
  session_phase: string;
  release_mode: string | null;
  compile_run_id: string | null;
  session_rel_path: string;
  events_rel_path: string;
  recipient_count: number;
  recipients_invited: number;
  recipients_installed: number;
  recipients_active: number;
  gate_status: string | null;
  platforms_json: string | null;
  metrics_json: string | null;
}

const COLUMNS = [
  'tenant_id',
  'repo_id',
  'delivery_id',
  'updated_at_ms',
  'created_at_ms',
  'session_phase',
  'compile_run_id',
  'release_mode',
  'session_rel_path',
  'events_rel_path',
  'recipient_count',
  'recipients_invited',
  'recipients_installed',
  'recipients_active',
  'gate_status',
  'platforms_json',
  'metrics_json',
] as const satisfies ReadonlyArray<keyof StoredRow>;
const KEY = new Set<string>(['tenant_id', 'repo_id', 'delivery_id']);

const UPSERT = `INSERT INTO delivery_sessions (${COLUMNS.join(', ')})
VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
ON CONFLICT (tenant_id, repo_id, delivery_id) DO UPDATE SET
  ${COLUMNS.filter((c) => !KEY.has(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(',\n  ')}
WHERE excluded.updated_at_ms >= delivery_sessions.updated_at_ms`;

function toStored(row: DeliveryRow): StoredRow {
  return {
    tenant_id: row.tenant_id,
    repo_id: row.repo_id,
    delivery_id: row.delivery_id,
    updated_at_ms: row.updated_at_ms,
    created_at_ms: row.created_at_ms,
    session_phase: row.session_phase,
    release_mode: row.release_mode,
    compile_run_id: row.compile_run_id,
    session_rel_path: row.session_rel_path,
    events_rel_path: row.events_rel_path,
    recipient_count: row.recipient_count,
    recipients_invited: row.recipients.invited,
    recipients_installed: row.recipients.installed,
    recipients_active: row.recipients.active,
    gate_status: row.gate_status,
    platforms_json: encodePlatforms(row.platforms),
    metrics_json: row.metrics ? encodeMetrics(row.metrics) : null,
  };
}

function fromStored(s: StoredRow): DeliveryRow {
  return {
    tenant_id: s.tenant_id,
    repo_id: s.repo_id,
    delivery_id: s.delivery_id,
    updated_at_ms: s.updated_at_ms,
    created_at_ms: s.created_at_ms,
    session_phase: s.session_phase as SessionPhase,
    release_mode: s.release_mode as ReleaseMode | null,
    compile_run_id: s.compile_run_id,
    session_rel_path: s.session_rel_path,
    events_rel_path: s.events_rel_path,
    recipient_count: s.recipient_count,
    recipients: {
      invited: s.recipients_invited,
      installed: s.recipients_installed,
      active: s.recipients_active,
    },
    gate_status: s.gate_status,
    platforms: decodeJson<Platform[]>(s.platforms_json) ?? [],
    metrics: decodeJson<DeliveryMetrics>(s.metrics_json),
  };
}

/**
 * {@link OperationsIndex} on one SQLite file (better-sqlite3, loaded only when a file is opened,
 * so commands that never touch the index never pay for the native module). WAL journal and a
 * busy timeout let several `akc` processes and `akc deliver serve` write at once.
 * @example
 * const index = SqliteOperationsIndex.open(scope.dbPath);
 * try { await index.upsert(row); } finally { await index.close(); }
 */
export class SqliteOperationsIndex implements OperationsIndex {
  private constructor(
    private readonly db: Database,
    /** The database file. */
    readonly path: string,
    /** `PRAGMA user_version` after migration. */
    readonly schemaVersion: number,
  ) {}

  /** Open (creating the file and its folder if needed) and migrate to the current schema. */
  static open(file: string, opts: SqliteIndexOptions = {}): SqliteOperationsIndex {
    mkdirSync(dirname(file), { recursive: true });
    // Lazy on purpose: `akc deliver status` in an unscoped project never loads the native module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const BetterSqlite3 = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new BetterSqlite3(file, { timeout: opts.busyTimeoutMs ?? 5000 });
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const version = migrate(db, file);
      return new SqliteOperationsIndex(db, file, version);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  async upsert(row: DeliveryRow): Promise<boolean> {
    return this.db.prepare(UPSERT).run(toStored(row)).changes > 0;
  }

  async get(tenantId: string, repoId: string, deliveryId: string): Promise<DeliveryRow | null> {
    const s = this.db
      .prepare('SELECT * FROM delivery_sessions WHERE tenant_id = ? AND repo_id = ? AND delivery_id = ?')
      .get(tenantId, repoId, deliveryId) as StoredRow | undefined;
    return s ? fromStored(s) : null;
  }

  async list(q: DeliveryListQuery): Promise<DeliveryRow[]> {
    const where = ['tenant_id = @tenantId'];
    if (q.repoId !== undefined) where.push('repo_id = @repoId');
    if (q.phase !== undefined) where.push('session_phase = @phase');
    if (q.releaseMode !== undefined) where.push('release_mode = @releaseMode');
    if (q.sinceMs !== undefined) where.push('updated_at_ms >= @sinceMs');
    if (q.untilMs !== undefined) where.push('updated_at_ms <= @untilMs');
    const sql = `SELECT * FROM delivery_sessions WHERE ${where.join(' AND ')}
ORDER BY updated_at_ms DESC, delivery_id ASC LIMIT @limit`;
    const params: Record<string, string | number> = { tenantId: q.tenantId, limit: effectiveLimit(q.limit) };
    if (q.repoId !== undefined) params.repoId = q.repoId;
    if (q.phase !== undefined) params.phase = q.phase;
    if (q.releaseMode !== undefined) params.releaseMode = q.releaseMode;
    if (q.sinceMs !== undefined) params.sinceMs = q.sinceMs;
    if (q.untilMs !== undefined) params.untilMs = q.untilMs;
    return (this.db.prepare(sql).all(params) as StoredRow[]).map(fromStored);
  }

  async deleteRepo(tenantId: string, repoId: string): Promise<number> {
    return this.db
      .prepare('DELETE FROM delivery_sessions WHERE tenant_id = ? AND repo_id = ?')
      .run(tenantId, repoId).changes;
  }

  async replaceAll(
    tenantId: string,
    rows: readonly DeliveryRow[],
  ): Promise<{ removed: number; inserted: number }> {
    const del = this.db.prepare('DELETE FROM delivery_sessions WHERE tenant_id = ?');
    const ins = this.db.prepare(UPSERT);
    const run = this.db.transaction(() => {
      const removed = del.run(tenantId).changes;
      let inserted = 0;
      for (const row of rows) {
        if (row.tenant_id !== tenantId)
          throw new Error(
            `replaceAll(${tenantId}): row ${row.delivery_id} belongs to tenant ${row.tenant_id}`,
          );
        inserted += ins.run(toStored(row)).changes;
      }
      return { removed, inserted };
    });
    return run.immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
