import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Platform, ReleaseMode } from '../../src/schemas/common';
import { EMPTY_PROBES, operatorPrereqs, runAdapterPreflight, type PreflightOptions } from '../../src/ingest';

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
export function thrown(fn: () => unknown): {
  code: string;
  message: string;
  hint: string;
  params: Record<string, unknown>;
} {
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
export const P8_KEY =
  '-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----\n';

/** Env with every credential the strict preflight wants, backed by real files in `dir`. */
export function readyEnv(dir: string): Record<string, string> {
  writeTree(dir, { 'secrets/AuthKey_K1.p8': P8_KEY, 'secrets/sa.json': SERVICE_ACCOUNT_JSON });
  return {
    APP_STORE_CONNECT_API_KEY_ID: 'K1',
    APP_STORE_CONNECT_API_ISSUER_ID: 'issuer-uuid',
    APP_STORE_CONNECT_PRIVATE_KEY_PATH: path.join(dir, 'secrets/AuthKey_K1.p8'),
    GOOGLE_APPLICATION_CREDENTIALS: path.join(dir, 'secrets/sa.json'),
    AKC_DELIVERY_ASC_BETA_GROUP_ID: 'group-1',
  };
}

/** The spec 2.10 example prereqs (values where values are now needed). */
export const SPEC_PREREQS = {
  web: { invite_base_url: 'https://beta.example.com/app', invite_email_configured: true },
  ios: {
    bundle_id: 'com.example.app',
    xcode_or_eas_export: true,
    signing_assets: true,
    app_store_connect_api: true,
    app_store_connect_app: true,
  },
  apple: { team_id: 'ABCDE12345' },
  android: {
    firebase_app_id: '1:123:android:abc',
    firebase_distribution_auth: true,
    firebase_app_distribution_groups: 'qa,friends',
    play_package: 'com.example.app',
    play_publisher_api: true,
    gradle_project: true,
    signing_keystore: true,
  },
};

/** Overrides for {@link preflight}; `prereqs` is the raw document. */
export type Extra = Partial<Omit<PreflightOptions, 'prereqs'>> & { prereqs?: Record<string, unknown> };
export const ALL: Platform[] = ['web', 'ios', 'android'];

/** runAdapterPreflight with local/local scope, an empty repo and an empty env unless overridden. */
export function preflight(platforms: Platform[], releaseMode: ReleaseMode, extra: Extra = {}) {
  return runAdapterPreflight({
    tenantId: 'local',
    repoId: 'local',
    probes: EMPTY_PROBES,
    env: {},
    ...extra,
    platforms,
    releaseMode,
    prereqs: operatorPrereqs(extra.prereqs ?? {}),
  });
}
type Result = ReturnType<typeof preflight>;
export const count = (r: Result, key: string) =>
  r.issues.filter((i) => `${i.platform}:${i.lane}` === key).length;
export const reasons = (r: Result, key: string) =>
  r.issues
    .filter((i) => `${i.platform}:${i.lane}` === key)
    .map((i) => i.reason)
    .join('\n');
