import {
  createFixtureArtifact,
  startGooglePlayEmulator,
  ANDROID_PUBLISHER_SCOPE,
  type GooglePlayEmulator,
} from '../src';
import { exchangeAssertion, getAccessToken, signAssertion } from './helpers/google';

const PKG = 'com.akc.demo';
const API = (play: GooglePlayEmulator) => `${play.url}/androidpublisher/v3/applications/${PKG}`;
const UPLOAD = (play: GooglePlayEmulator) => `${play.url}/upload/androidpublisher/v3/applications/${PKG}`;

async function setup() {
  const play = await startGooglePlayEmulator();
  play.addApp(PKG);
  const token = await getAccessToken(play.createServiceAccount(), ANDROID_PUBLISHER_SCOPE);
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...headers } };
    if (Buffer.isBuffer(body)) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await fetch(url, init);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  const openEdit = async () => (await call('POST', `${API(play)}/edits`)).body['id'] as string;
  const uploadBundle = (editId: string, versionCode: number) =>
    call(
      'POST',
      `${UPLOAD(play)}/edits/${editId}/bundles?uploadType=media`,
      createFixtureArtifact({ versionCode, versionName: `1.0.${versionCode}` }),
      { 'content-type': 'application/octet-stream' },
    );
  return { play, call, openEdit, uploadBundle };
}

function messageOf(response: { body: Record<string, unknown> }): string {
  return (response.body['error'] as { message: string }).message;
}

