import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  EAS_BUILD_HINT,
  executeEasPlan,
  assertEasBuildVersions,
  toolTimeoutMs,
  easBuildOutputs,
  obtainEasArtifact,
  parseEasBuildJson,
  runEasBuild,
  type EasBuild,
  type RunStepContext,
} from '../../../src/lane/kit';
import { isAkcError } from '../../../src/errors/akc-error';
import { cleanupSandboxes, createBuildSandbox, makeStoredZip, writeFakeTool } from '../../../src/testing';

afterEach(cleanupSandboxes);

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

const RAW = {
  id: 'b-123',
  status: 'FINISHED',
  platform: 'IOS',
  appVersion: '1.4.0',
  appBuildVersion: 1040001,
  project: { slug: 'notes', ownerAccount: { name: 'akc' } },
  error: { message: 'none' },
  artifacts: { buildUrl: 'https://x/b.ipa', applicationArchiveUrl: 'https://x/a.ipa' },
};

describe('lane kit: parseEasBuildJson', () => {
  it('reads an array after non-JSON lines, with the build page and numeric versions as strings', () => {
    const builds = parseEasBuildJson(`Compressing project files… done\n${JSON.stringify([RAW])}`, 'ios');
    expect(builds).toEqual([
      {
        id: 'b-123',
        status: 'FINISHED',
        platform: 'IOS',
        archiveUrl: 'https://x/a.ipa',
        buildUrl: 'https://x/b.ipa',
        pageUrl: 'https://expo.dev/accounts/akc/projects/notes/builds/b-123',
        appVersion: '1.4.0',
        appBuildVersion: '1040001',
        errorMessage: 'none',
      },
    ]);
  });

  it('reads one build object, falls back to buildUrl, and nulls what is missing', () => {
    const [build] = parseEasBuildJson(
      JSON.stringify({ id: 'b', artifacts: { buildUrl: 'https://x/b.aab' } }),
      'android',
    );
    expect(build).toEqual({
      id: 'b',
      status: null,
      platform: null,
      archiveUrl: 'https://x/b.aab',
      buildUrl: 'https://x/b.aab',
      pageUrl: null,
      appVersion: null,
      appBuildVersion: null,
      errorMessage: null,
    });
  });

  it('returns [] when stdout holds no JSON and skips entries that are not objects', () => {
    expect(parseEasBuildJson('Build finished\n', 'ios')).toEqual([]);
    expect(parseEasBuildJson('[1, "x", null]', 'ios')).toEqual([]);
  });

  it('throws EPACKAGING for the platform when the JSON is broken', () => {
    let error: unknown;
    try {
      parseEasBuildJson('[{"id": ', 'android');
    } catch (e) {
      error = e;
    }
    expect(isAkcError(error) && error.code).toBe('EPACKAGING');
    expect(isAkcError(error) && error.params).toMatchObject({
      platform: 'android',
      reason: expect.stringContaining('eas build --json printed output that is not JSON'),
      hint: 'Run the same eas build command by hand; stdout must be the JSON build list.',
    });
  });
});

function easSandbox(stdout: unknown, exit = 0) {
  const sb = createBuildSandbox('akc-kit-');
  writeFakeTool(sb, 'eas', `console.log(${JSON.stringify(JSON.stringify(stdout))}); process.exit(${exit});`);
  const logs: string[] = [];
  const ctx: RunStepContext = {
    env: { PATH: sb.path },
    log: (l) => logs.push(l),
    signal: new AbortController().signal,
    now: Date.now,
  };
  const step = { tool: 'eas', argv: ['eas', 'build', '--json'], cwd: sb.projectDir, env: {} };
  return { sb, ctx, step, logs };
}

