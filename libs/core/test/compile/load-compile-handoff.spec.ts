import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAkcError } from '../../src/errors/akc-error';
import { handoffFailure, loadCompileHandoff, parseLosslessJson, pythonFingerprint } from '../../src/compile';
import { compileOutputs, tempTree, thrown, webPlan, writeTree } from './helpers';

const RID = 'e476a1';
const MANIFEST = `.akc/run/${RID}.manifest.json`;
const PLAN = `.akc/deployment/${RID}.delivery_plan.json`;

function fingerprintOf(dir: string, rel: string): string {
  return pythonFingerprint(parseLosslessJson(fs.readFileSync(path.join(dir, rel), 'utf8')));
}

describe('loadCompileHandoff: spec 5.2 cases', () => {
  it.each([null, undefined, '', '   '])('88. no run id (%j) -> nothing bound, no error', (rid) => {
    expect(loadCompileHandoff(tempTree(), rid)).toEqual({
      compile_run_id: null,
      manifest_present: false,
      manifest_rel_path: null,
      delivery_plan_rel_path: null,
      delivery_plan_loaded: false,
      derived_intent_ref: null,
      delivery_plan_ref: null,
      promotion_readiness: null,
      web_distribution_hints: { web_targets: [], suggested_base_urls: [] },
      runtime_bundle_rel_path: null,
      infra_plan_ref: null,
      iac_manifest_ref: null,
      provision_summary_ref: null,
      provisioning_readiness: null,
    });
  });

  it('89. binds intent, plan fingerprint F, promotion readiness and web hints', () => {
    const dir = tempTree(compileOutputs(RID));
    const h = loadCompileHandoff(dir, ` ${RID} `);
    expect(h).toMatchObject({
      compile_run_id: RID,
      manifest_present: true,
      manifest_rel_path: MANIFEST,
      delivery_plan_rel_path: PLAN,
      delivery_plan_loaded: true,
      derived_intent_ref: {
        intent_id: RID,
        stable_intent_sha256: 'a'.repeat(64),
        semantic_fingerprint: 'b'.repeat(64),
        goal_text_fingerprint: 'c'.repeat(64),
      },
      delivery_plan_ref: { path: PLAN, fingerprint: fingerprintOf(dir, PLAN) },
      promotion_readiness: { status: 'blocked', is_promotion_ready: false },
      runtime_bundle_rel_path: `.akc/runtime/${RID}.runtime_bundle.json`,
    });
    expect(h.web_distribution_hints).toEqual({
      web_targets: [{ target_id: 'web-ui', name: 'frontend', domain: 'app.example.com' }],
      suggested_base_urls: ['https://app.example.com'],
    });
    expect(h.error).toBeUndefined();
    expect(handoffFailure(h)).toBeNull();
  });

  it('the plan fingerprint matches Python for a plan with floats and non-ASCII text', () => {
    const text = String.raw`{"run_id":"r-float","targets":[{"target_id":"w","target_class":"web_app","name":"site","domain":"app.example.com","scaling_resources":{"cpu":1.0,"memory_gb":0.5,"max_replicas":3,"ratio":1e-7}}],"promotion_readiness":{"status":"blocked","score":100.0},"environments":["local"],"delivery_paths":{},"required_human_inputs":[],"tenant_id":"t","repo_id":"r","note":"caf\u00e9 \ud83d\ude00"}`;
    const dir = tempTree({
      ...compileOutputs('r-float'),
      '.akc/deployment/r-float.delivery_plan.json': text,
    });
    // sha256 of Python's json.dumps(json.loads(text), sort_keys=True, separators=(',',':'), ensure_ascii=False)
    expect(loadCompileHandoff(dir, 'r-float').delivery_plan_ref?.fingerprint).toBe(
      '599ea82274d0d3889af1616170ca6667b3228558166f53a4a0e57d9d51b68730',
    );
  });

  it('derived_intent_ref is null unless all three intent fingerprints are present', () => {
    const dir = tempTree(compileOutputs(RID));
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Record<string, unknown>;
    writeTree(dir, { [MANIFEST]: { ...m, intent_goal_text_fingerprint: '  ' } });
    expect(loadCompileHandoff(dir, RID).derived_intent_ref).toBeNull();
  });

  it('uses the default plan path and manifest runtime_bundle.path when there are no pass records', () => {
    const dir = tempTree({
      [MANIFEST]: { run_id: RID, runtime_bundle: { path: '.akc/runtime/rb.json' } },
      [PLAN]: webPlan(RID),
    });
    expect(loadCompileHandoff(dir, RID)).toMatchObject({
      delivery_plan_rel_path: PLAN,
      delivery_plan_loaded: true,
      runtime_bundle_rel_path: '.akc/runtime/rb.json',
    });
  });

  it('accepts a manifest whose run id is only under metadata.run_id', () => {
    const dir = tempTree({ [MANIFEST]: { metadata: { run_id: RID } }, [PLAN]: webPlan(RID) });
    expect(loadCompileHandoff(dir, RID).manifest_present).toBe(true);
  });

  it('missing manifest -> run_manifest_missing, naming the path (not an exception)', () => {
    const h = loadCompileHandoff(tempTree(), RID);
    expect(h).toMatchObject({
      compile_run_id: RID,
      manifest_present: false,
      manifest_rel_path: MANIFEST,
      delivery_plan_loaded: false,
      error: 'run_manifest_missing',
    });
    expect(handoffFailure(h)!.message).toMatch(`${MANIFEST}: run manifest not found`);
  });

  it('run id mismatch -> run_manifest_run_id_mismatch with nothing else bound', () => {
    const dir = tempTree({ ...compileOutputs(RID), [MANIFEST]: { run_id: 'other-run' } });
    const h = loadCompileHandoff(dir, RID);
    expect(h).toMatchObject({
      manifest_present: true,
      manifest_run_id: 'other-run',
      delivery_plan_loaded: false,
      delivery_plan_ref: null,
      error: 'run_manifest_run_id_mismatch',
    });
    expect(handoffFailure(h)!.message).toMatch(/the manifest holds run_id 'other-run', expected 'e476a1'/);
  });

  it('missing plan -> delivery_plan_missing, the rest still bound, and a clear failure', () => {
    const dir = tempTree(compileOutputs(RID));
    fs.rmSync(path.join(dir, PLAN));
    const h = loadCompileHandoff(dir, RID);
    expect(h).toMatchObject({
      manifest_present: true,
      delivery_plan_rel_path: PLAN,
      delivery_plan_loaded: false,
      delivery_plan_ref: null,
      error: 'delivery_plan_missing',
    });
    expect(h.derived_intent_ref).not.toBeNull();
    expect(handoffFailure(h)!.message).toMatch(`${PLAN}: delivery plan not found`);
  });

  it('no run id is a compile-stage failure explaining where the id was looked for', () => {
    expect(handoffFailure(loadCompileHandoff(tempTree(), null))!.message).toMatch(/run id was not found/);
  });
});

