import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describeLaneConformance } from '@akc/core/testing';
import type { LanePlugin } from '@akc/core';
import { webLane } from '../src';
import { tempDir, testEnv } from './helpers/harness';

// The example third-party lane is plain CommonJS outside the workspace build.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const hello = (require('../../../../examples/lane-hello/index.js') as { lane: LanePlugin }).lane;

describeLaneConformance('web', () => ({
  lane: webLane,
  readyProject: async () => {
    const projectDir = tempDir();
    cpSync(join(__dirname, 'fixtures/tiny-web-app'), projectDir, { recursive: true });
    return { projectDir, env: testEnv() };
  },
  emptyProject: async () => ({ projectDir: tempDir(), env: testEnv() }),
}));

describeLaneConformance('akc-lane-hello (example third-party lane)', () => ({
  lane: hello,
  readyProject: async () => ({ projectDir: tempDir(), env: testEnv() }),
}));
