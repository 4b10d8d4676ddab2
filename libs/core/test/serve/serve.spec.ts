import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDeliveryServer, type DeliveryServer, type DeliveryServerOptions } from '../../src/serve';
import { getStatus } from '../../src/control-plane/queries';
import { createFixture, type Fixture } from '../control-plane/fixtures';
import { http, postJson } from './http-client';

const servers: DeliveryServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(f: Fixture, extra: Partial<DeliveryServerOptions> = {}): Promise<DeliveryServer> {
  const s = await startDeliveryServer({ io: f.io, projectDir: f.project, ...extra });
  servers.push(s);
  return s;
}

/** The invite link's path and query, pointed at the test server. */
function landingUrl(s: DeliveryServer, link: string, path = '/i'): string {
  return `${s.url}${path}${new URL(link).search}`;
}

function report(f: Fixture, email: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    delivery_id: f.id,
    recipient_token_id: f.token(email),
    activation_token: f.activationToken(email),
    platform: 'web',
    app_version: '1.0.0',
    ...extra,
  };
}

function expectSafeError(body: string): void {
  expect(body).not.toMatch(/\bat .*\.(js|ts):\d+/);
  expect(body).not.toContain('/tmp');
}

describe('akc deliver serve: health, routing and headers', () => {
  it('GET /healthz answers ok with no-store', async () => {
    const s = await serve(createFixture());
    const r = await http(`${s.url}/healthz`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true });
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('unknown routes are 404 JSON and wrong methods 405 with Allow', async () => {
    const s = await serve(createFixture());
    const nf = await http(`${s.url}/nope`);
    expect(nf.status).toBe(404);
    expect(JSON.parse(nf.body)).toMatchObject({ ok: false, error: { code: 'ENOROUTE' } });
    const m = await http(`${s.url}/healthz`, { method: 'POST' });
    expect(m.status).toBe(405);
    expect(m.headers.allow).toContain('GET');
    const g = await http(`${s.url}/v1/deliveries/x/activation`);
    expect(g.status).toBe(405);
  });

  it('logs only method, path without query, status and duration', async () => {
    const lines: string[] = [];
    const f = createFixture();
    const s = await serve(f, { io: { ...f.io, progress: (l) => lines.push(l) } });
    const link = f.inviteUrl('a@x.com');
    await http(landingUrl(s, link));
    await new Promise((r) => setTimeout(r, 20));
    expect(lines.join('\n')).toMatch(/^serve GET \/i 200 \d+ms$/m);
    expect(lines.join('\n')).not.toContain('akc_sig');
    expect(lines.join('\n')).not.toContain(f.token('a@x.com'));
  });
});

describe('akc deliver serve: invite landing', () => {
  it('records the open once; a replay still works; one evidence row', async () => {
    const f = createFixture();
    const s = await serve(f);
    const link = f.inviteUrl('a@x.com');
    const first = await http(landingUrl(s, link));
    const again = await http(landingUrl(s, link, '/join'));
    const root = await http(landingUrl(s, link, '/'));
    for (const r of [first, again, root]) {
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.body).toContain('Invite accepted');
      expect(r.body).not.toContain('akc_sig');
    }
    const opened = f.store.readLog('evidence').filter((e) => e.evidence_kind === 'invite_opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.payload).toMatchObject({ source: 'serve' });
  });

  it('redirects to the configured install link for the browser platform', async () => {
    const f = createFixture({ platforms: 'web,ios' });
    const s = await serve(f, {
      landing: {
        redirects: { web: 'https://app.example.com/', ios: 'https://testflight.example.com/join/x' },
      },
    });
    const link = f.inviteUrl('a@x.com');
    const ios = await http(landingUrl(s, link), {
      headers: { 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)' },
    });
    expect(ios.status).toBe(302);
    expect(ios.headers.location).toBe('https://testflight.example.com/join/x');
    const web = await http(landingUrl(s, link), {
      headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)' },
    });
    expect(web.status).toBe(303);
    const target = new URL(web.headers.location!);
    expect(`${target.origin}${target.pathname}`).toBe('https://app.example.com/');
    const handoff = new URLSearchParams(target.hash.slice(1));
    expect(handoff.get('akc_did')).toBe(f.id);
    expect(handoff.get('akc_tid')).toBe(f.token('a@x.com'));
    expect(handoff.get('akc_act')).toBe(f.activationToken('a@x.com'));
  });

  it('with a deployed web build redirects to its hosting url, the credential in the fragment', async () => {
    const f = createFixture();
    f.mutate((tx) => {
      const session = tx.get('session');
      session.pipeline.package.outputs = {
        per_platform: {
          web: {
            platform: 'web',
            ok: true,
            artifacts: [{ kind: 'web_bundle', path: '/x/web.tar', bytes: 1, sha256: 'a'.repeat(64) }],
            deploy: { hosting_url: 'https://host.example.com/app?a=1&b="2"', method: 'static' },
          },
        },
      };
      tx.put('session', session);
    });
    const s = await serve(f, { landing: { redirects: { web: 'https://ignored.example.com/' } } });
    const r = await http(landingUrl(s, f.inviteUrl('b@x.com')));
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe(
      `https://host.example.com/app?a=1&b="2"#akc_did=${f.id}&akc_tid=${f.token('b@x.com')}&akc_act=${encodeURIComponent(f.activationToken('b@x.com'))}`,
    );
  });

  it('tampered, expired or malformed links get a 403 page without a stack; nothing recorded', async () => {
    const f = createFixture();
    const s = await serve(f);
    const good = new URL(f.inviteUrl('a@x.com'));
    const sig = good.searchParams.get('akc_sig')!;
    good.searchParams.set('akc_sig', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
    const tampered = await http(landingUrl(s, good.toString()));
    const expired = await http(landingUrl(s, f.inviteUrl('a@x.com', { expiresAt: f.io.now() - 1000 })));
    const missing = await http(`${s.url}/i?akc_did=${f.id}`);
    for (const r of [tampered, expired, missing]) {
      expect(r.status).toBe(403);
      expect(r.body).toContain('Invite not valid');
      expectSafeError(r.body);
    }
    expect(tampered.body).toContain('signature mismatch');
    expect(expired.body).toContain('expired');
    expect(f.store.readLog('evidence').filter((e) => e.evidence_kind === 'invite_opened')).toHaveLength(0);
  });
});

describe('akc deliver serve: activation endpoint', () => {
  it('202 with the recipient status, recorded in the store', async () => {
    const f = createFixture();
    const s = await serve(f);
    const url = `${s.url}/v1/deliveries/${f.id}/activation`;
    const r = await postJson(url, report(f, 'a@x.com', { first_run_at_unix_ms: f.io.now() }));
    expect(r.status).toBe(202);
    expect(JSON.parse(r.body)).toEqual({ ok: true, recipient_status: 'installed' });
    const st = getStatus(f.io, f.project, f.id).session.per_recipient['a@x.com']!;
    expect(st.status).toBe('installed');
    expect(st.platforms.web!.first_run_at_unix_ms).not.toBeNull();
  });

  it('rejects bad JSON, non-objects, oversized bodies and wrong content types with JSON errors', async () => {
    const f = createFixture();
    const s = await serve(f, { maxBodyBytes: 512 });
    const url = `${s.url}/v1/deliveries/${f.id}/activation`;
    const cases: Array<[Promise<{ status: number; body: string }>, number, string]> = [
      [postJson(url, '{"delivery_id":'), 400, 'EJSON'],
      [postJson(url, '[1,2]'), 400, 'EJSON'],
      [postJson(url, 'null'), 400, 'EJSON'],
      [postJson(url, JSON.stringify({ pad: 'x'.repeat(1000) })), 413, 'ETOOLARGE'],
      [postJson(url, report(f, 'a@x.com'), 'text/plain'), 415, 'EMEDIATYPE'],
      [postJson(url, { ...report(f, 'a@x.com'), extra: 1 }), 400, 'EREPORT'],
      [postJson(url, { ...report(f, 'a@x.com'), recipient_token_id: 'nope' }), 400, 'EREPORT'],
    ];
    for (const [pending, status, code] of cases) {
      const r = await pending;
      expect(r.status).toBe(status);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code } });
      expectSafeError(r.body);
    }
  });

  it('403 without a valid activation token; the token may come as a Bearer header', async () => {
    const f = createFixture();
    const s = await serve(f);
    const url = `${s.url}/v1/deliveries/${f.id}/activation`;
    const { activation_token: token, ...bare } = report(f, 'a@x.com', { first_run_at_unix_ms: 1 });
    const forged = String(token).replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    const missing = await postJson(url, bare);
    const bad = await postJson(url, { ...bare, activation_token: forged });
    const foreign = await postJson(url, { ...bare, activation_token: f.activationToken('b@x.com') });
    for (const r of [missing, bad, foreign]) {
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'EACTIVATIONTOKEN' } });
      expectSafeError(r.body);
    }
    expect(f.store.readLog('evidence')).toHaveLength(0);
    const clash = await http(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${forged}` },
      body: JSON.stringify({ ...bare, activation_token: token }),
    });
    expect(clash.status).toBe(400);
    const viaHeader = await http(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${String(token)}` },
      body: JSON.stringify(bare),
    });
    expect(viaHeader.status).toBe(202);
    expect(f.store.readLog('evidence')).toHaveLength(1);
  });

  it('answers 40 concurrent reports each with 202 and records every one', async () => {
    const f = createFixture({ recipients: Array.from({ length: 40 }, (_, i) => `r${i}@x.com`) });
    const s = await serve(f);
    const url = `${s.url}/v1/deliveries/${f.id}/activation`;
    const emails = Array.from({ length: 40 }, (_, i) => `r${i}@x.com`);
    const answers = await Promise.all(
      emails.map((e) => postJson(url, report(f, e, { first_run_at_unix_ms: 1, heartbeat_at_unix_ms: 2 }))),
    );
    expect(answers.map((a) => a.status)).toEqual(emails.map(() => 202));
    const session = f.store.read('session');
    for (const e of emails) {
      expect(session.per_recipient[e]!.platforms.web!.first_run_at_unix_ms).toBe(1);
      expect(session.per_recipient[e]!.platforms.web!.heartbeat_count).toBe(1);
    }
    expect(f.store.readLog('evidence')).toHaveLength(40);
  });

  it('an oversized chunked body is refused with 413', async () => {
    const f = createFixture();
    const s = await serve(f, { maxBodyBytes: 256 });
    const r = await http(`${s.url}/v1/deliveries/${f.id}/activation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      slowBody: (write, end) => {
        write(`{"pad":"${'x'.repeat(300)}`);
        setTimeout(end, 50);
      },
    });
    expect(r.status).toBe(413);
  });

  it('unknown or unsafe delivery ids are 404 without server paths', async () => {
    const f = createFixture();
    const s = await serve(f);
    const r = await postJson(`${s.url}/v1/deliveries/no-such-delivery/activation`, {
      ...report(f, 'a@x.com', { heartbeat_at_unix_ms: f.io.now() }),
      delivery_id: 'no-such-delivery',
    });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toEqual({
      ok: false,
      error: { code: 'ENOTFOUND', message: 'unknown delivery' },
    });
    const bad = await postJson(`${s.url}/v1/deliveries/..%2F..%2Fetc/activation`, {
      delivery_id: '../../etc',
    });
    expect([400, 404]).toContain(bad.status);
    expectSafeError(bad.body);
  });
});

