import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPackaging } from '../../src/packaging';
import { LaneRegistry } from '../../src/lane/registry';
import type { LanePlugin, PackageContext, PreflightProblem } from '../../src/lane/contract';
import { akcError } from '../../src/errors/akc-error';
import { hashFile } from '../../src/lane/kit';
import { getEvents, getStatus } from '../../src/control-plane/queries';
import { ingestActivationReport } from '../../src/control-plane/activation';
import { snapshotTree, testIO, RELAXED } from '../helpers';
import { createFixture } from '../control-plane/fixtures';
import type { Platform } from '../../src/schemas/common';

interface FakeLaneOpts {
  problems?: PreflightProblem[];
  fail?: boolean;
  gate?: Promise<void>;
}

/** A real build lane written for the test: it writes a file into its work dir and hashes it. */
function fakeLane(platform: Platform, o: FakeLaneOpts = {}): LanePlugin & { calls: PackageContext[] } {
  const calls: PackageContext[] = [];
  return {
    apiVersion: 1,
    id: platform,
    kind: 'build',
    platform,
    version: '1.2.3',
    description: `fake ${platform}`,
    calls,
    preflight: async () => ({ problems: o.problems ?? [] }),
    package: async (ctx) => {
      calls.push(ctx);
      if (ctx.mode === 'plan') {
        const path = join(ctx.workDir, 'plan.json');
        writeFileSync(path, JSON.stringify({ argv: ['build'] }));
        return {
          execution_mode: 'plan',
          artifact_authority: 'plan_only',
          distribution_ready: false,
          artifacts: [{ kind: 'plan', path, ...(await hashFile(path)) }],
          outputs: {},
          plan: ['build'],
        };
      }
      await o.gate;
      if (o.fail)
        throw akcError('ETOOL', {
          tool: 'fake-build',
          reason: 'exited with status 3',
          tail: ['compiling', 'error: boom'],
        });
      const path = join(ctx.workDir, `app-${ctx.versions.android_version_code}.bin`);
      writeFileSync(path, `artifact for ${platform} ${ctx.versions.web_build_id}`);
      return {
        execution_mode: 'execute',
        artifact_authority: 'authoritative',
        distribution_ready: true,
        artifacts: [{ kind: 'apk', path, ...(await hashFile(path)) }],
        outputs: { tool: 'fake' },
      };
    },
  };
}

function registryOf(...lanes: LanePlugin[]): LaneRegistry {
  const r = new LaneRegistry();
  for (const l of lanes) r.register(l, { origin: 'builtin' });
  return r;
}

const NO_CONFIG = { plugins: [], options: {}, file: null };
const missing: PreflightProblem = { id: 'tool', reason: 'fake tool not on PATH', fix: 'install it' };

