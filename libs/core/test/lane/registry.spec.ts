import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertLaneShape, LaneRegistry } from '../../src/lane/registry';
import { buildLaneRegistry, readLaneConfig } from '../../src/lane/load-lanes';
import type { LanePlugin } from '../../src/lane/contract';
import { tempProject } from '../helpers';

const good = (over: Partial<LanePlugin> = {}): LanePlugin => ({
  apiVersion: 1,
  id: 'web',
  kind: 'build',
  platform: 'web',
  version: '1.0.0',
  description: 'test web lane',
  package: async () => ({
    execution_mode: 'plan',
    artifact_authority: 'plan_only',
    distribution_ready: false,
    artifacts: [],
    outputs: {},
  }),
  ...over,
});

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return `${(e as { code: string }).code} ${(e as Error).message}`;
  }
  return 'no error';
}

/** A real npm package in the project's node_modules. */
function installPackage(project: string, name: string, indexJs: string, akc?: Record<string, unknown>): void {
  const dir = join(project, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', main: 'index.js', ...(akc ? { akc } : {}) }),
  );
  writeFileSync(join(dir, 'index.js'), indexJs);
}

const LANE_JS = (id: string, kind: string, platform: string, extra = '') => `
module.exports = { lane: { apiVersion: 1, id: '${id}', kind: '${kind}', platform: '${platform}', version: '2.0.0',
  description: 'third-party ${id}', ${extra}
  package: async () => ({ execution_mode: 'plan', artifact_authority: 'plan_only', distribution_ready: false, artifacts: [], outputs: { from: 'third-party' } }) } };`;

describe('lane shape checks', () => {
  it.each([
    [{ apiVersion: 2 as never }, 'apiVersion 2; this akc supports apiVersion 1'],
    [{ id: 'windows' }, 'invalid id'],
    [{ id: 'web:beta' }, "must have kind 'distribution'"],
    [{ platform: 'ios' as never }, 'does not match platform'],
    [{ version: 'one' }, 'no semver version'],
    [{ description: ' ' }, 'no description'],
    [{ package: undefined }, 'build lane without a package step'],
    [{ preflight: 'yes' as never }, 'preflight is not a function'],
  ])('refuses %j', (over, text) => {
    expect(message(() => assertLaneShape(good(over), 'pkg'))).toContain(text);
  });
  it('refuses a non-object', () => {
    expect(message(() => assertLaneShape(undefined, 'pkg'))).toContain('does not export a lane');
  });
});

describe('LaneRegistry', () => {
  it('a third-party lane replaces a built-in and records it; a second one for the same id is a problem', () => {
    const r = new LaneRegistry();
    r.register(good(), { origin: 'builtin' });
    r.register(good({ version: '2.0.0' }), { origin: 'akc-lane-a' });
    r.register(good({ version: '3.0.0' }), { origin: 'akc-lane-b' });
    const [web] = r.list();
    expect(web!.source.origin).toBe('akc-lane-a');
    expect(web!.replaced?.origin).toBe('builtin');
    expect(r.problems()[0]!.reason).toContain('already provided by akc-lane-a');
  });

  it('a failed replacement withdraws the built-in so deliveries needing it fail clearly', () => {
    const r = new LaneRegistry();
    r.register(good(), { origin: 'builtin' });
    r.register(good({ id: 'ios', platform: 'ios' }), { origin: 'builtin' });
    r.addProblem({ origin: 'akc-lane-broken', laneId: 'web', reason: 'boom' });
    expect(message(() => r.get('web'))).toContain('failed to load from akc-lane-broken: boom');
    expect(r.get('ios').id).toBe('ios');
  });
});

describe('third-party lanes from the project config', () => {
  it('loads a lane package named in .akc/config.json and lets it replace the built-in', async () => {
    const project = tempProject();
    installPackage(project, 'akc-lane-good', LANE_JS('web', 'build', 'web'));
    mkdirSync(join(project, '.akc'), { recursive: true });
    writeFileSync(
      join(project, '.akc/config.json'),
      JSON.stringify({ lanes: { plugins: ['akc-lane-good'], web: { x: 1 } } }),
    );
    const config = readLaneConfig(project);
    expect(config.options).toEqual({ web: { x: 1 } });
    const registry = await buildLaneRegistry({
      projectDir: project,
      builtins: [{ id: 'web', load: () => good() }],
      config,
    });
    const web = registry.list().find((l) => l.plugin.id === 'web')!;
    expect(web.source.origin).toBe('akc-lane-good');
    expect(web.source.path).toContain('node_modules/akc-lane-good/index.js');
    expect(web.plugin.version).toBe('2.0.0');
  });

  it('reads the akc.lanes key of package.json when there is no .akc/config.json', () => {
    const project = tempProject();
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'app', akc: { lanes: { plugins: ['x'] } } }),
    );
    expect(readLaneConfig(project).plugins).toEqual(['x']);
  });

  it('a broken package fails only the lane it declares; a missing package and a bad apiVersion are reported', async () => {
    const project = tempProject();
    installPackage(project, 'akc-lane-throws', "throw new Error('kaboom at load');", { lane: 'web' });
    installPackage(
      project,
      'akc-lane-v99',
      LANE_JS('ios', 'build', 'ios').replace('apiVersion: 1', 'apiVersion: 99'),
      { lane: 'ios' },
    );
    mkdirSync(join(project, '.akc'), { recursive: true });
    writeFileSync(
      join(project, '.akc/config.json'),
      JSON.stringify({ lanes: { plugins: ['akc-lane-throws', 'akc-lane-v99', 'akc-lane-absent'] } }),
    );
    const registry = await buildLaneRegistry({
      projectDir: project,
      builtins: [
        { id: 'web', load: () => good() },
        { id: 'ios', load: () => good({ id: 'ios', platform: 'ios' }) },
        { id: 'android', load: () => good({ id: 'android', platform: 'android' }) },
      ],
    });
    expect(message(() => registry.get('web'))).toContain('kaboom at load');
    expect(message(() => registry.get('ios'))).toContain('apiVersion 99');
    expect(registry.get('android').id).toBe('android');
    expect(registry.problems().map((p) => p.origin)).toEqual([
      'akc-lane-throws',
      'akc-lane-v99',
      'akc-lane-absent',
    ]);
    expect(registry.problems()[2]!.reason).toContain('npm i -D akc-lane-absent');
  });

  it('malformed config is a clear ELANE error', () => {
    const project = tempProject();
    mkdirSync(join(project, '.akc'), { recursive: true });
    writeFileSync(join(project, '.akc/config.json'), '{"lanes": {"plugins": "nope"}}');
    expect(message(() => readLaneConfig(project))).toContain('must be a list of package names');
    writeFileSync(join(project, '.akc/config.json'), '{oops');
    expect(message(() => readLaneConfig(project))).toContain('not valid JSON');
  });
});
