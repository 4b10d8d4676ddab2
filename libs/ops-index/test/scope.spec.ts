import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveOpsScope } from '../src';
import { scopedProject, tempDir } from './helpers';

function project(files: Record<string, string>, at?: string): string {
  const dir = at ?? join(tempDir(), 'p');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('scoping rule (spec 12.1)', () => {
  it('scopes <outputs_root>/<tenant>/<repo> and derives the tenant paths', () => {
    const root = tempDir();
    const dir = scopedProject(root, 'acme', 'web');
    const r = resolveOpsScope(dir);
    expect(r).toEqual({
      scoped: true,
      scope: {
        tenantId: 'acme',
        repoId: 'web',
        outputsRoot: root,
        projectDir: dir,
        tenantDir: join(root, 'acme'),
        controlDir: join(root, 'acme', '.akc', 'control'),
        dbPath: join(root, 'acme', '.akc', 'control', 'operations.sqlite'),
        auditPath: join(root, 'acme', '.akc', 'control', 'control_audit.jsonl'),
        configPath: join(dir, '.akc', 'project.json'),
      },
    });
  });

  const root = () => tempDir();
  it.each([
    ['no project config', () => project({}), /no \.akc\/project\.json/],
    [
      'outputs_root missing',
      () => project({ '.akc/project.json': '{"tenant_id":"acme"}' }),
      /no outputs_root/,
    ],
    ['outputs_root empty', () => project({ '.akc/project.json': '{"outputs_root":""}' }), /no outputs_root/],
    [
      'project dir is not <outputs_root>/<tenant>/<repo>',
      () => {
        const r = root();
        return project(
          { '.akc/project.json': JSON.stringify({ outputs_root: r, tenant_id: 'acme', repo_id: 'web' }) },
          join(r, 'acme', 'api'),
        );
      },
      /is not <outputs_root>\/<tenant>\/<repo>/,
    ],
    [
      'the repo is right but the tenant is not',
      () => {
        const r = root();
        return project(
          { '.akc/project.json': JSON.stringify({ outputs_root: r, tenant_id: 'acme', repo_id: 'web' }) },
          join(r, 'beta', 'web'),
        );
      },
      /is not/,
    ],
  ])('not scoped: %s', (_name, make, reason) => {
    const r = resolveOpsScope(make());
    expect(r.scoped).toBe(false);
    expect(!r.scoped && r.reason).toMatch(reason);
  });

  it('tenant and repo default to "local" when empty or absent', () => {
    const r = tempDir();
    const dir = join(r, 'local', 'local');
    project({ '.akc/project.json': JSON.stringify({ outputs_root: r, tenant_id: '', repo_id: null }) }, dir);
    const s = resolveOpsScope(dir);
    expect(s.scoped && [s.scope.tenantId, s.scope.repoId]).toEqual(['local', 'local']);
  });

  it('a relative outputs_root is resolved against the project dir', () => {
    const r = tempDir();
    const dir = join(r, 'acme', 'web');
    project(
      { '.akc/project.json': JSON.stringify({ outputs_root: '../..', tenant_id: 'acme', repo_id: 'web' }) },
      dir,
    );
    const s = resolveOpsScope(dir);
    expect(s.scoped && s.scope.tenantDir).toBe(join(r, 'acme'));
  });

  it('the flat .yaml subset scopes too', () => {
    const r = tempDir();
    const dir = join(r, 'acme', 'web');
    project({ '.akc/project.yaml': `outputs_root: ${r}\ntenant_id: acme\nrepo_id: "web"\n` }, dir);
    expect(resolveOpsScope(dir).scoped).toBe(true);
  });

  it('reaching the project through a symlink still scopes it', () => {
    const r = tempDir();
    const dir = scopedProject(r, 'acme', 'web');
    const link = join(tempDir(), 'link');
    symlinkSync(dir, link);
    expect(resolveOpsScope(link).scoped).toBe(true);
  });

  it.each([
    ['malformed JSON', '{"outputs_root": ', /not valid JSON/],
    ['a non-object', '[1]', /must be a JSON object/],
    ['a non-string outputs_root', '{"outputs_root": 3}', /outputs_root must be a string/],
    ['a repo id with ..', '{"outputs_root": "/x", "repo_id": "a..b"}', /not path-safe/],
    ['a repo id with a separator', '{"outputs_root": "/x", "repo_id": "a/b"}', /not path-safe/],
  ])('a malformed config is a clear EPROJECTCONFIG error: %s', (_name, text, reason) => {
    const dir = project({ '.akc/project.json': text });
    expect(() => resolveOpsScope(dir)).toThrow(expect.objectContaining({ code: 'EPROJECTCONFIG', exit: 2 }));
    expect(() => resolveOpsScope(dir)).toThrow(reason);
  });

  it('nested YAML is refused with a pointer to the supported subset', () => {
    const dir = project({ '.akc/project.yaml': 'scope:\n  outputs_root: /x\n' });
    expect(() => resolveOpsScope(dir)).toThrow(/flat "key: value"/);
  });
});
