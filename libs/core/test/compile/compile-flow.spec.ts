/**
 * The library side of conformance items 91 and 92 (spec §15): what the CLI does around
 * `akc deliver --compile`, with a real child process standing in for `akc compile`.
 */
import * as path from 'node:path';
import { isAkcError } from '../../src/errors/akc-error';
import {
  compileFailure,
  handoffFailure,
  loadCompileHandoff,
  resolveCompileCommand,
  runCompile,
  slimHandoff,
} from '../../src/compile';
import { childEnv, nodeScript, tempTree, writeTree } from './helpers';

/** Writes what today's Python compile writes: metadata.run_id only in the scoped manifest. */
const FAKE_COMPILE = `
const fs = require('fs');
const path = require('path');
const mode = process.env.FAKE_MODE || 'ok';
if (mode === 'fail') { console.error('Traceback: intent rejected'); process.exit(2); }
if (mode === 'nothing') process.exit(0);
const rid = 'c0ffee';
const w = (rel, body) => { fs.mkdirSync(path.dirname(rel), { recursive: true }); fs.writeFileSync(rel, body); };
w('manifest.json', JSON.stringify({ metadata: { run_id: rid } }));
w('.akc/run/' + rid + '.manifest.json', mode === 'torn' ? '{"run_id": "c0f' : JSON.stringify({
  run_id: rid,
  passes: [{ name: 'delivery_plan', metadata: { delivery_plan_path: '.akc/deployment/' + rid + '.delivery_plan.json' } }],
}));
w('.akc/deployment/' + rid + '.delivery_plan.json', JSON.stringify({
  run_id: rid,
  targets: [{ target_id: 'web', target_class: 'web_app', name: 'site', domain: 'notes.example.com' }],
  promotion_readiness: { status: 'blocked' },
}));
console.log('compile done');
`;

function scopedProject(): string {
  const out = tempTree();
  const dir = path.join(out, 't1', 'r1');
  writeTree(dir, { '.akc/project.json': { tenant_id: 't1', repo_id: 'r1', outputs_root: out } });
  return dir;
}

async function compileIn(dir: string, mode: string) {
  const exe = nodeScript(tempTree(), 'akc-compile', FAKE_COMPILE);
  const env = childEnv({ FAKE_MODE: mode, PATH: `${path.dirname(exe)}:${process.env['PATH'] ?? ''}` });
  const cmd = resolveCompileCommand({ projectDir: dir, env })!;
  const lines: string[] = [];
  const result = await runCompile({
    argv: cmd.argv,
    projectDir: dir,
    goal: 'Notes beta',
    env,
    onOutput: (l) => lines.push(l),
  });
  return { cmd, result, lines };
}

describe('compile handoff flow', () => {
  it('92. success: default command found on PATH, run id from the scoped manifest, outputs bound', async () => {
    const dir = scopedProject();
    const { cmd, result, lines } = await compileIn(dir, 'ok');
    expect(cmd.source).toBe('default');
    expect(compileFailure(result, cmd.argv)).toBeNull();
    expect(result.runId).toBe('c0ffee');
    expect(lines).toContain('compile done');
    const h = loadCompileHandoff(dir, result.runId);
    expect(handoffFailure(h)).toBeNull();
    const ref = slimHandoff(h);
    expect(ref).toMatchObject({
      compile_run_id: 'c0ffee',
      manifest_present: true,
      delivery_plan_loaded: true,
    });
    expect(ref.web_distribution_hints.suggested_base_urls).toEqual(['https://notes.example.com']);
  });

  it('91. non-zero exit: a clear failure carrying the output tail, no run id', async () => {
    const { cmd, result } = await compileIn(scopedProject(), 'fail');
    expect(result).toMatchObject({ exitCode: 2, runId: null });
    const e = compileFailure(result, cmd.argv)!;
    expect(isAkcError(e)).toBe(true);
    expect(e.message).toMatch(/exited with code 2; last output: Traceback: intent rejected/);
    expect(e.params['output_tail']).toEqual(['Traceback: intent rejected']);
  });

  it('exit 0 without outputs: the handoff fails clearly because no run id was found', async () => {
    const dir = scopedProject();
    const { result } = await compileIn(dir, 'nothing');
    expect(result.runId).toBeNull();
    expect(handoffFailure(loadCompileHandoff(dir, result.runId))?.message).toMatch(/run id was not found/);
  });

  it('a torn run manifest is an AkcError naming the file, not a stack trace', async () => {
    const dir = scopedProject();
    const { result } = await compileIn(dir, 'torn');
    let caught: unknown;
    try {
      loadCompileHandoff(dir, result.runId);
    } catch (e) {
      caught = e;
    }
    expect(isAkcError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/\.akc\/run\/c0ffee\.manifest\.json.*not valid JSON/);
  });
});
