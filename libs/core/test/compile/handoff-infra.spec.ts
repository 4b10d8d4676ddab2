import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  loadCompileHandoff,
  parseLosslessJson,
  pythonFingerprint,
  slimHandoff,
  suggestedWebBaseUrl,
  webHintsFromOutputsRef,
} from '../../src/compile';
import { compileOutputs, setMtime, tempTree, webPlan, writeTree } from './helpers';

const RID = 'r1';
const INFRA = `.akc/infra/${RID}.infra_plan.json`;
const IAC = `.akc/infra/${RID}.iac_manifest.json`;

function fp(dir: string, rel: string): string {
  return pythonFingerprint(parseLosslessJson(fs.readFileSync(path.join(dir, rel), 'utf8')));
}

describe('seed additions: infra plan, IaC manifest, provision evidence, provisioning readiness', () => {
  it('all absent -> null refs, no error', () => {
    const h = loadCompileHandoff(tempTree(compileOutputs(RID)), RID);
    expect(h).toMatchObject({
      infra_plan_ref: null,
      iac_manifest_ref: null,
      provision_summary_ref: null,
      provisioning_readiness: null,
    });
    expect(h.error).toBeUndefined();
  });

  it('present at the default paths -> refs with fingerprints and readiness from the infra plan', () => {
    const dir = tempTree({
      ...compileOutputs(RID),
      [INFRA]:
        '{"run_id":"r1","provisioning_readiness":{"status":"needs_apply","cost":12.0,"api_token":"s3cr3t-value"}}',
      [IAC]: { backend: 'terraform', files: ['main.tf'] },
    });
    const h = loadCompileHandoff(dir, RID);
    expect(h.infra_plan_ref).toEqual({ path: INFRA, fingerprint: fp(dir, INFRA) });
    expect(h.iac_manifest_ref).toEqual({ path: IAC, fingerprint: fp(dir, IAC) });
    // the fingerprint keeps Python's 12.0, and secret-looking strings never reach the handoff
    expect(fp(dir, INFRA)).not.toBe(
      pythonFingerprint(JSON.parse(fs.readFileSync(path.join(dir, INFRA), 'utf8'))),
    );
    expect(h.provisioning_readiness).toEqual({ status: 'needs_apply', cost: 12 });
  });

  it('paths from the infrastructure_synthesis pass record win over the defaults', () => {
    const dir = tempTree({
      ...compileOutputs(RID),
      'infra/custom-plan.json': { provisioning_readiness: { status: 'ready' } },
      'infra/custom-iac.json': {},
    });
    const manifestFile = path.join(dir, `.akc/run/${RID}.manifest.json`);
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { passes: object[] };
    m.passes.push({
      name: 'infrastructure_synthesis',
      metadata: { infra_plan_path: 'infra/custom-plan.json', iac_manifest_path: 'infra/custom-iac.json' },
    });
    fs.writeFileSync(manifestFile, JSON.stringify(m));
    const h = loadCompileHandoff(dir, RID);
    expect(h.infra_plan_ref?.path).toBe('infra/custom-plan.json');
    expect(h.iac_manifest_ref?.path).toBe('infra/custom-iac.json');
    expect(h.provisioning_readiness).toEqual({ status: 'ready' });
  });

  it('falls back to the delivery plan provisioning_readiness when the infra plan has none', () => {
    const plan = { ...webPlan(RID), provisioning_readiness: { status: 'not_required' } };
    const dir = tempTree({ ...compileOutputs(RID, plan), [INFRA]: { run_id: RID } });
    expect(loadCompileHandoff(dir, RID).provisioning_readiness).toEqual({ status: 'not_required' });
  });

  it('picks the newest provision session by its own timestamp, skipping other runs and junk', () => {
    const dir = tempTree({
      ...compileOutputs(RID),
      '.akc/provision/p-old/session.json': { provision_id: 'p-old', status: 'applied', updated_at_ms: 1000 },
      '.akc/provision/p-new/session.json': { status: 'planned', updated_at_ms: 2000, compile_run_id: RID },
      '.akc/provision/p-other/session.json': {
        status: 'applied',
        updated_at_ms: 9000,
        compile_run_id: 'other',
      },
      '.akc/provision/p-bad/session.json': '{ torn',
      '.akc/provision/p-list/session.json': '[]',
      '.akc/provision/p-none/plan.json': {},
    });
    expect(loadCompileHandoff(dir, RID).provision_summary_ref).toEqual({
      provision_id: 'p-new',
      session_rel_path: '.akc/provision/p-new/session.json',
      fingerprint: fp(dir, '.akc/provision/p-new/session.json'),
      status: 'planned',
      updated_at_ms: 2000,
    });
  });

  it('falls back to ISO timestamps, then to the file mtime', () => {
    const dir = tempTree({
      ...compileOutputs(RID),
      '.akc/provision/a/session.json': { updated_at: '2030-01-01T00:00:00Z' },
      '.akc/provision/b/session.json': { status: 7 },
    });
    setMtime(path.join(dir, '.akc/provision/b/session.json'), Date.parse('2031-01-01T00:00:00Z'));
    const ref = loadCompileHandoff(dir, RID).provision_summary_ref!;
    expect(ref.provision_id).toBe('b');
    expect(ref.status).toBeUndefined();
    setMtime(path.join(dir, '.akc/provision/b/session.json'), Date.parse('2029-01-01T00:00:00Z'));
    expect(loadCompileHandoff(dir, RID).provision_summary_ref?.provision_id).toBe('a');
  });

  it('a provision session symlinked from outside the project is ignored', () => {
    const outside = tempTree({ 'session.json': { status: 'applied', updated_at_ms: 1 } });
    const dir = tempTree(compileOutputs(RID));
    fs.mkdirSync(path.join(dir, '.akc/provision'), { recursive: true });
    fs.symlinkSync(outside, path.join(dir, '.akc/provision/p1'));
    expect(loadCompileHandoff(dir, RID).provision_summary_ref).toBeNull();
  });
});