describe('web hints (spec 5.4)', () => {
  function hintsFor(targets: unknown[]) {
    const dir = tempTree(compileOutputs(RID, { ...webPlan(RID), targets }));
    return loadCompileHandoff(dir, RID).web_distribution_hints;
  }

  it('90. a backend_service target with a domain gives no hints', () => {
    expect(
      hintsFor([{ target_id: 's', target_class: 'backend_service', name: 'api', domain: 'api.x.com' }]),
    ).toEqual({
      web_targets: [],
      suggested_base_urls: [],
    });
  });

  it('a web_app target without a domain is listed with no URL', () => {
    expect(hintsFor([{ target_id: 'w', target_class: 'web_app', name: 'site', domain: '  ' }])).toEqual({
      web_targets: [{ target_id: 'w', name: 'site' }],
      suggested_base_urls: [],
    });
  });

  it('keeps target order, dedupes URLs, accepts a domain written as a URL, skips an invalid host', () => {
    expect(
      hintsFor([
        { target_id: 'a', target_class: 'web_app', name: 'a', domain: 'a.example.com' },
        { target_id: 'b', target_class: 'web_app', name: null, domain: 'https://b.example.com/app' },
        { target_id: 'c', target_class: 'web_app', domain: '//a.example.com' },
        { target_id: 'd', target_class: 'web_app', name: 'd', domain: 'bad host' },
        { target_id: 'e', target_class: 'mobile_client', name: 'e', domain: 'e.example.com' },
      ]),
    ).toEqual({
      web_targets: [
        { target_id: 'a', name: 'a', domain: 'a.example.com' },
        { target_id: 'b', name: null, domain: 'https://b.example.com/app' },
        { target_id: 'c', name: null, domain: 'a.example.com' },
        { target_id: 'd', name: 'd', domain: 'bad host' },
      ],
      suggested_base_urls: ['https://a.example.com', 'https://b.example.com/app'],
    });
  });
});

