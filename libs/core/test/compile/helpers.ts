import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp dir (real path, so symlink checks compare like with like) holding `tree`. */
export function tempTree(tree: Record<string, string | object> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'akc-compile-')));
  made.push(root);
  writeTree(root, tree);
  return root;
}

/** Write files below `root`; object values are written as pretty JSON. */
export function writeTree(root: string, tree: Record<string, string | object>): void {
  for (const [rel, content] of Object.entries(tree)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

/** Write an executable `#!/usr/bin/env node` script and return its absolute path. */
export function nodeScript(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/usr/bin/env node\n${body}\n`);
  fs.chmodSync(file, 0o755);
  return file;
}

/** Set a file's mtime (and atime) to `ms`. */
export function setMtime(file: string, ms: number): void {
  fs.utimesSync(file, ms / 1000, ms / 1000);
}

/** The environment for child processes: PATH must reach `node` for the shebang. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { PATH: process.env['PATH'], HOME: os.tmpdir(), ...extra };
}

/** The AkcError-like object `fn` throws (fails the test when nothing is thrown). */
export function thrown(fn: () => unknown): {
  code: string;
  message: string;
  params: Record<string, unknown>;
} {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string; params: Record<string, unknown> };
  }
  throw new Error('expected an error');
}

/** The AkcError-like object a promise rejects with. */
export async function rejected(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; params: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; params: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

/** A complete compile output set for run `rid` (manifest + plan), as the Python side writes it. */
export function compileOutputs(rid: string, plan: object = webPlan(rid)): Record<string, string | object> {
  return {
    [`.akc/run/${rid}.manifest.json`]: {
      run_id: rid,
      stable_intent_sha256: 'a'.repeat(64),
      intent_semantic_fingerprint: 'b'.repeat(64),
      intent_goal_text_fingerprint: 'c'.repeat(64),
      passes: [
        { name: 'intent', metadata: {} },
        {
          name: 'delivery_plan',
          metadata: { delivery_plan_path: `.akc/deployment/${rid}.delivery_plan.json` },
        },
        {
          name: 'runtime_bundle',
          metadata: { runtime_bundle_path: `.akc/runtime/${rid}.runtime_bundle.json` },
        },
      ],
    },
    [`.akc/deployment/${rid}.delivery_plan.json`]: plan,
  };
}

/** A delivery plan with one web_app target on app.example.com and a backend service. */
export function webPlan(rid: string): object {
  return {
    run_id: rid,
    tenant_id: 't1',
    repo_id: 'r1',
    targets: [
      { target_id: 'svc-api', target_class: 'backend_service', name: 'api', domain: 'api.example.com' },
      { target_id: 'web-ui', target_class: ' web_app ', name: 'frontend', domain: ' /app.example.com ' },
    ],
    environments: ['local', 'staging', 'production'],
    delivery_paths: {},
    required_human_inputs: [],
    promotion_readiness: {
      status: 'blocked',
      blocking_inputs: [],
      promotion_blockers: ['production_manual_approval_gate'],
      production_manual_approval_required: true,
      is_promotion_ready: false,
      default_promotion_environment: 'production',
    },
  };
}

/** Parse a JSON file. */
export function readJsonFile<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
