import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import { AppStoreConnectClient } from '@akc/provider-app-store-connect';
import { startAppStoreConnectEmulator, type AppStoreConnectEmulator } from '../src';

const fast = { intervalMs: 1, timeoutMs: 2000 };

async function testFlightAndAppStore(
  client: AppStoreConnectClient,
  asc: AppStoreConnectEmulator,
  appId: string,
  buildId: string,
): Promise<void> {
  await client.builds.setUsesNonExemptEncryption(buildId, false);
  const group = await client.testflight.createBetaGroup({ appId, name: 'Friends' });
  expect(await client.testflight.listBetaGroups(appId, 'Friends')).toHaveLength(1);
  const tester = await client.testflight.createBetaTester({
    email: 'ada@example.com',
    firstName: 'Ada',
    betaGroupIds: [group.id],
  });
  expect((await client.testflight.findBetaTesterByEmail('ADA@example.com', appId))?.id).toBe(tester.id);
  await client.testflight.inviteBetaTester(appId, tester.id);
  expect(asc.outbox.filter((m) => m.to === 'ada@example.com')).toHaveLength(2);
  await client.testflight.addBuildToGroups(buildId, [group.id]);
  const review = await client.testflight.submitForBetaReview(buildId);
  expect(review.attributes.betaReviewState).toBe('WAITING_FOR_REVIEW');
  expect((await client.builds.getBetaDetail(buildId)).attributes.externalBuildState).toBe('BETA_APPROVED');

  const version = await client.appStore.createVersion({
    appId,
    versionString: '1.0.0',
    releaseType: 'AFTER_APPROVAL',
  });
  await client.appStore.attachBuild(version.id, buildId);
  const phased = await client.appStore.createPhasedRelease(version.id);
  const submission = await client.appStore.createReviewSubmission(appId);
  expect((await client.appStore.findOpenReviewSubmission(appId))?.id).toBe(submission.id);
  await client.appStore.addReviewItem(submission.id, version.id);
  await client.appStore.submitReview(submission.id);
  expect((await client.appStore.getVersion(version.id)).attributes.appVersionState).toBe(
    'WAITING_FOR_REVIEW',
  );
  asc.decideAppReview(submission.id, 'APPROVED');
  const live = await client.appStore.getVersion(version.id);
  expect(live.attributes.appStoreState).toBe('READY_FOR_SALE');
  expect((await client.appStore.getPhasedRelease(version.id))?.attributes.phasedReleaseState).toBe('ACTIVE');
  const paused = await client.appStore.updatePhasedRelease(phased.id, 'PAUSED');
  expect(paused.attributes.phasedReleaseState).toBe('PAUSED');
}

describe('App Store Connect emulator driven by the real client', () => {
  it('uploads a build, waits for processing, distributes on TestFlight and releases on the App Store', async () => {
    await using asc = await startAppStoreConnectEmulator({ behaviour: { uploadPartSize: 64 * 1024 } });
    const creds = asc.createCredentials();
    const app = asc.createApp({ name: 'Demo', bundleId: 'com.akc.demo' });
    asc.createApp({ name: 'Demo Dev', bundleId: 'com.akc.demo.dev' });
    const client = new AppStoreConnectClient({
      keyId: creds.keyId,
      issuerId: creds.issuerId,
      privateKey: creds.privateKeyPem,
      baseUrl: asc.url,
      baseDelayMs: 1,
    });

    const found = await client.apps.findByBundleId('com.akc.demo');
    expect(found?.id).toBe(app.id);

    const dir = await mkdtemp(join(tmpdir(), 'akc-asc-'));
    try {
      const bytes = randomBytes(200_000);
      const file = join(dir, 'Demo.ipa');
      await writeFile(file, bytes);
      const result = await client.buildUploads.upload({
        appId: app.id,
        filePath: file,
        version: '1.0.0',
        buildNumber: '7',
      });
      expect(result.md5).toBe(createHash('md5').update(bytes).digest('hex'));
      expect(result.file.attributes.assetDeliveryState.state).toBe('COMPLETE');
      const puts = asc.requests.list().filter((r) => r.method === 'PUT');
      expect(puts).toHaveLength(4);
      expect(puts.every((r) => r.headers['authorization'] === undefined)).toBe(true);

      const buildId = await client.buildUploads.waitForCompletion(result.buildUpload.id, fast);
      const build = await client.builds.waitForProcessing(buildId, fast);
      expect(build.attributes.processingState).toBe('VALID');
      expect(build.attributes.version).toBe('7');
      await testFlightAndAppStore(client, asc, app.id, buildId);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