describe('malformed artifacts are clear errors naming the file', () => {
  function errorFor(tree: Record<string, string | object>, rid = RID) {
    const dir = tempTree({ ...compileOutputs(RID), ...tree });
    let caught: unknown;
    try {
      loadCompileHandoff(dir, rid);
    } catch (e) {
      caught = e;
    }
    expect(isAkcError(caught)).toBe(true);
    return caught as Error & { code: string; params: Record<string, unknown> };
  }

  it.each([
    [
      MANIFEST,
      '{"run_id": "e476a1",',
      /: not valid JSON \(Unexpected end of input \(Expected a property name in double quotes\) at line 1 column 21\)/,
    ],
    [MANIFEST, '["e476a1"]', /must be a JSON object, found an array/],
    [MANIFEST, '"e476a1"', /must be a JSON object, found a string/],
    [MANIFEST, { passes: [] }, /: no run_id \(top-level or metadata.run_id\)/],
    [MANIFEST, { run_id: 7 }, /run_id must be a string, found a number/],
    [MANIFEST, { run_id: RID, passes: {} }, /passes must be an array, found an object/],
    [MANIFEST, { run_id: RID, passes: ['x'] }, /passes\[0\] must be an object/],
    [MANIFEST, { run_id: RID, passes: [{ name: 1 }] }, /passes\[0\]\.name must be a string/],
    [
      MANIFEST,
      { run_id: RID, passes: [{ name: 'delivery_plan', metadata: { delivery_plan_path: 5 } }] },
      /passes\[0\]\.metadata\.delivery_plan_path must be a string, found a number/,
    ],
    [MANIFEST, { run_id: RID, runtime_bundle: 'x' }, /runtime_bundle must be an object/],
    [
      MANIFEST,
      { run_id: RID, stable_intent_sha256: ['x'] },
      /stable_intent_sha256 must be a string, found an array/,
    ],
    [PLAN, '{ "targets": [ }', /: not valid JSON \(Unexpected "}" at line 1 column 16\)/],
    [PLAN, 'null', /must be a JSON object, found null/],
    [PLAN, { targets: 'web' }, /targets must be an array, found a string/],
    [PLAN, { targets: [3] }, /targets\[0\] must be an object/],
    [PLAN, { targets: [{ target_class: 5 }] }, /targets\[0\]\.target_class must be a string/],
    [PLAN, { targets: [{ target_class: 'web_app', domain: 5 }] }, /targets\[0\]\.domain must be a string/],
    [PLAN, { targets: [], promotion_readiness: 'blocked' }, /promotion_readiness must be an object/],
    [PLAN, { run_id: 'older-run', targets: [] }, /written for run 'older-run', not for compile run 'e476a1'/],
    [`.akc/infra/${RID}.infra_plan.json`, '{', /Unexpected end of input/],
    [`.akc/infra/${RID}.iac_manifest.json`, '[]', /must be a JSON object/],
  ])('%s %j', (file, body, want) => {
    const e = errorFor({ [file]: body });
    expect(e.code).toBe('EHANDOFF');
    expect(e.params['path']).toBe(file);
    expect(e.message).toContain(file);
    expect(e.message).toMatch(want);
  });

  it('invalid UTF-8 in an artifact is refused (Python could not read it either)', () => {
    const dir = tempTree(compileOutputs(RID));
    fs.writeFileSync(path.join(dir, PLAN), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect(thrown(() => loadCompileHandoff(dir, RID)).message).toMatch(/: not valid UTF-8/);
  });

  it('a directory in place of the manifest is an error, not a crash', () => {
    const dir = tempTree();
    fs.mkdirSync(path.join(dir, MANIFEST), { recursive: true });
    expect(thrown(() => loadCompileHandoff(dir, RID)).message).toMatch(/: not a regular file/);
  });

  it('an unsafe run id is refused before any path is built', () => {
    const e = thrown(() => loadCompileHandoff(tempTree(), '../../etc/passwd'));
    expect(e.message).toMatch(/not a valid compile run id/);
  });
});
