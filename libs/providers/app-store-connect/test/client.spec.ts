import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { AppStoreConnectClient, AscApiError, type RetryEvent } from '../src';
import { ascError, createKey, json, startFakeServer } from './helpers/fake-server';

const key = createKey();
const client = (
  baseUrl: string,
  extra: Partial<ConstructorParameters<typeof AppStoreConnectClient>[0]> = {},
) =>
  new AppStoreConnectClient({
    keyId: 'KEY1234567',
    issuerId: 'iss',
    privateKey: key.privateKey,
    baseUrl,
    baseDelayMs: 1,
    maxDelayMs: 50,
    ...extra,
  });
const app = {
  type: 'apps',
  id: '1',
  attributes: { name: 'A', bundleId: 'com.a', sku: 'a', primaryLocale: 'en-US' },
};

describe('AscHttpClient retries', () => {
  it('honours Retry-After on 429, backs off on 503 and survives a dropped connection', async () => {
    await using server = await startFakeServer([
      (_req, res) => json(res, 429, ascError(429, 'RATE_LIMIT_EXCEEDED'), { 'retry-after': '0.02' }),
      (_req, res) => json(res, 503, ascError(503, 'UNEXPECTED_ERROR')),
      (_req, res) => res.socket?.destroy(),
      (_req, res) => json(res, 200, { data: app }),
    ]);
    const events: RetryEvent[] = [];
    const asc = client(server.url, { onRetry: (e) => events.push(e) });
    expect((await asc.apps.get('1')).attributes.bundleId).toBe('com.a');
    expect(events.map((e) => [e.attempt, e.reason, e.status, e.fromRetryAfter])).toEqual([
      [1, 'rate-limited', 429, true],
      [2, 'server-error', 503, false],
      [3, 'network-error', 0, false],
    ]);
    expect(events[0]?.delayMs).toBe(20);
    expect(server.seen).toHaveLength(4);
  });

  it('gives up after maxAttempts with a typed, retryable AscApiError', async () => {
    await using server = await startFakeServer([
      (_req, res) => json(res, 500, ascError(500, 'UNEXPECTED_ERROR', 'boom')),
    ]);
    const error = (await client(server.url, { maxAttempts: 3 })
      .apps.get('1')
      .catch((e: unknown) => e)) as AscApiError;
    expect(error).toBeInstanceOf(AscApiError);
    expect({
      status: error.status,
      code: error.code,
      detail: error.detail,
      retryable: error.retryable,
    }).toEqual({ status: 500, code: 'UNEXPECTED_ERROR', detail: 'boom', retryable: true });
    expect(server.seen).toHaveLength(3);
  });

  it('does not retry 4xx nor POST on 500, but re-mints the token once on 401', async () => {
    await using conflict = await startFakeServer([
      (_req, res) => json(res, 409, ascError(409, 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE')),
    ]);
    const error = (await client(conflict.url)
      .testflight.createBetaGroup({ appId: '1', name: 'x' })
      .catch((e: unknown) => e)) as AscApiError;
    expect(error.hasCode('ENTITY_ERROR.ATTRIBUTE')).toBe(true);
    expect(error.retryable).toBe(false);
    expect(conflict.seen).toHaveLength(1);

    await using failing = await startFakeServer([
      (_req, res) => json(res, 500, ascError(500, 'UNEXPECTED_ERROR')),
    ]);
    await expect(
      client(failing.url).testflight.createBetaGroup({ appId: '1', name: 'x' }),
    ).rejects.toMatchObject({ status: 500 });
    expect(failing.seen).toHaveLength(1);

    await using expired = await startFakeServer([
      (_req, res) => json(res, 401, ascError(401, 'NOT_AUTHORIZED')),
      (_req, res) => json(res, 200, { data: app }),
    ]);
    await client(expired.url).apps.get('1');
    expect(expired.seen).toHaveLength(2);
  });

  it('maps a non-JSON error page to an AscApiError', async () => {
    await using server = await startFakeServer([
      (_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>Bad gateway</html>');
      },
    ]);
    await expect(client(server.url, { maxAttempts: 1 }).apps.get('1')).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      detail: '<html>Bad gateway</html>',
    });
  });
});