describe('Google Play emulator', () => {
  it('issues tokens only for valid RS256 assertions from registered service accounts', async () => {
    await using play = await startGooglePlayEmulator();
    const key = play.createServiceAccount();
    const ok = await exchangeAssertion(key.token_uri, signAssertion(key, ANDROID_PUBLISHER_SCOPE));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const other = play.createServiceAccount('other');
    const forged = await exchangeAssertion(
      key.token_uri,
      signAssertion(key, ANDROID_PUBLISHER_SCOPE, {}, other.private_key),
    );
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid JWT Signature.',
    });
    const wrongAud = await exchangeAssertion(
      key.token_uri,
      signAssertion(key, ANDROID_PUBLISHER_SCOPE, { aud: 'https://example.com/token' }),
    );
    expect((await wrongAud.json()) as object).toMatchObject({ error: 'invalid_grant' });
    const tooLong = await exchangeAssertion(
      key.token_uri,
      signAssertion(key, ANDROID_PUBLISHER_SCOPE, { exp: Math.floor(Date.now() / 1000) + 7200 }),
    );
    expect(tooLong.status).toBe(400);
  });

  it('rejects API calls without a valid token, or with the wrong scope', async () => {
    await using play = await startGooglePlayEmulator();
    play.addApp(PKG);
    const noAuth = await fetch(`${API(play)}/edits`, { method: 'POST' });
    expect(noAuth.status).toBe(401);
    expect(((await noAuth.json()) as { error: object }).error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
      errors: [{ reason: 'authError', domain: 'androidpublisher' }],
    });
    const wrongScope = await getAccessToken(
      play.createServiceAccount(),
      'https://www.googleapis.com/auth/cloud-platform',
    );
    const denied = await fetch(`${API(play)}/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${wrongScope}` },
    });
    expect(denied.status).toBe(403);
  });

  it('runs insert -> upload -> tracks.update -> commit and makes the result live for the next edit', async () => {
    const { play, call, openEdit, uploadBundle } = await setup();
    await using _ = play;
    const editId = await openEdit();
    const bundle = await uploadBundle(editId, 42);
    expect(bundle.status).toBe(200);
    expect(bundle.body).toMatchObject({ versionCode: 42, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const track = await call('PUT', `${API(play)}/edits/${editId}/tracks/qa`, {
      track: 'qa',
      releases: [{ status: 'inProgress', versionCodes: ['42'], userFraction: 0.1 }],
    });
    expect(track.status).toBe(200);
    expect(track.body).toEqual({
      track: 'internal',
      releases: [{ name: '1.0.42', versionCodes: ['42'], status: 'inProgress', userFraction: 0.1 }],
    });
    expect((await call('POST', `${API(play)}/edits/${editId}:validate`)).status).toBe(200);
    expect((await call('POST', `${API(play)}/edits/${editId}:commit`)).status).toBe(200);
    const next = await openEdit();
    const tracks = await call('GET', `${API(play)}/edits/${next}/tracks`);
    expect(tracks.body['kind']).toBe('androidpublisher#tracksListResponse');
    expect(tracks.body['tracks']).toContainEqual(
      expect.objectContaining({
        track: 'internal',
        releases: [expect.objectContaining({ versionCodes: ['42'] })],
      }),
    );
    const reuse = await uploadBundle(next, 42);
    expect(reuse.status).toBe(403);
    expect(reuse.body['error']).toMatchObject({
      message: 'APK specifies a version code that has already been used.',
      errors: [{ reason: 'apkUpgradeVersionConflict' }],
    });
    play.setBehaviour({ duplicateVersionCodeStatus: 400 });
    expect(messageOf(await uploadBundle(next, 42))).toBe('Version code 42 has already been used.');
  });

  it('validates releases: status, userFraction, unknown version codes and draft apps', async () => {
    const { play, call, openEdit, uploadBundle } = await setup();
    await using _ = play;
    const editId = await openEdit();
    await uploadBundle(editId, 7);
    const put = (releases: unknown[]) =>
      call('PUT', `${API(play)}/edits/${editId}/tracks/production`, { releases });
    expect((await put([{ status: 'inProgress', versionCodes: ['7'] }])).status).toBe(400);
    expect((await put([{ status: 'completed', versionCodes: ['7'], userFraction: 0.5 }])).status).toBe(400);
    expect((await put([{ status: 'rolling', versionCodes: ['7'] }])).status).toBe(400);
    expect(messageOf(await put([{ status: 'completed', versionCodes: ['8'] }]))).toMatch(
      /version code 8 could not be found/,
    );
    expect((await call('GET', `${API(play)}/edits/${editId}/tracks/nope`)).status).toBe(404);
    play.updateApp(PKG, { draft: true });
    expect(messageOf(await put([{ status: 'completed', versionCodes: ['7'] }]))).toBe(
      'Only releases with status draft may be created on draft app.',
    );
    expect((await put([{ status: 'draft', versionCodes: ['7'] }])).status).toBe(200);
  });

  it('enforces changesNotSentForReview in both directions and supersedes sibling edits', async () => {
    const { play, call, openEdit } = await setup();
    await using _ = play;
    const first = await openEdit();
    const sibling = await openEdit();
    const notSet = await call('POST', `${API(play)}/edits/${first}:commit?changesNotSentForReview=true`);
    expect(messageOf(notSet)).toBe(
      'Changes are sent for review automatically. The query parameter changesNotSentForReview must not be set.',
    );
    play.updateApp(PKG, { reviewMode: 'manual' });
    const mustSet = await call('POST', `${API(play)}/edits/${first}:commit`);
    expect(messageOf(mustSet)).toMatch(/^Changes cannot be sent for review automatically/);
    expect(
      (await call('POST', `${API(play)}/edits/${first}:commit?changesNotSentForReview=true`)).status,
    ).toBe(200);
    const gone = await call('GET', `${API(play)}/edits/${sibling}`);
    expect(gone.status).toBe(410);
    expect(gone.body['error']).toMatchObject({
      message: 'This Edit has been deleted.',
      errors: [{ reason: 'editDeleted' }],
    });
    const third = await openEdit();
    play.expireEdit(third);
    expect(messageOf(await call('POST', `${API(play)}/edits/${third}:commit`))).toBe(
      'This edit has expired, please create a new Edit.',
    );
    expect(
      messageOf(await call('POST', `${play.url}/androidpublisher/v3/applications/com.unknown/edits`)),
    ).toBe('Package not found: com.unknown.');
  });

  it('accepts multipart and resumable uploads', async () => {
    const { play, call, openEdit } = await setup();
    await using _ = play;
    const editId = await openEdit();
    const bytes = createFixtureArtifact({ versionCode: 11 }, 4096);
    const boundary = 'xyz';
    const multipart = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-type: application/json\r\n\r\n{}\r\n--${boundary}\r\ncontent-type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const mp = await call('POST', `${UPLOAD(play)}/edits/${editId}/apks?uploadType=multipart`, multipart, {
      'content-type': `multipart/related; boundary=${boundary}`,
    });
    expect(mp.body).toMatchObject({ versionCode: 11, binary: { sha256: expect.any(String) } });

    const start = await call(
      'POST',
      `${UPLOAD(play)}/edits/${editId}/bundles?uploadType=resumable`,
      undefined,
      { 'x-upload-content-length': '4096' },
    );
    const location = start.headers.get('location') ?? '';
    expect(location).toContain('upload_id=');
    const big = createFixtureArtifact({ versionCode: 12 }, 4096);
    const part1 = await call('PUT', location, big.subarray(0, 1000), { 'content-range': 'bytes 0-999/4096' });
    expect(part1.status).toBe(308);
    expect(part1.headers.get('range')).toBe('bytes=0-999');
    const part2 = await call('PUT', location, big.subarray(1000), {
      'content-range': 'bytes 1000-4095/4096',
    });
    expect(part2.body).toMatchObject({ versionCode: 12 });
    const list = await call('GET', `${API(play)}/edits/${editId}/bundles`);
    expect(list.body['bundles']).toHaveLength(1);
  });
});
