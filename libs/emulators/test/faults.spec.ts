import { request } from 'node:http';
import { startAppStoreConnectEmulator, startGooglePlayEmulator } from '../src';
import { callJson, signAscToken } from './helpers/asc';

describe('failure injection and lifecycle (shared by every emulator)', () => {
  it('answers 429 with and without Retry-After, 5xx, 401 and HTML 502, counting each', async () => {
    await using asc = await startAppStoreConnectEmulator();
    const token = signAscToken(asc.createCredentials());
    asc.injectFault({ path: '^/v1/apps$', status: 429, retryAfter: 2 });
    asc.injectFault({ path: '^/v1/apps$', status: 429 });
    asc.injectFault({ method: 'GET', path: '^/v1/apps$', status: 503, times: 2 });
    asc.injectFault({ path: '^/v1/apps$', status: 401 });
    asc.injectFault({ path: '^/v1/apps$', status: 502, html: true });
    const results = [];
    for (let i = 0; i < 7; i += 1) {
      const res = await fetch(`${asc.url}/v1/apps`, { headers: { authorization: `Bearer ${token}` } });
      results.push([
        res.status,
        res.headers.get('retry-after'),
        res.headers.get('content-type')?.split(';')[0],
      ]);
    }
    expect(results).toEqual([
      [429, '2', 'application/json'],
      [429, null, 'application/json'],
      [503, null, 'application/json'],
      [503, null, 'application/json'],
      [401, null, 'application/json'],
      [502, null, 'text/html'],
      [200, null, 'application/json'],
    ]);
    expect(asc.faults.injectedCount).toBe(6);
    expect(asc.faults.list().map((f) => f.hits)).toEqual([1, 1, 2, 1, 1]);
    expect(asc.requests.list().filter((r) => r.fault === 'status')).toHaveLength(6);
  });

  it('renders injected faults in the provider envelope (Google for Play)', async () => {
    await using play = await startGooglePlayEmulator();
    play.injectFault({ status: 429, code: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded' });
    const res = await fetch(`${play.url}/androidpublisher/v3/applications/x/edits`, { method: 'POST' });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({
      error: {
        code: 429,
        message: 'Quota exceeded',
        status: 'RESOURCE_EXHAUSTED',
        errors: [{ message: 'Quota exceeded', domain: 'androidpublisher', reason: 'rateLimitExceeded' }],
      },
    });
  });

  it('drops connections and slows responses down', async () => {
    await using asc = await startAppStoreConnectEmulator();
    const token = signAscToken(asc.createCredentials());
    asc.injectFault({ kind: 'drop' });
    await expect(
      fetch(`${asc.url}/v1/apps`, { headers: { authorization: `Bearer ${token}` } }),
    ).rejects.toThrow();
    asc.injectFault({ kind: 'delay', delayMs: 150 });
    const started = Date.now();
    expect((await callJson(`${asc.url}/v1/apps`, token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(asc.requests.list().map((r) => r.fault)).toEqual(['drop', 'delay']);
  });

  it('is driven over HTTP too: POST/GET/DELETE /__control/faults', async () => {
    await using asc = await startAppStoreConnectEmulator();
    const token = signAscToken(asc.createCredentials());
    const added = await fetch(`${asc.url}/__control/faults`, {
      method: 'POST',
      body: JSON.stringify({ status: 500, times: 'always' }),
    });
    expect(added.status).toBe(201);
    expect((await callJson(`${asc.url}/v1/apps`, token)).status).toBe(500);
    expect((await callJson(`${asc.url}/v1/apps`, token)).status).toBe(500);
    const listed = (await (await fetch(`${asc.url}/__control/faults`)).json()) as { injected: number };
    expect(listed.injected).toBe(2);
    expect(
      (
        await fetch(`${asc.url}/__control/faults`, {
          method: 'POST',
          body: JSON.stringify({ kind: 'explode' }),
        })
      ).status,
    ).toBe(400);
    await fetch(`${asc.url}/__control/faults`, { method: 'DELETE' });
    expect((await callJson(`${asc.url}/v1/apps`, token)).status).toBe(200);
  });

  it('closes for real, keep-alive sockets included, and binds to 127.0.0.1 only', async () => {
    const asc = await startAppStoreConnectEmulator();
    expect(asc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = signAscToken(asc.createCredentials());
    const agentResponse = await new Promise<number>((resolve) => {
      const req = request(
        `${asc.url}/v1/apps`,
        { headers: { authorization: `Bearer ${token}`, connection: 'keep-alive' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.end();
    });
    expect(agentResponse).toBe(200);
    const started = Date.now();
    await asc.close();
    await asc.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${asc.url}/v1/apps`)).rejects.toThrow();
  });
});
