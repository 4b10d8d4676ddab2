import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeLaneConformance } from '@akc/core/testing';
import { androidLane } from '../src';
import { createSandbox, makeZip } from './helpers';

// The empty project has no build setup and PATH has no build tool: preflight must say so.
const bareEnv = { PATH: '/nonexistent-akc-bin' };

describeLaneConformance('android', () => ({
  lane: androidLane,
  readyProject: async () => {
    const sb = createSandbox();
    writeFileSync(join(sb.projectDir, 'app.aab'), makeZip());
    return {
      projectDir: sb.projectDir,
      env: bareEnv,
      options: { method: 'prebuilt', prebuilt_path: 'app.aab' },
    };
  },
  emptyProject: async () => ({ projectDir: createSandbox().projectDir, env: bareEnv }),
}));
