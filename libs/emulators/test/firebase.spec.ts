import { CLOUD_PLATFORM_SCOPE, createFixtureArtifact, startFirebaseAppDistributionEmulator } from '../src';
import { getAccessToken } from './helpers/google';

const PROJECT = '555000111';
const APP_ID = `1:${PROJECT}:android:abc123`;

type Json = Record<string, unknown>;

async function setup(options: Parameters<typeof startFirebaseAppDistributionEmulator>[0] = {}) {
  const fad = await startFirebaseAppDistributionEmulator(options);
  fad.addApp(APP_ID);
  const token = await getAccessToken(fad.createServiceAccount(), CLOUD_PLATFORM_SCOPE);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...headers } };
    if (Buffer.isBuffer(body)) init.body = body;
    else if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(`${fad.url}${path}`, init);
    return { status: response.status, body: (await response.json()) as Json };
  };
  const upload = (
    bytes: Buffer,
    headers: Record<string, string> = {
      'x-goog-upload-protocol': 'raw',
      'x-goog-upload-file-name': 'app.apk',
    },
  ) => call('POST', `/upload/v1/projects/${PROJECT}/apps/${APP_ID}/releases:upload`, bytes, headers);
  const poll = async (name: string, max = 10) => {
    let op: Json = {};
    for (let i = 0; i < max && op['done'] !== true; i += 1) op = (await call('GET', `/v1/${name}`)).body;
    return op;
  };
  return { fad, call, upload, poll };
}

function releaseOf(op: Json): Json {
  return (op['response'] as { release: Json }).release;
}

