import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryStore, computeDeliveryMetrics } from '@akc/core';
import {
  buildDeliveryRow,
  encodeMetrics,
  queryRows,
  readDeliveryRow,
  resolveOpsScope,
  scanProjectDeliveries,
  scanTenantDeliveries,
} from '../src';
import { scopedProject, submit, tempDir } from './helpers';

describe('rows from delivery files', () => {
  it('builds the spec 12.2 row from the request and session', () => {
    const project = scopedProject(tempDir(), 'acme', 'web');
    const id = submit(project, {
      platforms: 'web,ios',
      releaseMode: 'both',
      recipients: ['a@x.com', 'b@x.com', 'c@x.com'],
    });
    const store = new DeliveryStore(project, id, { now: Date.now });
    store.transact((tx) => {
      const s = tx.get('session');
      s.per_recipient['a@x.com']!.status = 'active';
      s.per_recipient['b@x.com']!.status = 'invited';
      s.compile_run_id = '  run-9  ';
      tx.put('session', s);
    });
    const request = store.read('request');
    const session = store.read('session');
    const row = readDeliveryRow(project, { tenantId: 'acme', repoId: 'web' }, id);
    expect(row).toEqual({
      tenant_id: 'acme',
      repo_id: 'web',
      delivery_id: id,
      updated_at_ms: session.updated_at_unix_ms,
      created_at_ms: session.created_at_unix_ms,
      session_phase: session.session_phase,
      release_mode: 'both',
      compile_run_id: 'run-9',
      session_rel_path: `acme/web/.akc/delivery/${id}/session.json`,
      events_rel_path: `acme/web/.akc/delivery/${id}/events.json`,
      recipient_count: 3,
      recipients: { invited: 1, installed: 0, active: 1 },
      gate_status: 'pending',
      platforms: ['web', 'ios'],
      metrics: computeDeliveryMetrics(request, session),
    });
    expect(buildDeliveryRow({ tenantId: 'acme', repoId: 'web' }, request, session)).toEqual(row);
    expect(encodeMetrics(row.metrics!)).toMatch(/^\{"activation_rate": [0-9.]+, "install_rate": 0\.0, /);
  });

  it('scans a tenant: every repo, unreadable deliveries reported with the reason, non-deliveries ignored', () => {
    const root = tempDir();
    const web = scopedProject(root, 'acme', 'web');
    const api = scopedProject(root, 'acme', 'api');
    const a = submit(web);
    const b = submit(api);
    const broken = submit(api);
    writeFileSync(join(api, '.akc/delivery', broken, 'session.json'), '{"not": "a session"}');
    mkdirSync(join(api, '.akc/delivery/empty-folder'));
    symlinkSync(join(web, '.akc/delivery', a), join(api, '.akc/delivery/linked'));
    mkdirSync(join(root, 'acme', 'not-a-repo'), { recursive: true });
    mkdirSync(join(root, 'acme', 'bad..name', '.akc', 'delivery'), { recursive: true });
    const s = resolveOpsScope(web);
    if (!s.scoped) throw new Error(s.reason);
    const scan = scanTenantDeliveries(s.scope);
    expect(scan.repos).toEqual(['api', 'web']);
    expect(scan.rows.map((r) => `${r.repo_id}/${r.delivery_id}`).sort()).toEqual(
      [`api/${b}`, `web/${a}`].sort(),
    );
    const skipped = Object.fromEntries(scan.skipped.map((x) => [`${x.repo_id}/${x.delivery_id}`, x.reason]));
    expect(skipped[`api/${broken}`]).toMatch(/^ECORRUPT /);
    expect(skipped['api/empty-folder']).toMatch(/^ENOTFOUND missing delivery request/);
    expect(skipped['api/linked']).toMatch(/symbolic links are not followed/);
    expect(skipped['bad..name/*']).toMatch(/not a safe id/);
    expect(scan.skipped).toHaveLength(4);
  });

  it('the in-memory query of a project scan has the index semantics', () => {
    const project = join(tempDir(), 'plain');
    mkdirSync(project);
    const ids = ['beta', 'both', 'beta'].map((mode) => submit(project, { releaseMode: mode }));
    const scan = scanProjectDeliveries(project, { tenantId: 'local', repoId: 'local' });
    expect(scan.skipped).toEqual([]);
    const both = queryRows(scan.rows, { tenantId: 'local', releaseMode: 'both' });
    expect(both.map((r) => r.delivery_id)).toEqual([ids[1]]);
    const all = queryRows(scan.rows, { tenantId: 'local', limit: 2 });
    expect(all).toHaveLength(2);
    expect(all[0]!.updated_at_ms).toBeGreaterThanOrEqual(all[1]!.updated_at_ms);
  });
});