describe('slimHandoff -> compile_outputs_ref (spec 3.9 + seed additions + hints)', () => {
  it('has exactly the documented fields, plain JSON, and web hints for dispatch', () => {
    const dir = tempTree({ ...compileOutputs(RID), [INFRA]: {}, [IAC]: {} });
    writeTree(dir, { '.akc/provision/p1/session.json': { status: 'applied', updated_at_ms: 5 } });
    const h = loadCompileHandoff(dir, RID);
    const ref = slimHandoff(h);
    expect(Object.keys(ref).sort()).toEqual(
      [
        'compile_run_id',
        'manifest_present',
        'manifest_rel_path',
        'delivery_plan_rel_path',
        'delivery_plan_loaded',
        'delivery_plan_ref',
        'promotion_readiness',
        'runtime_bundle_rel_path',
        'infra_plan_ref',
        'iac_manifest_ref',
        'provision_summary_ref',
        'provisioning_readiness',
        'web_distribution_hints',
      ].sort(),
    );
    expect(JSON.parse(JSON.stringify(ref))).toEqual(ref);
    expect(ref.web_distribution_hints.suggested_base_urls).toEqual(['https://app.example.com']);
    expect(ref.provision_summary_ref).toMatchObject({ provision_id: 'p1', status: 'applied' });
    ref.web_distribution_hints.suggested_base_urls.push('https://mutated.example');
    expect(h.web_distribution_hints.suggested_base_urls).toEqual(['https://app.example.com']);
  });

  it('carries error only when there is one, and the manifest path in the missing case', () => {
    const missing = slimHandoff(loadCompileHandoff(tempTree(), RID));
    expect(missing).toMatchObject({
      manifest_present: false,
      manifest_rel_path: `.akc/run/${RID}.manifest.json`,
      error: 'run_manifest_missing',
    });
    expect('error' in slimHandoff(loadCompileHandoff(tempTree(), null))).toBe(false);
  });

  it('hints stored on request/session reach the web lane after a JSON round trip', () => {
    const stored: unknown = JSON.parse(
      JSON.stringify(slimHandoff(loadCompileHandoff(tempTree(compileOutputs(RID)), RID))),
    );
    expect(suggestedWebBaseUrl(stored)).toBe('https://app.example.com');
    expect(webHintsFromOutputsRef(stored).web_targets).toEqual([
      { target_id: 'web-ui', name: 'frontend', domain: 'app.example.com' },
    ]);
  });

  it.each([
    undefined,
    null,
    'x',
    {},
    { web_distribution_hints: { suggested_base_urls: ['javascript:alert(1)', 5] } },
  ])('reading hints from a malformed stored ref %j gives none', (stored) => {
    expect(suggestedWebBaseUrl(stored)).toBeNull();
  });
});