describe('paging and resources', () => {
  it('follows links.next verbatim and stops on an empty trailing page; picks the exact bundle id', async () => {
    const page = (data: object[], next?: string) => (_req: unknown, res: Parameters<typeof json>[0]) =>
      json(res, 200, { data, links: { self: 'x', next } });
    let base = '';
    await using server = await startFakeServer([
      (req, res) =>
        page(
          [{ ...app, id: '2', attributes: { ...app.attributes, bundleId: 'com.a.dev' } }],
          `${base}/v1/apps?cursor=abc&filter[bundleId]=com.a`,
        )(req, res),
      (req, res) => page([app], `${base}/v1/apps?cursor=def`)(req, res),
      (req, res) => page([], `${base}/v1/apps?cursor=never`)(req, res),
    ]);
    base = server.url;
    const found = await client(server.url).apps.findByBundleId('com.a');
    expect(found?.id).toBe('1');
    expect(server.seen.map((s) => s.url)).toEqual([
      '/v1/apps?filter[bundleId]=com.a&limit=200',
      '/v1/apps?cursor=abc&filter[bundleId]=com.a',
      '/v1/apps?cursor=def',
    ]);
    expect(server.seen[0]?.headers.authorization).toMatch(/^Bearer ey/);
  });
});

describe('build upload', () => {
  it('streams parts from disk without the bearer token, retries a failed part and commits the MD5', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asc-up-'));
    const bytes = randomBytes(10_000);
    const file = join(dir, 'App.ipa');
    await writeFile(file, bytes);
    let base = '';
    const ops = () =>
      [0, 1, 2].map((i) => ({
        method: 'PUT',
        url: `${base}/part/${i}`,
        offset: i * 4000,
        length: Math.min(4000, 10_000 - i * 4000),
        requestHeaders: [{ name: 'Content-Type', value: 'application/octet-stream' }],
      }));
    const parts = new Map<string, Buffer>();
    try {
      await using server = await startFakeServer([
        (_req, res) =>
          json(res, 201, {
            data: { type: 'buildUploads', id: 'u1', attributes: { state: { state: 'AWAITING_UPLOAD' } } },
          }),
        (_req, res) =>
          json(res, 201, {
            data: { type: 'buildUploadFiles', id: 'f1', attributes: { uploadOperations: ops() } },
          }),
        (req, res) => {
          parts.set(req.url, req.body);
          json(res, 200, {});
        },
        (_req, res) => json(res, 503, {}),
        (req, res) => {
          parts.set(req.url, req.body);
          json(res, 200, {});
        },
        (req, res) => {
          parts.set(req.url, req.body);
          json(res, 200, {});
        },
        (req, res) =>
          json(res, 200, {
            data: {
              type: 'buildUploadFiles',
              id: 'f1',
              attributes: JSON.parse(req.body.toString()).data.attributes,
            },
          }),
      ]);
      base = server.url;
      const retries: RetryEvent[] = [];
      const progress: number[] = [];
      const result = await client(server.url, { onRetry: (e) => retries.push(e) }).buildUploads.upload({
        appId: '1',
        filePath: file,
        version: '1.0',
        buildNumber: '9',
        onProgress: (sent) => progress.push(sent),
      });
      const md5 = createHash('md5').update(bytes).digest('hex');
      expect(result.md5).toBe(md5);
      expect(Buffer.concat([0, 1, 2].map((i) => parts.get(`/part/${i}`) ?? Buffer.alloc(0)))).toEqual(bytes);
      const puts = server.seen.filter((s) => s.method === 'PUT');
      expect(
        puts.every(
          (p) =>
            p.headers.authorization === undefined && p.headers['content-type'] === 'application/octet-stream',
        ),
      ).toBe(true);
      expect(puts.map((p) => p.headers['content-length'])).toEqual(['4000', '4000', '4000', '2000']);
      expect(retries.map((r) => r.status)).toEqual([503]);
      expect(progress).toEqual([4000, 8000, 10_000]);
      const commit = JSON.parse(server.seen[6]?.body.toString() ?? '{}') as { data: { attributes: object } };
      expect(commit.data.attributes).toEqual({
        uploaded: true,
        sourceFileChecksums: { file: { hash: md5, algorithm: 'MD5' } },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
