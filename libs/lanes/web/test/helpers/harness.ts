import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import {
  deriveProviderVersions,
  type Env,
  type ExecutionMode,
  type LaneContext,
  type PackageContext,
  type PreflightReport,
} from '@akc/core';

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the OS temp dir, removed after the test file. */
export function tempDir(prefix = 'akc-lane-web-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A file's text, or `{ text, mode }` for an executable. */
export type TreeFile = string | { text: string; mode: number };

/** Write an inline file tree under `root` (parents created). */
export function writeTree(root: string, tree: Record<string, TreeFile>): string {
  for (const [rel, file] of Object.entries(tree)) {
    const full = join(root, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, typeof file === 'string' ? file : file.text);
    if (typeof file !== 'string') chmodSync(full, file.mode);
  }
  return root;
}

/**
 * A folder of fake tools: each is a small Node script (run by this very node) made executable,
 * so putting the folder first on PATH makes `name` resolve to it.
 */
export function fakeBin(scripts: Record<string, string>): string {
  const dir = tempDir('akc-fake-bin-');
  for (const [name, body] of Object.entries(scripts)) {
    writeTree(dir, { [name]: { text: `#!${process.execPath}\n'use strict';\n${body}\n`, mode: 0o755 } });
  }
  return dir;
}

/** A small, explicit environment: the fake bins first, then the real PATH (for node and npm). */
export function testEnv(bins: readonly string[] = [], extra: Env = {}): Env {
  return {
    PATH: [...bins, process.env.PATH ?? ''].join(delimiter),
    HOME: process.env.HOME ?? tmpdir(),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
}

export interface ContextInput {
  projectDir: string;
  options?: unknown;
  env?: Env;
  compile?: Record<string, unknown> | null;
  signal?: AbortSignal;
  logs?: string[];
}

/** The context a runner would give the lane, built directly (the options are passed through raw). */
export function laneContext<O>(input: ContextInput): LaneContext<O> {
  const v = deriveProviderVersions('1.4.0');
  const logs = input.logs ?? [];
  return {
    laneId: 'web',
    platform: 'web',
    projectDir: input.projectDir,
    delivery: {
      id: 'd_test_0001',
      dir: join(input.projectDir, '.akc/delivery/d_test_0001'),
      tenantId: 'tenant',
      repoId: 'repo',
      version: '1.4.0',
      releaseMode: 'beta',
      recipients: [{ email: 'dana@example.com', tokenId: 'tok1', platforms: ['web'] }],
      compile: input.compile ?? null,
    },
    options: (input.options ?? {}) as O,
    env: input.env ?? testEnv(),
    log: (line) => logs.push(line),
    signal: input.signal ?? new AbortController().signal,
    now: () => 1_800_000_000_000,
    versions: {
      delivery_version: v.delivery_version,
      ios_marketing_version: v.ios_marketing_version,
      ios_build_number: v.ios_build_number,
      android_version_name: v.android_version_name,
      android_version_code: v.android_version_code,
      web_build_id: v.web_build_id,
    },
  };
}

/** The `package` step's context on top of a lane context. */
export function packageContext<O>(
  base: LaneContext<O>,
  step: { mode: ExecutionMode; workDir?: string; preflight?: PreflightReport },
): PackageContext<O> {
  const workDir = step.workDir ?? join(tempDir('akc-work-'), 'packaging', 'web');
  mkdirSync(workDir, { recursive: true });
  return { ...base, mode: step.mode, workDir, preflight: step.preflight ?? { problems: [] } };
}
