import * as path from 'node:path';
import { isPathSafeId, loadProjectConfig } from '../../src/ingest';
import { tempTree, thrown } from './helpers';

describe('loadProjectConfig', () => {
  it('defaults to local/local with no file', () => {
    expect(loadProjectConfig(tempTree())).toEqual({
      tenant_id: 'local',
      repo_id: 'local',
      outputs_root: null,
      path: null,
    });
  });

  it('reads project.json and resolves outputs_root against the project dir', () => {
    const dir = tempTree({
      '.akc/project.json': JSON.stringify({
        tenant_id: 't1',
        repo_id: 'repo1',
        outputs_root: '../out',
        other: 1,
      }),
    });
    expect(loadProjectConfig(dir)).toEqual({
      tenant_id: 't1',
      repo_id: 'repo1',
      outputs_root: path.resolve(dir, '../out'),
      path: path.join(dir, '.akc', 'project.json'),
    });
  });

  it('empty or null ids fall back to local (spec 12.1)', () => {
    const dir = tempTree({
      '.akc/project.json': JSON.stringify({ tenant_id: '', repo_id: null, outputs_root: '' }),
    });
    expect(loadProjectConfig(dir)).toMatchObject({
      tenant_id: 'local',
      repo_id: 'local',
      outputs_root: null,
    });
  });

  it('reads the flat YAML subset', () => {
    const dir = tempTree({
      '.akc/project.yaml':
        '# scoped\n---\ntenant_id: acme\nrepo_id: "web-app"   # quoted\noutputs_root: \'/srv/out\'\nextra:\n',
    });
    expect(loadProjectConfig(dir)).toMatchObject({
      tenant_id: 'acme',
      repo_id: 'web-app',
      outputs_root: path.resolve('/srv/out'),
    });
  });

  it('project.json wins over project.yaml', () => {
    const dir = tempTree({ '.akc/project.json': '{"tenant_id":"j"}', '.akc/project.yaml': 'tenant_id: y\n' });
    expect(loadProjectConfig(dir).tenant_id).toBe('j');
  });

  it.each([
    ['project.json', '{"tenant_id": ', /not valid JSON/],
    ['project.json', '[]', /must be a JSON object/],
    ['project.json', '{"tenant_id": 5}', /tenant_id must be a string, got number/],
    ['project.json', '{"outputs_root": ["a"]}', /outputs_root must be a string, got an array/],
    ['project.json', '{"repo_id": "../evil"}', /repo_id '\.\.\/evil' is not path-safe/],
    ['project.json', '{"tenant_id": "a/b"}', /not path-safe/],
    ['project.json', '{"tenant_id": "a\\\\b"}', /not path-safe/],
    ['project.json', '{"tenant_id": "."}', /not path-safe/],
    ['project.json', '{"tenant_id": " t1"}', /surrounding whitespace/],
    ['project.yaml', 'scope:\n  tenant_id: t\n', /line 2 is not a flat "key: value" pair/],
    ['project.yaml', 'tenant_id: [a, b]\n', /only plain or simply quoted/],
    ['project.yaml', '- item\n', /line 1/],
    ['project.yaml', 'repo_id: ..\n', /not path-safe/],
  ])('%s %j is EPROJECTCONFIG (%s)', (name, body, want) => {
    const dir = tempTree({ [`.akc/${name}`]: body });
    const e = thrown(() => loadProjectConfig(dir));
    expect(e.code).toBe('EPROJECTCONFIG');
    expect(e.message).toMatch(want);
    expect(e.message).toContain(path.join(dir, '.akc', name));
  });
});

describe('isPathSafeId', () => {
  it.each(['local', 't1', 'acme.prod', 'a_b-c', 'x'.repeat(128)])('%j is safe', (id) =>
    expect(isPathSafeId(id)).toBe(true),
  );
  it.each(['', '.', '..', 'a..b', 'a/b', 'a\\b', 'a b', 'x'.repeat(129), 'é'])('%j is not safe', (id) =>
    expect(isPathSafeId(id)).toBe(false),
  );
});