describe('Firebase App Distribution emulator', () => {
  it('turns an upload into an operation named by the SHA-256 that completes after the configured polls', async () => {
    const { fad, call, upload } = await setup({ behaviour: { operationPolls: 2 } });
    await using _ = fad;
    const bytes = createFixtureArtifact({ versionCode: 5, versionName: '1.5' });
    const started = await upload(bytes);
    expect(started.status).toBe(200);
    const name = String(started.body['name']);
    expect(name).toMatch(
      new RegExp(`^projects/${PROJECT}/apps/${APP_ID}/releases/-/operations/[0-9a-f]{64}$`),
    );
    expect((await call('GET', `/v1/${name}`)).body['done']).toBe(false);
    expect((await call('GET', `/v1/${name}`)).body['done']).toBe(false);
    const done = (await call('GET', `/v1/${name}`)).body;
    expect(done).toMatchObject({
      done: true,
      response: { result: 'RELEASE_CREATED', release: { displayVersion: '1.5', buildVersion: '5' } },
    });
  });

  it('reports UNMODIFIED for the same binary and UPDATED for new bytes with the same version', async () => {
    const { fad, upload, poll } = await setup({ behaviour: { operationPolls: 0 } });
    await using _ = fad;
    const first = createFixtureArtifact({ versionCode: 9, versionName: '2.0' });
    const created = await poll(String((await upload(first)).body['name']));
    const again = await poll(String((await upload(first)).body['name']));
    expect((again['response'] as Json)['result']).toBe('RELEASE_UNMODIFIED');
    const resigned = await poll(
      String((await upload(createFixtureArtifact({ versionCode: 9, versionName: '2.0' }))).body['name']),
    );
    expect((resigned['response'] as Json)['result']).toBe('RELEASE_UPDATED');
    expect(releaseOf(resigned)['name']).toBe(releaseOf(created)['name']);
  });

  it('can keep an operation running forever or fail it', async () => {
    const { fad, upload, poll } = await setup({ behaviour: { operationPolls: 'never' } });
    await using _ = fad;
    expect(
      (await poll(String((await upload(createFixtureArtifact({ versionCode: 1 }))).body['name']), 5))['done'],
    ).toBe(false);
    fad.setBehaviour({ operationPolls: 0, failNextOperation: 'The binary is invalid.' });
    const failed = await poll(String((await upload(createFixtureArtifact({ versionCode: 2 }))).body['name']));
    expect(failed).toMatchObject({ done: true, error: { code: 3, message: 'The binary is invalid.' } });
  });

  it('validates upload headers and the project number', async () => {
    const { fad, call, upload } = await setup();
    await using _ = fad;
    expect((await upload(Buffer.from('x'), {})).status).toBe(400);
    const wrongProject = await call(
      'POST',
      `/upload/v1/projects/999/apps/${APP_ID}/releases:upload`,
      Buffer.from('x'),
      { 'x-goog-upload-protocol': 'raw', 'x-goog-upload-file-name': 'a.apk' },
    );
    expect(wrongProject).toMatchObject({ status: 404, body: { error: { code: 404, status: 'NOT_FOUND' } } });
  });

  it('patches notes, distributes to testers and groups, and rejects bad input', async () => {
    const { fad, call, upload, poll } = await setup({ behaviour: { operationPolls: 0 } });
    await using _ = fad;
    const release = releaseOf(
      await poll(String((await upload(createFixtureArtifact({ versionCode: 3 }))).body['name'])),
    );
    const name = String(release['name']);
    const patched = await call('PATCH', `/v1/${name}?updateMask=release_notes.text`, {
      name,
      releaseNotes: { text: 'Fixes' },
    });
    expect(patched.body['releaseNotes']).toEqual({ text: 'Fixes' });
    expect((await call('PATCH', `/v1/${name}`, { releaseNotes: { text: 'x' } })).status).toBe(400);
    expect(
      (await call('POST', `/v1/projects/${PROJECT}/groups?groupId=qa-team`, { displayName: 'QA' })).status,
    ).toBe(200);
    expect(
      (await call('POST', `/v1/projects/${PROJECT}/groups?groupId=qa-team`, { displayName: 'QA' })).body,
    ).toMatchObject({ error: { status: 'ALREADY_EXISTS' } });
    await call('POST', `/v1/projects/${PROJECT}/groups/qa-team:batchJoin`, {
      emails: ['bob@example.com'],
      createMissingTesters: true,
    });
    const unknownGroup = await call('POST', `/v1/${name}:distribute`, { groupAliases: ['nope'] });
    expect(unknownGroup.body).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    const badEmail = await call('POST', `/v1/${name}:distribute`, { testerEmails: ['not-an-email'] });
    expect(badEmail.body).toMatchObject({ error: { status: 'FAILED_PRECONDITION' } });
    const tooMany = await call('POST', `/v1/${name}:distribute`, {
      testerEmails: Array.from({ length: 1000 }, (_, i) => `t${i}@example.com`),
    });
    expect(tooMany.status).toBe(400);
    expect(
      (
        await call('POST', `/v1/${name}:distribute`, {
          testerEmails: ['ada@example.com'],
          groupAliases: ['qa-team'],
        })
      ).body,
    ).toEqual({});
    expect(fad.outbox.map((m) => m.to).sort()).toEqual(['ada@example.com', 'bob@example.com']);
    const testers = await call('GET', `/v1/projects/${PROJECT}/testers?pageSize=1`);
    expect(testers.body['testers']).toHaveLength(1);
    expect(testers.body['nextPageToken']).toEqual(expect.any(String));
    expect((await call('GET', `/v1/${name}`)).body['openInvitationCount']).toBe(2);
  });

  it('lists releases newest first with page tokens', async () => {
    const { fad, call, upload, poll } = await setup({ behaviour: { operationPolls: 0 } });
    await using _ = fad;
    for (const code of [1, 2, 3])
      await poll(String((await upload(createFixtureArtifact({ versionCode: code }))).body['name']));
    const first = await call('GET', `/v1/projects/${PROJECT}/apps/${APP_ID}/releases?pageSize=2`);
    expect((first.body['releases'] as Json[]).map((r) => r['buildVersion'])).toEqual(['3', '2']);
    const second = await call(
      'GET',
      `/v1/projects/${PROJECT}/apps/${APP_ID}/releases?pageSize=2&pageToken=${String(first.body['nextPageToken'])}`,
    );
    expect((second.body['releases'] as Json[]).map((r) => r['buildVersion'])).toEqual(['1']);
    expect(second.body['nextPageToken']).toBeUndefined();
  });
});
