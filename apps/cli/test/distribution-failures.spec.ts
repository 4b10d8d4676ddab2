import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { akc } from './run-cli';
import { fixtureApp, sandboxProject, type SandboxControl } from './sandbox-project';

async function control(url: string, method: string, body?: unknown): Promise<void> {
  const r = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
}

async function uploads(ctl: SandboxControl): Promise<number> {
  const { requests } = (await (await fetch(`${ctl.asc}/__control/requests`)).json()) as {
    requests: Array<{ method: string; path: string }>;
  };
  return requests.filter((r) => r.method === 'POST' && r.path === '/v1/buildUploads').length;
}

function deliver(dir: string, env: Record<string, string>, platforms: string, mode: string) {
  return akc(
    [
      'deliver',
      '--request',
      'Notes',
      '--recipient',
      'dana@example.com',
      '--recipient',
      'lee@example.com',
      '--platforms',
      platforms,
      '--release-mode',
      mode,
      '--package',
      '--execute',
      '--ios-ipa',
      join(dir, 'app.ipa'),
      '--android-aab',
      join(dir, 'app.aab'),
      '--json',
    ],
    { cwd: dir, env },
  );
}

const onlyDelivery = (dir: string) =>
  readdirSync(join(dir, '.akc/delivery')).filter((n) => /^[0-9a-f-]{36}$/.test(n))[0] as string;

describe('distribution failures through the CLI', () => {
  it('processing that never finishes: a bounded wait, a clear resumable state, then resume with one upload', async () => {
    const { dir, env, ctl } = sandboxProject({ 'ios:beta': { max_wait_ms: 1500 } });
    await control(`${ctl.asc}/__control/behaviour`, 'PATCH', {
      buildProcessing: { outcome: 'NEVER', afterPolls: 1, afterMs: 0 },
    });
    const first = deliver(dir, env, 'ios', 'beta');
    expect(first.code).toBe(2);
    const job = JSON.parse(first.stdout).distribution.jobs['ios:beta'];
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/still processing/);
    await control(`${ctl.asc}/__control/behaviour`, 'PATCH', {
      buildProcessing: { outcome: 'VALID', afterPolls: 1, afterMs: 0 },
    });
    const id = onlyDelivery(dir);
    const ids = JSON.parse(readFileSync(join(dir, '.akc/delivery', id, 'provider_state.json'), 'utf8')).lanes[
      'ios:beta'
    ].ledger;
    await control(`${ctl.asc}/__control/builds/${String(ids.build_id)}/processing`, 'POST', {
      state: 'VALID',
    });
    const resumed = akc(['deliver', 'resume', '--delivery-id', id, '--execute', '--json'], { cwd: dir, env });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).jobs['ios:beta'].status).toBe('completed');
    expect(await uploads(ctl)).toBe(1);
  });

  it('invalid credentials: a clear error with the fix, exit 2, nothing invited', async () => {
    const { dir, env, ctl } = sandboxProject();
    await control(`${ctl.asc}/__control/faults`, 'POST', {
      status: 401,
      times: 'always',
      code: 'NOT_AUTHORIZED',
      message: 'Authentication credentials are missing or invalid.',
    });
    const r = deliver(dir, env, 'ios', 'beta');
    expect(r.code).toBe(2);
    const job = JSON.parse(r.stdout).distribution.jobs['ios:beta'];
    expect(job.ok).toBe(false);
    expect(job.error).toMatch(/credential|key|401/i);
    const status = JSON.parse(
      akc(['deliver', 'status', '--delivery-id', onlyDelivery(dir), '--json'], { cwd: dir, env }).stdout,
    );
    expect(status.session.per_recipient['dana@example.com'].status).toBe('pending');
    expect(status.session.distribution_plan).toBeUndefined();
  });

  it('a duplicate versionCode on Google Play is refused with the fix', async () => {
    const { dir, env, ctl } = sandboxProject();
    const sha = createHash('sha256')
      .update(readFileSync(join(dir, 'app.aab')))
      .digest('hex');
    // Another binary already took versionCode 7; ours is read as the same code.
    await control(`${ctl.play}/__control/artifacts`, 'POST', { sha256: sha, versionCode: 7 });
    const first = deliver(dir, env, 'android', 'store');
    expect(first.code).toBe(0);
    // A different binary that carries the same versionCode 7.
    const other = fixtureApp.storedZip(
      'base/manifest/AndroidManifest.xml',
      'another build, same versionCode',
    );
    writeFileSync(join(dir, 'app2.aab'), other);
    await control(`${ctl.play}/__control/artifacts`, 'POST', {
      sha256: createHash('sha256').update(other).digest('hex'),
      versionCode: 7,
    });
    const second = akc(
      [
        'deliver',
        '--request',
        'Notes again',
        '--recipient',
        'dana@example.com',
        '--platforms',
        'android',
        '--release-mode',
        'store',
        '--package',
        '--execute',
        '--android-aab',
        join(dir, 'app2.aab'),
        '--json',
      ],
      { cwd: dir, env },
    );
    expect(second.code).toBe(2);
    expect(JSON.parse(second.stdout).distribution.jobs['android:store'].error).toMatch(
      /versionCode 7 .*already|already .*versionCode/i,
    );
  });

  it('a recipient over the TestFlight tester limit fails alone; the others are invited', async () => {
    const { dir, env, ctl } = sandboxProject();
    await control(`${ctl.asc}/__control/faults`, 'POST', {
      method: 'POST',
      path: '^/v1/betaTesters$',
      status: 409,
      code: 'STATE_ERROR.TESTER_LIMIT_REACHED',
      message: 'The maximum number of testers has been reached.',
    });
    const r = deliver(dir, env, 'ios', 'beta');
    expect(r.code).toBe(2);
    const job = JSON.parse(r.stdout).distribution.jobs['ios:beta'];
    expect(job.status).toBe('partial');
    expect(job.recipients['dana@example.com'].state).toBe('failed');
    expect(job.recipients['dana@example.com'].detail).toMatch(/tester limit/);
    expect(job.recipients['lee@example.com'].state).toBe('invited');
    const status = JSON.parse(
      akc(['deliver', 'status', '--delivery-id', onlyDelivery(dir), '--json'], { cwd: dir, env }).stdout,
    );
    expect(status.session.per_recipient['lee@example.com'].status).toBe('invited');
    expect(status.session.per_recipient['dana@example.com'].status).toBe('pending');
  });
});