describe('akc deliver serve: timeouts', () => {
  it('a request whose body never finishes is cut off by the request timeout (slowloris)', async () => {
    const f = createFixture();
    const s = await serve(f, { timeouts: { headersMs: 300, requestMs: 500 } });
    const t0 = Date.now();
    const outcome = await http(`${s.url}/v1/deliveries/${f.id}/activation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '100' },
      slowBody: (write) => write('{"delivery_id"'),
    }).then(
      (r) => r.status,
      () => 'closed',
    );
    expect(outcome).toBe(408);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('akc deliver serve: rate limits', () => {
  it('answers 429 with Retry-After once the per-IP bucket is empty', async () => {
    const s = await serve(createFixture(), { rateLimit: { perMinute: 3 } });
    const statuses: number[] = [];
    let last = await http(`${s.url}/healthz`);
    statuses.push(last.status);
    for (let i = 0; i < 3; i++) {
      last = await http(`${s.url}/healthz`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(last.body)).toMatchObject({ ok: false, error: { code: 'ERATELIMIT' } });
  });
});

describe('akc deliver serve: credential hand-off and the hosted web build', () => {
  function packagedWeb(f: Fixture): void {
    const dir = mkdtempSync(join(tmpdir(), 'akc-bundle-'));
    mkdirSync(join(dir, 'site/assets/deep'), { recursive: true });
    writeFileSync(join(dir, 'site/index.html'), '<!doctype html><title>Notes</title><p>hello notes</p>');
    writeFileSync(join(dir, 'site/assets/app.js'), 'console.log(1)');
    writeFileSync(join(dir, `site/assets/deep/${'x'.repeat(120)}.css`), 'p{}');
    const archive = join(dir, 'web.tar');
    execFileSync('tar', ['--format=pax', '-cf', archive, '-C', join(dir, 'site'), '.']);
    const bytes = readFileSync(archive);
    f.mutate((tx) => {
      const session = tx.get('session');
      session.pipeline.package.outputs = {
        per_platform: {
          web: {
            platform: 'web',
            ok: true,
            distribution_ready: true,
            artifacts: [
              {
                kind: 'web_bundle',
                path: archive,
                bytes: bytes.length,
                sha256: createHash('sha256').update(bytes).digest('hex'),
              },
            ],
            deploy: null,
          },
        },
      };
      tx.put('session', session);
    });
  }

  it('hosts the packaged build only to a valid invite holder, via a signed path-scoped cookie', async () => {
    const f = createFixture();
    packagedWeb(f);
    const s = await serve(f);
    const app = `${s.url}/app/${f.id}/`;
    expect((await http(app)).status).toBe(403);
    const landing = await http(landingUrl(s, f.inviteUrl('a@x.com')));
    expect(landing.status).toBe(303);
    const location = new URL(landing.headers.location!, s.url);
    expect(location.pathname).toBe(`/app/${f.id}/`);
    expect(new URLSearchParams(location.hash.slice(1)).get('akc_act')).toBe(f.activationToken('a@x.com'));
    const cookie = String(landing.headers['set-cookie']![0]).split(';')[0]!;
    expect(landing.headers['set-cookie']![0]).toMatch(/HttpOnly; SameSite=Lax/);
    expect(landing.headers['set-cookie']![0]).toContain(`Path=/app/${f.id}/`);

    const page = await http(app, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('hello notes');
    const js = await http(`${app}assets/app.js`, { headers: { Cookie: cookie } });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(
      (await http(`${app}assets/deep/${'x'.repeat(120)}.css`, { headers: { Cookie: cookie } })).status,
    ).toBe(200);
    // SPA route falls back to index.html; a missing asset is 404; traversal never escapes.
    expect((await http(`${app}notes/42`, { headers: { Cookie: cookie } })).body).toContain('hello notes');
    expect((await http(`${app}assets/missing.js`, { headers: { Cookie: cookie } })).status).toBe(404);
    expect((await http(`${app}..%2F..%2Fsecrets.json`, { headers: { Cookie: cookie } })).status).toBe(404);
    // A forged or foreign cookie is refused.
    const forged = cookie.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect((await http(app, { headers: { Cookie: forged } })).status).toBe(403);
    const other = createFixture({ projectDir: f.project });
    expect((await http(`${s.url}/app/${other.id}/`, { headers: { Cookie: cookie } })).status).toBe(403);
  });

  it('refuses to host a build whose archive changed after packaging', async () => {
    const f = createFixture();
    packagedWeb(f);
    const row = (
      f.store.read('session').pipeline.package.outputs as {
        per_platform: { web: { artifacts: Array<{ path: string }> } };
      }
    ).per_platform.web;
    writeFileSync(row.artifacts[0]!.path, 'tampered');
    const s = await serve(f, { landing: { redirects: { web: 'https://fallback.example/' } } });
    const landing = await http(landingUrl(s, f.inviteUrl('a@x.com')));
    // The open is still recorded; the holder goes to the configured web URL instead.
    expect(landing.status).toBe(303);
    expect(landing.headers.location).toMatch(/^https:\/\/fallback\.example\/#akc_did=/);
    expect(landing.headers['set-cookie']).toBeUndefined();
    expect(f.store.readLog('evidence')).toHaveLength(1);
    expect((await http(`${s.url}/app/${f.id}/`)).status).toBe(403);
  });

  it('a mobile recipient gets install and app-link steps; the app link carries the credential; nothing is recorded as a web open', async () => {
    const f = createFixture({ platforms: 'ios' });
    const s = await serve(f, {
      landing: {
        redirects: { ios: 'https://testflight.apple.com/join/ABC' },
        appLinks: { ios: 'notes://akc/activate' },
      },
    });
    const r = await http(landingUrl(s, f.inviteUrl('a@x.com')), {
      headers: { 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toContain('href="https://testflight.apple.com/join/ABC"');
    const href = /id="open-app" href="([^"]+)"/.exec(r.body)![1]!.replace(/&#38;/g, '&');
    const appLink = new URL(href);
    expect(appLink.protocol).toBe('notes:');
    expect(appLink.searchParams.get('akc_act')).toBe(f.activationToken('a@x.com'));
    expect(f.store.readLog('evidence')).toHaveLength(0);
  });

  it('an app link with a dangerous scheme is refused at start', async () => {
    const f = createFixture();
    await expect(serve(f, { landing: { appLinks: { ios: 'javascript:alert(1)' } } })).rejects.toThrow(
      /app link for ios/,
    );
  });

  it('behind a trusted proxy, rate limits apply per X-Forwarded-For client', async () => {
    const f = createFixture();
    const s = await serve(f, { rateLimit: { perMinute: 2 }, trustProxy: true });
    const as = (ip: string) =>
      http(`${s.url}/healthz`, { headers: { 'X-Forwarded-For': `${ip}, 10.0.0.1` } });
    expect((await as('198.51.100.1')).status).toBe(200);
    expect((await as('198.51.100.1')).status).toBe(200);
    expect((await as('198.51.100.1')).status).toBe(429);
    expect((await as('198.51.100.2')).status).toBe(200);
  });
});