describe('lane kit: runEasBuild', () => {
  it("picks the platform's build (case-insensitive) from several", async () => {
    const { ctx, step } = easSandbox([
      { id: 'a', status: 'FINISHED', platform: 'ANDROID' },
      { id: 'i', status: 'FINISHED', platform: 'IOS' },
    ]);
    const run = await runEasBuild(ctx, step, 'ios', 60_000);
    expect(run.build?.id).toBe('i');
    expect(run.builds.map((b) => b.id)).toEqual(['a', 'i']);
    expect(run.result.exitCode).toBe(0);
  });

  it('falls back to the first build, and to null when there is none', async () => {
    expect(
      (await runEasBuild(easSandbox([{ id: 'x' }]).ctx, easSandbox([{ id: 'x' }]).step, 'android', 60_000))
        .build?.id,
    ).toBe('x');
    const empty = easSandbox('no json');
    writeFakeTool(empty.sb, 'eas', `console.log('done');`);
    expect((await runEasBuild(empty.ctx, empty.step, 'android', 60_000)).build).toBeNull();
  });

  it('throws ETOOL naming the status and error, pointing at the build page', async () => {
    const { ctx, step } = easSandbox([
      { ...RAW, status: 'ERRORED', error: { message: 'Fastlane build failed' } },
    ]);
    const e = await rejection(runEasBuild(ctx, step, 'ios', 60_000));
    expect(isAkcError(e) && e.code).toBe('ETOOL');
    expect(isAkcError(e) && e.params).toMatchObject({
      tool: 'eas',
      reason: 'EAS build b-123 ended with status ERRORED: Fastlane build failed',
      hint: 'Open https://expo.dev/accounts/akc/projects/notes/builds/b-123 for the full build log.',
    });
  });

  it('uses the generic EAS hint without a build page and for a failed run', async () => {
    const a = easSandbox([{ status: 'CANCELED' }]);
    expect(await rejection(runEasBuild(a.ctx, a.step, 'ios', 60_000))).toMatchObject({
      params: { reason: 'EAS build (no id) ended with status CANCELED', hint: EAS_BUILD_HINT },
    });
    const b = easSandbox([], 1);
    expect(await rejection(runEasBuild(b.ctx, b.step, 'ios', 60_000))).toMatchObject({
      code: 'ETOOL',
      params: { reason: 'exited with status 1', hint: EAS_BUILD_HINT },
    });
  });

  it('throws EPACKAGING when the plan has no step', async () => {
    const { ctx } = easSandbox([]);
    expect(await rejection(runEasBuild(ctx, undefined, 'android', 60_000))).toMatchObject({
      code: 'EPACKAGING',
      params: { platform: 'android', reason: 'the EAS plan has no command' },
    });
  });
});

const build = (over: Partial<EasBuild>): EasBuild => ({
  id: null,
  status: 'FINISHED',
  platform: 'IOS',
  archiveUrl: null,
  buildUrl: null,
  pageUrl: null,
  appVersion: null,
  appBuildVersion: null,
  errorMessage: null,
  ...over,
});

describe('lane kit: easBuildOutputs', () => {
  const result = { exitCode: 0, stdout: '', tail: [], durationMs: 5 };
  it('records the id, the page (else the build URL) and every id when there are several', () => {
    const one = build({ id: 'b', buildUrl: 'https://x/b', pageUrl: 'https://expo.dev/p' });
    expect(easBuildOutputs(true, { result, builds: [one], build: one })).toEqual({
      eas_local: true,
      eas_build_id: 'b',
      eas_build_url: 'https://expo.dev/p',
    });
    const two = [build({ id: 'a', buildUrl: 'https://x/a' }), build({ id: 'c' })];
    expect(easBuildOutputs(false, { result, builds: two, build: two[0]! })).toEqual({
      eas_local: false,
      eas_build_id: 'a',
      eas_build_url: 'https://x/a',
      eas_build_ids: ['a', 'c'],
    });
    expect(easBuildOutputs(false, { result, builds: [], build: null })).toEqual({ eas_local: false });
  });
});

