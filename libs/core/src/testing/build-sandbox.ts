import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Env } from '../util/env';
import type { LaneVersions, PackageContext, PreflightReport } from '../lane/contract';
import type { Platform } from '../schemas/common';

/** A minimal valid zip with one stored (uncompressed) entry, as an .ipa/.aab/.apk starts. */
export function makeStoredZip(name: string, content: string): Buffer {
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

/** Temp folders for one build-lane test: a project, a packaging workDir, and a bin dir holding fake tools. */
export interface BuildSandbox {
  readonly root: string;
  readonly projectDir: string;
  readonly workDir: string;
  readonly binDir: string;
  /** PATH with only the fake tools and `node` (so the real build tools can never be found). */
  readonly path: string;
  readonly logs: string[];
}

const sandboxes: string[] = [];

/** Create a sandbox under the OS temp dir named `<prefix>XXXXXX`; `cleanupSandboxes` (afterEach) removes it. */
export function createBuildSandbox(prefix: string): BuildSandbox {
  const root = mkdtempSync(join(tmpdir(), prefix));
  sandboxes.push(root);
  const dirs = { projectDir: join(root, 'project'), workDir: join(root, 'work'), binDir: join(root, 'bin') };
  const nodeDir = join(root, 'node-bin');
  for (const d of [...Object.values(dirs), nodeDir]) mkdirSync(d, { recursive: true });
  symlinkSync(process.execPath, join(nodeDir, 'node'));
  return { root, ...dirs, path: `${dirs.binDir}:${nodeDir}`, logs: [] };
}

/** Remove every sandbox created so far. */
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
export function writeFakeTool(sb: Pick<BuildSandbox, 'binDir'>, name: string, body: string): string {
  const file = join(sb.binDir, name);
  writeFileSync(file, `#!/usr/bin/env node\n'use strict';\nconst fs = require('fs');\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
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

/** The versions of delivery 1.4.0 (build 1040001) that sandbox contexts carry. */
export const SANDBOX_VERSIONS: LaneVersions = {
  delivery_version: '1.4.0',
  ios_marketing_version: '1.4.0',
  ios_build_number: '1040001',
  android_version_name: '1.4.0',
  android_version_code: 1040001,
  web_build_id: '1.4.0+1040001',
};

/** Inputs for `createSandboxPackageContext` (options are parsed by the lane). */
export interface SandboxContextInput {
  options?: Record<string, unknown>;
  mode?: 'execute' | 'plan';
  env?: Env;
  preflight?: PreflightReport;
  signal?: AbortSignal;
}

/** A PackageContext for lane `platform` over the sandbox, with parsed `options`; logs go to `sb.logs`. */
export function createSandboxPackageContext<O>(
  sb: BuildSandbox,
  platform: Platform,
  options: O,
  input: SandboxContextInput = {},
): PackageContext<O> {
  return {
    laneId: platform,
    platform,
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
    options,
    env: { PATH: sb.path, ...input.env },
    log: (line) => sb.logs.push(line),
    signal: input.signal ?? new AbortController().signal,
    now: Date.now,
    versions: SANDBOX_VERSIONS,
    mode: input.mode ?? 'execute',
    workDir: sb.workDir,
    preflight: input.preflight ?? { problems: [] },
  };
}

/** What a build lane's tests need to know about the lane for `defineBuildLaneTestKit`. */
export interface BuildLaneTestKitInput<O> {
  readonly platform: Platform;
  /** The lane's own options parser; a parse error fails the test. */
  readonly parseOptions: (raw: unknown) => { ok: true; value: O } | { ok: false; errors: string[] };
  /** The default zip entry `makeZip` writes, as the lane's artifact starts. */
  readonly zipEntry: { readonly name: string; readonly content: string };
}

/** Sandbox, zip and context builders bound to one build lane. */
export interface BuildLaneTestKit<O> {
  /** A sandbox named `akc-<platform>-…`; `cleanupSandboxes` (afterEach) removes it. */
  createSandbox(): BuildSandbox;
  /** A stored zip, by default with the lane's entry. */
  makeZip(name?: string, content?: string): Buffer;
  /** A PackageContext over the sandbox with the lane's parsed options; logs go to `sb.logs`. */
  makeContext(sb: BuildSandbox, input?: SandboxContextInput): PackageContext<O>;
}

/** Bind the sandbox helpers to a build lane (its platform, options parser and artifact's zip entry). */
export function defineBuildLaneTestKit<O>(lane: BuildLaneTestKitInput<O>): BuildLaneTestKit<O> {
  return {
    createSandbox: () => createBuildSandbox(`akc-${lane.platform}-`),
    makeZip: (name = lane.zipEntry.name, content = lane.zipEntry.content) => makeStoredZip(name, content),
    makeContext: (sb, input = {}) => {
      const parsed = lane.parseOptions(input.options ?? {});
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      return createSandboxPackageContext(sb, lane.platform, parsed.value, input);
    },
  };
}
