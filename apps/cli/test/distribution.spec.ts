import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { akc, BIN } from './run-cli';
import { sandboxProject } from './sandbox-project';

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

async function requests(base: string): Promise<LoggedRequest[]> {
  return ((await (await fetch(`${base}/__control/requests`)).json()) as { requests: LoggedRequest[] })
    .requests;
}

async function fault(base: string, rule: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${base}/__control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  if (r.status !== 201) throw new Error(`fault rejected: ${await r.text()}`);
}

const submitArgs = (dir: string, platforms: string, mode: string) => [
  'deliver',
  '--request',
  'Notes 1.4',
  '--recipient',
  'dana@example.com',
  '--recipient',
  'lee@example.com',
  '--platforms',
  platforms,
  '--release-mode',
  mode,
  '--delivery-version',
  '1.4.0',
  '--package',
  '--ios-ipa',
  join(dir, 'app.ipa'),
  '--android-aab',
  join(dir, 'app.aab'),
  '--json',
];

describe('distribution through the CLI against the sandbox emulators', () => {
  it('both mode: dry run, real beta wave, gate, store wave, refresh to live, verified log', async () => {
    const { dir, env, ctl } = sandboxProject();
    const seeded = (await requests(ctl.asc)).length;
    const dry = JSON.parse(akc(submitArgs(dir, 'web,ios,android', 'both'), { cwd: dir, env }).stdout);
    const id = dry.delivery_id as string;
    expect(dry.journey).toBe('executed_distribution');
    expect(dry.distribution.execute).toBe(false);
    // The dry run called no provider.
    expect(await requests(ctl.asc)).toHaveLength(seeded);

    const beta = akc(['deliver', 'resume', '--delivery-id', id, '--execute', '--json'], { cwd: dir, env });
    expect(beta.code).toBe(0);
    const wave = JSON.parse(beta.stdout);
    for (const job of ['web:beta', 'ios:beta', 'android:beta'])
      expect(wave.jobs[job].status).toBe('completed');
    expect(wave.jobs['ios:beta'].recipients['dana@example.com'].state).toBe('invited');
    const mails = (
      (await (await fetch(`${ctl.smtp}/__control/messages`)).json()) as { messages: Array<{ to: string[] }> }
    ).messages;
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['dana@example.com', 'lee@example.com']);

    // Re-running the finished wave uploads nothing and invites nobody again.
    const before = (await requests(ctl.asc)).length;
    const again = JSON.parse(
      akc(['deliver', 'resume', '--delivery-id', id, '--execute', '--json'], { cwd: dir, env }).stdout,
    );
    expect(again.jobs['web:beta'].recipients['dana@example.com'].state).toBe('already_invited');
    const asc = await requests(ctl.asc);
    expect(asc.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
    expect(asc.filter((r) => r.method === 'POST' && r.path === '/v1/buildUploads')).toHaveLength(1);

    expect(akc(['deliver', 'gate-pass', '--delivery-id', id], { cwd: dir, env }).code).toBe(0);
    const store = akc(['deliver', 'promote', '--delivery-id', id, '--lane', 'store', '--execute', '--json'], {
      cwd: dir,
      env,
    });
    expect(store.code).toBe(0);
    const storeWave = JSON.parse(store.stdout).distribution;
    expect(storeWave.jobs['ios:store'].submitted).toBe(true);
    expect(storeWave.jobs['android:store'].external_refs.user_fraction).toBe(0.2);
    akc(['deliver', 'status', '--delivery-id', id, '--refresh'], { cwd: dir, env });
    const status = JSON.parse(
      akc(['deliver', 'status', '--delivery-id', id, '--refresh', '--json'], { cwd: dir, env }).stdout,
    );
    expect(status.session.store_release.ios.status).toBe('live');
    expect(status.session.store_release.android.status).toBe('live');
    expect(status.metrics.request_to_store_live_ms).not.toBeNull();
    const types = JSON.parse(
      akc(['deliver', 'events', '--delivery-id', id, '--json'], { cwd: dir, env }).stdout,
    ).events.map((e: { event_type: string }) => e.event_type);
    expect(types).toEqual(
      expect.arrayContaining(['delivery.invite.sent', 'delivery.store.submitted', 'delivery.store.live']),
    );
    expect(akc(['deliver', 'verify', '--delivery-id', id], { cwd: dir, env }).code).toBe(0);
    // Invite links are bearer secrets: none is stored in the delivery's files.
    const files = ['session.json', 'provider_state.json', 'events.json']
      .map((f) => readFileSync(join(dir, '.akc/delivery', id, f), 'utf8'))
      .join('');
    expect(files).not.toMatch(/akc_sig=[0-9a-f]{64}/);
  });

  it('a 429 storm and 503s on Google Play succeed after retries', async () => {
    const { dir, env, ctl } = sandboxProject();
    await fault(ctl.play, { method: 'POST', path: '/edits$', status: 429, retryAfter: 1, times: 2 });
    await fault(ctl.play, { path: 'tracks', status: 503, times: 2 });
    const r = akc([...submitArgs(dir, 'android', 'store'), '--execute'], { cwd: dir, env });
    expect(r.stderr).toContain('retry');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).distribution.jobs['android:store'].submitted).toBe(true);
    const faults = (await (await fetch(`${ctl.play}/__control/faults`)).json()) as { injected: number };
    expect(faults.injected).toBe(4);
  });

  it('a wave killed mid-way resumes without a second upload or a duplicate invitation', async () => {
    const { dir, env, ctl } = sandboxProject();
    await fault(ctl.asc, {
      method: 'POST',
      path: '^/v1/betaTesters',
      kind: 'delay',
      delayMs: 4000,
      times: 'always',
    });
    const child = spawn(process.execPath, [BIN, ...submitArgs(dir, 'ios', 'beta'), '--execute'], {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    while (
      Date.now() < deadline &&
      !(await requests(ctl.asc)).some((q) => q.method === 'POST' && q.path === '/v1/betaTesters')
    ) {
      await new Promise((res) => setTimeout(res, 100));
    }
    child.kill('SIGKILL');
    await new Promise((res) => child.on('exit', res));
    await fetch(`${ctl.asc}/__control/faults`, { method: 'DELETE' });
    // The provider still finishes the request that was in flight when the client died.
    await new Promise((res) => setTimeout(res, 4500));
    const listed = readdirSync(join(dir, '.akc/delivery')).filter((n) => /^[0-9a-f-]{36}$/.test(n));
    expect(listed).toHaveLength(1);
    const id = listed[0] as string;
    const resumed = akc(['deliver', 'resume', '--delivery-id', id, '--execute', '--json'], {
      cwd: dir,
      env,
    });
    expect(resumed.code).toBe(0);
    const asc = await requests(ctl.asc);
    expect(asc.filter((q) => q.method === 'POST' && q.path === '/v1/buildUploads')).toHaveLength(1);
    const invites = JSON.parse(resumed.stdout).jobs['ios:beta'].recipients as Record<
      string,
      { state: string }
    >;
    expect(Object.keys(invites).sort()).toEqual(['dana@example.com', 'lee@example.com']);
    for (const r of Object.values(invites)) expect(['invited', 'already_invited']).toContain(r.state);
    // Each tester was created at most once across the killed run and the resume.
    const created = asc.filter((q) => q.method === 'POST' && q.path === '/v1/betaTesters' && q.status < 300);
    expect(created).toHaveLength(2);
    expect(akc(['deliver', 'verify', '--delivery-id', id], { cwd: dir, env }).code).toBe(0);
  });
});
