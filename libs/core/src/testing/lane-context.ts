import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../util/env';
import type { ExecutionMode, LaneContext, LanePlugin, PackageContext } from '../lane/contract';

export interface TestContextInput {
  lane: LanePlugin;
  projectDir: string;
  env?: Env;
  options?: Record<string, unknown>;
  version?: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** A lane context for tests: a fake delivery of two recipients, versions for 1.0.0. */
export function createTestLaneContext(input: TestContextInput): LaneContext {
  const version = input.version ?? '1.0.0';
  return {
    laneId: input.lane.id,
    platform: input.lane.platform,
    projectDir: input.projectDir,
    delivery: {
      id: 'conformance-delivery',
      dir: join(input.projectDir, '.akc', 'delivery', 'conformance-delivery'),
      tenantId: 'local',
      repoId: 'local',
      version,
      releaseMode: 'beta',
      recipients: [
        {
          email: 'dana@example.com',
          tokenId: '00000000-0000-4000-8000-000000000001',
          platforms: [input.lane.platform],
        },
        {
          email: 'lee@example.com',
          tokenId: '00000000-0000-4000-8000-000000000002',
          platforms: [input.lane.platform],
        },
      ],
      compile: null,
    },
    options: input.options ?? {},
    env: input.env ?? { PATH: process.env.PATH },
    log: input.log ?? (() => undefined),
    signal: input.signal ?? new AbortController().signal,
    now: Date.now,
    versions: {
      delivery_version: version,
      ios_marketing_version: '1.0.0',
      ios_build_number: '10000601',
      android_version_name: '1.0.0',
      android_version_code: 10000601,
      web_build_id: '1.0.0+10000601',
    },
  };
}

/** A package context with a fresh work directory (under the OS temp dir unless given). */
export function createTestPackageContext(
  input: TestContextInput & { mode: ExecutionMode; workDir?: string },
): PackageContext {
  const workDir = input.workDir ?? mkdtempSync(join(tmpdir(), 'akc-lane-work-'));
  mkdirSync(workDir, { recursive: true });
  return { ...createTestLaneContext(input), mode: input.mode, workDir, preflight: { problems: [] } };
}
