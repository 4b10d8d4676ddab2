import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { executeBuildPlan, planCommandLines, writePlanFile, type BuildPlanBase } from '../../../src/lane/kit';
import { cleanupSandboxes, createBuildSandbox } from '../../../src/testing';

afterEach(cleanupSandboxes);

const plan = (over: Partial<BuildPlanBase> = {}): BuildPlanBase => ({
  method: 'eas',
  method_reason: 'auto: eas.json exists',
  method_available: true,
  steps: [{ tool: 'eas', argv: ['eas', 'build', 'a b'], cwd: '/p', env: { AKC_X: '1' } }],
  prebuilt: null,
  artifact: { kind: 'ipa', path: '/w/app.ipa' },
  versions: { ios_build_number: '7' },
  ...over,
});

describe('lane kit: planCommandLines', () => {
  it('renders each step, or the prebuilt copy (with a placeholder when nothing is named)', () => {
    expect(planCommandLines(plan(), '<none>')).toEqual(["eas build 'a b'"]);
    expect(planCommandLines(plan({ method: 'prebuilt', prebuilt: { path: '/p/x.ipa' } }), '<none>')).toEqual([
      'copy /p/x.ipa /w/app.ipa',
    ]);
    expect(planCommandLines(plan({ method: 'prebuilt' }), '<missing prebuilt .ipa>')).toEqual([
      'copy <missing prebuilt .ipa> /w/app.ipa',
    ]);
  });
});

describe('lane kit: writePlanFile', () => {
  it('writes plan.json (platform fields after expected_artifact) and returns a plan_only result', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const problems = [{ id: 'ios.x', reason: 'r', fix: 'f' }];
    const ctx = { workDir: sb.workDir, now: () => Date.UTC(2026, 0, 2), preflight: { problems } };
    const p = plan();
    const result = await writePlanFile(ctx, {
      lane: 'ios',
      laneVersion: '0.1.0',
      plan: p,
      lines: ['l1', 'l2'],
      extra: { export_dir: null },
    });
    const path = join(sb.workDir, 'plan.json');
    const text = readFileSync(path, 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'kind',
      'version',
      'lane',
      'lane_version',
      'created_at',
      'method',
      'method_reason',
      'method_available',
      'steps',
      'prebuilt',
      'expected_artifact',
      'export_dir',
      'versions',
      'preflight_problems',
      'note',
    ]);
    expect(JSON.parse(text)).toEqual({
      kind: 'akc.packaging_plan',
      version: 1,
      lane: 'ios',
      lane_version: '0.1.0',
      created_at: '2026-01-02T00:00:00.000Z',
      method: 'eas',
      method_reason: 'auto: eas.json exists',
      method_available: true,
      steps: [
        {
          tool: 'eas',
          argv: ['eas', 'build', 'a b'],
          cwd: '/p',
          env_added: { AKC_X: '1' },
          inherits_env: true,
        },
      ],
      prebuilt: null,
      expected_artifact: { kind: 'ipa', path: '/w/app.ipa' },
      export_dir: null,
      versions: { ios_build_number: '7' },
      preflight_problems: problems,
      note: 'plan only: nothing was built; this output is never distributed',
    });
    expect(text.endsWith('}\n')).toBe(true);
    expect(result).toEqual({
      execution_mode: 'plan',
      artifact_authority: 'plan_only',
      distribution_ready: false,
      artifacts: [
        {
          kind: 'plan',
          path,
          bytes: Buffer.byteLength(text),
          sha256: createHash('sha256').update(text).digest('hex'),
        },
      ],
      outputs: {
        method: 'eas',
        method_reason: 'auto: eas.json exists',
        command: 'l1 && l2',
        versions: { ios_build_number: '7' },
        tool_duration_ms: 0,
        plan_path: path,
      },
      plan: ['l1', 'l2'],
    });
  });
});

describe('lane kit: executeBuildPlan', () => {
  it('refuses with every preflight problem, or the method reason, and runs nothing', async () => {
    const execute = jest.fn();
    const ctx = (problems: { id: string; reason: string; fix: string }[]) => ({
      preflight: { problems },
      log: () => undefined,
    });
    await expect(
      executeBuildPlan(
        ctx([
          { id: 'a', reason: 'no eas', fix: 'install' },
          { id: 'b', reason: 'no json', fix: 'add' },
        ]),
        plan(),
        {
          platform: 'ios',
          lines: [],
          execute,
        },
      ),
    ).rejects.toMatchObject({
      code: 'EPACKAGING',
      params: {
        platform: 'ios',
        reason: 'cannot execute: no eas (fix: install); no json (fix: add)',
        hint: 'Fix the problems above, or run with --packaging-mode plan to write an inspectable plan instead.',
      },
    });
    await expect(
      executeBuildPlan(ctx([]), plan({ method_available: false, method_reason: 'nothing fits' }), {
        platform: 'android',
        lines: [],
        execute,
      }),
    ).rejects.toMatchObject({ params: { platform: 'android', reason: 'cannot execute: nothing fits' } });
    expect(execute).not.toHaveBeenCalled();
  });

  it('runs the method, hashes the artifact and records the outcome', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const out = join(sb.workDir, 'app.aab');
    writeFileSync(out, 'bundle');
    const logs: string[] = [];
    const sha = createHash('sha256').update('bundle').digest('hex');
    const result = await executeBuildPlan(
      { preflight: { problems: [] }, log: (l) => logs.push(l) },
      plan({ artifact: { kind: 'aab', path: out } }),
      {
        platform: 'android',
        lines: ['a', 'b'],
        execute: async () => ({
          path: out,
          toolDurationMs: 42,
          outputs: { eas_build_id: 'x', method: 'overridden' },
        }),
      },
    );
    expect(result).toEqual({
      execution_mode: 'execute',
      artifact_authority: 'authoritative',
      distribution_ready: true,
      artifacts: [{ kind: 'aab', path: out, bytes: 6, sha256: sha }],
      outputs: {
        method: 'overridden',
        method_reason: 'auto: eas.json exists',
        command: 'a && b',
        versions: { ios_build_number: '7' },
        tool_duration_ms: 42,
        eas_build_id: 'x',
      },
    });
    expect(logs).toEqual([
      'building with eas (auto: eas.json exists)',
      `built ${out} (6 bytes, sha256 ${sha.slice(0, 12)}…)`,
    ]);
  });

  it('marks a prebuilt file as prebuilt and honours distributionReady: false', async () => {
    const sb = createBuildSandbox('akc-kit-');
    const out = join(sb.workDir, 'app.apk');
    writeFileSync(out, 'apk');
    const result = await executeBuildPlan(
      { preflight: { problems: [] }, log: () => undefined },
      plan({ method: 'prebuilt' }),
      {
        platform: 'android',
        lines: [],
        execute: async () => ({ path: out, toolDurationMs: 0, outputs: {}, distributionReady: false }),
      },
    );
    expect(result).toMatchObject({ artifact_authority: 'prebuilt', distribution_ready: false });
  });
});
