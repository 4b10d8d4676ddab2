import { createAscCredentials, startAppStoreConnectEmulator } from '../src';
import { callJson, signAscToken } from './helpers/asc';

type Doc = { data: { id: string; attributes: Record<string, unknown> } };

describe('App Store Connect emulator contract', () => {
  it('rejects bad tokens with a 401 ASC error document', async () => {
    await using asc = await startAppStoreConnectEmulator();
    const creds = asc.createCredentials();
    const url = `${asc.url}/v1/apps`;
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string | undefined][] = [
      ['missing', undefined],
      ['bad signature', signAscToken(creds, {}, {}, createAscCredentials().privateKeyPem)],
      ['wrong aud', signAscToken(creds, { aud: 'appstoreconnect-v2' })],
      ['exp too far', signAscToken(creds, { exp: now + 1201 })],
      ['expired', signAscToken(creds, { iat: now - 1300, exp: now - 100 })],
      ['unknown kid', signAscToken(creds, {}, { kid: 'ZZZZZZZZZZ' })],
      ['wrong iss', signAscToken(creds, { iss: 'someone-else' })],
      ['alg HS256', signAscToken(creds, {}, { alg: 'HS256' })],
      ['garbage', 'not.a.jwt'],
    ];
    for (const [name, token] of cases) {
      const res = await callJson(url, token);
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.body).toEqual({
        errors: [
          expect.objectContaining({
            status: '401',
            code: 'NOT_AUTHORIZED',
            title: 'Authentication credentials are missing or invalid.',
            detail: expect.any(String),
            id: expect.any(String),
          }),
        ],
      });
    }
    const noIat = signAscToken(creds, { iat: undefined, exp: now + 1200 });
    expect((await callJson(url, noIat)).status).toBe(200);
  });

  it('sends X-Rate-Limit and answers 429 RATE_LIMIT_EXCEEDED when the hourly budget is spent', async () => {
    await using asc = await startAppStoreConnectEmulator({ behaviour: { rateLimitPerHour: 2 } });
    const token = signAscToken(asc.createCredentials());
    expect((await callJson(`${asc.url}/v1/apps`, token)).headers.get('x-rate-limit')).toBe(
      'user-hour-lim:2;user-hour-rem:1;',
    );
    await callJson(`${asc.url}/v1/apps`, token);
    const limited = await callJson(`${asc.url}/v1/apps`, token);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      errors: [expect.objectContaining({ status: '429', code: 'RATE_LIMIT_EXCEEDED' })],
    });
    asc.resetRateLimit();
    expect((await callJson(`${asc.url}/v1/apps`, token)).status).toBe(200);
  });

  it('pages with absolute links.next, validates limit, matches bundleId fuzzily and supports include', async () => {
    await using asc = await startAppStoreConnectEmulator();
    const token = signAscToken(asc.createCredentials());
    for (let i = 0; i < 5; i += 1) asc.createApp({ name: `App ${i}`, bundleId: `com.akc.app${i}` });
    asc.createApp({ name: 'Other', bundleId: 'org.other' });
    const seen: string[] = [];
    let next: string | undefined = `${asc.url}/v1/apps?filter[bundleId]=com.akc&limit=2`;
    while (next) {
      const page = await callJson(next, token);
      const data = page.body['data'] as { id: string }[];
      seen.push(...data.map((d) => d.id));
      expect(page.body['meta']).toEqual({ paging: { total: 5, limit: 2 } });
      next = (page.body['links'] as { next?: string }).next;
      if (next) expect(next.startsWith(`${asc.url}/v1/apps?`)).toBe(true);
    }
    expect(new Set(seen).size).toBe(5);
    expect((await callJson(`${asc.url}/v1/apps?limit=201`, token)).body).toEqual({
      errors: [
        expect.objectContaining({
          status: '400',
          code: 'PARAMETER_ERROR.INVALID',
          source: { parameter: 'limit' },
        }),
      ],
    });
    expect((await callJson(`${asc.url}/v1/apps?filter[color]=red`, token)).status).toBe(400);

    asc.setBehaviour({ emptyTrailingPage: true });
    const last = await callJson(`${asc.url}/v1/apps?filter[bundleId]=org.other`, token);
    const trailing = await callJson(String((last.body['links'] as { next: string }).next), token);
    expect(trailing.body['data']).toEqual([]);
    expect((trailing.body['links'] as { next?: string }).next).toBeUndefined();

    const app = asc.createApp({ name: 'Inc', bundleId: 'com.inc' });
    const build = asc.seedBuild({ appId: app.id, version: '2.0', buildNumber: '3' });
    const withIncludes = await callJson(
      `${asc.url}/v1/builds/${build.id}?include=preReleaseVersion,app`,
      token,
    );
    const rels = (
      withIncludes.body['data'] as {
        relationships: Record<string, { data?: unknown; links: { related: string } }>;
      }
    ).relationships;
    expect(rels['app']?.data).toEqual({ type: 'apps', id: app.id });
    expect(rels['betaGroups']?.data).toBeUndefined();
    expect(rels['betaGroups']?.links.related).toBe(`${asc.url}/v1/builds/${build.id}/betaGroups`);
    expect((withIncludes.body['included'] as { type: string }[]).map((r) => r.type).sort()).toEqual([
      'apps',
      'preReleaseVersions',
    ]);
    expect((await callJson(`${asc.url}/v1/builds/${build.id}?include=nonsense`, token)).status).toBe(400);
  });

  it('runs build processing as a poll-driven state machine (VALID, FAILED, NEVER)', async () => {
    await using asc = await startAppStoreConnectEmulator({
      behaviour: { buildProcessing: { outcome: 'VALID', afterPolls: 2, afterMs: 0 } },
    });
    const token = signAscToken(asc.createCredentials());
    const app = asc.createApp({ name: 'P', bundleId: 'com.p' });
    const build = asc.seedBuild({ appId: app.id, version: '1.0', buildNumber: '1' });
    const state = async () =>
      ((await callJson(`${asc.url}/v1/builds/${build.id}`, token)).body as Doc).data.attributes[
        'processingState'
      ];
    expect([await state(), await state(), await state()]).toEqual(['PROCESSING', 'PROCESSING', 'VALID']);
    asc.setBehaviour({ buildProcessing: { outcome: 'NEVER', afterPolls: 0, afterMs: 0 } });
    const stuck = asc.seedBuild({ appId: app.id, version: '1.0', buildNumber: '2' });
    for (let i = 0; i < 5; i += 1) await callJson(`${asc.url}/v1/builds/${stuck.id}`, token);
    expect(stuck.attributes['processingState']).toBe('PROCESSING');
    asc.setBuildProcessing(stuck.id, 'INVALID');
    const filtered = await callJson(
      `${asc.url}/v1/builds?filter[app]=${app.id}&filter[processingState]=INVALID`,
      token,
    );
    expect((filtered.body['data'] as { id: string }[]).map((b) => b.id)).toEqual([stuck.id]);
  });

  it('validates the upload flow: duplicates, pre-signed PUTs and checksum mismatch', async () => {
    await using asc = await startAppStoreConnectEmulator({ behaviour: { uploadPartSize: 4 } });
    const token = signAscToken(asc.createCredentials());
    const app = asc.createApp({ name: 'U', bundleId: 'com.u' });
    const reserve = () =>
      callJson(`${asc.url}/v1/buildUploads`, token, 'POST', {
        data: {
          type: 'buildUploads',
          attributes: { cfBundleShortVersionString: '1.0', cfBundleVersion: '5', platform: 'IOS' },
          relationships: { app: { data: { type: 'apps', id: app.id } } },
        },
      });
    const upload = await reserve();
    expect(upload.status).toBe(201);
    expect((await reserve()).body).toEqual({
      errors: [
        expect.objectContaining({
          status: '409',
          code: 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
          source: { pointer: '/data/attributes/cfBundleVersion' },
        }),
      ],
    });
    const missing = await callJson(`${asc.url}/v1/buildUploadFiles`, token, 'POST', {
      data: {
        type: 'buildUploadFiles',
        attributes: { fileName: 'a.ipa', fileSize: 6, uti: 'com.apple.ipa' },
      },
    });
    expect(missing.body).toEqual({
      errors: [
        expect.objectContaining({
          code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
          source: { pointer: '/data/attributes/assetType' },
        }),
      ],
    });
    const file = await callJson(`${asc.url}/v1/buildUploadFiles`, token, 'POST', {
      data: {
        type: 'buildUploadFiles',
        attributes: { fileName: 'a.ipa', fileSize: 6, uti: 'com.apple.ipa', assetType: 'ASSET' },
        relationships: { buildUpload: { data: { type: 'buildUploads', id: (upload.body as Doc).data.id } } },
      },
    });
    const ops = (file.body as Doc).data.attributes['uploadOperations'] as { url: string; length: number }[];
    expect(ops.map((o) => o.length)).toEqual([4, 2]);
    const put = (url: string, body: Buffer, extra: Record<string, string> = {}) =>
      fetch(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', ...extra }, body });
    expect((await put(ops[0]!.url, Buffer.from('abcd'), { authorization: `Bearer ${token}` })).status).toBe(
      403,
    );
    expect((await put(ops[0]!.url, Buffer.from('abc'))).status).toBe(400);
    expect((await put(ops[0]!.url, Buffer.from('abcd'))).status).toBe(200);
    expect((await put(ops[1]!.url, Buffer.from('ef'))).status).toBe(200);
    const fileId = (file.body as Doc).data.id;
    const commit = await callJson(`${asc.url}/v1/buildUploadFiles/${fileId}`, token, 'PATCH', {
      data: {
        type: 'buildUploadFiles',
        id: fileId,
        attributes: {
          uploaded: true,
          sourceFileChecksums: { file: { hash: '0'.repeat(32), algorithm: 'MD5' } },
        },
      },
    });
    expect(((commit.body as Doc).data.attributes['assetDeliveryState'] as { state: string }).state).toBe(
      'FAILED',
    );
    const after = await callJson(`${asc.url}/v1/buildUploads/${(upload.body as Doc).data.id}`, token);
    expect((after.body as Doc).data.attributes['state']).toMatchObject({
      state: 'FAILED',
      errors: [{ code: 'CHECKSUM_MISMATCH' }],
    });
  });

  it('reproduces the documented 409s for testers, versions, phased release and review blockers', async () => {
    await using asc = await startAppStoreConnectEmulator();
    const token = signAscToken(asc.createCredentials());
    const app = asc.createApp({ name: 'S', bundleId: 'com.s' });
    const build = asc.seedBuild({
      appId: app.id,
      version: '1.0',
      buildNumber: '1',
      processingState: 'VALID',
    });
    const post = (path: string, data: unknown) => callJson(`${asc.url}${path}`, token, 'POST', { data });
    const group = (
      (
        await post('/v1/betaGroups', {
          type: 'betaGroups',
          attributes: { name: 'QA' },
          relationships: { app: { data: { type: 'apps', id: app.id } } },
        })
      ).body as Doc
    ).data;
    const tester = (
      (
        await post('/v1/betaTesters', {
          type: 'betaTesters',
          attributes: { email: 'x@example.com' },
          relationships: { betaGroups: { data: [{ type: 'betaGroups', id: group.id }] } },
        })
      ).body as Doc
    ).data;
    const again = await callJson(
      `${asc.url}/v1/betaGroups/${group.id}/relationships/betaTesters`,
      token,
      'POST',
      { data: [{ type: 'betaTesters', id: tester.id }] },
    );
    expect(again.status).toBe(409);
    const badEmail = await post('/v1/betaTesters', {
      type: 'betaTesters',
      attributes: { email: 'nope' },
      relationships: { betaGroups: { data: [{ type: 'betaGroups', id: group.id }] } },
    });
    expect(badEmail.status).toBe(409);

    const version = (attrs: Record<string, unknown>) =>
      post('/v1/appStoreVersions', {
        type: 'appStoreVersions',
        attributes: { platform: 'IOS', ...attrs },
        relationships: { app: { data: { type: 'apps', id: app.id } } },
      });
    const v1 = ((await version({ versionString: '1.0' })).body as Doc).data;
    expect((await version({ versionString: '1.1' })).body).toEqual({
      errors: [
        expect.objectContaining({
          detail: 'You cannot create a new version of the App in the current state.',
          source: { pointer: '/data/relationships/app' },
        }),
      ],
    });

    const submission = (
      (
        await post('/v1/reviewSubmissions', {
          type: 'reviewSubmissions',
          attributes: { platform: 'IOS' },
          relationships: { app: { data: { type: 'apps', id: app.id } } },
        })
      ).body as Doc
    ).data;
    const item = () =>
      post('/v1/reviewSubmissionItems', {
        type: 'reviewSubmissionItems',
        relationships: {
          reviewSubmission: { data: { type: 'reviewSubmissions', id: submission.id } },
          appStoreVersion: { data: { type: 'appStoreVersions', id: v1.id } },
        },
      });
    asc.setBehaviour({
      reviewBlockers: [
        {
          code: 'STATE_ERROR.SCREENSHOT_REQUIRED.APP_IPHONE_65',
          title: 'Screenshots missing',
          detail: 'Add screenshots.',
        },
      ],
    });
    const blocked = await item();
    expect(blocked.body).toEqual({
      errors: [
        expect.objectContaining({
          code: 'STATE_ERROR',
          detail: 'Submit for review errors found.',
          meta: {
            associatedErrors: {
              [`/v1/appStoreVersions/${v1.id}`]: expect.arrayContaining([
                expect.objectContaining({ code: 'STATE_ERROR.SCREENSHOT_REQUIRED.APP_IPHONE_65' }),
              ]),
            },
          },
        }),
      ],
    });
    asc.setBehaviour({ reviewBlockers: [] });
    await callJson(`${asc.url}/v1/appStoreVersions/${v1.id}/relationships/build`, token, 'PATCH', {
      data: { type: 'builds', id: build.id },
    });
    expect((await item()).status).toBe(201);
    const phased = (
      (
        await post('/v1/appStoreVersionPhasedReleases', {
          type: 'appStoreVersionPhasedReleases',
          attributes: { phasedReleaseState: 'INACTIVE' },
          relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: v1.id } } },
        })
      ).body as Doc
    ).data;
    const patchPhased = (state: string) =>
      callJson(`${asc.url}/v1/appStoreVersionPhasedReleases/${phased.id}`, token, 'PATCH', {
        data: {
          type: 'appStoreVersionPhasedReleases',
          id: phased.id,
          attributes: { phasedReleaseState: state },
        },
      });
    expect((await patchPhased('INACTIVE')).body).toEqual({
      errors: [expect.objectContaining({ detail: 'The phased release already has this value' })],
    });

    asc.setBehaviour({ appReview: { outcome: 'MANUAL', afterPolls: 0 } });
    await callJson(`${asc.url}/v1/reviewSubmissions/${submission.id}`, token, 'PATCH', {
      data: { type: 'reviewSubmissions', id: submission.id, attributes: { submitted: true } },
    });
    await callJson(`${asc.url}/v1/reviewSubmissions/${submission.id}`, token);
    const ctl = await fetch(`${asc.url}/__control/reviewSubmissions/${submission.id}/decision`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'APPROVED' }),
    });
    expect(ctl.status).toBe(204);
    const live = (
      await callJson(
        `${asc.url}/v1/apps/${app.id}/appStoreVersions?filter[appStoreState]=READY_FOR_SALE`,
        token,
      )
    ).body['data'] as { id: string }[];
    expect(live.map((v) => v.id)).toEqual([v1.id]);
    expect((await patchPhased('PAUSED')).status).toBe(200);
  });

  it('exposes an HTTP control API for seeding and keys', async () => {
    await using asc = await startAppStoreConnectEmulator();
    const creds = createAscCredentials();
    expect(
      (
        await fetch(`${asc.url}/__control/keys`, {
          method: 'POST',
          body: JSON.stringify({
            keyId: creds.keyId,
            issuerId: creds.issuerId,
            publicKeyPem: creds.publicKeyPem,
          }),
        })
      ).status,
    ).toBe(201);
    const created = await fetch(`${asc.url}/__control/apps`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Ctl', bundleId: 'com.ctl' }),
    });
    const appId = ((await created.json()) as Doc).data.id;
    const token = signAscToken(creds);
    expect(
      ((await callJson(`${asc.url}/v1/apps/${appId}`, token)).body as Doc).data.attributes['bundleId'],
    ).toBe('com.ctl');
    const log = (await (await fetch(`${asc.url}/__control/requests`)).json()) as {
      requests: { path: string; headers: Record<string, string> }[];
    };
    expect(log.requests.map((r) => r.path)).toEqual([`/v1/apps/${appId}`]);
    expect(log.requests[0]?.headers['authorization']).toBe('Bearer <redacted>');
  });
});