describe('packaging runner', () => {
  it('executes every lane, records hashed artifacts, versions, the journey, the event and a recipient-free contract', async () => {
    const f = createFixture({
      platforms: 'web,android',
      recipients: ['dana@example.com', 'lee@example.com'],
    });
    const web = fakeLane('web');
    const r = await runPackaging(f.io, f.project, f.id, {
      mode: 'auto',
      registry: registryOf(web, fakeLane('android')),
      laneConfig: NO_CONFIG,
    });
    expect(r.ok).toBe(true);
    expect(r.journey).toBe('executed_distribution');
    const s = getStatus(f.io, f.project, f.id).session;
    expect(s.session_phase).toBe('packaging');
    expect(s.pipeline.build.status).toBe('completed');
    expect(s.pipeline.package.status).toBe('completed');
    const row = (
      s.pipeline.package.outputs!.per_platform as Record<
        string,
        { artifacts: Array<{ path: string; sha256: string }>; lane_origin: string }
      >
    ).android!;
    expect(row.lane_origin).toBe('builtin');
    expect(row.artifacts[0]!.path.startsWith(join(f.store.paths.dir, 'packaging', 'android'))).toBe(true);
    expect((await hashFile(row.artifacts[0]!.path)).sha256).toBe(row.artifacts[0]!.sha256);
    expect(web.calls[0]!.delivery.recipients.map((x) => x.email)).toEqual([
      'dana@example.com',
      'lee@example.com',
    ]);
    expect(getEvents(f.io, f.project, f.id).events.map((e) => e.event_type)).toContain(
      'delivery.build.packaged',
    );
    const contract = readFileSync(f.store.paths.contract, 'utf8');
    expect(JSON.parse(contract).schema_id).toBe('akc.delivery.activation_client_contract.v1');
    expect(contract).not.toContain('dana@example.com');
    expect(contract).not.toContain(f.token('dana@example.com'));
  });

  it('allocates monotonic build numbers per app: a rebuild of the same version gets a higher code', async () => {
    const f1 = createFixture({ platforms: 'android' });
    const r1 = await runPackaging(f1.io, f1.project, f1.id, {
      mode: 'auto',
      registry: registryOf(fakeLane('android')),
      laneConfig: NO_CONFIG,
    });
    const f2 = createFixture({ platforms: 'android', projectDir: f1.project });
    const r2 = await runPackaging(f2.io, f2.project, f2.id, {
      mode: 'auto',
      registry: registryOf(fakeLane('android')),
      laneConfig: NO_CONFIG,
    });
    const code = (r: typeof r1) => r.provider_versions!.android_version_code as number;
    expect(code(r2)).toBe(code(r1) + 1);
    expect(
      JSON.parse(readFileSync(join(f1.project, '.akc/delivery/build_numbers.json'), 'utf8')).marks[
        'local/local'
      ],
    ).toBe(code(r2));
  });

  it('beta mode (relaxed): a lane with missing prerequisites falls back to a plan; the journey is inspectable_plan', async () => {
    const f = createFixture({ platforms: 'web,android' });
    const r = await runPackaging(f.io, f.project, f.id, {
      mode: 'auto',
      registry: registryOf(fakeLane('web'), fakeLane('android', { problems: [missing] })),
      laneConfig: NO_CONFIG,
    });
    expect(r.ok).toBe(true);
    expect(r.journey).toBe('inspectable_plan');
    expect(r.per_platform.web!.execution_mode).toBe('execute');
    expect(r.per_platform.android!.execution_mode).toBe('plan');
    expect(r.per_platform.android!.fallback_reason).toContain('fake tool not on PATH');
    expect(existsSync(f.store.paths.contract)).toBe(false);
  });

  it('store mode (strict by default) or --packaging-mode execute: missing prerequisites block, nothing is built', async () => {
    for (const [mode, releaseMode, env] of [
      ['auto', 'store', RELAXED],
      ['execute', 'beta', RELAXED],
      ['auto', 'beta', { ...RELAXED, AKC_PACKAGING_ENFORCE_PREFLIGHT: '1' }],
    ] as const) {
      const f = createFixture({ platforms: 'android', releaseMode }, testIO(env));
      const lane = fakeLane('android', { problems: [missing] });
      const r = await runPackaging(f.io, f.project, f.id, {
        mode,
        registry: registryOf(lane),
        laneConfig: NO_CONFIG,
      });
      expect(r.journey).toBe('blocked');
      expect(r.preflight_issues).toEqual([
        { platform: 'android', id: 'tool', reason: 'fake tool not on PATH', fix: 'install it' },
      ]);
      expect(lane.calls).toHaveLength(0);
      const s = getStatus(f.io, f.project, f.id).session;
      expect([s.pipeline.build.status, s.pipeline.package.status, s.session_phase]).toEqual([
        'blocked',
        'blocked',
        'failed',
      ]);
      const last = getEvents(f.io, f.project, f.id).events.at(-1)!;
      expect(last.event_type).toBe('delivery.failed');
      expect(last.payload.phase).toBe('packaging_preflight');
    }
  });

  it('relaxed store mode (AKC_PACKAGING_ENFORCE_PREFLIGHT=0) falls back to a plan instead', async () => {
    const f = createFixture(
      { platforms: 'android', releaseMode: 'store' },
      testIO({ ...RELAXED, AKC_PACKAGING_ENFORCE_PREFLIGHT: '0' }),
    );
    const r = await runPackaging(f.io, f.project, f.id, {
      mode: 'auto',
      registry: registryOf(fakeLane('android', { problems: [missing] })),
      laneConfig: NO_CONFIG,
    });
    expect(r.journey).toBe('inspectable_plan');
  });

  it('plan mode builds nothing and burns no build number', async () => {
    const f = createFixture({ platforms: 'android' });
    const r = await runPackaging(f.io, f.project, f.id, {
      mode: 'plan',
      registry: registryOf(fakeLane('android')),
      laneConfig: NO_CONFIG,
    });
    expect(r.journey).toBe('inspectable_plan');
    expect(r.per_platform.android!.distribution_ready).toBe(false);
    expect(existsSync(join(f.project, '.akc/delivery/build_numbers.json'))).toBe(false);
  });

  it('a failing tool fails the package stage with the tool output, records delivery.failed, never throws', async () => {
    const f = createFixture({ platforms: 'web,android' });
    const r = await runPackaging(f.io, f.project, f.id, {
      mode: 'auto',
      registry: registryOf(fakeLane('web'), fakeLane('android', { fail: true })),
      laneConfig: NO_CONFIG,
    });
    expect(r.ok).toBe(false);
    expect(r.journey).toBe('failed');
    expect(r.per_platform.android!.error).toContain('error: boom');
    const s = getStatus(f.io, f.project, f.id).session;
    expect(s.pipeline.package.status).toBe('failed');
    expect(s.session_phase).toBe('failed');
    expect(getEvents(f.io, f.project, f.id).events.at(-1)!.payload.phase).toBe('packaging');
  });

  it('a missing lane is a preflight problem naming it', async () => {
    const f = createFixture({ platforms: 'ios' });
    const r = await runPackaging(f.io, f.project, f.id, {
      mode: 'execute',
      registry: registryOf(),
      laneConfig: NO_CONFIG,
    });
    expect(r.journey).toBe('blocked');
    expect(r.preflight_issues[0]!.reason).toContain('no lane is registered');
  });

  it('refuses a blocked delivery and changes nothing', async () => {
    const f = createFixture({ platforms: 'ios' }, testIO({}));
    const before = snapshotTree(f.project);
    await expect(
      runPackaging(f.io, f.project, f.id, {
        mode: 'auto',
        registry: registryOf(fakeLane('ios')),
        laneConfig: NO_CONFIG,
      }),
    ).rejects.toMatchObject({ code: 'EBLOCKED' });
    expect(snapshotTree(f.project)).toEqual(before);
  });

  it('does not hold the delivery lock while a build runs: a report is accepted meanwhile', async () => {
    const f = createFixture({ platforms: 'web' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = runPackaging(f.io, f.project, f.id, {
      mode: 'auto',
      registry: registryOf(fakeLane('web', { gate })),
      laneConfig: NO_CONFIG,
    });
    await new Promise((r) => setTimeout(r, 50));
    const rep = ingestActivationReport(f.io, f.project, f.id, {
      delivery_id: f.id,
      recipient_token_id: f.token('a@x.com'),
      activation_token: f.activationToken('a@x.com'),
      platform: 'web',
      heartbeat_at_unix_ms: 1,
    });
    expect(rep.recorded.heartbeat).toBe(true);
    expect(getStatus(f.io, f.project, f.id).session.session_phase).toBe('building');
    release();
    expect((await running).ok).toBe(true);
    expect(
      getStatus(f.io, f.project, f.id).session.per_recipient['a@x.com']!.platforms.web!.heartbeat_count,
    ).toBe(1);
  });
});
