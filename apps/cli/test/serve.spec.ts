import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { akc, RELAXED, tempDir } from './run-cli';
import { serveProcess } from './serve-process';

interface Reply {
  status: number;
  body: string;
}

function http(url: string, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('AKC_') && !k.startsWith('APP_STORE_')) env[k] = v;
  return { ...env, ...RELAXED };
}

describe('akc deliver serve (real process)', () => {
  let child: ChildProcess | null = null;
  jest.setTimeout(30_000);

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('serves health and activation, then exits 0 on SIGTERM with the report recorded', async () => {
    const cwd = tempDir();
    const submitted = akc(
      ['deliver', '--request', 'Beta of notes', '--recipient', 'a@x.com', '--platforms', 'web', '--json'],
      { cwd, env: RELAXED },
    );
    expect(submitted.code).toBe(0);
    const id = (JSON.parse(submitted.stdout) as { delivery_id: string }).delivery_id;
    const before = akc(['deliver', 'status', '--delivery-id', id, '--json'], { cwd, env: RELAXED });
    const session = (
      JSON.parse(before.stdout) as { session: { per_recipient: Record<string, { invite_token_id: string }> } }
    ).session;
    const token = session.per_recipient['a@x.com']!.invite_token_id;
    const link = akc(
      [
        'deliver',
        'activation-link',
        '--delivery-id',
        id,
        '--recipient',
        'a@x.com',
        '--base-url',
        'https://b.example/i',
        '--json',
      ],
      { cwd, env: RELAXED },
    );
    const credential = (JSON.parse(link.stdout) as { activation_token: string }).activation_token;

    const {
      child: proc,
      url,
      port,
    } = await serveProcess.startServe({ cwd, env: childEnv(), stderr: 'pipe' });
    child = proc;
    expect(port).toBeGreaterThan(0);
    expect(url).toBe(`http://127.0.0.1:${port}`);

    const health = await http(`${url}/healthz`);
    expect(health).toEqual({ status: 200, body: '{"ok":true}' });
    const report = JSON.stringify({
      delivery_id: id,
      recipient_token_id: token,
      activation_token: credential,
      platform: 'web',
      app_version: '1.0.0',
      first_run_at_unix_ms: Date.now(),
    });
    const posted = await http(`${url}/v1/deliveries/${id}/activation`, 'POST', report);
    expect(posted.status).toBe(202);

    const exit = serveProcess.exited(proc);
    proc.kill('SIGTERM');
    expect(await exit).toBe(0);

    const after = akc(['deliver', 'status', '--delivery-id', id, '--json'], { cwd, env: RELAXED });
    const row = (
      JSON.parse(after.stdout) as {
        session: {
          per_recipient: Record<string, { platforms: { web: { first_run_at_unix_ms: number | null } } }>;
        };
      }
    ).session.per_recipient['a@x.com']!;
    expect(row.platforms.web.first_run_at_unix_ms).not.toBeNull();
  });
});
