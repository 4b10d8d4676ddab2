import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { LaneContext, PackageResult } from '@akc/core';
import { webLane, type WebLaneOptions } from '../src';
import { findExecutable } from '../src/find-executable';
import { laneContext, packageContext, tempDir, testEnv } from './helpers/harness';
import { readTar } from './helpers/read-tar';

const FIXTURE = join(__dirname, 'fixtures/tiny-web-app');

function copyFixture(): string {
  const dir = join(tempDir(), 'tiny-web-app');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

async function preflightAndPackage(
  ctx: LaneContext<WebLaneOptions>,
  workDir?: string,
): Promise<PackageResult> {
  const preflight = await webLane.preflight!(ctx);
  expect(preflight.problems).toEqual([]);
  return webLane.package!(
    packageContext(ctx, { mode: 'execute', preflight, ...(workDir ? { workDir } : {}) }),
  );
}

describe('web lane: a real build of a tiny project (npm run build -> node build.js)', () => {
  it('builds, archives dist/ and records size, sha256 and the build facts', async () => {
    const projectDir = copyFixture();
    const logs: string[] = [];
    const ctx = laneContext<WebLaneOptions>({ projectDir, logs });
    const result = await preflightAndPackage(ctx);

    expect(result).toMatchObject({
      execution_mode: 'execute',
      artifact_authority: 'authoritative',
      distribution_ready: true,
    });
    const [artifact] = result.artifacts;
    expect(artifact?.kind).toBe('web_bundle');
    expect(artifact?.path).toMatch(/packaging\/web\/web-bundle-1\.4\.0\+\d+\.tar$/);
    const bytes = readFileSync(artifact!.path);
    expect(artifact?.bytes).toBe(bytes.length);
    expect(artifact?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.outputs).toMatchObject({
      build_command: ['npm', 'run', 'build'],
      output_dir: 'dist',
      file_count: 3,
      web_build_id: ctx.versions.web_build_id,
    });
    expect(typeof result.outputs.tool_duration_ms).toBe('number');
    expect(result.deploy).toEqual({
      hosting_url: null,
      method: 'none',
      detail: expect.stringContaining('not deployed'),
    });
    expect(logs.some((l) => l.includes('built 1.4.0+'))).toBe(true);
  });

  it('writes an archive whose entries are sorted, owner-less, with fixed mtime, fixed modes and the real content', async () => {
    const projectDir = copyFixture();
    const result = await preflightAndPackage(laneContext({ projectDir }));
    const entries = readTar(result.artifacts[0]!.path);

    expect(entries.map((e) => `${e.type} ${e.mode.toString(8)} ${e.name}`)).toEqual([
      '5 755 assets/',
      '0 644 assets/app.js',
      '0 644 assets/style.css',
      '0 644 index.html',
    ]);
    for (const e of entries) {
      expect(e).toMatchObject({ uid: 0, gid: 0, uname: '', gname: '', mtime: 0, magic: 'ustar\u000000' });
      if (e.type === '0') expect(e.content.equals(readFileSync(join(projectDir, 'dist', e.name)))).toBe(true);
      if (e.type === '0') expect(e.size).toBe(statSync(join(projectDir, 'dist', e.name)).size);
    }
    expect(entries.find((e) => e.name === 'index.html')?.content.toString()).toContain('data-build="1.4.0+');
  });

  it('gives a byte-identical archive when the same input is built twice', async () => {
    const projectDir = copyFixture();
    const first = await preflightAndPackage(laneContext({ projectDir }));
    const firstBytes = readFileSync(first.artifacts[0]!.path);
    await new Promise((r) => setTimeout(r, 1100)); // every file gets a new mtime on the rebuild
    const second = await preflightAndPackage(laneContext({ projectDir }), join(tempDir(), 'work'));

    expect(readFileSync(second.artifacts[0]!.path).equals(firstBytes)).toBe(true);
    expect(second.artifacts[0]!.sha256).toBe(first.artifacts[0]!.sha256);
  });

  it('uses SOURCE_DATE_EPOCH as every entry mtime when it is set', async () => {
    const projectDir = copyFixture();
    const ctx = laneContext<WebLaneOptions>({
      projectDir,
      env: testEnv([], { SOURCE_DATE_EPOCH: '1700000000' }),
    });
    const result = await preflightAndPackage(ctx);
    expect(new Set(readTar(result.artifacts[0]!.path).map((e) => e.mtime))).toEqual(new Set([1700000000]));
    expect(result.outputs.archive_mtime).toBe(1700000000);
  });

  it('never writes to stdout while packaging: build output goes to the log', async () => {
    const projectDir = copyFixture();
    const logs: string[] = [];
    const ctx = laneContext<WebLaneOptions>({ projectDir, logs });
    const preflight = await webLane.preflight!(ctx);
    const write = jest.spyOn(process.stdout, 'write');
    try {
      await webLane.package!(packageContext(ctx, { mode: 'execute', preflight }));
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
    expect(logs.join('\n')).toContain('built 1.4.0+');
  });

  const tarBin = findExecutable('tar', process.env, process.cwd());
  (tarBin ? it : it.skip)('is an archive the system tar extracts to the same files', async () => {
    const projectDir = copyFixture();
    const result = await preflightAndPackage(laneContext({ projectDir }));
    const out = tempDir();
    const run = spawnSync(tarBin!, ['-xf', result.artifacts[0]!.path, '-C', out], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    for (const f of ['index.html', 'assets/app.js', 'assets/style.css']) {
      expect(readFileSync(join(out, f)).equals(readFileSync(join(projectDir, 'dist', f)))).toBe(true);
    }
  });
});
