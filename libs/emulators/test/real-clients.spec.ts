import { Readable } from 'node:stream';
import { ANDROID_PUBLISHER_SCOPE, CLOUD_PLATFORM_SCOPE, createFixtureArtifact, startSandbox } from '../src';
import { androidPublisherModule, googleAuthLibrary, redirectTokenRequests } from './helpers/real-clients';

// These tests need google-auth-library@10.9.1 and @googleapis/androidpublisher@37.0.0 (not yet in the lockfile).
const withPlayLibraries = googleAuthLibrary && androidPublisherModule ? describe : describe.skip;
const withAuthLibrary = googleAuthLibrary ? describe : describe.skip;

withPlayLibraries('Google Play emulator with @googleapis/androidpublisher', () => {
  it('inserts an edit, uploads a bundle, updates a track and commits', async () => {
    await using sandbox = await startSandbox();
    sandbox.googlePlay.addApp('com.akc.real');
    const key = sandbox.createServiceAccount();
    const jwt = new googleAuthLibrary!.JWT({
      email: key.client_email,
      key: key.private_key,
      scopes: [ANDROID_PUBLISHER_SCOPE],
    });
    redirectTokenRequests(jwt, key.token_uri);
    const api = androidPublisherModule!.androidpublisher({ version: 'v3', auth: jwt });
    const rootUrl = `${sandbox.urls.googlePlay}/`;
    const packageName = 'com.akc.real';
    const edit = await api.edits.insert({ packageName }, { rootUrl });
    const editId = edit.data.id ?? '';
    const media = {
      mimeType: 'application/octet-stream',
      body: Readable.from([createFixtureArtifact({ versionCode: 101, versionName: '1.0.1' })]),
    };
    const bundle = await api.edits.bundles.upload({ packageName, editId, media }, { rootUrl });
    expect(bundle.data.versionCode).toBe(101);
    const track = await api.edits.tracks.update(
      {
        packageName,
        editId,
        track: 'internal',
        requestBody: { track: 'internal', releases: [{ status: 'completed', versionCodes: ['101'] }] },
      },
      { rootUrl },
    );
    expect(track.data.releases?.[0]?.status).toBe('completed');
    await api.edits.commit({ packageName, editId }, { rootUrl });
    expect(
      sandbox.googlePlay.state.getApp(packageName).live.tracks.get('internal')?.[0]?.versionCodes,
    ).toEqual(['101']);
    expect(sandbox.googlePlay.requests.list().map((r) => `${r.method} ${r.route ?? r.path}`)).toEqual([
      'POST /androidpublisher/v3/applications/{pkg}/edits',
      'POST /upload/androidpublisher/v3/applications/{pkg}/edits/{editId}/bundles',
      'PUT /androidpublisher/v3/applications/{pkg}/edits/{editId}/tracks/{track}',
      'POST /androidpublisher/v3/applications/{pkg}/edits/{editId}:commit',
    ]);
  });
});

withAuthLibrary('Firebase App Distribution emulator with google-auth-library + fetch', () => {
  it('uploads, polls the operation and distributes', async () => {
    await using sandbox = await startSandbox({ firebase: { operationPolls: 2 } });
    const appId = '1:555000111:android:abc123';
    sandbox.firebase.addApp(appId);
    const key = sandbox.createServiceAccount();
    const jwt = new googleAuthLibrary!.JWT({
      email: key.client_email,
      key: key.private_key,
      scopes: [CLOUD_PLATFORM_SCOPE],
    });
    redirectTokenRequests(jwt, key.token_uri);
    const { token } = await jwt.getAccessToken();
    const headers = { authorization: `Bearer ${token ?? ''}` };
    const base = sandbox.urls.firebaseAppDistribution;
    const upload = await fetch(`${base}/upload/v1/projects/555000111/apps/${appId}/releases:upload`, {
      method: 'POST',
      headers: {
        ...headers,
        'x-goog-upload-protocol': 'raw',
        'x-goog-upload-file-name': 'app.apk',
        'content-type': 'application/octet-stream',
      },
      body: createFixtureArtifact({ versionCode: 3, versionName: '1.3' }),
    });
    const { name } = (await upload.json()) as { name: string };
    let op: { done?: boolean; response?: { result: string; release: { name: string } } } = {};
    for (let i = 0; i < 10 && !op.done; i += 1)
      op = (await (await fetch(`${base}/v1/${name}`, { headers })).json()) as typeof op;
    expect(op.response?.result).toBe('RELEASE_CREATED');
    const distribute = await fetch(`${base}/v1/${op.response?.release.name ?? ''}:distribute`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ testerEmails: ['ada@example.com'] }),
    });
    expect(distribute.status).toBe(200);
    expect(sandbox.firebase.outbox.map((m) => m.to)).toEqual(['ada@example.com']);
  });
});