describe('lane kit: obtainEasArtifact', () => {
  const signal = new AbortController().signal;
  const target = (path: string, over: object = {}) => ({
    platform: 'ios' as const,
    path,
    easLocal: false,
    missing: 'no .ipa',
    hint: 'Check the profile.',
    downloadHint: 'Download it yourself.',
    ...over,
  });

  it('keeps what --local already wrote', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const out = join(sb.workDir, 'app.ipa');
    writeFileSync(out, 'built');
    const checkUrl = jest.fn();
    await obtainEasArtifact(
      signal,
      build({ archiveUrl: 'https://x/a.ipa' }),
      target(out, { easLocal: true, checkUrl }),
    );
    expect(readFileSync(out, 'utf8')).toBe('built');
    expect(checkUrl).not.toHaveBeenCalled();
  });

  it('copies from an absolute path or a file: URL, after checkUrl', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const src = join(sb.projectDir, 'built.ipa');
    writeFileSync(src, makeStoredZip('a', 'b'));
    const checkUrl = jest.fn();
    await obtainEasArtifact(
      signal,
      build({ archiveUrl: src }),
      target(join(sb.workDir, '1.ipa'), { checkUrl }),
    );
    await obtainEasArtifact(
      signal,
      build({ archiveUrl: pathToFileURL(src).href }),
      target(join(sb.workDir, '2.ipa')),
    );
    expect(readFileSync(join(sb.workDir, '1.ipa')).equals(readFileSync(src))).toBe(true);
    expect(readFileSync(join(sb.workDir, '2.ipa')).equals(readFileSync(src))).toBe(true);
    expect(checkUrl).toHaveBeenCalledWith(src);
  });

  it('lets checkUrl refuse before anything is fetched', async () => {
    const refuse = new Error('wrong kind');
    const e = await rejection(
      obtainEasArtifact(
        signal,
        build({ archiveUrl: 'https://x/a.apk' }),
        target('/nowhere', {
          checkUrl: () => {
            throw refuse;
          },
        }),
      ),
    );
    expect(e).toBe(refuse);
  });

  it('downloads a remote URL with the download hint (non-https is refused)', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const e = await rejection(
      obtainEasArtifact(signal, build({ archiveUrl: 'http://x/a.ipa' }), target(join(sb.workDir, 'a.ipa'))),
    );
    expect(e).toMatchObject({
      code: 'EPACKAGING',
      params: {
        platform: 'ios',
        reason: expect.stringContaining('non-https'),
        hint: 'Download it yourself.',
      },
    });
  });

  it('throws EPACKAGING when no artifact was written or named', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const path = join(sb.workDir, 'a.ipa');
    expect(
      await rejection(obtainEasArtifact(signal, build({}), target(path, { easLocal: true }))),
    ).toMatchObject({
      code: 'EPACKAGING',
      params: {
        platform: 'ios',
        reason: `eas build --local finished but wrote no .ipa at ${path}`,
        hint: 'Check the profile.',
      },
    });
    expect(await rejection(obtainEasArtifact(signal, null, target(path)))).toMatchObject({
      params: {
        reason: 'eas build finished but its JSON names no artifact (artifacts.applicationArchiveUrl)',
      },
    });
    const missingLocal = join(sb.projectDir, 'gone.ipa');
    expect(
      await rejection(obtainEasArtifact(signal, build({ archiveUrl: missingLocal }), target(path))),
    ).toMatchObject({
      code: 'EPACKAGING',
    });
  });
});

describe('lane kit: toolTimeoutMs', () => {
  it('turns timeout_minutes into whole milliseconds', () => {
    expect(toolTimeoutMs({ timeout_minutes: 60 })).toBe(3_600_000);
    expect(toolTimeoutMs({ timeout_minutes: 0.00001 })).toBe(1);
  });
});

