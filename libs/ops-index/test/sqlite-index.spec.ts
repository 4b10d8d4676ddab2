import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteOperationsIndex, SCHEMA_VERSION, type DeliveryRow } from '../src';
import { row, tempDir } from './helpers';

const open = () => SqliteOperationsIndex.open(join(tempDir(), 'control', 'operations.sqlite'));
const ids = (rows: DeliveryRow[]) => rows.map((r) => r.delivery_id);

describe('SqliteOperationsIndex', () => {
  it('creates its folder and file in WAL mode with a busy timeout at the current schema version', async () => {
    const index = open();
    await index.close();
    const db = new BetterSqlite3(index.path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    const again = SqliteOperationsIndex.open(index.path, { busyTimeoutMs: 1234 });
    expect(again.schemaVersion).toBe(SCHEMA_VERSION);
    await again.close();
  });

  it('upserts, gets and updates one row; the JSON columns are written as the original did', async () => {
    const index = open();
    const r = row({ delivery_id: 'd1' });
    expect(await index.upsert(r)).toBe(true);
    expect(await index.get('acme', 'web', 'd1')).toEqual(r);
    expect(await index.get('acme', 'other', 'd1')).toBeNull();
    const later = { ...r, updated_at_ms: 2_000, session_phase: 'distributing' as const };
    expect(await index.upsert(later)).toBe(true);
    expect(await index.get('acme', 'web', 'd1')).toEqual(later);
    await index.close();
    const db = new BetterSqlite3(index.path, { readonly: true });
    const stored = db.prepare('SELECT platforms_json, metrics_json FROM delivery_sessions').get();
    db.close();
    expect(stored).toEqual({
      platforms_json: '["web", "ios"]',
      metrics_json:
        '{"activation_rate": 0.0, "install_rate": 1.0, "invite_acceptance_rate": 0.5, ' +
        '"request_to_first_active_ms": null, "request_to_invite_sent_ms": 12, "request_to_store_live_ms": null}',
    });
  });

  it('never moves a row back in time: an older sync arriving late is not written', async () => {
    const index = open();
    await index.upsert(row({ delivery_id: 'd1', updated_at_ms: 5_000, session_phase: 'releasing' }));
    expect(await index.upsert(row({ delivery_id: 'd1', updated_at_ms: 4_000 }))).toBe(false);
    expect((await index.get('acme', 'web', 'd1'))?.session_phase).toBe('releasing');
    await index.close();
  });

  it('lists newest first with phase, mode, time, repo and limit filters', async () => {
    const index = open();
    const rows = [
      row({ delivery_id: 'a', updated_at_ms: 100, session_phase: 'accepted', release_mode: 'beta' }),
      row({ delivery_id: 'b', updated_at_ms: 300, session_phase: 'distributing', release_mode: 'both' }),
      row({ delivery_id: 'c', updated_at_ms: 200, session_phase: 'distributing', release_mode: 'store' }),
      row({ delivery_id: 'd', updated_at_ms: 300, repo_id: 'api', release_mode: 'both' }),
      row({ delivery_id: 'e', updated_at_ms: 999, tenant_id: 'other' }),
    ];
    for (const r of rows) await index.upsert(r);
    const t = { tenantId: 'acme' };
    expect(ids(await index.list(t))).toEqual(['b', 'd', 'c', 'a']);
    expect(ids(await index.list({ ...t, repoId: 'web' }))).toEqual(['b', 'c', 'a']);
    expect(ids(await index.list({ ...t, phase: 'distributing' }))).toEqual(['b', 'c']);
    expect(ids(await index.list({ ...t, releaseMode: 'both' }))).toEqual(['b', 'd']);
    expect(ids(await index.list({ ...t, sinceMs: 200, untilMs: 300 }))).toEqual(['b', 'd', 'c']);
    expect(ids(await index.list({ ...t, untilMs: 199 }))).toEqual(['a']);
    expect(ids(await index.list({ ...t, limit: 2 }))).toEqual(['b', 'd']);
    expect(ids(await index.list({ ...t, limit: 0 }))).toEqual(['b']);
    expect(ids(await index.list({ tenantId: 'other' }))).toEqual(['e']);
    await index.close();
  });

  it('caps a list at 500 rows and defaults to 50', async () => {
    const index = open();
    const many = Array.from({ length: 520 }, (_, i) =>
      row({ delivery_id: `d${String(i).padStart(3, '0')}`, updated_at_ms: i }),
    );
    await index.replaceAll('acme', many);
    expect(await index.list({ tenantId: 'acme' })).toHaveLength(50);
    expect(await index.list({ tenantId: 'acme', limit: 10_000 })).toHaveLength(500);
    await index.close();
  });

  it('deletes one repo and replaces a whole tenant atomically', async () => {
    const index = open();
    for (const r of [
      row({ delivery_id: 'a' }),
      row({ delivery_id: 'b', repo_id: 'api' }),
      row({ delivery_id: 'c', tenant_id: 'other' }),
    ])
      await index.upsert(r);
    expect(await index.deleteRepo('acme', 'api')).toBe(1);
    expect(ids(await index.list({ tenantId: 'acme' }))).toEqual(['a']);

    // A bad row in the middle rolls the whole replacement back.
    await expect(
      index.replaceAll('acme', [row({ delivery_id: 'x' }), row({ delivery_id: 'y', tenant_id: 'other' })]),
    ).rejects.toThrow(/belongs to tenant other/);
    expect(ids(await index.list({ tenantId: 'acme' }))).toEqual(['a']);

    expect(await index.replaceAll('acme', [row({ delivery_id: 'x' }), row({ delivery_id: 'z' })])).toEqual({
      removed: 1,
      inserted: 2,
    });
    expect(ids(await index.list({ tenantId: 'acme' }))).toEqual(['x', 'z']);
    expect(ids(await index.list({ tenantId: 'other' }))).toEqual(['c']);
    await index.close();
  });
});
