/** A Play emulator on 127.0.0.1 with an app, a service account and a project folder for lane tests. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DispatchArtifact, DispatchContext, DispatchLedger, Env } from '@akc/core';
import { createMemoryLedger, createTestDispatchContext } from '@akc/core/testing';

import {
  createFixtureArtifact,
  startGooglePlayEmulator,
  type GooglePlayEmulator,
  type RequestLogEntry,
} from '@akc/emulators';
import lane from '../../src';

export const PACKAGE = 'com.example.notes';
/** Fast retries for tests. */
export const FAST_RETRY = { max_attempts: 4, base_delay_ms: 5, max_delay_ms: 20 };

/** One emulator + project per test. */
export interface PlayFixture {
  readonly play: GooglePlayEmulator;
  readonly dir: string;
  readonly env: Env;
  readonly lines: string[];
  /** Writes a fixture .aab carrying `versionCode` (size in bytes). */
  artifact(versionCode: number, size?: number, name?: string): DispatchArtifact;
  context(input: {
    artifact: DispatchArtifact;
    ledger?: DispatchLedger;
    execute?: boolean;
    storeSubmit?: 'auto' | 'manual';
    options?: Record<string, unknown>;
    env?: Env;
  }): DispatchContext;
  /** Logged requests that were uploads. */
  uploads(): RequestLogEntry[];
  close(): Promise<void>;
}

/** Start a fresh emulator with the app seeded and a service account whose token_uri is the emulator. */
export async function startPlayFixture(
  settings: { draft?: boolean; reviewMode?: 'automatic' | 'manual' } = {},
): Promise<PlayFixture> {
  const play = await startGooglePlayEmulator();
  play.addApp(PACKAGE, settings);
  const dir = mkdtempSync(join(tmpdir(), 'akc-play-'));
  const keyFile = join(dir, 'service-account.json');
  writeFileSync(keyFile, JSON.stringify(play.createServiceAccount()));
  const env: Env = {
    PATH: process.env.PATH,
    GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    AKC_PLAY_ROOT_URL: `${play.url}/`,
    AKC_DELIVERY_PLAY_PACKAGE_NAME: PACKAGE,
  };
  const lines: string[] = [];
  return {
    play,
    dir,
    env,
    lines,
    artifact: (versionCode, size = 4096, name = `app-${versionCode}.aab`) =>
      writeArtifact(dir, name, versionCode, size),
    context: (input) =>
      createTestDispatchContext({
        lane,
        projectDir: dir,
        channel: 'store',
        env: { ...env, ...input.env },
        options: { retry: FAST_RETRY, ...input.options },
        artifact: input.artifact,
        execute: input.execute ?? true,
        storeSubmit: input.storeSubmit ?? 'auto',
        ledger: input.ledger ?? createMemoryLedger(),
        log: (l) => lines.push(l),
      }),
    uploads: () => play.requests.list().filter((r) => r.path.startsWith('/upload/')),
    close: async () => {
      await play.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function writeArtifact(dir: string, name: string, versionCode: number, size: number): DispatchArtifact {
  const bytes = createFixtureArtifact({ versionCode, versionName: '1.0.0' }, size);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    platform: 'android',
    files: [{ kind: 'aab', path, bytes: bytes.length, sha256 }],
    hostingUrl: null,
    versions: { android_version_code: versionCode },
  };
}

/** Method + path of each logged request, for readable assertions. */
export function calls(play: GooglePlayEmulator): string[] {
  return play.requests
    .list()
    .map(
      (r) =>
        `${r.method} ${r.path.replace(/\/edits\/\d+/, '/edits/ID')}${r.status >= 400 ? ` -> ${r.status}` : ''}`,
    );
}
