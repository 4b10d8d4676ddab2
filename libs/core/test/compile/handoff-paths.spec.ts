import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCompileHandoff, resolveProjectPath } from '../../src/compile';
import { compileOutputs, tempTree, thrown, webPlan, writeTree } from './helpers';

const RID = 'r1';
const MANIFEST = `.akc/run/${RID}.manifest.json`;

function manifestWithPasses(passes: object[], extra: object = {}): Record<string, object> {
  return { [MANIFEST]: { run_id: RID, passes, ...extra } };
}

describe('paths read from manifests stay inside the project (spec 16.13)', () => {
  it('a delivery_plan_path escaping via .. is an error naming the path', () => {
    const outside = tempTree({ 'plan.json': webPlan(RID) });
    const dir = tempTree();
    const rel = path.relative(dir, path.join(outside, 'plan.json'));
    writeTree(dir, manifestWithPasses([{ name: 'delivery_plan', metadata: { delivery_plan_path: rel } }]));
    const e = thrown(() => loadCompileHandoff(dir, RID));
    expect(e.params['path']).toBe(rel);
    expect(e.message).toContain(rel);
    expect(e.message).toMatch(
      /passes\[0\]\.metadata\.delivery_plan_path in \.akc\/run\/r1\.manifest\.json points outside/,
    );
  });

  it('a sneaky .akc/../../x path is refused too', () => {
    const dir = tempTree(
      manifestWithPasses([{ name: 'delivery_plan', metadata: { delivery_plan_path: '.akc/../../x.json' } }]),
    );
    expect(thrown(() => loadCompileHandoff(dir, RID)).message).toMatch(
      /\.akc\/\.\.\/\.\.\/x\.json.*points outside/,
    );
  });

  it('an absolute delivery_plan_path is refused, even one inside the project', () => {
    const dir = tempTree(compileOutputs(RID));
    const abs = path.join(dir, `.akc/deployment/${RID}.delivery_plan.json`);
    writeTree(dir, manifestWithPasses([{ name: 'delivery_plan', metadata: { delivery_plan_path: abs } }]));
    const e = thrown(() => loadCompileHandoff(dir, RID));
    expect(e.message).toContain(abs);
    expect(e.message).toMatch(/is an absolute path/);
  });

  it('a plan path through a symlink that leaves the project is refused', () => {
    const outside = tempTree({ 'secret-plan.json': webPlan(RID) });
    const dir = tempTree(compileOutputs(RID));
    fs.rmSync(path.join(dir, '.akc/deployment'), { recursive: true });
    fs.symlinkSync(outside, path.join(dir, '.akc/deployment'));
    writeTree(
      dir,
      manifestWithPasses([
        { name: 'delivery_plan', metadata: { delivery_plan_path: '.akc/deployment/secret-plan.json' } },
      ]),
    );
    const e = thrown(() => loadCompileHandoff(dir, RID));
    expect(e.params['path']).toBe('.akc/deployment/secret-plan.json');
    expect(e.message).toMatch(/resolves outside the project dir through a symbolic link/);
  });

  it('a symlinked file whose target is outside is refused as well (the default path)', () => {
    const outside = tempTree({ 'plan.json': webPlan(RID) });
    const dir = tempTree(manifestWithPasses([]));
    fs.mkdirSync(path.join(dir, '.akc/deployment'), { recursive: true });
    fs.symlinkSync(
      path.join(outside, 'plan.json'),
      path.join(dir, `.akc/deployment/${RID}.delivery_plan.json`),
    );
    expect(thrown(() => loadCompileHandoff(dir, RID)).message).toMatch(/the default path resolves outside/);
  });

  it('a symlink that stays inside the project is fine', () => {
    const dir = tempTree(compileOutputs(RID));
    fs.symlinkSync(
      path.join(dir, `.akc/deployment/${RID}.delivery_plan.json`),
      path.join(dir, 'plan-link.json'),
    );
    writeTree(
      dir,
      manifestWithPasses([{ name: 'delivery_plan', metadata: { delivery_plan_path: './plan-link.json' } }]),
    );
    expect(loadCompileHandoff(dir, RID)).toMatchObject({
      delivery_plan_loaded: true,
      delivery_plan_rel_path: 'plan-link.json',
    });
  });

  it('runtime bundle and infra paths are checked the same way', () => {
    const dir = tempTree({ ...compileOutputs(RID) });
    writeTree(
      dir,
      manifestWithPasses([{ name: 'runtime_bundle', metadata: { runtime_bundle_path: '../rb.json' } }]),
    );
    expect(thrown(() => loadCompileHandoff(dir, RID)).message).toMatch(
      /the runtime bundle path in \.akc\/run\/r1\.manifest\.json points outside/,
    );
    writeTree(dir, manifestWithPasses([], { runtime_bundle: { path: '/etc/rb.json' } }));
    expect(thrown(() => loadCompileHandoff(dir, RID)).message).toMatch(
      /runtime bundle path .* is an absolute path/,
    );
    writeTree(
      dir,
      manifestWithPasses([
        { name: 'infrastructure_synthesis', metadata: { iac_manifest_path: '../iac.json' } },
      ]),
    );
    expect(thrown(() => loadCompileHandoff(dir, RID)).message).toMatch(/iac_manifest_path .* points outside/);
  });

  it('resolveProjectPath normalises and refuses empty paths', () => {
    const dir = tempTree();
    expect(resolveProjectPath(dir, './a/../b/c.json', 'x')).toEqual({
      abs: path.join(dir, 'b/c.json'),
      rel: 'b/c.json',
    });
    expect(thrown(() => resolveProjectPath(dir, '  ', 'x')).message).toMatch(/is empty/);
    expect(thrown(() => resolveProjectPath(dir, '.', 'x')).message).toMatch(/points outside/);
    expect(thrown(() => resolveProjectPath(dir, 'C:\\x.json', 'x')).message).toMatch(/absolute/);
  });
});
