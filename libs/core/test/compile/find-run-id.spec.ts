import * as path from 'node:path';
import { findRunId, runIdFromStdout } from '../../src/compile';
import { setMtime, tempTree, thrown, writeTree } from './helpers';

const HOUR = 3600_000;

/** A scoped project: <out>/t1/r1 with a matching .akc/project.json. */
function scopedProject(): { out: string; dir: string } {
  const out = tempTree();
  const dir = path.join(out, 't1', 'r1');
  writeTree(dir, { '.akc/project.json': { tenant_id: 't1', repo_id: 'r1', outputs_root: out } });
  return { out, dir };
}

describe('runIdFromStdout', () => {
  it.each([
    ['{"run_id":"r1"}', 'r1'],
    ['progress\n{"metadata":{"run_id":"r2"}}\n\n', 'r2'],
    ['{"run_id":"top","metadata":{"run_id":"meta"}}', 'top'],
    ['{"run_id":" padded "}', 'padded'],
    ['{"run_id":"../evil"}', null],
    ['{"run_id":5}', null],
    ['{"run_id":"r1"}\ndone', null],
    ['{not json', null],
    ['', null],
  ])('%j -> %j', (stdout, want) => {
    expect(runIdFromStdout(stdout)).toBe(want);
  });
});

describe('findRunId precedence', () => {
  it('1. the last stdout line wins over manifests', () => {
    const { dir } = scopedProject();
    writeTree(dir, {
      'manifest.json': { run_id: 'scoped' },
      '.akc/run/file.manifest.json': { run_id: 'file' },
    });
    expect(findRunId({ projectDir: dir, compileStdout: '{"run_id":"out"}', startedAtMs: 0 })).toEqual({
      runId: 'out',
      source: 'stdout',
    });
  });

  it('2. the scoped manifest: top-level run_id', () => {
    const { dir } = scopedProject();
    writeTree(dir, {
      'manifest.json': { run_id: 'scoped' },
      '.akc/run/file.manifest.json': { run_id: 'file' },
    });
    expect(
      findRunId({ projectDir: dir, compileStdout: 'no json here', startedAtMs: Date.now() - 1000 }),
    ).toEqual({
      runId: 'scoped',
      source: 'scoped_manifest',
      path: path.join(dir, 'manifest.json'),
    });
  });

  it('2. the scoped manifest: metadata.run_id (what compile writes today, spec 5.1)', () => {
    const { dir } = scopedProject();
    writeTree(dir, { 'manifest.json': { metadata: { run_id: 'meta-id' } } });
    expect(findRunId({ projectDir: dir, startedAtMs: Date.now() - 1000 })?.runId).toBe('meta-id');
  });

  it('2. works when the outputs root is elsewhere (the scoped manifest is read from there)', () => {
    const out = tempTree();
    const dir = tempTree({ '.akc/project.json': { tenant_id: 'acme', repo_id: 'app', outputs_root: out } });
    writeTree(out, { 'acme/app/manifest.json': { metadata: { run_id: 'remote' } } });
    expect(findRunId({ projectDir: dir, startedAtMs: Date.now() - 1000 })?.source).toBe('scoped_manifest');
  });

  it('3. the newest .akc/run manifest: run_id, metadata.run_id, else the file name stem', () => {
    const dir = tempTree({
      '.akc/run/old.manifest.json': { run_id: 'old' },
      '.akc/run/mid.manifest.json': { metadata: { run_id: 'mid-meta' } },
      '.akc/run/new-stem.manifest.json': '{ truncated',
      '.akc/run/notes.txt': 'x',
    });
    const now = Date.now();
    setMtime(path.join(dir, '.akc/run/old.manifest.json'), now - 3000);
    setMtime(path.join(dir, '.akc/run/mid.manifest.json'), now - 2000);
    setMtime(path.join(dir, '.akc/run/new-stem.manifest.json'), now - 1000);
    const start = now - 5000;
    expect(findRunId({ projectDir: dir, startedAtMs: start })).toEqual({
      runId: 'new-stem',
      source: 'run_manifest',
      path: path.join(dir, '.akc/run/new-stem.manifest.json'),
    });
    setMtime(path.join(dir, '.akc/run/new-stem.manifest.json'), now - HOUR);
    expect(findRunId({ projectDir: dir, startedAtMs: start })?.runId).toBe('mid-meta');
  });

  it('ignores manifests written before this compile started (stale scoped and run manifests)', () => {
    const { dir } = scopedProject();
    writeTree(dir, {
      'manifest.json': { run_id: 'stale' },
      '.akc/run/stale.manifest.json': { run_id: 'stale' },
    });
    setMtime(path.join(dir, 'manifest.json'), Date.now() - HOUR);
    setMtime(path.join(dir, '.akc/run/stale.manifest.json'), Date.now() - HOUR);
    expect(findRunId({ projectDir: dir, startedAtMs: Date.now() })).toBeNull();
    writeTree(dir, { '.akc/run/fresh.manifest.json': { run_id: 'fresh' } });
    expect(findRunId({ projectDir: dir, startedAtMs: Date.now() })?.runId).toBe('fresh');
  });

  it('skips a malformed scoped manifest and an unsafe id, falling through to the run manifests', () => {
    const { dir } = scopedProject();
    writeTree(dir, { 'manifest.json': '{"run_id": ' });
    expect(findRunId({ projectDir: dir, startedAtMs: 0 })).toBeNull();
    writeTree(dir, {
      'manifest.json': { run_id: '../../etc' },
      '.akc/run/ok.manifest.json': { run_id: 'a/b' },
    });
    expect(findRunId({ projectDir: dir, startedAtMs: 0 })).toEqual(expect.objectContaining({ runId: 'ok' }));
  });

  it('returns null for an empty project, and a malformed project config is a clear error', () => {
    expect(findRunId({ projectDir: tempTree(), startedAtMs: 0 })).toBeNull();
    const dir = tempTree({ '.akc/project.json': '{ bad' });
    expect(thrown(() => findRunId({ projectDir: dir, startedAtMs: 0 })).code).toBe('EPROJECTCONFIG');
  });
});
