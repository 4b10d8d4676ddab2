import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteOperationsIndex, type DeliveryRow } from '@akc/ops-index';
import { akc, RELAXED, snapshotTree, tempDir } from './run-cli';
import { fixtureApp } from './sandbox-project';

const ENV = { ...RELAXED, USER: 'ci-bot' };

/** `<root>/acme/<repo>`: the fixture app, scoped to tenant acme by its project.json. */
function scopedProject(root: string, repo = 'web'): string {
  const dir = join(root, 'acme', repo);
  mkdirSync(dir, { recursive: true });
  fixtureApp.writeFixtureApp(dir);
  writeFileSync(
    join(dir, '.akc/project.json'),
    JSON.stringify({ outputs_root: '../..', tenant_id: 'acme', repo_id: repo }),
  );
  return dir;
}

function run(cwd: string, args: string[], env: Record<string, string> = ENV) {
  const r = akc(args, { cwd, env });
  if (r.code !== 0) throw new Error(`akc ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

function submit(cwd: string, mode: string, extra: string[] = []): string {
  const r = run(cwd, [
    'deliver',
    '--request',
    'Notes',
    '--recipient',
    'a@x.com',
    '--recipient',
    'b@x.com',
    '--platforms',
    'web',
    '--release-mode',
    mode,
    '--json',
    ...extra,
  ]);
  return (JSON.parse(r.stdout) as { delivery_id: string }).delivery_id;
}

async function indexRow(root: string, repo: string, id: string): Promise<DeliveryRow | null> {
  const index = SqliteOperationsIndex.open(join(root, 'acme/.akc/control/operations.sqlite'));
  try {
    return await index.get('acme', repo, id);
  } finally {
    await index.close();
  }
}

function audit(
  root: string,
): Array<{ action: string; actor: string; tenant_id: string; details: Record<string, unknown> }> {
  const file = join(root, 'acme/.akc/control/control_audit.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const list = (cwd: string, args: string[] = []) =>
  JSON.parse(run(cwd, ['deliver', 'list', '--json', ...args]).stdout) as {
    source: string;
    not_scoped_reason: string | null;
    repo_id: string | null;
    count: number;
    deliveries: DeliveryRow[];
    skipped: Array<{ delivery_id: string; reason: string }>;
  };

describe('operations index and control audit through the CLI (spec 12)', () => {
  it('each command syncs the row once and audits its control actions', async () => {
    const root = tempDir();
    const web = scopedProject(root);
    const id = submit(web, 'both', ['--package', '--execute']);
    expect(await indexRow(root, 'web', id)).toMatchObject({
      session_phase: 'distributing',
      release_mode: 'both',
      recipient_count: 2,
      recipients: { invited: 2, installed: 0, active: 0 },
      gate_status: 'pending',
      platforms: ['web'],
      session_rel_path: `acme/web/.akc/delivery/${id}/session.json`,
      metrics: expect.objectContaining({ install_rate: 0, request_to_invite_sent_ms: expect.any(Number) }),
    });

    run(web, ['deliver', 'gate-pass', '--delivery-id', id, '--note', 'good']);
    expect((await indexRow(root, 'web', id))?.gate_status).toBe('passed');
    run(web, ['deliver', 'resend', '--delivery-id', id, '--recipient', 'A@x.com']);
    const before = (await indexRow(root, 'web', id))!.updated_at_ms;
    run(web, ['deliver', 'promote', '--delivery-id', id, '--lane', 'store', '--execute']);
    const promoted = await indexRow(root, 'web', id);
    expect(promoted!.updated_at_ms).toBeGreaterThan(before);
    const status = JSON.parse(run(web, ['deliver', 'status', '--delivery-id', id, '--json']).stdout);
    expect(promoted!.session_phase).toBe(status.session.session_phase);
    expect(promoted!.updated_at_ms).toBe(status.session.updated_at_unix_ms);

    const records = audit(root);
    expect(records.map((r) => r.action)).toEqual([
      'delivery.recipients.initialized',
      'delivery.preflight.decision',
      'delivery.distribution.completed',
      'delivery.human_gate.passed',
      'delivery.invite.resend',
      'delivery.distribution.completed',
      'delivery.store.promote',
      expect.stringMatching(/^delivery\.distribution\.(completed|failed)$/),
    ]);
    for (const r of records)
      expect(r).toMatchObject({ actor: 'ci-bot', tenant_id: 'acme', details: { delivery_id: id } });
    expect(records[4]!.details).toEqual({ delivery_id: id, recipient: 'a@x.com' });
    expect(records[6]!.details).toEqual({ delivery_id: id, lane: 'store' });
  });

  it('list filters the index, newest first, and --all-repos spans the tenant', () => {
    const root = tempDir();
    const web = scopedProject(root);
    const api = scopedProject(root, 'api');
    const beta = submit(web, 'beta');
    const both = submit(web, 'both');
    const store = submit(web, 'store');
    const other = submit(api, 'beta');
    const all = list(web);
    expect(all).toMatchObject({ source: 'index', not_scoped_reason: null, repo_id: 'web', count: 3 });
    expect(all.deliveries.map((d) => d.delivery_id)).toEqual([store, both, beta]);
    expect(list(web, ['--mode', 'both']).deliveries.map((d) => d.delivery_id)).toEqual([both]);
    expect(list(web, ['--phase', 'accepted', '--limit', '2']).deliveries.map((d) => d.delivery_id)).toEqual([
      store,
      both,
    ]);
    expect(list(web, ['--phase', 'distributing']).count).toBe(0);
    const newest = all.deliveries[0]!.updated_at_ms;
    expect(list(web, ['--since', String(newest)]).deliveries.map((d) => d.delivery_id)).toEqual([store]);
    expect(list(web, ['--until', '2000-01-01']).count).toBe(0);
    expect(list(web, ['--since', '2000-01-01T00:00:00Z', '--until', '2999-12-31']).count).toBe(3);
    const tenant = list(web, ['--all-repos']);
    expect(tenant.repo_id).toBeNull();
    expect(tenant.deliveries.map((d) => `${d.repo_id}/${d.delivery_id}`)).toEqual(
      expect.arrayContaining([`api/${other}`, `web/${beta}`]),
    );
    expect(tenant.count).toBe(4);

    const human = run(web, ['deliver', 'list', '--all-repos']).stdout;
    expect(human).toMatch(/^ID\s+REPO\s+PHASE\s+MODE\s+RECIPIENTS\s+ACTIVE\s+UPDATED\n/);
    expect(human).toMatch(
      new RegExp(`${both}\\s+web\\s+accepted\\s+both\\s+2\\s+0/2\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}Z`),
    );
    expect(human).toContain('source: operations index');

    for (const [args, code] of [
      [['--since', 'yesterday'], 'EFILTER'],
      [['--until', '2026-13-45'], 'EFILTER'],
      [['--since', '2026-05-02', '--until', '2026-05-01'], 'EFILTER'],
      [['--phase', 'shipping'], 'EFILTER'],
      [['--limit', '501'], 'EUSAGE'],
      [['--mode', 'prod'], 'EUSAGE'],
    ] as const) {
      const r = akc(['deliver', 'list', ...args], { cwd: web, env: ENV });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(code);
    }
  });

  it('reindex rebuilds a deleted index from every repo, reporting what it skipped', () => {
    const root = tempDir();
    const web = scopedProject(root);
    const api = scopedProject(root, 'api');
    const ids = [submit(web, 'beta'), submit(web, 'both'), submit(api, 'store')];
    const broken = submit(api, 'beta');
    const before = list(web, ['--all-repos']);
    writeFileSync(join(api, '.akc/delivery', broken, 'session.json'), '{ torn');
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(root, `acme/.akc/control/operations.sqlite${suffix}`), { force: true });

    const empty = run(web, ['deliver', 'list']).stdout;
    expect(empty).toContain('no deliveries match');
    expect(empty).toContain('akc deliver reindex');

    const r = JSON.parse(run(web, ['deliver', 'reindex', '--json']).stdout);
    expect(r).toMatchObject({ tenant_id: 'acme', repos: ['api', 'web'], indexed: 3, replaced: 0 });
    expect(r.skipped).toEqual([
      expect.objectContaining({
        repo_id: 'api',
        delivery_id: broken,
        reason: expect.stringMatching(/^ECORRUPT/),
      }),
    ]);
    const after = list(web, ['--all-repos']);
    expect(after.deliveries.map((d) => d.delivery_id).sort()).toEqual([...ids].sort());
    expect(after.deliveries).toEqual(before.deliveries.filter((d) => d.delivery_id !== broken));

    const human = run(api, ['deliver', 'reindex']).stdout;
    expect(human).toMatch(
      /reindexed 3 deliveries from 2 repo\(s\) of tenant acme .* \(replacing 3 row\(s\)\)/,
    );
    expect(human).toContain(`api/${broken}: ECORRUPT`);

    const plain = tempDir();
    const refused = akc(['deliver', 'reindex'], { cwd: plain, env: ENV });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('ENOTSCOPED');
    expect(refused.stderr).toContain('no .akc/project.json');
  });

  it('a malformed project.json is a clear error before anything changes', () => {
    const root = tempDir();
    const web = scopedProject(root);
    const id = submit(web, 'beta');
    writeFileSync(join(web, '.akc/project.json'), '{"outputs_root": "../..", ');
    const tree = snapshotTree(root);
    for (const args of [
      ['deliver', 'resend', '--delivery-id', id, '--recipient', 'a@x.com'],
      ['deliver', 'status', '--delivery-id', id],
      ['deliver', '--request', 'x', '--recipient', 'a@x.com', '--platforms', 'web'],
      ['deliver', 'list'],
      ['deliver', 'reindex'],
    ]) {
      const r = akc(args, { cwd: web, env: ENV });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/EPROJECTCONFIG project config .*project\.json is invalid: not valid JSON/);
      expect(r.stderr).toContain('fix: ');
    }
    expect(snapshotTree(root)).toEqual(tree);
  });

  it('an unscoped project lists its own delivery files and writes no index or audit', () => {
    const project = tempDir();
    const a = submit(project, 'beta');
    const b = submit(project, 'both');
    mkdirSync(join(project, '.akc/delivery/half-made'));
    const r = list(project);
    expect(r).toMatchObject({
      source: 'files',
      not_scoped_reason: 'no .akc/project.json in the project',
      count: 2,
    });
    expect(r.deliveries.map((d) => d.delivery_id)).toEqual([b, a]);
    expect(r.deliveries[0]).toMatchObject({
      tenant_id: 'local',
      repo_id: 'local',
      release_mode: 'both',
      recipient_count: 2,
    });
    expect(r.skipped.map((s) => s.delivery_id)).toEqual(['half-made']);
    expect(list(project, ['--mode', 'beta']).deliveries.map((d) => d.delivery_id)).toEqual([a]);
    expect(run(project, ['deliver', 'list']).stdout).toContain('source: delivery files in');
    const allRepos = akc(['deliver', 'list', '--all-repos'], { cwd: project, env: ENV });
    expect(allRepos.code).toBe(2);
    expect(allRepos.stderr).toContain('ENOTSCOPED');

    // outputs_root set, but the project is not at <outputs_root>/<tenant>/<repo>.
    writeFileSync(
      join(project, '.akc/project.json'),
      JSON.stringify({ outputs_root: tempDir(), tenant_id: 'acme' }),
    );
    expect(list(project).not_scoped_reason).toMatch(/is not <outputs_root>\/<tenant>\/<repo>/);
    run(project, ['deliver', 'resend', '--delivery-id', a, '--recipient', 'a@x.com']);
    expect(existsSync(join(project, '.akc/control'))).toBe(false);
  });

  it('an index that cannot be written warns once on stderr and never fails the command', () => {
    const root = tempDir();
    const web = scopedProject(root);
    const id = submit(web, 'beta');
    // The control folder becomes a file: neither the index nor the audit can be written.
    rmSync(join(root, 'acme/.akc/control'), { recursive: true, force: true });
    writeFileSync(join(root, 'acme/.akc/control'), 'not a folder');
    const r = akc(['deliver', 'resend', '--delivery-id', id, '--recipient', 'a@x.com', '--json'], {
      cwd: web,
      env: ENV,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^akc: warning: the (control audit|operations index) was not updated \(AKC_DEBUG=1 shows why\)/,
    );
    const debug = akc(['deliver', 'status', '--delivery-id', id, '--json'], {
      cwd: web,
      env: { ...ENV, AKC_DEBUG: '1' },
    });
    expect(debug.code).toBe(0);
    expect(debug.stderr).toMatch(/operations index was not updated: .*(ENOTDIR|EEXIST)/);
  });
});
