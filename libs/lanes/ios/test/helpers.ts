import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Env, LaneVersions, PackageContext, PreflightReport } from '@akc/core';
import { parseIosOptions, type IosLaneOptions } from '../src/options';

/** A minimal valid zip with one stored (uncompressed) entry, as an .ipa starts. */
export function makeZip(name = 'Payload/App.app/Info.plist', content = 'fake ipa'): Buffer {
  const nameBuf = Buffer.from(name);
  const data = Buffer.from(content);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x21, 12); // 1980-01-01
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x21, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  const cdOffset = local.length + nameBuf.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, end]);
}

/** Temp folders for one test: a project, a packaging workDir, and a bin dir holding fake tools. */
export interface Sandbox {
  readonly root: string;
  readonly projectDir: string;
  readonly workDir: string;
  readonly binDir: string;
  /** PATH with only the fake tools and `node` (so the real eas/xcodebuild can never be found). */
  readonly path: string;
  readonly logs: string[];
}

const sandboxes: string[] = [];

/** Create a sandbox; `cleanupSandboxes` (afterEach) removes it. */
export function createSandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'akc-ios-'));
  sandboxes.push(root);
  const dirs = { projectDir: join(root, 'project'), workDir: join(root, 'work'), binDir: join(root, 'bin') };
  const nodeDir = join(root, 'node-bin');
  for (const d of [...Object.values(dirs), nodeDir]) mkdirSync(d, { recursive: true });
  symlinkSync(process.execPath, join(nodeDir, 'node'));
  return { root, ...dirs, path: `${dirs.binDir}:${nodeDir}`, logs: [] };
}

export function cleanupSandboxes(): void {
  for (const d of sandboxes.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Write files relative to `dir` (folders are created). */
export function writeTree(dir: string, tree: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
}

/** Write an executable `#!/usr/bin/env node` script named `name` into the bin dir. */
export function writeFakeTool(sb: Sandbox, name: string, body: string): string {
  const file = join(sb.binDir, name);
  writeFileSync(file, `#!/usr/bin/env node\n'use strict';\nconst fs = require('fs');\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

export const VERSIONS: LaneVersions = {
  delivery_version: '1.4.0',
  ios_marketing_version: '1.4.0',
  ios_build_number: '1040001',
  android_version_name: '1.4.0',
  android_version_code: 1040001,
  web_build_id: '1.4.0+1040001',
};

/** Inputs for `makeContext`. */
export interface ContextInput {
  options?: Record<string, unknown>;
  mode?: 'execute' | 'plan';
  env?: Env;
  preflight?: PreflightReport;
  signal?: AbortSignal;
}

/** A PackageContext over the sandbox; logs go to `sb.logs`. */
export function makeContext(sb: Sandbox, input: ContextInput = {}): PackageContext<IosLaneOptions> {
  const parsed = parseIosOptions(input.options ?? {});
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return {
    laneId: 'ios',
    platform: 'ios',
    projectDir: sb.projectDir,
    delivery: {
      id: 'd_test',
      dir: sb.root,
      tenantId: 't',
      repoId: 'r',
      version: '1.4.0',
      releaseMode: 'beta',
      recipients: [],
      compile: null,
    },
    options: parsed.value,
    env: { PATH: sb.path, ...input.env },
    log: (line) => sb.logs.push(line),
    signal: input.signal ?? new AbortController().signal,
    now: Date.now,
    versions: VERSIONS,
    mode: input.mode ?? 'execute',
    workDir: sb.workDir,
    preflight: input.preflight ?? { problems: [] },
  };
}

/** A fake tool body that records argv, cwd and the AKC_* env into `marker` as JSON. */
export function recordInvocation(marker: string): string {
  return (
    `const akcEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AKC_')));\n` +
    `fs.appendFileSync(${JSON.stringify(marker)}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), env: akcEnv }) + '\\n');`
  );
}

/** Parse the invocations a fake tool recorded with `recordInvocation`. */
export function readInvocations(
  text: string,
): Array<{ args: string[]; cwd: string; env: Record<string, string> }> {
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { args: string[]; cwd: string; env: Record<string, string> });
}
