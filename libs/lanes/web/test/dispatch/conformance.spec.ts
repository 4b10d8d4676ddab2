import { describeLaneConformance } from '@akc/core/testing';
import { webBetaLane, webStoreLane } from '../../src';
import { tempDir, testEnv } from '../helpers/harness';

const ready = testEnv([], {
  AKC_DELIVERY_WEB_INVITE_BASE_URL: 'https://beta.example.com/app',
  AKC_DELIVERY_SMTP_URL: 'smtp://127.0.0.1:2525',
});

for (const lane of [webBetaLane, webStoreLane]) {
  describeLaneConformance(lane.id, () => ({
    lane,
    readyProject: async () => ({ projectDir: tempDir(), env: ready }),
    emptyProject: async () => ({ projectDir: tempDir(), env: testEnv() }),
  }));
}
