import { AppStoreConnectClient } from '@akc/provider-app-store-connect';
import { startSandbox } from '../src';
import { getAccessToken } from './helpers/google';

describe('startSandbox', () => {
  it('starts every emulator on loopback with working credentials and closes them all', async () => {
    const sandbox = await startSandbox();
    const urls = Object.values(sandbox.urls);
    expect(urls.every((u) => /^(http|smtp):\/\/127\.0\.0\.1:\d+/.test(u))).toBe(true);
    expect(new Set(urls).size).toBe(urls.length);

    const creds = sandbox.createAscCredentials();
    sandbox.appStoreConnect.createApp({ name: 'Sandbox', bundleId: 'com.sandbox' });
    const asc = new AppStoreConnectClient({
      keyId: creds.keyId,
      issuerId: creds.issuerId,
      privateKey: creds.privateKeyPem,
      baseUrl: sandbox.urls.appStoreConnect,
    });
    expect((await asc.apps.findByBundleId('com.sandbox'))?.attributes.name).toBe('Sandbox');

    const key = sandbox.createServiceAccount('sandbox-project');
    expect(key.token_uri).toBe(sandbox.urls.googleTokenUri);
    // One shared OAuth server: a token from the standalone endpoint works on Play and on Firebase.
    const token = await getAccessToken(
      key,
      'https://www.googleapis.com/auth/androidpublisher https://www.googleapis.com/auth/cloud-platform',
    );
    sandbox.googlePlay.addApp('com.sandbox');
    const edit = await fetch(
      `${sandbox.urls.googlePlay}/androidpublisher/v3/applications/com.sandbox/edits`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` } },
    );
    expect(edit.status).toBe(200);
    const testers = await fetch(`${sandbox.urls.firebaseAppDistribution}/v1/projects/1/testers`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(testers.status).toBe(404);

    await sandbox.close();
    await expect(fetch(`${sandbox.urls.appStoreConnect}/__control/health`)).rejects.toThrow();
    await expect(fetch(`${sandbox.urls.googleTokenUri}`, { method: 'POST' })).rejects.toThrow();
  });
});