describe('lane kit: assertEasBuildVersions', () => {
  const v = {
    appVersion: { label: 'versionName', expected: '1.4.0' },
    appBuildVersion: { label: 'versionCode', expected: '1040001' },
    hint: 'Read AKC_VERSION_CODE.',
  };

  it('accepts matching numbers and numbers EAS did not record', () => {
    expect(() =>
      assertEasBuildVersions(build({ appVersion: '1.4.0', appBuildVersion: '1040001' }), 'android', v),
    ).not.toThrow();
    expect(() => assertEasBuildVersions(build({}), 'android', v)).not.toThrow();
  });

  it('names every wrong number with the lane labels', () => {
    let error: unknown;
    try {
      assertEasBuildVersions(build({ id: 'b-9', appVersion: '1.0.0', appBuildVersion: '7' }), 'android', v);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'EPACKAGING',
      params: {
        platform: 'android',
        reason:
          'EAS build b-9 carries versionName 1.0.0 (expected 1.4.0) and versionCode 7 (expected 1040001)',
        hint: 'Read AKC_VERSION_CODE.',
      },
    });
    expect(() => assertEasBuildVersions(build({ appBuildVersion: '7' }), 'ios', v)).toThrow(
      'EAS build  carries versionCode 7 (expected 1040001)',
    );
  });
});

function easContext(sb: { path: string }, easLocal: boolean) {
  return {
    env: { PATH: sb.path },
    log: () => undefined,
    signal: new AbortController().signal,
    now: Date.now,
    options: { eas_local: easLocal, timeout_minutes: 1 },
  };
}

describe('lane kit: executeEasPlan', () => {
  const wording = { missing: 'no .ipa', hint: 'h', downloadHint: 'd' };
  const versions = {
    appVersion: { label: 'version', expected: '2' },
    appBuildVersion: { label: 'build number', expected: '5' },
    hint: 'fix versions',
  };

  it('runs eas, checks the versions, copies the artifact and records the outputs', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const src = join(sb.projectDir, 'out.ipa');
    writeFileSync(src, makeStoredZip('a', 'b'));
    const raw = {
      id: 'b-1',
      status: 'FINISHED',
      platform: 'IOS',
      appVersion: '2',
      artifacts: { applicationArchiveUrl: src },
    };
    writeFakeTool(sb, 'eas', `console.log(${JSON.stringify(JSON.stringify([raw]))});`);
    const path = join(sb.workDir, 'app.ipa');
    const step = { tool: 'eas', argv: ['eas', 'build'], cwd: sb.projectDir, env: {} };
    const checkUrl = jest.fn();
    const plan = { steps: [step], artifact: { kind: 'ipa' as const, path } };
    const outcome = await executeEasPlan(easContext(sb, false), plan, {
      platform: 'ios',
      versions,
      checkUrl,
      ...wording,
    });
    expect(outcome).toEqual({
      path,
      toolDurationMs: expect.any(Number),
      outputs: { eas_local: false, eas_build_id: 'b-1' },
    });
    expect(readFileSync(path).equals(readFileSync(src))).toBe(true);
    expect(checkUrl).toHaveBeenCalledWith(src);
  });

  it('refuses a build with other versions before fetching anything', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const raw = {
      id: 'b-2',
      status: 'FINISHED',
      appBuildVersion: '6',
      artifacts: { buildUrl: 'http://x/a' },
    };
    writeFakeTool(sb, 'eas', `console.log(${JSON.stringify(JSON.stringify(raw))});`);
    const step = { tool: 'eas', argv: ['eas'], cwd: sb.projectDir, env: {} };
    const plan = { steps: [step], artifact: { kind: 'aab' as const, path: join(sb.workDir, 'a.aab') } };
    const checkUrl = jest.fn();
    const e = await rejection(
      executeEasPlan(easContext(sb, true), plan, { platform: 'android', versions, checkUrl, ...wording }),
    );
    expect(e).toMatchObject({
      code: 'EPACKAGING',
      params: {
        platform: 'android',
        reason: 'EAS build b-2 carries build number 6 (expected 5)',
        hint: 'fix versions',
      },
    });
    expect(checkUrl).not.toHaveBeenCalled();
  });
});
