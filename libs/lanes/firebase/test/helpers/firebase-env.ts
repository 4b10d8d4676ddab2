import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DispatchContext, DispatchLedger, PollContext } from '@akc/core';
import { createMemoryLedger, createTestDispatchContext } from '@akc/core/testing';

import {
  createFixtureArtifact,
  startFirebaseAppDistributionEmulator,
  type FirebaseAppDistributionEmulator,
  type FirebaseBehaviour,
  type RequestLogEntry,
} from '@akc/emulators';
import lane from '../../src';

export const APP_ID = '1:123456789:android:0a1b2c3d4e';
export const PROJECT = '123456789';
export const GROUP = 'qa-team';
export const GROUP_MEMBER = 'member@example.com';

/** A running emulator, a service-account key file, a fixture APK and context builders. */
export interface FirebaseHarness {
  readonly emulator: FirebaseAppDistributionEmulator;
  readonly dir: string;
  readonly apk: { path: string; bytes: number; sha256: string };
  readonly env: Record<string, string | undefined>;
  readonly logs: string[];
  ctx(over?: CtxOptions): DispatchContext;
  pollCtx(ledger: DispatchLedger): PollContext;
  /** API requests (token requests excluded), optionally only those whose path matches. */
  calls(match?: RegExp): RequestLogEntry[];
  close(): Promise<void>;
}

export interface CtxOptions {
  execute?: boolean;
  resend?: boolean;
  ledger?: DispatchLedger;
  options?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  recipients?: string[];
}

/** Fast defaults: tiny poll intervals and backoff. */
export const FAST = { poll_interval_ms: 5, max_wait_ms: 2_000, retry: { max_attempts: 4, base_delay_ms: 5 } };

function writeApk(dir: string, size: number): FirebaseHarness['apk'] {
  const bytes = createFixtureArtifact({ versionCode: 10000601, versionName: '1.0.0' }, size);
  const path = join(dir, 'app-release.apk');
  writeFileSync(path, bytes);
  return { path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function seedGroup(emulator: FirebaseAppDistributionEmulator): void {
  emulator.addApp(APP_ID);
  emulator.state.groups.get(PROJECT)?.set(GROUP, { alias: GROUP, displayName: 'QA team' });
  const [member] = emulator.state.ensureTesters(PROJECT, [GROUP_MEMBER]);
  member?.groups.add(GROUP);
}

/** Start the emulator and lay out a project with credentials and an APK of `size` bytes. */
export async function startHarness(
  behaviour: Partial<FirebaseBehaviour> = {},
  size = 3 * 1024 * 1024,
): Promise<FirebaseHarness> {
  const emulator = await startFirebaseAppDistributionEmulator({ behaviour });
  seedGroup(emulator);
  const dir = mkdtempSync(join(tmpdir(), 'akc-firebase-lane-'));
  const keyFile = join(dir, 'sa.json');
  writeFileSync(keyFile, JSON.stringify(emulator.createServiceAccount('demo-project')));
  const apk = writeApk(dir, size);
  const env = {
    PATH: process.env.PATH,
    GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    AKC_FIREBASE_ROOT_URL: `${emulator.url}/`,
    AKC_DELIVERY_FIREBASE_APP_ID: APP_ID,
    AKC_DELIVERY_FIREBASE_APP_DIST_GROUPS: GROUP,
  };
  const logs: string[] = [];
  const ctx = (over: CtxOptions = {}): DispatchContext => {
    const base = createTestDispatchContext({
      lane,
      projectDir: dir,
      env: { ...env, ...over.env },
      options: over.options ?? FAST,
      channel: 'beta',
      artifact: { platform: 'android', files: [{ kind: 'apk', ...apk }], hostingUrl: null, versions: {} },
      execute: over.execute ?? true,
      resend: over.resend ?? false,
      ledger: over.ledger ?? createMemoryLedger(),
      log: (line) => logs.push(line),
    });
    const keep = over.recipients;
    return keep ? { ...base, recipients: base.recipients.filter((r) => keep.includes(r.email)) } : base;
  };
  return {
    emulator,
    dir,
    apk,
    env,
    logs,
    ctx,
    pollCtx: (ledger) => {
      const { execute: _e, resend: _r, storeSubmit: _s, ...rest } = ctx({ ledger });
      return rest;
    },
    calls: (match) =>
      emulator.requests.list().filter((r) => r.path !== '/token' && (!match || match.test(r.path))),
    close: async () => {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
