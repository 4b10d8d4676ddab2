import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

/** A fresh temp dir holding `tree` (relative path → content); removed after all tests. */
export function tempTree(tree: Record<string, string | Buffer> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'akc-ingest-'));
  made.push(root);
  writeTree(root, tree);
  return root;
}

/** Write more files into an existing dir. */
export function writeTree(root: string, tree: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(tree)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (rel.endsWith('/')) fs.mkdirSync(full, { recursive: true });
    else fs.writeFileSync(full, content);
  }
}

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Run `fn` and return the AkcError-like object it throws (fails the test if nothing is thrown). */
export function thrown(fn: () => unknown): { code: string; message: string; hint: string; params: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string; hint: string; params: Record<string, unknown> };
  }
  throw new Error('expected the call to throw');
}

export const SERVICE_ACCOUNT_JSON = JSON.stringify({
  type: 'service_account',
  project_id: 'demo',
  client_email: 'deliver@demo.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
});
export const P8_KEY = '-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----\n';
