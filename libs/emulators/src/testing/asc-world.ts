/**
 * A ready App Store Connect test world for the lanes that deliver through it (TestFlight, App
 * Store): the emulator with an app, a beta group, an API key on disk and an .ipa, plus dispatch and
 * poll contexts for the lane under test. Test-only: needs `@akc/core` (and its `./testing`).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DispatchContext, DispatchLedger, LanePlugin, LaneRecipient, PollContext } from '@akc/core';
import { createMemoryLedger, createTestDispatchContext } from '@akc/core/testing';
import { startAppStoreConnectEmulator, type AppStoreConnectEmulator } from '../asc/emulator';

export const BUNDLE_ID = 'com.example.demo';
export const BUILD_NUMBER = '10000601';
/** Fast waits and retries so the tests run in milliseconds (Retry-After is capped by max_delay_ms). */
export const FAST = {
  poll_interval_ms: 10,
  max_wait_ms: 2000,
  retry: { base_delay_ms: 5, max_delay_ms: 50 },
};

/** A running ASC emulator with an app, an external beta group, an API key on disk and an .ipa. */
export interface AscWorld {
  readonly emulator: AppStoreConnectEmulator;
  readonly dir: string;
  readonly env: Record<string, string | undefined>;
  readonly appId: string;
  readonly groupId: string;
  readonly ipa: string;
  readonly ipaBytes: number;
  context(input?: ContextInput): DispatchContext;
  /** Entries of the request log matching method and a path regex. */
  calls(method: string, path: RegExp): number;
  close(): Promise<void>;
}

export interface ContextInput {
  lane?: LanePlugin;
  channel?: 'beta' | 'store';
  ledger?: DispatchLedger;
  options?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  execute?: boolean;
  resend?: boolean;
  storeSubmit?: 'auto' | 'manual';
  recipients?: readonly LaneRecipient[];
  log?: (line: string) => void;
}

/** Recipients for tests (all iOS). */
export function recipients(...emails: string[]): LaneRecipient[] {
  return emails.map((email, i) => ({
    email,
    tokenId: `00000000-0000-4000-8000-00000000000${i}`,
    platforms: ['ios'],
  }));
}

function writeIpa(dir: string): { path: string; bytes: number; sha256: string } {
  const body = Buffer.alloc(200 * 1024, 7);
  body.write('PK\u0003\u0004', 0, 'binary');
  const path = join(dir, 'Demo.ipa');
  writeFileSync(path, body);
  return { path, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
}

/** Starts the world; `lane` is the lane under test. Parts are 64 KiB so the upload is multi-part. */
export async function startWorld(
  lane: LanePlugin,
  opts: { internalGroup?: boolean } = {},
): Promise<AscWorld> {
  const emulator = await startAppStoreConnectEmulator({ behaviour: { uploadPartSize: 64 * 1024 } });
  const dir = mkdtempSync(join(tmpdir(), 'akc-asc-lane-'));
  const creds = emulator.createCredentials();
  const keyPath = join(dir, `AuthKey_${creds.keyId}.p8`);
  writeFileSync(keyPath, creds.privateKeyPem, { mode: 0o600 });
  const app = emulator.createApp({ name: 'Demo', bundleId: BUNDLE_ID });
  const group = emulator.state.store.create(
    'betaGroups',
    {
      name: 'Friends',
      isInternalGroup: opts.internalGroup === true,
      hasAccessToAllBuilds: false,
      publicLinkEnabled: false,
      publicLink: null,
      feedbackEnabled: true,
      createdDate: new Date().toISOString(),
    },
    { app: { type: 'apps', id: app.id }, builds: [], betaTesters: [] },
  );
  const ipa = writeIpa(dir);
  const env = {
    PATH: process.env.PATH,
    APP_STORE_CONNECT_API_KEY_ID: creds.keyId,
    APP_STORE_CONNECT_API_ISSUER_ID: creds.issuerId,
    APP_STORE_CONNECT_PRIVATE_KEY_PATH: keyPath,
    AKC_ASC_BASE_URL: emulator.url,
    AKC_DELIVERY_ASC_BETA_GROUP_ID: group.id,
  };
  const context = (input: ContextInput = {}): DispatchContext => {
    const base = createTestDispatchContext({
      lane: input.lane ?? lane,
      projectDir: dir,
      channel: input.channel ?? 'beta',
      env: { ...env, ...input.env },
      options: { bundle_id: BUNDLE_ID, ...FAST, ...input.options },
      execute: input.execute ?? true,
      resend: input.resend ?? false,
      storeSubmit: input.storeSubmit ?? 'auto',
      ledger: input.ledger ?? createMemoryLedger(),
      log: input.log,
      artifact: {
        platform: 'ios',
        files: [{ kind: 'ipa', ...ipa }],
        hostingUrl: null,
        versions: { ios_marketing_version: '1.0.0', ios_build_number: BUILD_NUMBER },
      },
    });
    return input.recipients ? { ...base, recipients: input.recipients } : base;
  };
  return {
    emulator,
    dir,
    env,
    appId: app.id,
    groupId: group.id,
    ipa: ipa.path,
    ipaBytes: ipa.bytes,
    context,
    calls: (method, path) =>
      emulator.requests.list().filter((r) => r.method === method && path.test(r.path)).length,
    close: async () => {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The poll view of a dispatch context. */
export function pollContext(ctx: DispatchContext): PollContext {
  const { execute: _e, resend: _r, storeSubmit: _s, ...rest } = ctx;
  return rest;
}

/** A P-256 key the emulator has never seen (for the bad-credentials test). */
export function strangerKeyPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}
